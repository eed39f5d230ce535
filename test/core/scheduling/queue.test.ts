import { describe, expect, it } from 'vitest';
import { next, retrievability, type CardState } from '../../../src/core/scheduling/fsrs.js';
import { comesUpAt, DEFAULT_NEW_PER_DAY, queue, scheduled, type QueueCard } from '../../../src/core/scheduling/queue.js';
import { TOPIC_PULL } from '../../../src/core/scheduling/topics.js';
import { at, DAY, MINUTE, T0 } from '../../helpers/clock.js';

const q = (id: string, ...topics: string[]) => ({ id, topics });
function view(id: string, card: CardState): QueueCard {
  return { questionId: id, ...card };
}
/** A card reviewed `ratings` times, each when due, starting at T0. */
function history(...ratings: ('again' | 'hard' | 'good' | 'easy')[]): CardState {
  let card: CardState | null = null;
  let t = T0;
  for (const r of ratings) {
    card = next(card, r, t).card;
    t = card.due;
  }
  return card!;
}

describe('queue', () => {
  it('due cards come first, lowest recall first; cards not yet due stay out', () => {
    const now = at(30 * DAY);
    const overdueLong = history('good'); // due after a few days: long overdue, low recall
    const overdueShort = history('easy'); // a higher stability: recalled better
    const notDue = next(null, 'easy', at(29 * DAY)).card;
    const items = queue([view('b', overdueShort), view('a', overdueLong), view('c', notDue)], now, {
      questions: [q('a', 't1'), q('b', 't2'), q('c', 't3')],
      newLimit: 0,
    });
    expect(items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(items[0]!.retrievability!).toBeLessThan(items[1]!.retrievability!);
    expect(items[0]!.retrievability).toBe(retrievability(overdueLong, now));
    expect(items.every((i) => i.reason === 'due')).toBe(true);
  });

  it('adds new questions up to the daily limit, weakest topics first, then bank order', () => {
    const questions = Array.from({ length: 15 }, (_, i) => q(`n${String(i).padStart(2, '0')}`, i === 12 ? 'weak' : 'other'));
    const items = queue([], T0, { questions, topicWeakness: new Map([['weak', 0.6]]) });
    expect(items).toHaveLength(DEFAULT_NEW_PER_DAY);
    expect(items[0]).toMatchObject({ id: 'n12', reason: 'new', due: null, retrievability: null, weakness: 0.6 });
    expect(items.slice(1).map((i) => i.id)).toEqual(['n00', 'n01', 'n02', 'n03', 'n04', 'n05', 'n06', 'n07', 'n08']);
    expect(queue([], T0, { questions, newLimit: 3 })).toHaveLength(3);
    expect(queue([], T0, { questions, newLimit: 0 })).toHaveLength(0);
  });

  it('a card sharing a weak topic comes up sooner than an untouched one', () => {
    const card = history('good', 'good');
    const interval = card.due.getTime() - card.lastReview!.getTime();
    const weakness = new Map([['weak', 1]]);
    expect(comesUpAt(card, 1).getTime()).toBe(card.due.getTime() - interval * TOPIC_PULL);
    expect(comesUpAt(card, 0)).toEqual(card.due);
    // Halfway through the interval plus a minute: only the weak one is due.
    const now = new Date(card.lastReview!.getTime() + interval * (1 - TOPIC_PULL) + MINUTE);
    const items = queue([view('weak-q', card), view('calm-q', card)], now, { questions: [q('weak-q', 'weak'), q('calm-q', 'calm')], topicWeakness: weakness, newLimit: 0 });
    expect(items.map((i) => i.id)).toEqual(['weak-q']);
  });

  it('cards of questions no longer in the banks leave the queue', () => {
    const card = history('again');
    const items = queue([view('gone', card)], at(DAY), { questions: [q('kept', 'x')], newLimit: 5 });
    expect(items.map((i) => i.id)).toEqual(['kept']);
  });

  it('cram drills the weakest questions even when nothing is due', () => {
    const now = at(MINUTE * 2);
    const fresh = next(null, 'easy', T0).card; // due in days
    const items = queue([view('a', fresh), view('b', fresh)], now, {
      questions: [q('a', 'strong'), q('b', 'weak'), q('c', 'none')],
      topicWeakness: new Map([['weak', 0.8], ['strong', 0.1]]),
      cram: true,
      limit: 2,
    });
    expect(items.map((i) => [i.id, i.reason])).toEqual([['b', 'cram'], ['a', 'cram']]);
    expect(queue([view('a', fresh)], now, { questions: [q('a', 'x')], newLimit: 0 })).toEqual([]);
  });

  it('respects the limit', () => {
    const questions = Array.from({ length: 8 }, (_, i) => q(`n${i}`, 'x'));
    expect(queue([], T0, { questions, limit: 3 })).toHaveLength(3);
  });
});

describe('scheduled', () => {
  it('lists every scheduled card by when it comes up, including one missed a minute ago', () => {
    const missed = next(null, 'again', T0).card;
    const later = next(null, 'easy', T0).card;
    const now = at(MINUTE / 2);
    const list = scheduled([view('later', later), view('missed', missed)], now, { questions: [q('later', 'x'), q('missed', 'y'), q('new', 'z')] });
    expect(list.map((i) => i.id)).toEqual(['missed', 'later']);
    expect(list[0]!.due).toEqual(at(MINUTE));
  });
});
