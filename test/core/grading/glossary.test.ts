import { describe, expect, it } from 'vitest';
import { createGrader } from '../../../src/core/grading/index.js';
import { ALL, grader, rollback, scaling, slo } from './fixtures.js';

const g = grader();

describe('glossary: acronyms and synonyms', () => {
  it('matches an expansion to the acronym in the point', () => {
    const r = g.grade(slo, 'A service level objective is a target for an indicator of service level over a time window.');
    expect(r.points[0]!.matched).toBe(true);
  });

  it('matches an acronym to the expansion in the point', () => {
    const r = g.grade(scaling, 'An LB spreads the requests across the healthy pods.');
    expect(r.points[1]!.matched).toBe(true);
  });

  it('matches a synonym (revert for roll back)', () => {
    const r = g.grade(rollback, 'Revert the deploy to restore service, debug afterwards.');
    expect(r.points[0]!.matched).toBe(true);
  });

  it('matches p99 to the 99th percentile', () => {
    const r = g.grade(rollback, 'Then I watch the 99th percentile latency on the dashboards to confirm recovery.');
    expect(r.points[1]!.matched).toBe(true);
  });

  it('does nothing without the glossary group', () => {
    const bare = createGrader({ questions: ALL, glossary: [] });
    const r = bare.grade(rollback, 'Revert the deploy.');
    const withGlossary = g.grade(rollback, 'Revert the deploy.');
    expect(r.points[0]!.strength).toBeLessThan(withGlossary.points[0]!.strength);
  });
});
