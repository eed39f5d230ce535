import * as z from 'zod';
import { CATEGORIES } from '../bank/schema.js';
import { UsageError, formatIssue, type Issue } from '../errors.js';
import { RATINGS, SESSION_KINDS, SESSION_STATUSES } from '../model.js';
import { CARD_STATES } from '../scheduling/fsrs.js';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportRecord } from './records.js';

/** The export's schema (its format is described in `records.ts`) and the import's parser. */

const isoDate = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time such as "2026-11-01T09:00:00.000Z"' });
const rating = z.enum(RATINGS);
const text = z.string();
const count = z.number().int().nonnegative();

const draft = z.strictObject({ questionId: text, text, remainingMs: z.number().nonnegative() });

const pointResult = z.strictObject({
  index: count,
  point: text,
  weight: z.number(),
  matched: z.boolean(),
  strength: z.number().min(0).max(1),
  evidence: text,
});
const starPart = z.strictObject({ present: z.boolean(), cue: text });

export const headerRecord = z.strictObject({
  type: z.literal('header'),
  format: z.literal(EXPORT_FORMAT, { message: `must be "${EXPORT_FORMAT}"` }),
  version: z.literal(EXPORT_VERSION, { message: `must be ${EXPORT_VERSION}: this sre-drill reads export version ${EXPORT_VERSION} only` }),
  schema: count,
  exportedAt: isoDate,
});

export const sessionRecord = z.strictObject({
  type: z.literal('session'),
  uid: text.min(1),
  kind: z.enum(SESSION_KINDS),
  options: z.record(z.string(), z.unknown()),
  plan: z.array(text),
  position: count,
  draft: draft.nullable(),
  status: z.enum(SESSION_STATUSES),
  startedAt: isoDate,
  endedAt: isoDate.nullable(),
  updatedAt: isoDate,
});

export const attemptRecord = z.strictObject({
  type: z.literal('attempt'),
  uid: text.min(1),
  sessionUid: text.min(1),
  questionId: text.min(1),
  category: z.enum(CATEGORIES),
  topics: z.array(text),
  prompt: text,
  keyPoints: z.array(z.strictObject({ point: text, accept: z.array(text), weight: z.number() })),
  answer: text,
  points: z.array(pointResult),
  score: z.number().min(0).max(1),
  star: z.strictObject({ situation: starPart, task: starPart, action: starPart, result: starPart }).optional(),
  durationMs: z.number().nonnegative(),
  timeLimit: z.number().nonnegative(),
  overTime: z.boolean(),
  hintsUsed: count,
  skipped: z.boolean(),
  mode: z.enum(['typed', 'pair']),
  notes: text,
  suggestedRating: rating,
  rating: rating.nullable(),
  startedAt: isoDate,
  answeredAt: isoDate,
});

export const reviewRecord = z.strictObject({
  type: z.literal('review'),
  uid: text.min(1),
  attemptUid: text.nullable(),
  questionId: text.min(1),
  suggestedRating: rating.nullable(),
  rating,
  stateBefore: z.enum(CARD_STATES),
  elapsedDays: z.number(),
  scheduledDays: z.number(),
  reviewedAt: isoDate,
  undoneAt: isoDate.nullable(),
});

export const exportRecord = z.discriminatedUnion('type', [headerRecord, sessionRecord, attemptRecord, reviewRecord], {
  message: 'must be an object whose "type" is header, session, attempt or review',
});

/** An import file with located problems, one line each. */
export class ImportFileError extends UsageError {
  constructor(readonly issues: Issue[]) {
    super(issues.length === 1 ? formatIssue(issues[0]!) : `${issues.length} problems in the import file`);
    this.name = 'ImportFileError';
  }
  override lines(): string[] {
    const shown = this.issues.slice(0, 20).map(formatIssue);
    return this.issues.length > 20 ? [...shown, `... and ${this.issues.length - 20} more`] : shown;
  }
}

/**
 * Parses a JSON Lines export (blank lines ignored). Every problem is reported with its line;
 * the first line must be the header and a header with a newer `schema` than `knownSchema` is
 * refused. Pure: the caller reads the file.
 */
export function parseExport(textIn: string, file: string, knownSchema: number): ExportRecord[] {
  const issues: Issue[] = [];
  const records: ExportRecord[] = [];
  const lines = textIn.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const at = (path: string, message: string) => issues.push({ file, line: i + 1, col: 1, path, message });
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      at('', `not JSON: ${(err as Error).message}`);
      continue;
    }
    const r = exportRecord.safeParse(value);
    if (!r.success) {
      for (const e of r.error.issues.slice(0, 3)) at(e.path.join('.'), e.message);
      continue;
    }
    if (records.length === 0 && r.data.type !== 'header') at('type', `the first record must be the export header ({"type":"header","format":"${EXPORT_FORMAT}",...}); is this an sre-drill export?`);
    if (r.data.type === 'header' && r.data.schema > knownSchema) {
      at('schema', `the export comes from a newer sre-drill (store schema ${r.data.schema}; this one knows up to ${knownSchema}); upgrade sre-drill to import it`);
    }
    records.push(r.data);
  }
  if (!records.length && !issues.length) issues.push({ file, line: 1, col: 1, path: '', message: 'the file is empty: expected an sre-drill export (JSON Lines)' });
  if (issues.length) throw new ImportFileError(issues);
  return records;
}
