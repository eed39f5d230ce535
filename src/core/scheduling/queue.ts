import { compareSlugs } from '../bank/schema.js';
import { retrievability, type CardState } from './fsrs.js';
import { questionWeakness, TOPIC_PULL } from './topics.js';

/** New questions introduced per day when the person sets no limit. */
export const DEFAULT_NEW_PER_DAY = 10;

/** A question of the banks in use, as the queue needs it. */
export interface QueueQuestion {
  id: string;
  topics: readonly string[];
}

/** A card as the queue needs it (a store `CardView` fits); recall is computed only where needed. */
export interface QueueCard extends Pick<CardState, 'due' | 'lastReview' | 'state' | 'stability'> {
  questionId: string;
}

export type QueueReason = 'due' | 'new' | 'cram';

export interface QueueItem {
  id: string;
  reason: QueueReason;
  /** When the card comes up (FSRS due brought forward by weak topics); null for a new question. */
  due: Date | null;
  /** null for a new question. */
  retrievability: number | null;
  /** The weakest of the question's topics, 0..1. */
  weakness: number;
  topics: readonly string[];
}

export interface QueueOptions {
  /** The banks in use: cards of questions not among them stay out (their history is kept). */
  questions: readonly QueueQuestion[];
  /** Topic → weakness 0..1 (see topics.ts); missing topics count as 0. */
  topicWeakness?: ReadonlyMap<string, number>;
  /** New questions still allowed today (default DEFAULT_NEW_PER_DAY). */
  newLimit?: number;
  /** Drill the weakest questions whether due or not. */
  cram?: boolean;
  /** At most this many items. */
  limit?: number;
}

/**
 * When a card comes up: its FSRS due date brought forward by up to TOPIC_PULL of its interval
 * in proportion to `weakness`. A card with no weak topic comes up exactly when FSRS says.
 */
export function comesUpAt(card: Pick<QueueCard, 'due' | 'lastReview'>, weakness: number): Date {
  if (!card.lastReview || card.due <= card.lastReview || weakness <= 0) return card.due;
  const interval = card.due.getTime() - card.lastReview.getTime();
  return new Date(card.due.getTime() - interval * TOPIC_PULL * Math.min(1, weakness));
}

/**
 * The banks' questions split into scheduled cards and new questions. `dueBy` keeps only cards
 * coming up by then, so recall is computed for those alone (the queue on a large history).
 */
function items(cards: readonly QueueCard[], now: Date, opts: QueueOptions, dueBy?: Date): { scheduled: QueueItem[]; fresh: QueueItem[] } {
  const weak = opts.topicWeakness ?? new Map<string, number>();
  const byId = new Map<string, QueueCard>();
  for (const c of cards) byId.set(c.questionId, c);
  const scheduled: QueueItem[] = [];
  const fresh: QueueItem[] = [];
  for (const q of opts.questions) {
    const w = questionWeakness(q.topics, weak);
    const c = byId.get(q.id);
    if (c && c.state !== 'new') {
      const due = comesUpAt(c, w);
      if (dueBy && due.getTime() > dueBy.getTime()) continue;
      scheduled.push({ id: q.id, reason: 'due', due, retrievability: retrievability(c, now), weakness: w, topics: q.topics });
    } else fresh.push({ id: q.id, reason: 'new', due: null, retrievability: null, weakness: w, topics: q.topics });
  }
  return { scheduled, fresh };
}

const byDue = (a: QueueItem, b: QueueItem) => a.due!.getTime() - b.due!.getTime() || compareSlugs(a.id, b.id);

/**
 * Every scheduled card of the banks in use, due now or later, sorted by when it comes up, with
 * its recall probability at `now` (`sre-drill review --list`). Pure.
 */
export function scheduled(cards: readonly QueueCard[], now: Date, opts: QueueOptions): QueueItem[] {
  return items(cards, now, opts).scheduled.sort(byDue);
}

/**
 * The review queue at `now`. Pure.
 * - Due cards (coming up at or before `now`), most at risk first: lowest recall probability,
 *   then earliest due.
 * - Then new questions, up to `newLimit`, those sharing the weakest topics first (bank order
 *   among equals).
 * - With `cram`: every question of the banks, weakest topic first, then lowest recall (new
 *   questions count as 0), whether due or not.
 * Example: `queue(store.cards(now), now, {questions, newLimit: 10})`.
 */
export function queue(cards: readonly QueueCard[], now: Date, opts: QueueOptions): QueueItem[] {
  const { scheduled: sched, fresh } = items(cards, now, opts, opts.cram ? undefined : now);
  const limit = opts.limit ?? Infinity;
  if (opts.cram) {
    return [...sched, ...fresh]
      .map((i) => ({ ...i, reason: 'cram' as const }))
      .sort((a, b) => b.weakness - a.weakness || (a.retrievability ?? 0) - (b.retrievability ?? 0) || compareSlugs(a.id, b.id))
      .slice(0, limit);
  }
  const due = sched.sort((a, b) => a.retrievability! - b.retrievability! || byDue(a, b));
  // `fresh` is in bank order and the sort is stable: bank order among equals.
  const newOnes = fresh
    .sort((a, b) => b.weakness - a.weakness)
    .slice(0, Math.max(0, opts.newLimit ?? DEFAULT_NEW_PER_DAY));
  return [...due, ...newOnes].slice(0, limit);
}
