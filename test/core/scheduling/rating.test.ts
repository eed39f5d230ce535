import { describe, expect, it } from 'vitest';
import { RATING_THRESHOLDS, suggestRating } from '../../../src/core/scheduling/rating.js';

describe('suggestRating', () => {
  it.each([
    [1, 'easy'],
    [RATING_THRESHOLDS.easy, 'easy'],
    [0.8999, 'good'],
    [RATING_THRESHOLDS.good, 'good'],
    [0.6999, 'hard'],
    [RATING_THRESHOLDS.hard, 'hard'],
    [0.3999, 'again'],
    [0, 'again'],
  ] as const)('score %s suggests %s', (score, rating) => {
    expect(suggestRating({ score })).toBe(rating);
  });

  it('a skipped answer is always again', () => {
    expect(suggestRating({ score: 1, skipped: true })).toBe('again');
  });

  it('over time caps the suggestion at good', () => {
    expect(suggestRating({ score: 0.95, overTime: true })).toBe('good');
    expect(suggestRating({ score: 0.75, overTime: true })).toBe('good');
    expect(suggestRating({ score: 0.5, overTime: true })).toBe('hard');
  });

  it('each hint lowers the suggestion one step, down to again', () => {
    expect(suggestRating({ score: 0.95, hintsUsed: 1 })).toBe('good');
    expect(suggestRating({ score: 0.95, hintsUsed: 2 })).toBe('hard');
    expect(suggestRating({ score: 0.75, hintsUsed: 1 })).toBe('hard');
    expect(suggestRating({ score: 0.5, hintsUsed: 1 })).toBe('again');
    expect(suggestRating({ score: 0.95, hintsUsed: 5 })).toBe('again');
    expect(suggestRating({ score: 0.95, overTime: true, hintsUsed: 1 })).toBe('hard');
  });
});
