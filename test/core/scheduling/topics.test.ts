import { describe, expect, it } from 'vitest';
import { next } from '../../../src/core/scheduling/fsrs.js';
import { missedShare, questionWeakness, topicMastery, updateTopic, TOPIC_ALPHA } from '../../../src/core/scheduling/topics.js';
import { at, DAY, T0 } from '../../helpers/clock.js';
import { points } from '../../helpers/store-fixture.js';

describe('the topic rule', () => {
  it('missedShare weighs points by their weight; a skip misses everything', () => {
    const pts = points(true, false);
    pts[0]!.weight = 3;
    expect(missedShare(pts, false)).toBeCloseTo(0.25);
    expect(missedShare(pts, true)).toBe(1);
    expect(missedShare([], false)).toBe(0);
  });

  it('one miss raises the weakness at once; full answers bring it back down', () => {
    const missed = updateTopic(undefined, 'slo', points(false, false), false, T0);
    expect(missed.weakness).toBeCloseTo(TOPIC_ALPHA);
    expect(missed.missedPoints).toBe(2);
    const better = updateTopic(missed, 'slo', points(true, true), false, at(DAY));
    expect(better.weakness).toBeCloseTo(TOPIC_ALPHA * (1 - TOPIC_ALPHA));
    expect(better.attempts).toBe(2);
    expect(better.lastSeen).toEqual(at(DAY));
  });

  it("a question's weakness is its weakest topic's", () => {
    expect(questionWeakness(['a', 'b', 'c'], new Map([['a', 0.2], ['b', 0.7]]))).toBe(0.7);
    expect(questionWeakness(['z'], new Map([['a', 0.2]]))).toBe(0);
  });

  it('mastery blends scores and recall, weakest first', () => {
    const strong = updateTopic(undefined, 'strong', points(true, true), false, T0);
    const weak = updateTopic(undefined, 'weak', points(false, false), false, T0);
    const card = next(null, 'good', T0).card;
    const m = topicMastery([strong, weak], [{ topics: ['strong'], card }], at(DAY));
    expect(m.map((t) => t.topic)).toEqual(['weak', 'strong']);
    expect(m[0]).toMatchObject({ mastery: 0.5, recall: null, cards: 0 });
    expect(m[1]!.recall).toBeGreaterThan(0.5);
    expect(m[1]!.mastery).toBeCloseTo((1 + m[1]!.recall!) / 2);
  });
});
