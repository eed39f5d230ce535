// Property-based tests (fast-check): any answer text yields a score in 0..1, one result per key
// point in order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGrader } from '../../src/core/grading/index.js';
import { loadCatalogOrThrow } from '../../src/storage/bank-loader.js';
import { builtinBanksDir } from '../../src/storage/paths.js';
import { ROOT } from '../helpers/cli.js';

const catalog = loadCatalogOrThrow([builtinBanksDir()], ROOT);
const grader = createGrader({ questions: catalog.questions, glossary: catalog.glossary });
const graded = catalog.questions.filter((q) => !q.ungraded);

const answer = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.array(fc.constantFrom('slo', 'SLI', 'not', "don't", 'roll back', 'latency', 'p99', 'k8s', '.', ',', '\n', '\u0000', '🚀', 'שלום', 'rollbak', 'the', 'error budget'), { maxLength: 60 }).map((w) => w.join(' ')),
);

describe('the grader on arbitrary answers', () => {
  it('scores in 0..1 with one result per key point, never throwing', () => {
    fc.assert(
      fc.property(fc.nat({ max: graded.length - 1 }), answer, (i, text) => {
        const q = graded[i]!;
        const r = grader.grade(q, text);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
        expect(Number.isFinite(r.score)).toBe(true);
        expect(r.points.map((p) => p.point)).toEqual(q.keyPoints.map((k) => k.point));
        for (const p of r.points) {
          expect(p.strength).toBeGreaterThanOrEqual(0);
          expect(p.strength).toBeLessThanOrEqual(1);
          expect(p.matched).toBe(p.matched && p.strength > 0);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
