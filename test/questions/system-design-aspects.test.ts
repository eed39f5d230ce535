// Issue 7: every system-design question's key points cover requirements and SLOs, a back-of-envelope
// estimate and a trade-off. The schema has no tag for that, so the check reads the words of each key
// point and its accepted wordings; a point can make more than one aspect.
import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/core/bank/schema.js';
import { loadCatalogOrThrow } from '../../src/storage/bank-loader.js';
import { builtinBanksDir } from '../../src/storage/paths.js';

const catalog = loadCatalogOrThrow([builtinBanksDir()], process.cwd());
const designs = catalog.questions.filter((q) => q.category === 'system-design');

/** The words that show a key point is about each aspect. */
const ASPECTS = {
  // An SLO or requirement by name, a recovery objective, or a point headed "Targets -" / "Goals -".
  'requirements or SLOs': /\b(requirements?|slos?|slis?|slas?|rpo|rto|success criteria|freshness)\b|^(targets|goals) -/i,
  // The word estimate (or sizing), or a number with a rate or size unit: "1 GB/s", "12 a second", "4 million spans".
  estimate:
    /\b(estimates?|estimated|sizing|size the)\b|\d[\d,.]*\s*(k|m|million|thousand)?\s*(\/s|per second|a second|a day|per day|a minute|per minute|requests|series|spans|events|messages|samples|orders|jobs|kb|mb|gb|tb|pb)\b/i,
  // A choice stated with what it costs: "trades exactness for speed", "X versus Y", "rather than", "accepting".
  'trade-off': /\b(trade-?offs?|trades?|trading|versus|instead of|rather than|accepting|at the cost of|cost difference)\b/i,
} as const;

function pointsMaking(q: Question, pattern: RegExp): number[] {
  return q.keyPoints.flatMap((k, i) => (pattern.test(k.point) || k.accept.some((a) => pattern.test(a)) ? [i + 1] : []));
}

describe('system-design key points cover requirements, estimates and trade-offs (issue 7)', () => {
  it('has system-design questions to check', () => {
    expect(designs.length).toBeGreaterThanOrEqual(30);
  });

  it.each(Object.entries(ASPECTS))('every question has a key point for %s', (_aspect, pattern) => {
    const missing = designs.filter((q) => pointsMaking(q, pattern).length === 0).map((q) => q.id);
    expect(missing).toEqual([]);
  });

  it('recognises each aspect in wordings the bank uses, and not in unrelated ones', () => {
    expect(ASPECTS['requirements or SLOs'].test('Freshness SLO for dashboards')).toBe(true);
    expect(ASPECTS['requirements or SLOs'].test('Targets - a verdict within about 30 minutes')).toBe(true);
    expect(ASPECTS['requirements or SLOs'].test('Affected-target builds from a dependency graph')).toBe(false);
    expect(ASPECTS.estimate.test('about 1 KB each, so roughly 1 GB/s and 80 TB of raw events a day')).toBe(true);
    expect(ASPECTS.estimate.test('Estimate the fan-out')).toBe(true);
    expect(ASPECTS.estimate.test('Quarterly failover drills')).toBe(false);
    expect(ASPECTS['trade-off'].test('Trade exactness for speed')).toBe(true);
    expect(ASPECTS['trade-off'].test('pull versus push')).toBe(true);
    expect(ASPECTS['trade-off'].test('Idempotent consumers deduplicating by order id')).toBe(false);
  });
});
