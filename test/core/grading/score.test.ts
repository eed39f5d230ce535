import { describe, expect, it } from 'vitest';
import { MATCH_THRESHOLD } from '../../../src/core/grading/index.js';
import { scorePoints } from '../../../src/core/grading/score.js';
import { grader, practice, rollback, slo } from './fixtures.js';

describe('score', () => {
  it('is the weighted mean of strengths', () => {
    expect(scorePoints([{ weight: 2, strength: 1 }, { weight: 1, strength: 0 }, { weight: 1, strength: 0.5 }])).toBe(0.625);
  });

  it('is 0 with no points', () => {
    expect(scorePoints([])).toBe(0);
  });

  it('matches the graded points: weight 2 fully made, weight 1 missed gives 2/3', () => {
    const r = grader().grade(slo, 'An SLO is a target for a service level indicator over a time window.');
    expect(r.points[0]!.strength).toBe(1);
    expect(r.points[1]!.strength).toBe(0);
    expect(r.score).toBeCloseTo(2 / 3, 3);
  });

  it('grades one answer against several questions as a fresh grader would', () => {
    const answer = 'An SLO is a target for a service level indicator over a time window. Roll back the deploy to restore service.';
    const g = grader();
    g.grade(rollback, answer);
    expect(g.grade(slo, answer)).toEqual(grader().grade(slo, answer));
    expect(g.grade(rollback, answer)).toEqual(grader().grade(rollback, answer));
  });

  it('returns score 0 and no points for an ungraded question', () => {
    const r = grader().grade(practice, 'My favourite tool is a good debugger.');
    expect(r).toMatchObject({ id: 'open-chat', score: 0, points: [] });
    expect(r.notices.join(' ')).toMatch(/ungraded/);
  });
});

describe('strictness', () => {
  it('orders the thresholds lenient < normal < strict', () => {
    expect(MATCH_THRESHOLD.lenient).toBeLessThan(MATCH_THRESHOLD.normal);
    expect(MATCH_THRESHOLD.normal).toBeLessThan(MATCH_THRESHOLD.strict);
  });

  it('moves whether a partly made point counts, not its strength', () => {
    const answer = 'An SLO is a target.';
    const lenient = grader({ strictness: 'lenient' }).grade(slo, answer).points[0]!;
    const strict = grader({ strictness: 'strict' }).grade(slo, answer).points[0]!;
    expect(lenient.strength).toBe(strict.strength);
    expect(lenient.strength).toBeGreaterThanOrEqual(MATCH_THRESHOLD.lenient);
    expect(lenient.strength).toBeLessThan(MATCH_THRESHOLD.strict);
    expect(lenient.matched).toBe(true);
    expect(strict.matched).toBe(false);
  });
});
