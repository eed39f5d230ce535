import type { Question } from '../bank/schema.js';

/** How readily a key point counts as made: moves the match threshold. */
export const STRICTNESS = ['lenient', 'normal', 'strict'] as const;
export type Strictness = (typeof STRICTNESS)[number];

/** One key point's verdict, in the question's key-point order. */
export interface PointResult {
  index: number;
  point: string;
  weight: number;
  /** strength ≥ the strictness threshold. */
  matched: boolean;
  /** 0..1: how fully the answer made the point. */
  strength: number;
  /** The answer's own words that showed it (a quoted fragment), or '' when none. */
  evidence: string;
}

export const STAR_PARTS = ['situation', 'task', 'action', 'result'] as const;
export type StarPartName = (typeof STAR_PARTS)[number];
export interface StarPart {
  present: boolean;
  /** The words that showed the part, or ''. */
  cue: string;
}
export type StarResult = Record<StarPartName, StarPart>;

export interface GradeResult {
  id: string;
  /** Weighted mean of the points' strengths, 0..1. */
  score: number;
  points: PointResult[];
  /** Behavioural questions only. */
  star?: StarResult;
  /** True when the answer was cut to the first MAX_ANSWER_CHARS characters. */
  truncated: boolean;
  /** Things the person should know about how the answer was read (truncation, empty answer). */
  notices: string[];
}

export interface Grader {
  grade(question: Question, answer: string): GradeResult;
}
