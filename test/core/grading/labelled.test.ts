import { describe, expect, it } from 'vitest';
import { agreement, HOLDOUT_FILE, readLabelled } from '../../../bench/grader-data.js';
import { createGrader } from '../../../src/core/grading/index.js';
import { loadCatalogOrThrow } from '../../../src/storage/bank-loader.js';
import { builtinBanksDir } from '../../../src/storage/paths.js';

// A regression guard, not a target: the labelled set's key-point F1 (0.94 when this was set) must
// not fall under this floor. `npm run bench -- --only grader` prints the full figures.
const MIN_OVERALL_F1 = 0.9;
const MAX_FP_RATE_BUZZWORD_AND_NEGATION = 0.1;

const catalog = loadCatalogOrThrow([builtinBanksDir()], process.cwd());
const grader = createGrader({ questions: catalog.questions, glossary: catalog.glossary });
const labelled = readLabelled();
const holdout = readLabelled(HOLDOUT_FILE);

describe('labelled answers to built-in questions', () => {
  it('refers only to questions and key points that exist', () => {
    const problems = [...labelled, ...holdout].flatMap((a, i) => {
      const q = catalog.byId.get(a.id);
      if (!q) return [`#${i + 1}: unknown id ${a.id}`];
      return a.credit.filter((k) => k < 0 || k >= q.keyPoints.length).map((k) => `#${i + 1} ${a.id}: no key point ${k}`);
    });
    expect(problems).toEqual([]);
    expect(labelled.length).toBeGreaterThanOrEqual(60);
  });

  const items = labelled.map((a) => {
    const r = grader.grade(catalog.byId.get(a.id)!, a.answer);
    return { kind: a.kind, credit: a.credit, matched: r.points.filter((p) => p.matched).map((p) => p.index), points: r.points.length };
  });
  const figures = agreement(items);

  it(`keeps overall key-point F1 at or above ${MIN_OVERALL_F1}`, () => {
    const overall = figures.find((f) => f.kind === 'overall')!;
    expect(overall.f1, `P ${overall.precision.toFixed(3)} R ${overall.recall.toFixed(3)}`).toBeGreaterThanOrEqual(MIN_OVERALL_F1);
  });

  it(`keeps false positives on buzzword lists and negations at or below ${MAX_FP_RATE_BUZZWORD_AND_NEGATION}`, () => {
    for (const kind of ['buzzword-list', 'negation']) {
      const f = figures.find((x) => x.kind === kind)!;
      expect(f.fpRate, kind).toBeLessThanOrEqual(MAX_FP_RATE_BUZZWORD_AND_NEGATION);
    }
  });
});
