import type { Rating } from '../model.js';

/**
 * The rating the grader's score suggests; the person may override it (both are kept).
 *
 *   score ≥ 0.90 → easy    nearly every key point, fully made
 *   score ≥ 0.70 → good    the substance is there, a detail missing
 *   score ≥ 0.40 → hard    partly recalled
 *   otherwise    → again   not recalled (a skipped answer is always again)
 *
 * An answer that ran over its time limit or used a hint is capped at good: recall that needed
 * extra time or a nudge is not effortless.
 */
export const RATING_THRESHOLDS = { easy: 0.9, good: 0.7, hard: 0.4 } as const;

export interface RatingEvidence {
  /** 0..1, the grader's weighted score. */
  score: number;
  skipped?: boolean;
  overTime?: boolean;
  hintsUsed?: number;
}

/** Example: `suggestRating({score: 0.75})` → 'good'; `suggestRating({score: 0.95, hintsUsed: 1})` → 'good'. */
export function suggestRating(e: RatingEvidence): Rating {
  if (e.skipped) return 'again';
  const t = RATING_THRESHOLDS;
  const r: Rating = e.score >= t.easy ? 'easy' : e.score >= t.good ? 'good' : e.score >= t.hard ? 'hard' : 'again';
  if (r === 'easy' && (e.overTime || (e.hintsUsed ?? 0) > 0)) return 'good';
  return r;
}
