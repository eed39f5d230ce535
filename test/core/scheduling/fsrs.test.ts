import { describe, expect, it } from 'vitest';
import { checkRetention, fsrsRetrievability, newCard, next, retrievability } from '../../../src/core/scheduling/fsrs.js';
import { at, DAY, MINUTE, T0 } from '../../helpers/clock.js';

describe('next (FSRS wrapper)', () => {
  it('a new card rated again comes back one learning step (a minute) later', () => {
    const { card, entry } = next(null, 'again', T0);
    expect(card.state).toBe('learning');
    expect(card.due).toEqual(at(MINUTE));
    expect(card.reps).toBe(1);
    expect(card.lastReview).toEqual(T0);
    expect(entry).toMatchObject({ rating: 'again', stateBefore: 'new', reviewedAt: T0 });
  });

  it('better ratings push the card further out', () => {
    const dues = (['again', 'hard', 'good', 'easy'] as const).map((r) => next(null, r, T0).card.due.getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(new Set(dues).size).toBe(4);
  });

  it('mutates nothing and gives the same answer twice', () => {
    const first = next(null, 'good', T0).card;
    const frozen = structuredClone(first);
    const a = next(first, 'good', at(DAY));
    const b = next(first, 'good', at(DAY));
    expect(first).toEqual(frozen);
    expect(a).toEqual(b);
  });

  it('a higher desired retention gives shorter intervals', () => {
    let card = next(null, 'easy', T0).card;
    card = next(card, 'good', card.due).card;
    const lax = next(card, 'good', card.due, { retention: 0.8 }).card;
    const strict = next(card, 'good', card.due, { retention: 0.97 }).card;
    expect(strict.due.getTime()).toBeLessThan(lax.due.getTime());
  });

  it('forgetting a review card is a lapse and relearning', () => {
    let card = next(null, 'easy', T0).card;
    expect(card.state).toBe('review');
    card = next(card, 'again', card.due).card;
    expect(card.state).toBe('relearning');
    expect(card.lapses).toBe(1);
  });

  it('refuses a desired retention outside 0.7..0.99', () => {
    expect(() => checkRetention(0.5)).toThrow(/between 0.7 and 0.99/);
    expect(() => next(null, 'good', T0, { retention: 1 })).toThrow(RangeError);
    expect(checkRetention(0.85)).toBe(0.85);
  });
});

describe('retrievability', () => {
  it('is 0 for a new card and falls as time passes', () => {
    expect(retrievability(newCard(T0), T0)).toBe(0);
    const card = next(null, 'good', T0).card;
    const r1 = retrievability(card, at(DAY));
    const r10 = retrievability(card, at(10 * DAY));
    expect(r1).toBeGreaterThan(r10);
    expect(r1).toBeLessThanOrEqual(1);
    expect(r10).toBeGreaterThan(0);
  });
});

describe('retrievability matches ts-fsrs', () => {
  it('gives the same figure as get_retrievability over a range of cards and times', () => {
    let card = next(null, 'good', T0).card;
    for (const rating of ['good', 'again', 'hard', 'easy', 'good'] as const) {
      for (const days of [0, 1, 3, 10, 45, 400]) {
        const when = at(days * DAY, card.lastReview!);
        expect(retrievability(card, when)).toBeCloseTo(fsrsRetrievability(card, when), 6);
      }
      card = next(card, rating, card.due).card;
    }
  });
});
