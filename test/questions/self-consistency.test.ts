import { describe, expect, it } from 'vitest';
import { createGrader } from '../../src/core/grading/index.js';
import { loadCatalogOrThrow } from '../../src/storage/bank-loader.js';
import { builtinBanksDir } from '../../src/storage/paths.js';

// The built-in banks graded against themselves. Content authors: run
// `npx vitest run test/questions/self-consistency.test.ts` after editing a bank.
const catalog = loadCatalogOrThrow([builtinBanksDir()], process.cwd());
const graded = catalog.questions.filter((q) => !q.ungraded);
const grader = createGrader({ questions: catalog.questions, glossary: catalog.glossary });

/** A model answer must earn its own key points. */
const MIN_SELF_SCORE = 0.9;
/** Other questions' model answers must, on average, earn little. */
const MAX_MEAN_CROSS_SCORE = 0.15;

describe('built-in banks: self-consistency of the grader', () => {
  it('has graded questions to check', () => {
    expect(graded.length).toBeGreaterThan(0);
  });

  it(`every model answer scores >= ${MIN_SELF_SCORE} against its own key points`, () => {
    const failing = graded
      .map((q) => {
        const r = grader.grade(q, q.modelAnswer);
        const missed = r.points.filter((p) => !p.matched).map((p) => `#${p.index + 1} ${p.strength.toFixed(2)}`);
        return { id: q.id, score: r.score, missed };
      })
      .filter((r) => r.score < MIN_SELF_SCORE);
    const lines = failing.map((f) => `${f.id}: ${f.score.toFixed(3)} (weak points: ${f.missed.join(', ') || 'none under the threshold'})`);
    expect(lines, `model answers scoring under ${MIN_SELF_SCORE} against their own key points`).toEqual([]);
  }, 60_000);

  it(`other questions' model answers score <= ${MAX_MEAN_CROSS_SCORE} on average against each question`, () => {
    // Answers in the outer loop: the grader reads each answer once and matches it against every question.
    const scores = new Map(graded.map((q) => [q, [] as { id: string; score: number }[]]));
    for (const o of graded) {
      for (const q of graded) if (q !== o) scores.get(q)!.push({ id: o.id, score: grader.grade(q, o.modelAnswer).score });
    }
    const failing: string[] = [];
    for (const q of graded) {
      const list = scores.get(q)!;
      if (list.length === 0) continue;
      const mean = list.reduce((a, s) => a + s.score, 0) / list.length;
      if (mean > MAX_MEAN_CROSS_SCORE) {
        const top = [...list].sort((a, b) => b.score - a.score).slice(0, 3).map((s) => `${s.id} ${s.score.toFixed(2)}`);
        failing.push(`${q.id}: mean ${mean.toFixed(3)} (highest: ${top.join(', ')})`);
      }
    }
    expect(failing, `questions whose key points other model answers earn too easily`).toEqual([]);
  }, 180_000);
});
