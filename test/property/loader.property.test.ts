// Property-based tests (fast-check): whatever text a bank file holds, the loader returns questions
// or located issues, and never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBankText } from '../../src/core/bank/parse.js';

const yamlish = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom('questions:', 'category: definitions', '  - id: a', '    prompt: p', '    topics: [t]', '    difficulty: 2', '    key_points:', '      - point: x', '        accept: [y]', '    model_answer: |', '      text', 'glossary:', '  - [a, b]', 'ask_the_interviewer:', '&a [1]', '*a', '- *a', '{', '}', '[', ']', '"', "'", '\t', ': :', '? x', '--- ', '...', '%YAML 1.2', '!!str', '|', '>'),
        fc.string({ maxLength: 20 }),
      ),
      { maxLength: 40 },
    )
    .map((lines) => lines.join('\n')),
);

describe('the bank loader on arbitrary input', () => {
  it('returns banks or located issues, never an exception', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        const r = parseBankText(text, 'fuzz.yaml');
        for (const i of r.issues) {
          expect(i.file).toBe('fuzz.yaml');
          expect(Number.isInteger(i.line) && i.line >= 1).toBe(true);
          expect(Number.isInteger(i.col) && i.col >= 1).toBe(true);
          expect(i.message.length).toBeGreaterThan(0);
        }
        if (r.kind === 'invalid') expect(r.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 400, seed: 20261123 },
    );
  });

  it('accepts every well-formed question it is given', () => {
    const slug = fc.stringMatching(/^[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}$/);
    const text = fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim().length > 0);
    fc.assert(
      fc.property(fc.uniqueArray(slug, { minLength: 1, maxLength: 5 }), fc.array(text, { minLength: 1, maxLength: 4 }), (ids, points) => {
        const bank = {
          questions: ids.map((id, i) => ({ id, prompt: `Question ${i}?`, topics: ['t'], difficulty: (i % 3) + 1, key_points: points, model_answer: points.join(' ') })),
        };
        const r = parseBankText(JSON.stringify(bank), 'gen.yaml');
        expect(r.issues).toEqual([]);
        expect(r.kind === 'questions' && r.questions.map((q) => q.id)).toEqual(ids);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
