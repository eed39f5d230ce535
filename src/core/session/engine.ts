import type { Question } from '../bank/schema.js';
import type { Rng } from '../random.js';
import type { PlannedItem, SessionPlan } from './plan.js';

/**
 * The session as a state machine: which question is being asked, whether it is the question or
 * the interviewer's follow-up, how much of its clock is used, hints shown, pauses. Pure: every
 * step takes `now` (and the rng where it chooses) and returns a new state. The state is plain
 * JSON, so the store can keep it and `resume` can continue with the time that was left.
 */

export type Turn = 'question' | 'follow-up';

export interface EngineState {
  plan: SessionPlan;
  /** The item being asked; equals `plan.items.length` when the session is over. */
  index: number;
  turn: Turn;
  /** The follow-up being asked, on a follow-up turn. */
  followUp: string | null;
  /** This turn's limit in ms, fixed when the turn starts; null without a timer. */
  limitMs: number | null;
  /** Ms used on this turn before the clock last started. */
  usedMs: number;
  /** Epoch ms when the clock last started; null while paused or stopped. */
  runningSince: number | null;
  /** Epoch ms when this turn was first shown. */
  turnStartedAt: number;
  hintsShown: number;
  pauses: number;
  /** Ms the whole loop used over finished turns (the mock's overall clock). */
  loopUsedMs: number;
  /** Why the session ended early, if it did. */
  ended: 'loop-clock' | null;
}

/** The clock turns yellow with a quarter of the time left and red with a tenth. */
export const WARN_SHARE = 0.25;
export const URGENT_SHARE = 0.1;

/** A follow-up gets a third of its question's time, at least a minute and at most three. */
export const FOLLOW_UP_SHARE = 1 / 3;
export const FOLLOW_UP_MIN_S = 60;
export const FOLLOW_UP_MAX_S = 180;

export type ClockTone = 'calm' | 'warn' | 'urgent' | 'over';

/** The first question's clock starts at `now`. Example: `begin(plan(...), now)`. */
export function begin(plan: SessionPlan, now: Date): EngineState {
  const s: EngineState = {
    plan,
    index: 0,
    turn: 'question',
    followUp: null,
    limitMs: null,
    usedMs: 0,
    runningSince: null,
    turnStartedAt: now.getTime(),
    hintsShown: 0,
    pauses: 0,
    loopUsedMs: 0,
    ended: null,
  };
  return plan.items.length ? startTurn(s, 'question', null, now) : s;
}

/** Where a saved session stopped: the turn, its follow-up, the time left and the hints shown. */
export interface ResumePoint {
  index: number;
  turn: Turn;
  followUp: string | null;
  /** Ms that were left on the interrupted turn; null to start it afresh. */
  remainingMs: number | null;
  hintsShown: number;
  /** Ms the loop had used over the turns already answered. */
  loopUsedMs: number;
}

/**
 * Continues a saved session at `now`, with the time that was left on the interrupted turn.
 * Example: `resumeAt(plan, { index: 2, turn: 'question', followUp: null, remainingMs: 45_000, hintsShown: 1, loopUsedMs: 0 }, now)`.
 */
export function resumeAt(plan: SessionPlan, at: ResumePoint, now: Date): EngineState {
  const base = { ...begin({ ...plan, items: [] }, now), plan, index: at.index, loopUsedMs: at.loopUsedMs };
  if (isDone(base)) return base;
  const s = startTurn(base, at.turn, at.followUp, now);
  const used = s.limitMs !== null && at.remainingMs !== null ? Math.max(0, s.limitMs - Math.max(0, at.remainingMs)) : 0;
  return { ...s, usedMs: used, hintsShown: at.hintsShown };
}

export function isDone(s: EngineState): boolean {
  return s.index >= s.plan.items.length;
}

export function currentItem(s: EngineState): PlannedItem | undefined {
  return s.plan.items[s.index];
}

/** Ms used on the current turn at `now`. */
export function elapsedMs(s: EngineState, now: Date): number {
  return s.usedMs + (s.runningSince === null ? 0 : Math.max(0, now.getTime() - s.runningSince));
}

/** Ms left on the current turn (negative once over); null without a timer. */
export function remainingMs(s: EngineState, now: Date): number | null {
  return s.limitMs === null ? null : s.limitMs - elapsedMs(s, now);
}

/** Ms left on the mock's overall clock; null for sessions without one. */
export function loopRemainingMs(s: EngineState, now: Date): number | null {
  if (s.plan.overallLimit === undefined) return null;
  return s.plan.overallLimit * 1000 - s.loopUsedMs - elapsedMs(s, now);
}

/** How urgent the clock looks: calm, warn (≤ 25 % left), urgent (≤ 10 %), over (past zero). */
export function clockTone(remaining: number | null, limit: number | null): ClockTone {
  if (remaining === null || limit === null || limit <= 0) return 'calm';
  if (remaining <= 0) return 'over';
  if (remaining <= limit * URGENT_SHARE) return 'urgent';
  if (remaining <= limit * WARN_SHARE) return 'warn';
  return 'calm';
}

/** `m:ss`, with a leading minus past zero. Example: `formatClock(83_400)` → `'1:24'`. */
export function formatClock(ms: number): string {
  // Round up so the clock shows 0:00 only when the time is really gone.
  const total = Math.ceil(Math.abs(ms) / 1000) * Math.sign(ms);
  const abs = Math.abs(total);
  return `${total < 0 ? '-' : ''}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
}

/** The next hint of the current question, if any is left; the count is what lowers the suggested rating. */
export function nextHint(s: EngineState, question: Question): { state: EngineState; hint: string | null } {
  const hint = question.hints[s.hintsShown];
  if (hint === undefined) return { state: s, hint: null };
  return { state: { ...s, hintsShown: s.hintsShown + 1 }, hint };
}

/**
 * Starts the current turn's clock as the turn appears on screen, so time spent reading feedback
 * or rating the last answer is not charged to it. A resumed turn keeps the time it had used.
 */
export function showTurn(s: EngineState, now: Date): EngineState {
  if (isDone(s)) return s;
  return { ...s, runningSince: now.getTime(), turnStartedAt: s.usedMs === 0 ? now.getTime() : s.turnStartedAt };
}

/** Stops the clock (mock only: a real interviewer lets you pause). */
export function pause(s: EngineState, now: Date): EngineState {
  if (s.runningSince === null) return s;
  return { ...s, usedMs: elapsedMs(s, now), runningSince: null, pauses: s.pauses + 1 };
}

/** Starts a stopped clock again (after a pause, or when a saved session is resumed). */
export function unpause(s: EngineState, now: Date): EngineState {
  if (s.runningSince !== null || isDone(s)) return s;
  return { ...s, runningSince: now.getTime() };
}

/** The state with its clock stopped and the used time folded in: what the store keeps. */
export function snapshot(s: EngineState, now: Date): EngineState {
  return s.runningSince === null ? s : { ...s, usedMs: elapsedMs(s, now), runningSince: null };
}

export interface TurnOutcome {
  skipped: boolean;
  /** The clock ran out and the partial answer was submitted. */
  timedOut: boolean;
  /** Whether the answer missed any key point (decides the follow-up). */
  missedPoints: boolean;
}

/** What one finished turn amounts to, for the attempt that records it. */
export interface TurnRecord {
  item: PlannedItem;
  turn: Turn;
  followUp: string | null;
  durationMs: number;
  /** Seconds; 0 without a timer. */
  timeLimit: number;
  overTime: boolean;
  hintsUsed: number;
  startedAt: Date;
}

/**
 * Ends the current turn. In a mock, an answer that missed key points on a question with
 * follow-ups gets one follow-up (chosen with the rng), as a real interviewer would probe;
 * otherwise the next question starts. Example: `finishTurn(s, q, {skipped: false, timedOut: false, missedPoints: true}, now, rng)`.
 */
export function finishTurn(
  s: EngineState,
  question: Question,
  outcome: TurnOutcome,
  now: Date,
  rng: Rng,
): { state: EngineState; record: TurnRecord; followUp: string | null } {
  const item = currentItem(s);
  if (!item) throw new RangeError('the session is over: no turn to finish');
  const used = elapsedMs(s, now);
  const record: TurnRecord = {
    item,
    turn: s.turn,
    followUp: s.followUp,
    durationMs: used,
    timeLimit: s.limitMs === null ? 0 : Math.round(s.limitMs / 1000),
    overTime: outcome.timedOut || (s.limitMs !== null && used > s.limitMs),
    hintsUsed: s.hintsShown,
    startedAt: new Date(s.turnStartedAt),
  };
  const after: EngineState = { ...s, loopUsedMs: s.loopUsedMs + used, usedMs: 0, runningSince: null };
  const loopLeft = loopRemainingMs(after, now);
  if (loopLeft !== null && loopLeft <= 0) {
    return { state: { ...after, index: s.plan.items.length, ended: 'loop-clock' }, record, followUp: null };
  }
  const wantsFollowUp =
    s.plan.kind === 'mock' &&
    s.turn === 'question' &&
    !outcome.skipped &&
    outcome.missedPoints &&
    question.followUps.length > 0 &&
    (loopLeft === null || loopLeft >= FOLLOW_UP_MIN_S * 1000);
  if (wantsFollowUp) {
    const followUp = question.followUps[Math.floor(rng() * question.followUps.length)]!;
    return { state: startTurn(after, 'follow-up', followUp, now), record, followUp };
  }
  const moved: EngineState = { ...after, index: s.index + 1 };
  return { state: isDone(moved) ? moved : startTurn(moved, 'question', null, now), record, followUp: null };
}

function startTurn(s: EngineState, turn: Turn, followUp: string | null, now: Date): EngineState {
  const item = s.plan.items[s.index]!;
  let limit: number | null = item.timeLimit > 0 ? item.timeLimit * 1000 : null;
  if (turn === 'follow-up' && limit !== null) {
    limit = Math.min(FOLLOW_UP_MAX_S, Math.max(FOLLOW_UP_MIN_S, Math.round(item.timeLimit * FOLLOW_UP_SHARE))) * 1000;
  }
  const loopLeft = loopRemainingMs({ ...s, usedMs: 0, runningSince: null }, now);
  if (loopLeft !== null && limit !== null) limit = Math.max(0, Math.min(limit, loopLeft));
  return {
    ...s,
    turn,
    followUp,
    limitMs: limit,
    usedMs: 0,
    runningSince: now.getTime(),
    turnStartedAt: now.getTime(),
    hintsShown: 0,
  };
}
