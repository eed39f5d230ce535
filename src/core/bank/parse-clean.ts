import * as check from './check-file.generated.js';
import { idOnlyQuestion, toAsks, toGroups, toQuestion } from './normalise.js';
import type { ParsedFile } from './parse.js';
import type { ItemSink } from './simple-yaml.js';
import { FILE_KIND_KEYS, type AskQuestion, type Question, type RawBank, type RawGlossary, type RawQuestion } from './schema.js';

/** How a valid question is kept: in full, or (`banks validate`) by its id and place alone. */
export type Keep = 'questions' | 'ids';

const ID_LINES = /^([ \t]*(?:-[ \t]+)?)id:[ \t]*["']?([a-z0-9-]+)["']?[ \t]*(?:#.*)?$/gm;

/**
 * The fast path for a clean file (its UTF-8 bytes), with `load` reading the YAML (the simple
 * reader, or js-yaml): both read large banks many times faster than the yaml package's document
 * model. They give no source positions beyond where the simple reader saw each question start, so
 * this answers only when the file loads and validates cleanly and every question's place is known
 * (from the reader, or else a line scan for its `id:`); for anything else (errors to locate,
 * anchors, unusual layouts) it gives undefined and `parseBankText` takes the located path.
 * Validity is decided by the check compiled from the schema, so neither zod nor a YAML library
 * is loaded for a clean file (kept apart from `parse.ts` for that).
 */
export function parseCleanBank(src: Buffer, file: string, load: (src: Buffer, sink: ItemSink) => unknown, keep: Keep = 'questions'): ParsedFile | undefined {
  let data: unknown;
  try {
    data = load(src, keep === 'ids' ? keepId : keepQuestion);
  } catch {
    return undefined;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const keys = Object.keys(data);
  const kind = FILE_KIND_KEYS.find((k) => keys.includes(k));
  if (!kind) return undefined;
  if (kind === 'glossary') return check.glossary(data) ? { kind, file, groups: toGroups(data as RawGlossary), issues: [] } : undefined;
  if (kind === 'ask_the_interviewer') return check.ask_the_interviewer(data) ? { kind, file, asks: toAsks((data as { ask_the_interviewer: AskQuestion[] }).ask_the_interviewer), issues: [] } : undefined;

  // The rest of the file is checked around an empty list of questions.
  const bank = data as RawBank;
  if (!Array.isArray(bank.questions) || !check.questions({ ...bank, questions: [] })) return undefined;
  let where: Map<string, { line: number; col: number }> | undefined;
  const questions: Question[] = [];
  for (const [index, item] of (bank.questions as unknown[]).entries()) {
    let q: RawQuestion;
    let pos: { line: number; col: number } | undefined;
    if (item instanceof Reported) {
      q = item.question as RawQuestion;
      pos = item;
    } else {
      // A question the reader did not report (js-yaml read the file, or an unusual layout) is
      // checked here, and placed by a scan for its id line.
      if (!check.question(item)) return undefined;
      q = item as RawQuestion;
      pos = (where ??= idLines(src.toString('utf8'))).get(q.id);
      if (!pos) return undefined;
    }
    const source = { file, line: pos.line, col: pos.col, index };
    questions.push(keep === 'ids' ? idOnlyQuestion(q.id, source) : toQuestion(q, bank.category, source));
  }
  return { kind, file, questions, issues: [] };
}

/**
 * The reader reports each question where it starts: it is checked there and then, and (`ids`)
 * reduced to its id, so a large bank's questions are collected young instead of held to the end.
 * Made once, not a closure for each file: the reader's call to it then always meets the same
 * function, and V8 keeps its compiled code from one file to the next.
 */
const keepQuestion: ItemSink = (item, key, line, col) => (key === 'questions' ? report(item, item as RawQuestion, line, col) : item);
const keepId: ItemSink = (item, key, line, col) => (key === 'questions' ? report(item, { id: (item as RawQuestion).id }, line, col) : item);

function report(item: unknown, kept: { id: string }, line: number, col: number): Reported {
  if (!check.question(item)) throw INVALID;
  return new Reported(kept, line, col);
}

/** A question the reader reported, checked: the question (or, kept by id, just its id) and where it starts. */
class Reported {
  constructor(
    readonly question: { id: string },
    readonly line: number,
    readonly col: number,
  ) {}
}

/** Stops the reader at the first question the check refuses: the located parse takes the file. */
const INVALID = new Error('invalid question');

/** Where each id is first written, found by a line scan. */
function idLines(text: string): Map<string, { line: number; col: number }> {
  const where = new Map<string, { line: number; col: number }>();
  let line = 1;
  let counted = 0;
  for (const m of text.matchAll(ID_LINES)) {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
    counted = m.index;
    if (!where.has(m[2]!)) where.set(m[2]!, { line, col: m[1]!.length + 1 });
  }
  return where;
}
