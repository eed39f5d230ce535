import { describe, expect, it } from 'vitest';
import { detectStar } from '../../../src/core/grading/star.js';
import { grader, slo, story } from './fixtures.js';

const full =
  'At my previous company our payments API went down on a Friday evening. I was the on-call engineer, so I had to restore checkout quickly. ' +
  'I rolled back the release, paged the database team and posted updates every 15 minutes. As a result checkout was back in 20 minutes and we cut similar incidents by half.';

describe('STAR detection', () => {
  it('finds all four parts with the cue that showed each', () => {
    const s = detectStar(full);
    expect(Object.values(s).every((p) => p.present)).toBe(true);
    expect(s.situation.cue).toMatch(/previous company/i);
    expect(s.task.cue).toMatch(/I was the on-call|I had to/i);
    expect(s.action.cue).toMatch(/I rolled back/i);
    expect(s.result.cue).toMatch(/as a result/i);
  });

  it('reports a missing result', () => {
    const s = detectStar('At my previous job the queue backed up. I decided to add consumers.');
    expect(s.situation.present).toBe(true);
    expect(s.action.present).toBe(true);
    expect(s.result).toEqual({ present: false, cue: '' });
  });

  it('is reported for behavioural questions only', () => {
    const g = grader();
    expect(g.grade(story, full).star?.action.present).toBe(true);
    expect(g.grade(slo, full).star).toBeUndefined();
  });
});
