// The compiled check (check-file.generated.js, the fast path for clean files) against zod (the
// schema itself): on any data shaped like a bank file, with the mistakes people make, both give
// the same verdict; and zod returns valid data unchanged, so normalise.ts is the only place that
// turns a file into the program's types.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import * as check from '../../src/core/bank/check-file.generated.js';
import { FILE_KIND_KEYS, type FileKind } from '../../src/core/bank/schema.js';
import { FILE_KINDS, questionSchema } from '../../src/core/bank/validation.js';
import { FIXTURES, ROOT } from '../helpers/cli.js';

function agree(kind: FileKind, data: unknown): boolean {
  const zod = FILE_KINDS[kind].safeParse(data);
  expect(check[kind](data), JSON.stringify(data)).toBe(zod.success);
  if (zod.success) expect(zod.data).toEqual(data);
  return zod.success;
}

const text = fc.oneof(fc.constantFrom('', ' ', '\n', '\t x ', 'Latency', ' trimmed ', 'é', '😀'), fc.string({ maxLength: 8 }));
const slug = fc.oneof(fc.constantFrom('slo', 'error-budget', 'a1', 'Bad', 'x--y', '-x', 'x-', '', 'two words'), fc.stringMatching(/^[a-z0-9-]{0,6}$/));
const number = fc.constantFrom(0, 1, 2, 3, 4, -1, 1.5, 10, 10.5, 11, 1e300, Number.NaN, Number.POSITIVE_INFINITY);
const oddValue = fc.oneof(fc.constant(null), fc.boolean(), number, text, fc.constant([]), fc.constant({}));
const duration = fc.oneof(
  fc.constantFrom('90s', '2m', '1m30s', '1h', ' 2m ', '75', '0', '00', '0s', '0h1m', '1m30', '1s1m', 'soon', '', '1.5m', '-1', '2 m'),
  fc.integer({ min: -2, max: 5000 }),
  number,
);

/** A value for a field: mostly well formed, sometimes anything. */
const maybe = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: oddValue });
const list = <T>(item: fc.Arbitrary<T>, minLength = 0) => maybe(fc.array(item, { minLength, maxLength: 3 }));
const category = maybe(fc.constantFrom('definitions', 'troubleshooting', 'system-design', 'behavioural', 'behavioral', 'Definitions', 'design'));
const keyPoint = fc.oneof(
  text,
  fc.record({ point: maybe(text), accept: list(text), weight: maybe(number), extra: text }, { requiredKeys: ['point'] }),
  oddValue,
);
/** A question that may be well formed (texts and durations may still be wrong)... */
const goodQuestion = fc.record(
  {
    id: fc.constantFrom('slo', 'error-budget', 'a1'),
    category,
    prompt: fc.constantFrom('What is an SLO?', ' Why? '),
    topics: fc.array(fc.constantFrom('slo', 'sre-basics'), { minLength: 1, maxLength: 2 }),
    difficulty: fc.constantFrom(1, 2, 3),
    time_limit: duration,
    key_points: fc.array(keyPoint, { maxLength: 2 }),
    model_answer: text,
    ungraded: fc.boolean(),
    hints: list(text),
    follow_ups: list(text),
    references: list(text),
  },
  { requiredKeys: ['id', 'prompt', 'topics', 'difficulty'] },
);
/** ...then up to two mistakes: a field dropped, given an odd value, or misspelt. */
const mistake = fc.tuple(fc.constantFrom('drop', 'odd', 'misspell'), fc.constantFrom('id', 'prompt', 'topics', 'difficulty', 'key_points', 'model_answer', 'ungraded', 'time_limit', 'category'), oddValue);
const question = fc.tuple(goodQuestion, fc.array(mistake, { maxLength: 2 })).map(([q, mistakes]) => {
  const out: Record<string, unknown> = { ...q };
  for (const [how, key, value] of mistakes) {
    if (how === 'drop') delete out[key];
    else if (how === 'odd') out[key] = value;
    else out[key.replace('_', '')] = out[key] ?? value;
  }
  return out;
});
const bank = fc.record({ category, questions: list(question), glossary: list(text) }, { requiredKeys: ['questions'] });
const glossary = fc.record({ glossary: list(fc.oneof(fc.array(text, { maxLength: 3 }), fc.record({ terms: list(text), note: maybe(text), extra: text }, { requiredKeys: ['terms'] }), oddValue)) });
const asks = fc.record({ ask_the_interviewer: list(fc.record({ id: maybe(slug), ask: maybe(text), why: maybe(text), topics: list(slug), extra: text }, { requiredKeys: ['id', 'ask', 'why'] })) });

describe('the compiled bank check', () => {
  it('gives zod’s verdict on generated question banks, valid and not', () => {
    let valid = 0;
    fc.assert(fc.property(bank, (b) => void (agree('questions', b) && valid++)), { numRuns: 3000 });
    // The generator is worth something only if it reaches both verdicts.
    expect(valid).toBeGreaterThan(30);
  });

  it('checks one question as zod does, and a bank as its questions and the rest of it', () => {
    // The clean-file path checks each question as the reader gives it, then the file around an
    // empty list: that must be the whole file's verdict.
    let valid = 0;
    fc.assert(
      fc.property(question, (q) => {
        const zod = questionSchema.safeParse(q);
        expect(check.question(q), JSON.stringify(q)).toBe(zod.success);
        if (zod.success) valid++;
      }),
      { numRuns: 3000 },
    );
    // Most generated questions carry a mistake; enough are valid for both verdicts to be reached.
    expect(valid).toBeGreaterThan(30);
    fc.assert(
      fc.property(bank, (b) => {
        if (!Array.isArray(b.questions)) return;
        expect(check.questions({ ...b, questions: [] }) && b.questions.every((q) => check.question(q)), JSON.stringify(b)).toBe(check.questions(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives zod’s verdict on generated glossaries and ask-the-interviewer files', () => {
    let valid = 0;
    fc.assert(fc.property(glossary, (g) => void (agree('glossary', g) && valid++)), { numRuns: 1000 });
    fc.assert(fc.property(asks, (a) => void (agree('ask_the_interviewer', a) && valid++)), { numRuns: 1000 });
    expect(valid).toBeGreaterThan(30);
  });

  it('gives zod’s verdict on every built-in and fixture bank', () => {
    const dirs = [join(ROOT, 'questions'), join(FIXTURES, 'banks')];
    const files = dirs.flatMap((d) => readdirSync(d, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(d, f)));
    let checked = 0;
    for (const file of files) {
      let data: unknown;
      try {
        data = load(readFileSync(file, 'utf8'), { schema: CORE_SCHEMA });
      } catch {
        continue;
      }
      const kind = data && typeof data === 'object' ? FILE_KIND_KEYS.find((k) => k in data) : undefined;
      if (!kind) continue;
      agree(kind, data);
      checked++;
    }
    expect(checked).toBeGreaterThan(12);
  });
});
