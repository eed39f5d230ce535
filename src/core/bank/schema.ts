import type { z } from 'zod';
import type { askFileSchema, bankFileSchema, glossaryFileSchema, keyPointObject, questionSchema } from './validation.js';

/**
 * The question-bank format: its names, defaults and the types the program works with. The zod
 * schema in `validation.ts` is the one source of the validation, the raw types and
 * `questions/schema.json`; it is kept apart so that code that only needs these names does not load
 * zod (a drill with unchanged built-in banks never validates).
 */

export const CATEGORIES = ['definitions', 'troubleshooting', 'system-design', 'behavioural'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Spellings accepted for a category besides its own name. */
export const CATEGORY_ALIASES: Readonly<Record<string, Category>> = { behavioral: 'behavioural' };

/** Default answer time per category, in seconds, when a question sets none. */
export const DEFAULT_TIME_LIMIT_S: Readonly<Record<Category, number>> = {
  definitions: 120,
  troubleshooting: 360,
  'system-design': 1200,
  behavioural: 300,
};

/** The top-level keys that make a file a bank, a glossary or an ask-the-interviewer file; the first one a file has decides. */
export const FILE_KIND_KEYS = ['questions', 'glossary', 'ask_the_interviewer'] as const;
export type FileKind = (typeof FILE_KIND_KEYS)[number];

/**
 * Ids and topics are slugs (lowercase ASCII letters, digits and '-'), so code-point order is
 * their alphabetical order. Sorting them with it instead of `localeCompare` spares the collation
 * data that `localeCompare` loads on its first call (milliseconds of a drill's start).
 */
export function compareSlugs(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const DIFFICULTIES = [1, 2, 3] as const;
export const DIFFICULTY_NAMES: Readonly<Record<number, string>> = { 1: 'entry', 2: 'mid', 3: 'senior' };

/**
 * A duration as text: a whole number of seconds, or hours, minutes and seconds ("90s", "2m",
 * "1m30s", "1h"), with at least one digit that is not 0. The schema's pattern (so editors check
 * it too) and `parseDuration` read this one grammar.
 */
export const DURATION_TEXT = /^\s*(?=[^1-9]*[1-9])(?:(\d+)|(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?)\s*$/;

/** Parses "90s", "2m", "1m30s", "1h" or a number of seconds; undefined when it is not one. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : undefined;
  const m = DURATION_TEXT.exec(value);
  if (!m) return undefined;
  return m[1] !== undefined ? Number(m[1]) : Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
}

export type KeyPoint = Required<z.output<typeof keyPointObject>>;
/** A question as written in a file that validated. */
export type RawQuestion = z.output<typeof questionSchema>;
export type RawBank = z.output<typeof bankFileSchema>;
export type RawGlossary = z.output<typeof glossaryFileSchema>;
export type AskQuestion = z.output<typeof askFileSchema>['ask_the_interviewer'][number];

/** A question as the rest of the program sees it: defaults applied, location known. */
export interface Question {
  id: string;
  category: Category;
  prompt: string;
  topics: string[];
  difficulty: 1 | 2 | 3;
  /** Seconds. */
  timeLimit: number;
  keyPoints: KeyPoint[];
  modelAnswer: string;
  ungraded: boolean;
  hints: string[];
  followUps: string[];
  references: string[];
  /** Where the question is defined; `index` is its place in the file's `questions` list. */
  source: { file: string; line: number; col: number; index: number };
}
