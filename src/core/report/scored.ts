import type { ReportAttempt } from './types.js';

// Kept apart from summarise.ts: the store picks the answers a report quotes with the same rule,
// and should not load the rest of the report to do so.

/** Whether an attempt carries a score: ungraded answers (no key points, no STAR) do not. */
export function isScored(a: ReportAttempt): boolean {
  return a.skipped || (a.hasPoints ?? (a.points?.length ?? 0) > 0) || a.star !== undefined;
}

/**
 * The latest scored answer to each question, by id, from answers in time order: the ones the
 * report quotes (missed key points, the plan), so the only ones whose point results it reads.
 */
export function latestScored<A extends ReportAttempt>(attempts: readonly A[]): Map<string, A> {
  const latest = new Map<string, A>();
  for (const a of attempts) if (isScored(a)) latest.set(a.questionId, a);
  return latest;
}
