import type { Category, Question } from '../bank/schema.js';
import { UsageError } from '../errors.js';
import type { SessionKind } from '../model.js';
import { shuffle, type Rng } from '../random.js';

/** How many questions a drill asks when `--count` is not given. */
export const DEFAULT_DRILL_COUNT = 5;

export const MOCK_FORMATS = ['phone', 'onsite'] as const;
export type MockFormat = (typeof MOCK_FORMATS)[number];

interface BlockSpec {
  category: Category;
  /** Questions wanted in the block before the loop is fitted to its minutes. */
  count: number;
}

interface LoopSpec {
  title: string;
  /** The overall clock, in minutes, when `--minutes` is not given. */
  minutes: number;
  blocks: BlockSpec[];
}

/**
 * The interview loops. A phone screen is short definitions and a couple of troubleshooting
 * scenarios; an onsite runs every kind of round, with system design as one long block.
 */
export const MOCK_LOOPS: Readonly<Record<MockFormat, LoopSpec>> = {
  phone: {
    title: 'phone screen',
    minutes: 30,
    blocks: [
      { category: 'definitions', count: 4 },
      { category: 'troubleshooting', count: 3 },
    ],
  },
  onsite: {
    title: 'onsite loop',
    minutes: 75,
    blocks: [
      { category: 'definitions', count: 4 },
      { category: 'troubleshooting', count: 3 },
      { category: 'system-design', count: 1 },
      { category: 'behavioural', count: 3 },
    ],
  },
};

/**
 * Share of the overall clock given to the planned questions' own limits; the rest is room for
 * the interviewer's follow-ups, as in a real loop where not every minute is pre-booked.
 */
export const QUESTION_SHARE = 0.85;

/** Shortest and longest mock a person can ask for with `--minutes`. */
export const MIN_MOCK_MINUTES = 5;
export const MAX_MOCK_MINUTES = 180;

export interface PlannedItem {
  questionId: string;
  category: Category;
  /** Seconds allowed for the answer. */
  timeLimit: number;
}

export interface SessionPlan {
  kind: SessionKind;
  format?: MockFormat;
  items: PlannedItem[];
  /** The mock's overall clock in seconds; absent for drills and reviews. */
  overallLimit?: number;
}

export interface PlanOptions {
  kind: SessionKind;
  categories?: readonly Category[];
  topics?: readonly string[];
  difficulty?: number;
  count?: number;
  /** A seeded shuffle was asked for (`--seed`): the order is the rng's alone. */
  seeded?: boolean;
  /** Topics the person is weakest in, weakest first (from the store); their questions come first. */
  weakTopics?: readonly string[];
  format?: MockFormat;
  minutes?: number;
  /** Review: the question ids due, in the queue's order. */
  queue?: readonly string[];
  /** Drill: no time limits (`--no-timer`); stored as a limit of 0. */
  noTimer?: boolean;
}

/**
 * Which questions a session asks, in order. Pure: the same questions, options and rng give the
 * same plan. Example: `plan(catalog.questions, { kind: 'drill', count: 3, seeded: true }, seededRng(7))`.
 */
export function plan(questions: readonly Question[], opts: PlanOptions, rng: Rng): SessionPlan {
  if (opts.kind === 'mock') return planMock(questions, opts, rng);
  if (opts.kind === 'review') {
    const byId = new Map(questions.map((q) => [q.id, q]));
    const items = (opts.queue ?? [])
      .map((id) => byId.get(id))
      .filter((q): q is Question => q !== undefined && !q.ungraded)
      .slice(0, opts.count ?? Infinity)
      .map((q) => item(q, opts.noTimer));
    return { kind: 'review', items };
  }
  const pool = questions.filter(
    (q) =>
      (!opts.categories?.length || opts.categories.includes(q.category)) &&
      (!opts.topics?.length || q.topics.some((t) => opts.topics!.includes(t))) &&
      (opts.difficulty === undefined || q.difficulty === opts.difficulty),
  );
  if (pool.length === 0) throw new UsageError(`no question matches ${describeFilters(opts)}`);
  const count = opts.count ?? DEFAULT_DRILL_COUNT;
  return { kind: opts.kind, items: order(pool, opts, rng).slice(0, count).map((q) => item(q, opts.noTimer)) };
}

function item(q: Question, noTimer = false): PlannedItem {
  return { questionId: q.id, category: q.category, timeLimit: noTimer ? 0 : q.timeLimit };
}

function describeFilters(opts: PlanOptions): string {
  const parts = [
    opts.categories?.length ? `category ${opts.categories.join(' or ')}` : '',
    opts.topics?.length ? `topic ${opts.topics.join(' or ')}` : '',
    opts.difficulty !== undefined ? `difficulty ${opts.difficulty}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'the banks in use (they hold no questions)';
}

/**
 * Weak topics first, unless a seeded shuffle was asked for. Questions are shuffled before the
 * stable sort so equally weak questions do not always come in bank order.
 */
export function order(questions: readonly Question[], opts: Pick<PlanOptions, 'seeded' | 'weakTopics'>, rng: Rng): Question[] {
  const mixed = shuffle(questions, rng);
  if (opts.seeded || !opts.weakTopics?.length) return mixed;
  const rankOf = new Map(opts.weakTopics.map((t, i) => [t, i]));
  const rank = (q: Question) => Math.min(...q.topics.map((t) => rankOf.get(t) ?? Infinity));
  return mixed
    .map((q, i) => ({ q, i, r: rank(q) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.q);
}

function planMock(questions: readonly Question[], opts: PlanOptions, rng: Rng): SessionPlan {
  const format = opts.format ?? 'phone';
  const loop = MOCK_LOOPS[format];
  if (opts.minutes !== undefined && !(Number.isInteger(opts.minutes) && opts.minutes >= MIN_MOCK_MINUTES && opts.minutes <= MAX_MOCK_MINUTES)) {
    throw new UsageError(`--minutes must be a whole number from ${MIN_MOCK_MINUTES} to ${MAX_MOCK_MINUTES}, got ${opts.minutes}`);
  }
  const overall = (opts.minutes ?? loop.minutes) * 60;
  const budget = overall * QUESTION_SHARE;
  const ordered = order(questions, opts, rng);
  const pools = loop.blocks.map((b) => ordered.filter((q) => q.category === b.category));
  const counts = loop.blocks.map((b, i) => Math.min(b.count, pools[i]!.length));
  if (counts.every((c) => c === 0)) {
    throw new UsageError(`a ${loop.title} needs ${loop.blocks.map((b) => b.category).join(' or ')} questions, and the banks in use have none`);
  }
  const seconds = () => counts.reduce((sum, c, i) => sum + pools[i]!.slice(0, c).reduce((s, q) => s + q.timeLimit, 0), 0);
  // Too long: take from the fullest block, then drop whole blocks from the end, keeping one question.
  while (seconds() > budget) {
    const fullest = counts.reduce((best, c, i) => (c > 1 && c >= (counts[best] ?? 0) ? i : best), -1);
    if (fullest >= 0) counts[fullest]!--;
    else {
      const last = counts.findLastIndex((c) => c > 0);
      if (counts.filter((c) => c > 0).length <= 1) break;
      counts[last] = 0;
    }
  }
  // Room left: more short rounds, round-robin over the blocks that have questions to spare.
  for (let grew = true; grew; ) {
    grew = false;
    for (const i of counts.keys()) {
      if (loop.blocks[i]!.category === 'system-design') continue;
      const nextQ = pools[i]![counts[i]!];
      if (nextQ && seconds() + nextQ.timeLimit <= budget) {
        counts[i]!++;
        grew = true;
      }
    }
  }
  const items = loop.blocks.flatMap((_, i) => pools[i]!.slice(0, counts[i]).map((q) => item(q)));
  return { kind: 'mock', format, items, overallLimit: overall };
}
