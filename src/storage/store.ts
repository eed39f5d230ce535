import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { makeDirs } from './dirs.js';
import type { Category, KeyPoint } from '../core/bank/schema.js';
import { SreDrillError, StoreError, UsageError } from '../core/errors.js';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportRecord } from '../core/export/records.js';
import type { PointResult, StarResult } from '../core/grading/types.js';
import type { Attempt, Rating, SessionKind, SessionStatus } from '../core/model.js';
import { checkRetention, DEFAULT_RETENTION, next, retrievability, type CardState, type CardStateName } from '../core/scheduling/fsrs.js';
import type { ReportAttempt, ReportCard } from '../core/report/types.js';
import { queue, DEFAULT_NEW_PER_DAY, type QueueCard, type QueueItem, type QueueQuestion } from '../core/scheduling/queue.js';
import { TOPIC_PULL, updateTopic, type TopicStat } from '../core/scheduling/topics.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

/**
 * The progress store: the only module that speaks SQL. One SQLite file, `<data-dir>/sre-drill.db`,
 * in WAL mode with a busy timeout, so two terminals can drill at once; every write is one
 * immediate transaction. The rest of the program talks to it through the typed methods below.
 */

export const DB_FILE = 'sre-drill.db';
/** How long a writer waits for another process's transaction before giving up. */
export const BUSY_TIMEOUT_MS = 10_000;

export interface StoreOptions {
  /** FSRS desired retention, 0.7..0.99 (default 0.9). */
  retention?: number;
  /** The process id recorded on new sessions (default: this process). */
  pid?: number;
}

/** Where a resumable session stopped: the answer being typed and the time it had left. */
export interface SessionDraft {
  questionId: string;
  text: string;
  remainingMs: number;
}

export interface StoredSession {
  id: number;
  /** Stable across export/import. */
  uid: string;
  kind: SessionKind;
  options: Record<string, unknown>;
  /** Question ids in the order they are asked. */
  plan: string[];
  /** Index in `plan` of the next question to ask. */
  position: number;
  draft: SessionDraft | null;
  status: SessionStatus;
  startedAt: Date;
  endedAt: Date | null;
  updatedAt: Date;
}

export interface NewSession {
  kind: SessionKind;
  options: Record<string, unknown>;
  plan: string[];
  startedAt: Date;
}

export interface Progress {
  position: number;
  draft: SessionDraft | null;
}

export type NewAttempt = Omit<Attempt, 'id'>;

export interface RecordOptions {
  /**
   * The rating to schedule the card with. Omitted: `attempt.rating ?? attempt.suggestedRating`.
   * `null`: keep the attempt without touching the card (e.g. an ungraded practice prompt).
   */
  ratingApplied?: Rating | null;
  /** Session progress to save in the same transaction (resume point after this answer). */
  progress?: Progress;
}

export interface AttemptFilter {
  /** Answered at or after. */
  since?: Date;
  /** Answered before. */
  until?: Date;
  sessionId?: number;
  category?: Category;
  questionId?: string;
}

/** A question's FSRS card with its topics and recall probability at the `now` asked for. */
export interface CardView extends CardState {
  questionId: string;
  topics: string[];
  retrievability: number;
  firstReview: Date;
}

export interface ReviewLogEntry {
  id: number;
  uid: string;
  attemptId: number | null;
  questionId: string;
  suggestedRating: Rating | null;
  rating: Rating;
  stateBefore: CardStateName;
  elapsedDays: number;
  scheduledDays: number;
  reviewedAt: Date;
  /** Set when `undo` took this rating back; the entry itself is kept. */
  undoneAt: Date | null;
}

export interface UndoResult {
  questionId: string;
  rating: Rating;
  reviewedAt: Date;
  /** The card as restored (null: the question is new again). */
  card: CardState | null;
}

export interface Orphan {
  questionId: string;
  attempts: number;
  hasCard: boolean;
  lastAnswered: Date | null;
}

export interface QueueRequest {
  /** The questions in the banks in use; cards of other questions stay out of the queue. */
  questions: readonly QueueQuestion[];
  /** New cards allowed per day (default 10). */
  newPerDay?: number;
  /** The start of the person's day: new cards introduced since then count against the limit. */
  dayStart: Date;
  cram?: boolean;
  limit?: number;
}

export type { ExportRecord };

export interface ImportResult {
  sessions: number;
  attempts: number;
  reviews: number;
}

interface SessionRow {
  id: number;
  uid: string;
  kind: SessionKind;
  options: string;
  plan: string;
  position: number;
  draft: string | null;
  status: SessionStatus;
  started_at: number;
  ended_at: number | null;
  updated_at: number;
  pid: number | null;
}

interface AttemptRow {
  id: number;
  uid: string;
  session_id: number;
  question_id: string;
  category: Category;
  topics: string;
  snapshot_id: number;
  /** From the joined snapshot. */
  prompt: string;
  key_points: string;
  answer: string;
  points: string;
  score: number;
  star: string | null;
  duration_ms: number;
  time_limit: number;
  over_time: number;
  hints_used: number;
  skipped: number;
  mode: 'typed' | 'pair';
  notes: string;
  suggested_rating: Rating;
  rating: Rating | null;
  started_at: number;
  answered_at: number;
}

interface CardRow {
  question_id: string;
  topics: string;
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: CardStateName;
  last_review: number | null;
  first_review: number;
}

interface ReviewRow {
  id: number;
  uid: string;
  attempt_id: number | null;
  question_id: string;
  suggested_rating: Rating | null;
  rating: Rating;
  state_before: CardStateName;
  elapsed_days: number;
  scheduled_days: number;
  reviewed_at: number;
  card_before: string | null;
  undone_at: number | null;
}

const ms = (d: Date) => d.getTime();
const date = (n: number) => new Date(n);
const dateOrNull = (n: number | null) => (n === null ? null : new Date(n));

function cardFromRow(r: CardRow): CardState {
  return {
    due: date(r.due),
    stability: r.stability,
    difficulty: r.difficulty,
    elapsedDays: r.elapsed_days,
    scheduledDays: r.scheduled_days,
    learningSteps: r.learning_steps,
    reps: r.reps,
    lapses: r.lapses,
    state: r.state,
    lastReview: dateOrNull(r.last_review),
  };
}

/** A card as JSON for `review_log.card_before` (dates as epoch ms). */
function cardJson(c: CardState): string {
  return JSON.stringify({ ...c, due: ms(c.due), lastReview: c.lastReview ? ms(c.lastReview) : null });
}
function cardFromJson(text: string): CardState {
  const o = JSON.parse(text) as Omit<CardState, 'due' | 'lastReview'> & { due: number; lastReview: number | null };
  return { ...o, due: date(o.due), lastReview: dateOrNull(o.lastReview) };
}

function sessionFromRow(r: SessionRow): StoredSession {
  return {
    id: r.id,
    uid: r.uid,
    kind: r.kind,
    options: JSON.parse(r.options) as Record<string, unknown>,
    plan: JSON.parse(r.plan) as string[],
    position: r.position,
    draft: r.draft === null ? null : (JSON.parse(r.draft) as SessionDraft),
    status: r.status,
    startedAt: date(r.started_at),
    endedAt: dateOrNull(r.ended_at),
    updatedAt: date(r.updated_at),
  };
}

/**
 * Point results are kept compact, as `[index, weight, matched, strength, evidence]`, with the
 * point's text only when it differs from the snapshot's key point: the text is already there.
 */
type StoredPoint = [number, number, 0 | 1, number, string] | [number, number, 0 | 1, number, string, string];

function packPoints(points: readonly PointResult[], keyPoints: readonly KeyPoint[]): string {
  return JSON.stringify(
    points.map((p): StoredPoint => {
      const base: StoredPoint = [p.index, p.weight, p.matched ? 1 : 0, p.strength, p.evidence];
      return keyPoints[p.index]?.point === p.point ? base : [...base, p.point] as StoredPoint;
    }),
  );
}

function unpackPoints(text: string, keyPoints: readonly KeyPoint[]): PointResult[] {
  return (JSON.parse(text) as StoredPoint[]).map((p) => ({
    index: p[0],
    point: p.length === 6 ? p[5] : (keyPoints[p[0]]?.point ?? ''),
    weight: p[1],
    matched: p[2] === 1,
    strength: p[3],
    evidence: p[4],
  }));
}

/** The WHERE clause (with its leading space, or empty) and parameters for an attempt filter. */
function attemptsWhere(filter: AttemptFilter, table: 'a.' | ''): { where: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.since) (where.push('answered_at >= ?'), params.push(ms(filter.since)));
  if (filter.until) (where.push('answered_at < ?'), params.push(ms(filter.until)));
  if (filter.sessionId !== undefined) (where.push('session_id = ?'), params.push(filter.sessionId));
  if (filter.category) (where.push('category = ?'), params.push(filter.category));
  if (filter.questionId) (where.push('question_id = ?'), params.push(filter.questionId));
  return { where: where.length ? ` WHERE ${where.map((w) => table + w).join(' AND ')}` : '', params };
}

/**
 * The attempt columns a report reads (`reportInput`), as an array: not the answer text, and of
 * the point results only whether there are any. The question id comes from the snapshot.
 */
const REPORT_COLUMNS = `id, session_id, category, topics, snapshot_id, score, star, duration_ms, time_limit, over_time | (skipped << 1) | ((points <> '[]') << 2), started_at, answered_at`;
type ReportColumns = [
  id: number,
  sessionId: number,
  category: Category,
  topics: string,
  snapshotId: number,
  score: number,
  star: string | null,
  durationMs: number,
  timeLimit: number,
  /** 1: over time, 2: skipped, 4: has point results. */
  flags: number,
  startedAt: number,
  answeredAt: number,
];

/** The question as asked, shared by the report rows of one snapshot. */
interface Asked {
  questionId: string;
  prompt: string;
  keyPoints: readonly KeyPoint[];
}

/**
 * An attempt as a report reads it: one object per row, its dates made when asked for. A year of
 * practice is 100,000 of them, and every object kept (a Date is one) costs the collector.
 */
class ReportRow implements ReportAttempt {
  readonly id: number;
  readonly sessionId: number;
  readonly questionId: string;
  readonly category: Category;
  readonly score: number;
  readonly durationMs: number;
  readonly timeLimit: number;
  readonly overTime: boolean;
  readonly skipped: boolean;
  readonly hasPoints: boolean;
  private readonly startedMs: number;
  private readonly answeredMs: number;
  private loadedPoints: readonly PointResult[] | undefined = undefined;

  constructor(
    r: ReportColumns,
    readonly topics: readonly string[],
    private readonly asked: Asked,
    readonly star: StarResult | undefined,
    /** The stored point results of an attempt, by id: read only for the answers the report quotes. */
    private readonly readPoints: (id: number) => string,
  ) {
    this.id = r[0];
    this.sessionId = r[1];
    this.questionId = asked.questionId;
    this.category = r[2];
    this.score = r[5];
    this.durationMs = r[7];
    this.timeLimit = r[8];
    this.overTime = (r[9] & 1) !== 0;
    this.skipped = (r[9] & 2) !== 0;
    this.hasPoints = (r[9] & 4) !== 0;
    this.startedMs = r[10];
    this.answeredMs = r[11];
  }

  get prompt(): string {
    return this.asked.prompt;
  }
  get keyPoints(): readonly KeyPoint[] {
    return this.asked.keyPoints;
  }
  get startedAt(): Date {
    return date(this.startedMs);
  }
  get answeredAt(): Date {
    return date(this.answeredMs);
  }
  /** Read from the store the first time it is asked for (the store must still be open). */
  get points(): readonly PointResult[] {
    return (this.loadedPoints ??= this.hasPoints ? unpackPoints(this.readPoints(this.id), this.keyPoints) : []);
  }
}

function exportHeader(now: Date): ExportRecord {
  return { type: 'header', format: EXPORT_FORMAT, version: EXPORT_VERSION, schema: SCHEMA_VERSION, exportedAt: now.toISOString() };
}

/** Attempts with the question as asked, from its snapshot. */
const ATTEMPT_SELECT = `SELECT a.*, s.prompt AS prompt, s.key_points AS key_points FROM attempts a JOIN snapshots s ON s.id = a.snapshot_id`;

function attemptFromRow(r: AttemptRow, keyPointsCache?: Map<number, KeyPoint[]>): Attempt {
  let keyPoints = keyPointsCache?.get(r.snapshot_id);
  if (!keyPoints) {
    keyPoints = JSON.parse(r.key_points) as KeyPoint[];
    keyPointsCache?.set(r.snapshot_id, keyPoints);
  }
  const a: Attempt = {
    id: r.id,
    sessionId: r.session_id,
    questionId: r.question_id,
    category: r.category,
    topics: JSON.parse(r.topics) as string[],
    prompt: r.prompt,
    keyPoints,
    answer: r.answer,
    points: unpackPoints(r.points, keyPoints),
    score: r.score,
    durationMs: r.duration_ms,
    timeLimit: r.time_limit,
    overTime: r.over_time === 1,
    hintsUsed: r.hints_used,
    skipped: r.skipped === 1,
    mode: r.mode,
    notes: r.notes,
    suggestedRating: r.suggested_rating,
    rating: r.rating,
    startedAt: date(r.started_at),
    answeredAt: date(r.answered_at),
  };
  if (r.star !== null) a.star = JSON.parse(r.star) as StarResult;
  return a;
}

/** A snapshot's parts as JSON text, made once per snapshot during an export. */
interface SnapshotJson {
  /** `"prompt":…,"keyPoints":…` */
  asked: string;
  /** Each key point's text as a JSON string, by index. */
  points: string[];
}

const json = JSON.stringify;

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const DAY_MS = 86_400_000;
/** 1970-01-01 up to the end of 9999: where toISOString writes `YYYY-MM-DDTHH:MM:SS.mmmZ`. */
const ISO_PLAIN_UNTIL = 253_402_300_800_000;

/**
 * `new Date(t).toISOString()` for epoch ms, with each day's date part made once: an export writes
 * a few hundred thousand of them. Other times (before 1970, after 9999, fractions) go the long way.
 * (It returns a rope: fine inside an export line, slow to hand to JSON.stringify.)
 */
function isoWriter(): (t: number) => string {
  const days = new Map<number, string>();
  return (t) => {
    if (!(t >= 0 && t < ISO_PLAIN_UNTIL && Number.isInteger(t))) return new Date(t).toISOString();
    const day = Math.floor(t / DAY_MS);
    let date = days.get(day);
    if (date === undefined) days.set(day, (date = new Date(day * DAY_MS).toISOString().slice(0, 11)));
    let rest = t - day * DAY_MS;
    const ms = rest % 1000;
    rest = (rest - ms) / 1000;
    const sec = rest % 60;
    rest = (rest - sec) / 60;
    const min = rest % 60;
    return `${date}${TWO_DIGITS[(rest - min) / 60]}:${TWO_DIGITS[min]}:${TWO_DIGITS[sec]}.${THREE_DIGITS[ms]}Z`;
  };
}

/** Where the JSON string starting at `start` (its opening quote) ends: just past its closing quote. */
function stringEnd(text: string, start: number): number {
  for (let k = start + 1; ; ) {
    const quote = text.indexOf('"', k);
    let b = quote - 1;
    while (text.charCodeAt(b) === 92 /* \ */) b--;
    // An even run of backslashes before the quote escapes only itself.
    if ((quote - 1 - b) % 2 === 0) return quote + 1;
    k = quote + 1;
  }
}

/**
 * Stored point results (see `packPoints`: JSON.stringify of `[index, weight, 0|1, strength,
 * evidence(, point)]` arrays) as the export's point objects, without their brackets. The numbers
 * and strings are copied as JSON.stringify wrote them, not parsed and written again.
 */
function pointsJson(stored: string, keyPoints: readonly string[]): string {
  let out = '';
  for (let i = 1; stored.charCodeAt(i) === 91 /* [ */; ) {
    // Numbers written by JSON.stringify hold no comma.
    const c1 = stored.indexOf(',', i);
    const c2 = stored.indexOf(',', c1 + 1);
    const c3 = stored.indexOf(',', c2 + 1);
    const c4 = stored.indexOf(',', c3 + 1);
    const index = stored.slice(i + 1, c1);
    const evidenceEnd = stringEnd(stored, c4 + 1);
    let end = evidenceEnd;
    let point: string;
    if (stored.charCodeAt(evidenceEnd) === 44 /* , */) point = stored.slice(evidenceEnd + 1, (end = stringEnd(stored, evidenceEnd + 1)));
    else point = keyPoints[Number(index)] ?? '""';
    out +=
      `${i > 1 ? ',' : ''}{"index":${index},"point":${point},"weight":${stored.slice(c1 + 1, c2)},"matched":${stored.charCodeAt(c2 + 1) === 49 /* 1 */},` +
      `"strength":${stored.slice(c3 + 1, c4)},"evidence":${stored.slice(c4 + 1, evidenceEnd)}}`;
    i = end + 2; // past `],` or `]]`
  }
  return out;
}

/**
 * The attempt columns an export line needs. Text comes JSON-quoted by SQLite's json_quote, which
 * writes what JSON.stringify writes for any text the store holds (a test checks it): escaping
 * answers in C while the row is read is cheaper than in JavaScript after.
 */
const ATTEMPT_LINE_COLUMNS =
  `id, session_id, snapshot_id, json_quote(uid), json_quote(question_id) || ',"category":' || json_quote(category) || ',"topics":' || topics, ` +
  'json_quote(answer), points, score, star, duration_ms, time_limit, over_time, hints_used, skipped, ' +
  `json_quote(mode) || ',"notes":' || json_quote(notes) || ',"suggestedRating":' || json_quote(suggested_rating) || ',"rating":' || json_quote(rating), started_at, answered_at`;
/**
 * A row of ATTEMPT_LINE_COLUMNS, read as an array; `…Json` are JSON text. Runs of text fields are
 * joined in SQL with their keys between them: every string read costs, the joins in SQLite hardly.
 */
type AttemptLineRow = [
  id: number,
  sessionId: number,
  snapshotId: number,
  uidJson: string,
  /** `questionId`, `"category":…,"topics":…` */
  questionToTopicsJson: string,
  answerJson: string,
  points: string,
  score: number,
  starJson: string | null,
  durationMs: number,
  timeLimit: number,
  overTime: number,
  hintsUsed: number,
  skipped: number,
  /** `mode`, `"notes":…,"suggestedRating":…,"rating":…` */
  modeToRatingJson: string,
  startedAt: number,
  answeredAt: number,
];

/** An attempt's export record as a JSON line, built from the stored JSON (same content as `attemptFromRow`). */
function attemptLine(r: AttemptLineRow, snap: SnapshotJson, sessionUidJson: string, iso: (t: number) => string): string {
  return (
    `{"type":"attempt","uid":${r[3]},"sessionUid":${sessionUidJson},"questionId":${r[4]},${snap.asked},"answer":${r[5]},` +
    `"points":[${pointsJson(r[6], snap.points)}],"score":${r[7]},${r[8] === null ? '' : `"star":${r[8]},`}"durationMs":${r[9]},"timeLimit":${r[10]},` +
    `"overTime":${r[11] === 1},"hintsUsed":${r[12]},"skipped":${r[13] === 1},"mode":${r[14]},"startedAt":"${iso(r[15])}","answeredAt":"${iso(r[16])}"}`
  );
}

function reviewFromRow(r: ReviewRow): ReviewLogEntry {
  return {
    id: r.id,
    uid: r.uid,
    attemptId: r.attempt_id,
    questionId: r.question_id,
    suggestedRating: r.suggested_rating,
    rating: r.rating,
    stateBefore: r.state_before,
    elapsedDays: r.elapsed_days,
    scheduledDays: r.scheduled_days,
    reviewedAt: date(r.reviewed_at),
    undoneAt: dateOrNull(r.undone_at),
  };
}

/** Whether a process with this id is running on this machine. */
function alive(pid: number | null): boolean {
  if (pid === null) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const BACKUP_ADVICE = 'restore it from a backup, or move it aside to start afresh (sre-drill never overwrites it)';

/** Turns SQLite and file-system failures into one clear line naming the file. */
function storeError(err: unknown, path: string, doing: string): SreDrillError {
  if (err instanceof SreDrillError) return err;
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'SQLITE_NOTADB':
      return new StoreError(`${path} is not an sre-drill database (${e.message}); ${BACKUP_ADVICE}`);
    case 'SQLITE_CORRUPT':
    case 'SQLITE_CORRUPT_INDEX':
    case 'SQLITE_CORRUPT_SEQUENCE':
    case 'SQLITE_CORRUPT_VTAB':
      return new StoreError(`${path} is damaged (${e.message}); ${BACKUP_ADVICE}`);
    case 'SQLITE_READONLY':
    case 'SQLITE_READONLY_DIRECTORY':
    case 'SQLITE_READONLY_DBMOVED':
    case 'SQLITE_CANTOPEN':
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new StoreError(`cannot write ${path} while ${doing}: permission denied or read-only file system; choose a writable folder with --data-dir or SRE_DRILL_HOME`);
    case 'SQLITE_BUSY':
    case 'SQLITE_BUSY_SNAPSHOT':
    case 'SQLITE_LOCKED':
      return new StoreError(`${path} stayed locked by another sre-drill for ${BUSY_TIMEOUT_MS / 1000} s while ${doing}; try again when it has finished`);
    case 'SQLITE_FULL':
    case 'ENOSPC':
      return new StoreError(`the disk holding ${path} is full while ${doing}; free some space and try again`);
    default:
      return new StoreError(`${path}: ${doing} failed: ${e.message ?? String(err)}`);
  }
}

/** Makes the data folder (and missing parents) and checks it can be written. */
function prepareFolder(dir: string): void {
  let st;
  try {
    st = statSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && (err as NodeJS.ErrnoException).code !== 'ENOTDIR') throw storeError(err, dir, 'reading the data folder');
  }
  if (st && !st.isDirectory()) throw new StoreError(`the data folder ${dir} is a file, not a folder; pass a folder with --data-dir or SRE_DRILL_HOME`);
  if (!st) {
    try {
      makeDirs(dir);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ENOTDIR' || e.code === 'EEXIST') {
        throw new StoreError(`cannot create the data folder ${dir}: a part of its path is a file, not a folder; pass another folder with --data-dir or SRE_DRILL_HOME`);
      }
      if (e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS') {
        throw new StoreError(`cannot create the data folder ${dir}: ${dirname(dir)} is not writable (${e.code}); pass a writable folder with --data-dir or SRE_DRILL_HOME`);
      }
      throw storeError(err, dir, 'creating the data folder');
    }
  }
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch {
    throw new StoreError(`the data folder ${dir} is read-only; make it writable or pass another folder with --data-dir or SRE_DRILL_HOME`);
  }
}

/**
 * better-sqlite3's compiled addon, found by its path (its JavaScript is bundled into dist/, the
 * addon stays in node_modules). The package's own lookup, the `bindings` package, reads a stack
 * trace and tries a dozen paths (~3 ms), and from inside the bundle it would look in the wrong
 * package; so a missing addon is a clear error instead.
 */
function sqliteAddon(): string {
  const require = createRequire(import.meta.url);
  for (const build of ['Release', 'Debug']) {
    try {
      return require.resolve(`better-sqlite3/build/${build}/better_sqlite3.node`);
    } catch {
      // the next build
    }
  }
  throw new StoreError("better-sqlite3's compiled addon is missing (node_modules/better-sqlite3/build); run `npm rebuild better-sqlite3`");
}

/**
 * Opens (creating if needed) the store in `dataDir`: makes missing folders, switches on WAL,
 * the busy timeout and foreign keys, applies pending migrations, and marks sessions left
 * `running` by a process that no longer exists as `interrupted`.
 * Refuses, untouched: a database written by a newer sre-drill, a file that is not a database, a
 * database that fails `PRAGMA quick_check`. Throws StoreError (exit 1) with one clear line.
 */
export function openStore(dataDir: string, opts: StoreOptions = {}): Store {
  checkRetention(opts.retention ?? DEFAULT_RETENTION);
  const dir = resolve(dataDir);
  prepareFolder(dir);
  const path = join(dir, DB_FILE);
  try {
    if (statSync(path).isDirectory()) throw new StoreError(`${path} is a folder, not a database file; move it aside or pass another --data-dir`);
  } catch (err) {
    if (err instanceof StoreError) throw err;
  }
  const check = needsQuickCheck(path);
  let db: Database.Database;
  try {
    db = new Database(path, { nativeBinding: sqliteAddon() });
  } catch (err) {
    throw storeError(err, path, 'opening the database');
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Reading the header first: a file that is not a database fails here, before any write. One
    // read transaction, so a migration committed by another process meanwhile is seen whole.
    const [version, objects] = db.transaction((): [number, number] => [
      db.pragma('user_version', { simple: true }) as number,
      (db.prepare(`SELECT count(*) AS n FROM sqlite_master`).get() as { n: number }).n,
    ])();
    if (version > SCHEMA_VERSION) {
      throw new StoreError(
        `${path} has schema version ${version}, but this sre-drill knows versions up to ${SCHEMA_VERSION}; upgrade sre-drill (the database was left untouched)`,
      );
    }
    if (version === 0 && objects > 0) {
      throw new StoreError(`${path} is an SQLite database of some other program, not an sre-drill one; move it aside or pass another --data-dir (it was left untouched)`);
    }
    if (version > 0 && check) {
      const result = db.pragma('quick_check', { simple: true }) as string;
      if (result !== 'ok') throw new StoreError(`${path} is damaged (quick_check: ${result}); ${BACKUP_ADVICE}`);
    }
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL keeps every committed transaction across a killed process; only a power
    // cut can lose the last few, and never corrupts the file.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    if (version < SCHEMA_VERSION) migrate(db);
    return new Store(db, path, opts);
  } catch (err) {
    db.close();
    throw storeError(err, path, 'opening the database');
  }
}

/**
 * Databases up to this size (some 5,000 attempts) get `PRAGMA quick_check` on every open: it
 * reads the whole file, a few milliseconds here, and start-up has to stay quick beyond that.
 */
export const QUICK_CHECK_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Whether opening should run `PRAGMA quick_check`: always for a database of up to
 * QUICK_CHECK_MAX_BYTES, and for a larger one when a write-ahead log is left over (the last
 * process did not close it: killed, crashed, or still running). A large database closed
 * cleanly skips it (it takes seconds at 100,000 attempts); damage found
 * later by any query is still reported as damage, never written over.
 */
function needsQuickCheck(path: string): boolean {
  try {
    if (statSync(path).size <= QUICK_CHECK_MAX_BYTES) return true;
  } catch {
    return false;
  }
  try {
    return statSync(`${path}-wal`).size > 0;
  } catch {
    return false;
  }
}

function migrate(db: Database.Database): void {
  db.transaction(() => {
    // Re-read inside the write lock: another process may have migrated meanwhile.
    const version = db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < SCHEMA_VERSION; v++) {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}

export class Store {
  readonly retention: number;
  private readonly pid: number;
  private readonly statements = new Map<string, Database.Statement>();

  /** Use `openStore`. */
  constructor(
    private readonly db: Database.Database,
    /** The database file. */
    readonly path: string,
    opts: StoreOptions = {},
  ) {
    this.retention = checkRetention(opts.retention ?? DEFAULT_RETENTION);
    this.pid = opts.pid ?? process.pid;
    this.recoverAbandoned();
  }

  private sql<T = unknown>(text: string): Database.Statement<unknown[], T> {
    let s = this.statements.get(text);
    if (!s) this.statements.set(text, (s = this.db.prepare(text)));
    return s as Database.Statement<unknown[], T>;
  }

  /** Runs `fn` in one immediate (write-locking) transaction, mapping SQLite errors to StoreError. */
  private write<T>(doing: string, fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (err) {
      throw storeError(err, this.path, doing);
    }
  }

  /** Reads in one transaction, so several queries see the same state of the file. */
  private snapshot<T>(doing: string, fn: () => T): T {
    return this.read(doing, () => this.db.transaction(fn).deferred());
  }

  private read<T>(doing: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw storeError(err, this.path, doing);
    }
  }

  /** The schema version of the open database. */
  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** Closes the database (checkpointing the WAL). Safe to call twice. */
  close(): void {
    if (this.db.open) this.db.close();
  }

  /** `PRAGMA quick_check`: 'ok' or the problems found. */
  quickCheck(): string {
    return this.read('checking the database', () => (this.db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check).join('; '));
  }

  /**
   * Sessions still `running` whose process has gone (killed, crashed, terminal closed) become
   * `interrupted`, ended at their last save. Runs on every open.
   */
  private recoverAbandoned(): void {
    const running = this.read('reading sessions', () => this.sql<{ id: number; pid: number | null }>(`SELECT id, pid FROM sessions WHERE status = 'running'`).all());
    const dead = running.filter((r) => !alive(r.pid));
    if (!dead.length) return;
    this.write('marking abandoned sessions interrupted', () => {
      for (const r of dead) this.sql(`UPDATE sessions SET status = 'interrupted', ended_at = updated_at WHERE id = ? AND status = 'running'`).run(r.id);
    });
  }

  // ── sessions ──────────────────────────────────────────────────────────────

  /** Starts a session (status `running`, position 0); returns its id. */
  startSession(s: NewSession): number {
    return this.write('starting a session', () => {
      const r = this.sql(
        `INSERT INTO sessions (uid, kind, options, plan, position, draft, status, started_at, updated_at, pid)
         VALUES (?, ?, ?, ?, 0, NULL, 'running', ?, ?, ?)`,
      ).run(randomUUID(), s.kind, JSON.stringify(s.options), JSON.stringify(s.plan), ms(s.startedAt), ms(s.startedAt), this.pid);
      return Number(r.lastInsertRowid);
    });
  }

  /** Saves where a session is (next question index and the answer being typed), for resume. */
  saveProgress(sessionId: number, progress: Progress, at?: Date): void {
    this.write('saving session progress', () => this.saveProgressIn(sessionId, progress, at));
  }

  private saveProgressIn(sessionId: number, p: Progress, at?: Date): void {
    const r = this.sql(`UPDATE sessions SET position = ?, draft = ?, updated_at = COALESCE(?, updated_at) WHERE id = ?`).run(
      p.position,
      p.draft ? JSON.stringify(p.draft) : null,
      at ? ms(at) : null,
      sessionId,
    );
    if (r.changes === 0) throw new StoreError(`no session ${sessionId} in ${this.path}`);
  }

  /** Ends a session as `finished` or `interrupted` (the draft is kept for an interrupted one). */
  finishSession(sessionId: number, status: 'finished' | 'interrupted', endedAt: Date): void {
    this.write('ending a session', () => {
      const r = this.sql(`UPDATE sessions SET status = ?, ended_at = ?, updated_at = ?, draft = CASE WHEN ? = 'finished' THEN NULL ELSE draft END WHERE id = ?`).run(
        status,
        ms(endedAt),
        ms(endedAt),
        status,
        sessionId,
      );
      if (r.changes === 0) throw new StoreError(`no session ${sessionId} in ${this.path}`);
    });
  }

  /** Marks an interrupted session `running` again, owned by this process, to continue it. */
  resumeSession(sessionId: number, at: Date): StoredSession {
    return this.write('resuming a session', () => {
      this.sql(`UPDATE sessions SET status = 'running', ended_at = NULL, updated_at = ?, pid = ? WHERE id = ?`).run(ms(at), this.pid, sessionId);
      const s = this.sql<SessionRow>(`SELECT * FROM sessions WHERE id = ?`).get(sessionId);
      if (!s) throw new StoreError(`no session ${sessionId} in ${this.path}`);
      return sessionFromRow(s);
    });
  }

  /** The most recent interrupted session with questions left (plan, position and draft), or null. */
  lastInterruptedSession(): StoredSession | null {
    return this.read('reading sessions', () => {
      const rows = this.sql<SessionRow>(`SELECT * FROM sessions WHERE status = 'interrupted' ORDER BY started_at DESC, id DESC LIMIT 20`).all();
      const s = rows.map(sessionFromRow).find((x) => x.position < x.plan.length || x.draft !== null);
      return s ?? null;
    });
  }

  /** One session, or null. */
  getSession(sessionId: number): StoredSession | null {
    return this.read('reading a session', () => {
      const r = this.sql<SessionRow>(`SELECT * FROM sessions WHERE id = ?`).get(sessionId);
      return r ? sessionFromRow(r) : null;
    });
  }

  /** Sessions started at or after `since` (all when omitted), oldest first. */
  listSessions(filter: { since?: Date } = {}): StoredSession[] {
    return this.read('reading sessions', () =>
      this.sql<SessionRow>(`SELECT * FROM sessions WHERE started_at >= ? ORDER BY started_at, id`).all(filter.since ? ms(filter.since) : Number.MIN_SAFE_INTEGER).map(sessionFromRow),
    );
  }

  // ── attempts ──────────────────────────────────────────────────────────────

  /**
   * Keeps one attempt and, in the same transaction: updates its topics' weakness, schedules the
   * question's card with the rating (see `RecordOptions.ratingApplied`) and appends the review log
   * (suggested and chosen rating), and saves the session's progress when given. Returns its id.
   */
  recordAttempt(attempt: NewAttempt, opts: RecordOptions = {}): number {
    return this.write('recording an attempt', () => {
      const rating = opts.ratingApplied === undefined ? (attempt.rating ?? attempt.suggestedRating) : opts.ratingApplied;
      // The attempt keeps the rating its card was scheduled with, chosen or (unchanged) suggested.
      const id = this.insertAttempt(rating !== null && attempt.rating === null ? { ...attempt, rating } : attempt, randomUUID());
      for (const t of attempt.topics) this.bumpTopic(t, attempt.points, attempt.skipped, attempt.answeredAt);
      if (rating !== null) this.applyRating(id, attempt.questionId, attempt.topics, attempt.suggestedRating, rating, attempt.answeredAt);
      if (opts.progress) this.saveProgressIn(attempt.sessionId, opts.progress, attempt.answeredAt);
      return id;
    });
  }

  /**
   * Rates an attempt kept earlier without one (`ratingApplied: null`): sets its chosen rating,
   * schedules the card and appends the review log.
   */
  rateAttempt(attemptId: number, rating: Rating, at: Date): CardState {
    return this.write('rating an attempt', () => {
      const a = this.sql<Pick<AttemptRow, 'question_id' | 'topics' | 'suggested_rating'>>(`SELECT question_id, topics, suggested_rating FROM attempts WHERE id = ?`).get(attemptId);
      if (!a) throw new StoreError(`no attempt ${attemptId} in ${this.path}`);
      this.sql(`UPDATE attempts SET rating = ? WHERE id = ?`).run(rating, attemptId);
      return this.applyRating(attemptId, a.question_id, JSON.parse(a.topics) as string[], a.suggested_rating, rating, at);
    });
  }

  /** The id of the snapshot of this question as asked, added when this version is new. */
  private snapshotId(questionId: string, prompt: string, keyPoints: readonly KeyPoint[]): number {
    const kp = JSON.stringify(keyPoints);
    const digest = createHash('sha1').update(questionId).update('\0').update(prompt).update('\0').update(kp).digest('base64');
    const found = this.sql<{ id: number }>(`SELECT id FROM snapshots WHERE digest = ?`).get(digest);
    if (found) return found.id;
    return Number(this.sql(`INSERT INTO snapshots (question_id, digest, prompt, key_points) VALUES (?, ?, ?, ?)`).run(questionId, digest, prompt, kp).lastInsertRowid);
  }

  private insertAttempt(a: NewAttempt, uid: string): number {
    const r = this.sql(
      `INSERT INTO attempts (uid, session_id, question_id, category, topics, snapshot_id, answer, points, score, star,
         duration_ms, time_limit, over_time, hints_used, skipped, mode, notes, suggested_rating, rating, started_at, answered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      uid,
      a.sessionId,
      a.questionId,
      a.category,
      JSON.stringify(a.topics),
      this.snapshotId(a.questionId, a.prompt, a.keyPoints),
      a.answer,
      packPoints(a.points, a.keyPoints),
      a.score,
      a.star ? JSON.stringify(a.star) : null,
      Math.round(a.durationMs),
      a.timeLimit,
      a.overTime ? 1 : 0,
      a.hintsUsed,
      a.skipped ? 1 : 0,
      a.mode,
      a.notes,
      a.suggestedRating,
      a.rating,
      ms(a.startedAt),
      ms(a.answeredAt),
    );
    return Number(r.lastInsertRowid);
  }

  private bumpTopic(topic: string, points: readonly PointResult[], skipped: boolean, at: Date): void {
    const row = this.sql<{ weakness: number; attempts: number; missed_points: number; last_seen: number }>(`SELECT * FROM topic_stats WHERE topic = ?`).get(topic);
    const prev: TopicStat | undefined = row && { topic, weakness: row.weakness, attempts: row.attempts, missedPoints: row.missed_points, lastSeen: date(row.last_seen) };
    const s = updateTopic(prev, topic, points, skipped, at);
    this.sql(
      `INSERT INTO topic_stats (topic, weakness, attempts, missed_points, last_seen) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (topic) DO UPDATE SET weakness = excluded.weakness, attempts = excluded.attempts,
         missed_points = excluded.missed_points, last_seen = excluded.last_seen`,
    ).run(topic, s.weakness, s.attempts, s.missedPoints, ms(s.lastSeen));
  }

  private cardRow(questionId: string): CardRow | undefined {
    return this.sql<CardRow>(`SELECT * FROM cards WHERE question_id = ?`).get(questionId);
  }

  private putCard(questionId: string, topics: readonly string[], c: CardState, firstReview: number): void {
    this.sql(
      `INSERT INTO cards (question_id, topics, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review, first_review)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (question_id) DO UPDATE SET topics = excluded.topics, due = excluded.due, stability = excluded.stability,
         difficulty = excluded.difficulty, elapsed_days = excluded.elapsed_days, scheduled_days = excluded.scheduled_days,
         learning_steps = excluded.learning_steps, reps = excluded.reps, lapses = excluded.lapses, state = excluded.state,
         last_review = excluded.last_review, first_review = excluded.first_review`,
    ).run(
      questionId,
      JSON.stringify(topics),
      ms(c.due),
      c.stability,
      c.difficulty,
      c.elapsedDays,
      c.scheduledDays,
      c.learningSteps,
      c.reps,
      c.lapses,
      c.state,
      c.lastReview ? ms(c.lastReview) : null,
      firstReview,
    );
  }

  private applyRating(attemptId: number | null, questionId: string, topics: readonly string[], suggested: Rating | null, rating: Rating, at: Date): CardState {
    const row = this.cardRow(questionId);
    const before = row ? cardFromRow(row) : null;
    const { card, entry } = next(before, rating, at, { retention: this.retention });
    this.putCard(questionId, topics, card, row?.first_review ?? ms(at));
    this.sql(
      `INSERT INTO review_log (uid, attempt_id, question_id, suggested_rating, rating, state_before, elapsed_days, scheduled_days, reviewed_at, card_before)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(randomUUID(), attemptId, questionId, suggested, rating, entry.stateBefore, entry.elapsedDays, entry.scheduledDays, ms(at), before ? cardJson(before) : null);
    return card;
  }

  /** Attempts matching every given filter, oldest first. */
  attempts(filter: AttemptFilter = {}): Attempt[] {
    const { where, params } = attemptsWhere(filter, 'a.');
    const sql = `${ATTEMPT_SELECT}${where} ORDER BY a.answered_at, a.id`;
    return this.read('reading attempts', () => this.sql<AttemptRow>(sql).all(...params).map((r) => attemptFromRow(r)));
  }

  /**
   * What a study report reads, in one transaction: the attempts matching every filter, oldest
   * first, and every card's due date. The attempts are lighter than `attempts()` gives (see
   * `ReportAttempt`): no answer text, the question as asked shared per snapshot, and the point
   * results parsed only for the answers the report quotes; a year of practice stays quick.
   */
  reportInput(filter: AttemptFilter = {}): { attempts: ReportAttempt[]; cards: ReportCard[] } {
    const { where, params } = attemptsWhere(filter, '');
    return this.snapshot('reading the report', () => {
      const topics = new Map<string, readonly string[]>();
      const asked = new Map<number, Asked>();
      const snapshotById = this.sql<{ question_id: string; prompt: string; key_points: string }>(`SELECT question_id, prompt, key_points FROM snapshots WHERE id = ?`);
      const rows = this.sql(`SELECT ${REPORT_COLUMNS} FROM attempts${where} ORDER BY answered_at, id`).raw(true);
      const pointsById = this.sql(`SELECT points FROM attempts WHERE id = ?`).pluck(true);
      const readPoints = (id: number) => this.read('reading an answer for the report', () => pointsById.get(id) as string);
      const attempts: ReportRow[] = [];
      for (const r of rows.iterate(...params) as IterableIterator<ReportColumns>) {
        // Most attempts share their topics and question text with many others: one copy each.
        let t = topics.get(r[3]);
        if (!t) topics.set(r[3], (t = JSON.parse(r[3]) as string[]));
        let q = asked.get(r[4]);
        if (!q) {
          const s = snapshotById.get(r[4])!;
          // The snapshot's question id is the attempt's (it is part of the snapshot's digest).
          asked.set(r[4], (q = { questionId: s.question_id, prompt: s.prompt, keyPoints: JSON.parse(s.key_points) as KeyPoint[] }));
        }
        attempts.push(new ReportRow(r, t, q, r[6] === null ? undefined : (JSON.parse(r[6]) as StarResult), readPoints));
      }
      const cards = this.sql(`SELECT question_id, due FROM cards`).raw(true).all() as [string, number][];
      return { attempts, cards: cards.map(([questionId, due]) => ({ questionId, due: date(due) })) };
    });
  }

  /** How many attempts are kept. */
  attemptCount(): number {
    return this.read('counting attempts', () => this.sql<{ n: number }>(`SELECT count(*) AS n FROM attempts`).get()!.n);
  }

  // ── cards and the review log ──────────────────────────────────────────────

  /** Every question's card (only questions rated at least once have one), by due date. */
  cards(now: Date): CardView[] {
    return this.read('reading cards', () =>
      this.sql<CardRow>(`SELECT * FROM cards ORDER BY due, question_id`)
        .all()
        .map((r) => {
          const card = cardFromRow(r);
          return { questionId: r.question_id, topics: JSON.parse(r.topics) as string[], ...card, retrievability: retrievability(card, now), firstReview: date(r.first_review) };
        }),
    );
  }

  /** One question's card, or null when it was never rated. */
  card(questionId: string): CardState | null {
    return this.read('reading a card', () => {
      const r = this.cardRow(questionId);
      return r ? cardFromRow(r) : null;
    });
  }

  /** Every rating ever given, oldest first (undone ones included, marked). */
  reviewLog(filter: { questionId?: string } = {}): ReviewLogEntry[] {
    return this.read('reading the review log', () =>
      (filter.questionId
        ? this.sql<ReviewRow>(`SELECT * FROM review_log WHERE question_id = ? ORDER BY reviewed_at, id`).all(filter.questionId)
        : this.sql<ReviewRow>(`SELECT * FROM review_log ORDER BY reviewed_at, id`).all()
      ).map(reviewFromRow),
    );
  }

  /**
   * Takes back the most recent rating still standing: the card returns to its state before it
   * (a first rating makes the question new again) and the log entry is marked undone, not
   * deleted. Returns what was undone, or null when there is nothing to undo.
   */
  undoLastRating(now: Date): UndoResult | null {
    return this.write('undoing the last rating', () => {
      const r = this.sql<ReviewRow>(`SELECT * FROM review_log WHERE undone_at IS NULL ORDER BY reviewed_at DESC, id DESC LIMIT 1`).get();
      if (!r) return null;
      const before = r.card_before === null ? null : cardFromJson(r.card_before);
      if (before) {
        const row = this.cardRow(r.question_id);
        this.putCard(r.question_id, row ? (JSON.parse(row.topics) as string[]) : [], before, row?.first_review ?? r.reviewed_at);
      } else {
        this.sql(`DELETE FROM cards WHERE question_id = ?`).run(r.question_id);
      }
      this.sql(`UPDATE review_log SET undone_at = ? WHERE id = ?`).run(ms(now), r.id);
      if (r.attempt_id !== null) this.sql(`UPDATE attempts SET rating = NULL WHERE id = ? AND rating = ?`).run(r.attempt_id, r.rating);
      return { questionId: r.question_id, rating: r.rating, reviewedAt: date(r.reviewed_at), card: before };
    });
  }

  /** How many questions got their first rating at or after `since` (for the daily new-card limit). */
  newCardsSince(since: Date): number {
    return this.read('counting new cards', () => this.sql<{ n: number }>(`SELECT count(*) AS n FROM cards WHERE first_review >= ?`).get(ms(since))!.n);
  }

  /** Every topic's stat (see the topic rule in core/scheduling/topics.ts), weakest first. */
  topicStats(): TopicStat[] {
    return this.read('reading topic stats', () =>
      this.sql<{ topic: string; weakness: number; attempts: number; missed_points: number; last_seen: number }>(`SELECT * FROM topic_stats ORDER BY weakness DESC, topic`)
        .all()
        .map((r) => ({ topic: r.topic, weakness: r.weakness, attempts: r.attempts, missedPoints: r.missed_points, lastSeen: date(r.last_seen) })),
    );
  }

  /**
   * The review queue for the banks in use: due cards most at risk first, then new questions up to
   * the daily limit (weak topics first); with `cram`, the weakest questions even when none is due.
   */
  reviewQueue(now: Date, req: QueueRequest): QueueItem[] {
    const weakness = new Map(this.topicStats().map((t) => [t.topic, t.weakness]));
    const newToday = this.newCardsSince(req.dayStart);
    // A card comes up at most TOPIC_PULL of its interval before its FSRS due date (see
    // comesUpAt): the cards that cannot be due yet are not read, only their questions left out
    // (they are neither due nor new), which is most of a large history.
    const soon = `(? OR state = 'new' OR due - max(0, due - coalesce(last_review, due)) * ? <= ?)`;
    const params = [req.cram ? 1 : 0, TOPIC_PULL, ms(now)];
    const { cards, later } = this.snapshot('reading cards', () => {
      const rows = this.sql(`SELECT question_id, due, last_review, state, stability FROM cards WHERE ${soon}`).raw(true).all(...params) as [string, number, number | null, CardStateName, number][];
      return {
        cards: rows.map((r): QueueCard => ({ questionId: r[0], due: date(r[1]), lastReview: dateOrNull(r[2]), state: r[3], stability: r[4] })),
        later: new Set(this.sql(`SELECT question_id FROM cards WHERE NOT ${soon}`).pluck(true).all(...params) as string[]),
      };
    });
    return queue(cards, now, {
      questions: later.size ? req.questions.filter((q) => !later.has(q.id)) : req.questions,
      topicWeakness: weakness,
      newLimit: Math.max(0, (req.newPerDay ?? DEFAULT_NEW_PER_DAY) - newToday),
      cram: req.cram,
      limit: req.limit,
    });
  }

  // ── orphans ───────────────────────────────────────────────────────────────

  /** Questions with history (attempts or a card) that are not among `known` ids. */
  orphans(known: ReadonlySet<string>): Orphan[] {
    return this.read('looking for orphans', () => {
      const rows = this.sql<{ question_id: string; attempts: number; has_card: number; last: number | null }>(
        `SELECT q.question_id, (SELECT count(*) FROM attempts a WHERE a.question_id = q.question_id) AS attempts,
                EXISTS (SELECT 1 FROM cards c WHERE c.question_id = q.question_id) AS has_card,
                (SELECT max(answered_at) FROM attempts a WHERE a.question_id = q.question_id) AS last
         FROM (SELECT DISTINCT question_id FROM attempts UNION SELECT question_id FROM cards) q ORDER BY q.question_id`,
      ).all();
      return rows.filter((r) => !known.has(r.question_id)).map((r) => ({ questionId: r.question_id, attempts: r.attempts, hasCard: r.has_card === 1, lastAnswered: dateOrNull(r.last) }));
    });
  }

  /**
   * Removes these questions' cards (they leave the schedule for good); their attempts and review
   * log stay. Returns how many cards were removed.
   */
  removeCards(questionIds: readonly string[]): number {
    return this.write('removing cards', () => {
      let n = 0;
      for (const id of questionIds) n += this.sql(`DELETE FROM cards WHERE question_id = ?`).run(id).changes;
      return n;
    });
  }

  // ── export and import ─────────────────────────────────────────────────────

  /** Everything as export records: a header, then sessions, attempts and the review log, each in the order kept. */
  exportAll(now: Date): Generator<ExportRecord> {
    return this.exportParts(now);
  }

  /**
   * The same as `exportAll`, as JSON lines (no newline), written straight from rows read as
   * arrays and from the stored JSON as it is, instead of objects parsed and serialised again:
   * reading the rows is most of a large export's time. One read transaction holds for the whole
   * export, so a session saved in another terminal meanwhile cannot leave an attempt without its
   * session's uid.
   */
  *exportLines(now: Date): Generator<string> {
    this.db.exec('BEGIN DEFERRED');
    try {
      yield* this.exportLinesInTransaction(now);
    } finally {
      if (this.db.inTransaction) this.db.exec('COMMIT');
    }
  }

  private *exportLinesInTransaction(now: Date): Generator<string> {
    yield JSON.stringify(exportHeader(now));
    const iso = isoWriter();
    const sessionUidJson = new Map<number, string>();
    const sessions = this.sql(
      `SELECT id, json_quote(uid), json_quote(kind), options, plan, position, coalesce(draft, 'null'), json_quote(status), started_at, ended_at, updated_at FROM sessions ORDER BY started_at, id`,
    ).raw(true);
    for (const r of sessions.iterate() as IterableIterator<[number, string, string, string, string, number, string, string, number, number | null, number]>) {
      sessionUidJson.set(r[0], r[1]);
      yield (
        `{"type":"session","uid":${r[1]},"kind":${r[2]},"options":${r[3]},"plan":${r[4]},"position":${r[5]},"draft":${r[6]},"status":${r[7]},` +
        `"startedAt":"${iso(r[8])}","endedAt":${r[9] === null ? 'null' : `"${iso(r[9])}"`},"updatedAt":"${iso(r[10])}"}`
      );
    }
    // Each question as asked is read once, not joined onto every attempt.
    const snapshots = new Map<number, SnapshotJson>();
    for (const [id, prompt, keyPoints] of this.sql(`SELECT id, json_quote(prompt), key_points FROM snapshots`).raw(true).all() as [number, string, string][]) {
      snapshots.set(id, { asked: `"prompt":${prompt},"keyPoints":${keyPoints}`, points: (JSON.parse(keyPoints) as KeyPoint[]).map((k) => json(k.point)) });
    }
    yield* this.historyLines(sessionUidJson, snapshots, iso);
  }

  private *exportParts(now: Date): Generator<ExportRecord> {
    yield exportHeader(now);
    const sessionUid = new Map<number, string>();
    for (const r of this.sql<SessionRow>(`SELECT * FROM sessions ORDER BY started_at, id`).iterate()) {
      const { id, startedAt, endedAt, updatedAt, ...rest } = sessionFromRow(r);
      sessionUid.set(id, rest.uid);
      yield { type: 'session', ...rest, startedAt: startedAt.toISOString(), endedAt: endedAt?.toISOString() ?? null, updatedAt: updatedAt.toISOString() };
    }
    const attemptUid = new Map<number, string>();
    const keyPoints = new Map<number, KeyPoint[]>();
    // Each question as asked is read once, not joined onto every attempt; attempts are read in
    // insertion order, a plain table scan (the time index would cost a lookup per row).
    const snapshotRows = new Map(this.sql<{ id: number; prompt: string; key_points: string }>(`SELECT id, prompt, key_points FROM snapshots`).all().map((x) => [x.id, x]));
    for (const row of this.sql<Omit<AttemptRow, 'prompt' | 'key_points'>>(`SELECT * FROM attempts ORDER BY id`).iterate()) {
      const snap = snapshotRows.get(row.snapshot_id)!;
      attemptUid.set(row.id, row.uid);
      const r: AttemptRow = { ...row, prompt: snap.prompt, key_points: snap.key_points };
      const { id: _id, sessionId, startedAt, answeredAt, ...rest } = attemptFromRow(r, keyPoints);
      yield { type: 'attempt', uid: r.uid, sessionUid: sessionUid.get(sessionId)!, ...rest, startedAt: startedAt.toISOString(), answeredAt: answeredAt.toISOString() };
    }
    const reviewColumns = 'id, uid, attempt_id, question_id, suggested_rating, rating, state_before, elapsed_days, scheduled_days, reviewed_at, NULL AS card_before, undone_at';
    for (const r of this.sql<ReviewRow>(`SELECT ${reviewColumns} FROM review_log ORDER BY id`).iterate()) {
      const { id: _id, attemptId, reviewedAt, undoneAt, ...rest } = reviewFromRow(r);
      const attemptUidOf = attemptId === null ? null : (attemptUid.get(attemptId) ?? null);
      yield { type: 'review', ...rest, attemptUid: attemptUidOf, reviewedAt: reviewedAt.toISOString(), undoneAt: undoneAt?.toISOString() ?? null };
    }
  }

  /**
   * Attempts and the review log as JSON lines, from rows read as arrays (no object per row) and
   * the stored JSON as it is: reading the rows is most of a large export's time.
   */
  private *historyLines(sessionUidJson: ReadonlyMap<number, string>, snapshots: ReadonlyMap<number, SnapshotJson>, iso: (t: number) => string): Generator<string> {
    // Attempt ids are dense row ids: an array indexed by id is the cheapest map to their uids.
    const attemptUidJson: string[] = [];
    // Attempts are read in insertion order, a plain table scan (the time index would cost a lookup per row).
    const attempts = this.sql(`SELECT ${ATTEMPT_LINE_COLUMNS} FROM attempts ORDER BY id`).raw(true);
    for (const row of attempts.iterate() as IterableIterator<AttemptLineRow>) {
      attemptUidJson[row[0]] = row[3];
      yield attemptLine(row, snapshots.get(row[2])!, sessionUidJson.get(row[1])!, iso);
    }
    const reviews = this.sql(
      `SELECT attempt_id, json_quote(uid) || ',"questionId":' || json_quote(question_id) || ',"suggestedRating":' || json_quote(suggested_rating) || ` +
        `',"rating":' || json_quote(rating) || ',"stateBefore":' || json_quote(state_before), elapsed_days, scheduled_days, reviewed_at, undone_at FROM review_log ORDER BY id`,
    ).raw(true);
    for (const r of reviews.iterate() as IterableIterator<[number | null, string, number, number, number, number | null]>) {
      yield (
        `{"type":"review","uid":${r[1]},"elapsedDays":${r[2]},"scheduledDays":${r[3]},"attemptUid":${(r[0] !== null && attemptUidJson[r[0]]) || 'null'},` +
        `"reviewedAt":"${iso(r[4])}","undoneAt":${r[5] === null ? 'null' : `"${iso(r[5])}"`}}`
      );
    }
  }

  /**
   * Merges export records into this store in one transaction; records already present (same
   * uid) are left alone, so importing the same export twice changes nothing. Cards of questions
   * that got new ratings are rebuilt by replaying their whole review log; topic stats are rebuilt
   * from all attempts. A session exported while running comes in as interrupted.
   */
  importAll(records: Iterable<ExportRecord>): ImportResult {
    return this.write('importing', () => {
      const result: ImportResult = { sessions: 0, attempts: 0, reviews: 0 };
      const touched = new Set<string>();
      const sessionId = (uid: string) => this.sql<{ id: number }>(`SELECT id FROM sessions WHERE uid = ?`).get(uid)?.id;
      for (const rec of records) {
        if (rec.type === 'session') {
          const r = this.sql(
            `INSERT INTO sessions (uid, kind, options, plan, position, draft, status, started_at, ended_at, updated_at, pid)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) ON CONFLICT (uid) DO NOTHING`,
          ).run(
            rec.uid,
            rec.kind,
            JSON.stringify(rec.options),
            JSON.stringify(rec.plan),
            rec.position,
            rec.draft ? JSON.stringify(rec.draft) : null,
            rec.status === 'running' ? 'interrupted' : rec.status,
            Date.parse(rec.startedAt),
            rec.endedAt === null ? (rec.status === 'running' ? Date.parse(rec.updatedAt) : null) : Date.parse(rec.endedAt),
            Date.parse(rec.updatedAt),
          );
          result.sessions += r.changes;
        } else if (rec.type === 'attempt') {
          if (this.sql(`SELECT 1 FROM attempts WHERE uid = ?`).get(rec.uid)) continue;
          const sid = sessionId(rec.sessionUid);
          if (sid === undefined) throw new UsageError(`import: attempt ${rec.uid} refers to session ${rec.sessionUid}, which is neither in the file (before it) nor in the store; nothing was imported`);
          const { type: _t, uid, sessionUid: _s, startedAt, answeredAt, ...rest } = rec;
          this.insertAttempt({ ...rest, sessionId: sid, startedAt: new Date(startedAt), answeredAt: new Date(answeredAt) }, uid);
          result.attempts++;
        } else if (rec.type === 'review') {
          const existing = this.sql<{ undone_at: number | null }>(`SELECT undone_at FROM review_log WHERE uid = ?`).get(rec.uid);
          if (existing) {
            if (existing.undone_at === null && rec.undoneAt !== null) {
              this.sql(`UPDATE review_log SET undone_at = ? WHERE uid = ?`).run(Date.parse(rec.undoneAt), rec.uid);
              touched.add(rec.questionId);
            }
            continue;
          }
          const aid = rec.attemptUid === null ? null : (this.sql<{ id: number }>(`SELECT id FROM attempts WHERE uid = ?`).get(rec.attemptUid)?.id ?? null);
          this.sql(
            `INSERT INTO review_log (uid, attempt_id, question_id, suggested_rating, rating, state_before, elapsed_days, scheduled_days, reviewed_at, card_before, undone_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
          ).run(rec.uid, aid, rec.questionId, rec.suggestedRating, rec.rating, rec.stateBefore, rec.elapsedDays, rec.scheduledDays, Date.parse(rec.reviewedAt), rec.undoneAt === null ? null : Date.parse(rec.undoneAt));
          result.reviews++;
          touched.add(rec.questionId);
        }
      }
      for (const q of touched) this.replayCard(q);
      if (result.attempts) this.rebuildTopics();
      return result;
    });
  }

  /** Rebuilds a question's card (and each log entry's card-before) from its standing ratings. */
  private replayCard(questionId: string): void {
    const rows = this.sql<ReviewRow>(`SELECT * FROM review_log WHERE question_id = ? AND undone_at IS NULL ORDER BY reviewed_at, id`).all(questionId);
    const topicsRow = this.sql<{ topics: string }>(`SELECT topics FROM attempts WHERE question_id = ? ORDER BY answered_at DESC, id DESC LIMIT 1`).get(questionId);
    const topics = topicsRow ? (JSON.parse(topicsRow.topics) as string[]) : [];
    let card: CardState | null = null;
    for (const r of rows) {
      this.sql(`UPDATE review_log SET card_before = ? WHERE id = ?`).run(card ? cardJson(card) : null, r.id);
      card = next(card, r.rating, date(r.reviewed_at), { retention: this.retention }).card;
    }
    if (card) this.putCard(questionId, topics, card, rows[0]!.reviewed_at);
    else this.sql(`DELETE FROM cards WHERE question_id = ?`).run(questionId);
  }

  private rebuildTopics(): void {
    this.sql(`DELETE FROM topic_stats`).run();
    const stats = new Map<string, TopicStat>();
    const keyPoints = new Map<number, KeyPoint[]>();
    for (const r of this.sql<Pick<AttemptRow, 'topics' | 'points' | 'skipped' | 'answered_at' | 'snapshot_id' | 'key_points'>>(
      `SELECT a.topics, a.points, a.skipped, a.answered_at, a.snapshot_id, s.key_points FROM attempts a JOIN snapshots s ON s.id = a.snapshot_id ORDER BY a.answered_at, a.id`,
    ).iterate()) {
      let kp = keyPoints.get(r.snapshot_id);
      if (!kp) keyPoints.set(r.snapshot_id, (kp = JSON.parse(r.key_points) as KeyPoint[]));
      const points = unpackPoints(r.points, kp);
      for (const t of JSON.parse(r.topics) as string[]) stats.set(t, updateTopic(stats.get(t), t, points, r.skipped === 1, date(r.answered_at)));
    }
    const put = this.sql(`INSERT INTO topic_stats (topic, weakness, attempts, missed_points, last_seen) VALUES (?, ?, ?, ?, ?)`);
    for (const s of stats.values()) put.run(s.topic, s.weakness, s.attempts, s.missedPoints, ms(s.lastSeen));
  }
}
