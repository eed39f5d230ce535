import type { Rating } from '../model.js';

/**
 * The rating the grader's score suggests; the person may override it (both are kept).
 *
 *   score ≥ 0.90 → easy    nearly every key point, fully made
 *   score ≥ 0.70 → good    the substance is there, a detail missing
 *   score ≥ 0.40 → hard    partly recalled
 *   otherwise    → again   not recalled (a skipped answer is always again)
 *
 * Each hint used lowers the suggestion one step (easy → good → hard → again): every nudge is
 * recall the person did not do alone. An answer that ran over its time limit is capped at good:
 * recall that needed extra time is not effortless.
 */
export const RATING_THRESHOLDS = { easy: 0.9, good: 0.7, hard: 0.4 } as const;

export interface RatingEvidence {
  /** 0..1, the grader's weighted score. */
  score: number;
  skipped?: boolean;
  overTime?: boolean;
  hintsUsed?: number;
}

const LADDER: readonly Rating[] = ['again', 'hard', 'good', 'easy'];

/**
 * Example: `suggestRating({score: 0.75})` → 'good'; `suggestRating({score: 0.95, hintsUsed: 1})` →
 * 'good'; `suggestRating({score: 0.95, hintsUsed: 2})` → 'hard'.
 */
export function suggestRating(e: RatingEvidence): Rating {
  if (e.skipped) return 'again';
  const t = RATING_THRESHOLDS;
  let step = e.score >= t.easy ? 3 : e.score >= t.good ? 2 : e.score >= t.hard ? 1 : 0;
  if (e.overTime) step = Math.min(step, 2);
  step = Math.max(0, step - Math.max(0, Math.floor(e.hintsUsed ?? 0)));
  return LADDER[step]!;
}
