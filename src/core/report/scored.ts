import { isFollowUpPrompt } from '../model.js';
import type { ReportAttempt } from './types.js';

// Kept apart from summarise.ts: the store picks the answers a report quotes with the same rules
// (follow-ups joined, then the latest scored), and should not load the rest of the report to do so.

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

/**
 * One answer per question asked: a mock's follow-up is kept as a second attempt at the same
 * question in the same session, graded on the answer and the follow-up together. The report counts
 * the two as one answer: the follow-up's score, points and STAR, the time of both (used and
 * allowed), over time if either was. Attempts in time order in, the same order out.
 */
export function joinFollowUps(attempts: readonly ReportAttempt[]): readonly ReportAttempt[] {
  const out: ReportAttempt[] = [];
  // Where each session's latest answer sits in `out` (sessions may interleave: two terminals).
  const lastOfSession = new Map<number, number>();
  let joined = false;
  for (const a of attempts) {
    const at = lastOfSession.get(a.sessionId);
    const prev = at === undefined ? undefined : out[at]!;
    if (prev && prev.questionId === a.questionId && isFollowUpPrompt(a.prompt, prev.prompt)) {
      joined = true;
      // Field by field: the store's report rows keep some fields as getters, which a spread drops.
      out[at!] = {
        id: a.id,
        sessionId: a.sessionId,
        questionId: a.questionId,
        category: a.category,
        topics: a.topics,
        prompt: prev.prompt,
        keyPoints: a.keyPoints,
        score: a.score,
        star: a.star,
        durationMs: prev.durationMs + a.durationMs,
        timeLimit: prev.timeLimit + a.timeLimit,
        overTime: prev.overTime || a.overTime,
        skipped: a.skipped,
        startedAt: prev.startedAt,
        answeredAt: a.answeredAt,
        hasPoints: a.hasPoints,
        points: a.points,
      };
    } else {
      lastOfSession.set(a.sessionId, out.length);
      out.push(a);
    }
  }
  return joined ? out : attempts;
}
