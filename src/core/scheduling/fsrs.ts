import { createEmptyCard, default_w, forgetting_curve, fsrs, Rating as FsrsRating, State, type Card, type FSRS, type Grade } from 'ts-fsrs';
import type { Rating } from '../model.js';

/**
 * A pure wrapper over ts-fsrs: our own card shape (camelCase, string states, `null` for "never"),
 * one scheduler per desired retention, and `next(card, rating, now)` that returns new values and
 * mutates nothing.
 */

export const CARD_STATES = ['new', 'learning', 'review', 'relearning'] as const;
export type CardStateName = (typeof CARD_STATES)[number];

/** Desired retention when none is configured: FSRS's own default. */
export const DEFAULT_RETENTION = 0.9;

/** FSRS memory state of one question. */
export interface CardState {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: CardStateName;
  lastReview: Date | null;
}

/** What one rating did, as kept in the review log (the card as it was before the rating). */
export interface ReviewEntry {
  rating: Rating;
  stateBefore: CardStateName;
  /** Days since the previous review (0 for a new card). */
  elapsedDays: number;
  scheduledDays: number;
  reviewedAt: Date;
}

export interface SchedulerOptions {
  /** Probability of recalling a card when it comes due, 0.7..0.99 (default 0.9). */
  retention?: number;
}

const GRADE: Readonly<Record<Rating, Grade>> = {
  again: FsrsRating.Again,
  hard: FsrsRating.Hard,
  good: FsrsRating.Good,
  easy: FsrsRating.Easy,
};

const schedulers = new Map<number, FSRS>();
function scheduler(opts: SchedulerOptions = {}): FSRS {
  const retention = opts.retention ?? DEFAULT_RETENTION;
  if (!(retention >= 0.7 && retention <= 0.99)) throw new RangeError(`desired retention must be between 0.7 and 0.99, got ${retention}`);
  let s = schedulers.get(retention);
  // No fuzz: the same history must give the same schedule (tests, import replays).
  if (!s) schedulers.set(retention, (s = fsrs({ request_retention: retention, enable_fuzz: false })));
  return s;
}

/** Checks a desired retention; returns it or throws RangeError with the allowed range. */
export function checkRetention(retention: number): number {
  scheduler({ retention });
  return retention;
}

function toFsrs(card: CardState): Card {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: CARD_STATES.indexOf(card.state) as State,
    last_review: card.lastReview ?? undefined,
  };
}

function fromFsrs(card: Card): CardState {
  return {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: CARD_STATES[card.state] ?? 'new',
    lastReview: card.last_review ? new Date(card.last_review) : null,
  };
}

/** A card never reviewed, due at `now`. */
export function newCard(now: Date): CardState {
  return fromFsrs(createEmptyCard(now));
}

/**
 * The card after rating it at `now` (a missing card counts as new). Pure.
 * Example: `next(null, 'again', now).card.due` is one minute after `now` (a learning step).
 */
export function next(card: CardState | null, rating: Rating, now: Date, opts: SchedulerOptions = {}): { card: CardState; entry: ReviewEntry } {
  const before = card ?? newCard(now);
  const r = scheduler(opts).next(toFsrs(before), now, GRADE[rating]);
  return {
    card: fromFsrs(r.card),
    entry: {
      rating,
      stateBefore: before.state,
      elapsedDays: r.log.elapsed_days,
      scheduledDays: r.card.scheduled_days,
      reviewedAt: new Date(now),
    },
  };
}

const DAY_MS = 86_400_000;

/**
 * Probability of recall at `now`, 0..1 (0 for a card never reviewed). The same forgetting curve
 * as ts-fsrs's `get_retrievability` (whole days since the last review), without converting the
 * card first: the review queue computes it for every card. Retention does not enter the curve.
 */
export function retrievability(card: Pick<CardState, 'state' | 'lastReview' | 'stability'>, now: Date): number {
  if (card.state === 'new' || !card.lastReview || card.stability <= 0) return 0;
  const days = Math.max(0, Math.floor((now.getTime() - card.lastReview.getTime()) / DAY_MS));
  return Math.max(0, Math.min(1, forgetting_curve(default_w, days, card.stability)));
}

/** ts-fsrs's own figure, for tests that check `retrievability` against it. */
export function fsrsRetrievability(card: CardState, now: Date): number {
  return scheduler().get_retrievability(toFsrs(card), now, false);
}
