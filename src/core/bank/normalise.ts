import { CATEGORY_ALIASES, DEFAULT_TIME_LIMIT_S, parseDuration, type AskQuestion, type Category, type KeyPoint, type Question, type RawBank, type RawGlossary, type RawQuestion } from './schema.js';

/**
 * What the program reads from a file that validated: texts trimmed, categories spelt one way,
 * durations in seconds, and the defaults filled in. The schema only validates; this is the one
 * place its input becomes the program's types, whichever path (the compiled check or zod) said
 * the file was valid. No zod here: reading a clean bank does not load it.
 */

function category(c: string): Category {
  return CATEGORY_ALIASES[c] ?? (c as Category);
}

const trim = (s: string) => s.trim();

/** Banks write a handful of time limits thousands of times: each is read once. */
const seconds = new Map<string | number, number>();
function timeLimit(value: string | number): number {
  let s = seconds.get(value);
  if (s === undefined) seconds.set(value, (s = parseDuration(value)!));
  return s;
}

/** The texts trimmed: the same list when none needed it (most lists), so a large bank allocates less. */
function trimAll(list: string[] | undefined): string[] {
  if (!list) return [];
  for (const t of list) if (t.length !== t.trim().length) return list.map(trim);
  return list;
}

/** A key point with the defaults: no `accept` phrases, weight 1. */
export function toKeyPoint(k: NonNullable<RawQuestion['key_points']>[number]): KeyPoint {
  return typeof k === 'string' ? { point: k.trim(), accept: [], weight: 1 } : { point: k.point.trim(), accept: trimAll(k.accept), weight: k.weight ?? 1 };
}

export function toQuestion(q: RawQuestion, fileCategory: RawBank['category'], source: Question['source']): Question {
  const cat = category(q.category ?? fileCategory ?? 'definitions');
  return {
    id: q.id,
    category: cat,
    prompt: q.prompt.trim(),
    topics: q.topics,
    difficulty: q.difficulty,
    timeLimit: q.time_limit === undefined ? DEFAULT_TIME_LIMIT_S[cat] : timeLimit(q.time_limit),
    keyPoints: q.key_points?.map(toKeyPoint) ?? [],
    modelAnswer: q.model_answer?.trim() ?? '',
    ungraded: q.ungraded ?? false,
    hints: trimAll(q.hints),
    followUps: trimAll(q.follow_ups),
    references: trimAll(q.references),
    source,
  };
}

/** Glossary groups, each a list of equivalent terms, from either way of writing one. */
export function toGroups(g: RawGlossary): string[][] {
  return g.glossary.map((group) => trimAll(Array.isArray(group) ? group : group.terms));
}

export function toAsks(asks: readonly AskQuestion[]): AskQuestion[] {
  return asks.map((a) => ({ ...a, ask: a.ask.trim(), why: a.why.trim() }));
}

const NONE = Object.freeze([]) as readonly never[] as never[];

/**
 * A question known only by its id and place: what `banks validate` keeps of a valid question
 * (it checks and counts, and needs nothing else), or the id salvaged from a broken file
 * (`ungraded` and no prompt, which the catalog does not count).
 */
export function idOnlyQuestion(id: string, source: Question['source'], salvaged = false): Question {
  return { id, category: 'definitions', prompt: '', topics: NONE, difficulty: 1, timeLimit: 0, keyPoints: NONE, modelAnswer: '', ungraded: salvaged, hints: NONE, followUps: NONE, references: NONE, source };
}
