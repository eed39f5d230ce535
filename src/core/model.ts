import type { Category, KeyPoint } from './bank/schema.js';
import type { PointResult, StarResult } from './grading/types.js';

/** The domain words shared by the store, sessions and reports. */

export const SESSION_KINDS = ['drill', 'mock', 'review'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const SESSION_STATUSES = ['running', 'finished', 'interrupted'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** FSRS ratings, by name; the scheduler maps them to ts-fsrs grades. */
export const RATINGS = ['again', 'hard', 'good', 'easy'] as const;
export type Rating = (typeof RATINGS)[number];

/** One answered (or skipped, or timed-out) question, as kept forever. */
export interface Attempt {
  id: number;
  sessionId: number;
  questionId: string;
  category: Category;
  topics: string[];
  /** Snapshot of the question as asked: later bank edits do not rewrite history. */
  prompt: string;
  keyPoints: KeyPoint[];
  answer: string;
  points: PointResult[];
  score: number;
  star?: StarResult;
  durationMs: number;
  /** Seconds. */
  timeLimit: number;
  overTime: boolean;
  hintsUsed: number;
  skipped: boolean;
  /** 'typed' answers are graded; 'pair' answers are scored from an interviewer's ticks. */
  mode: 'typed' | 'pair';
  notes: string;
  suggestedRating: Rating;
  /** What the person chose (null when plain mode used the suggestion without asking). */
  rating: Rating | null;
  startedAt: Date;
  answeredAt: Date;
}

/** The prompt kept with a follow-up's attempt: the question, then the follow-up under it. */
export function followUpPrompt(prompt: string, followUp: string): string {
  return `${prompt}\nFollow-up: ${followUp}`;
}

/** Whether an attempt's prompt is a follow-up to the question asked as `prompt`. */
export function isFollowUpPrompt(attemptPrompt: string, prompt: string): boolean {
  return attemptPrompt.startsWith(followUpPrompt(prompt, ''));
}
