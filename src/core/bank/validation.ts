import * as z from 'zod';
import { CATEGORIES, CATEGORY_ALIASES, DURATION_TEXT, type FileKind } from './schema.js';
import { didYouMean } from '../suggest.js';

/**
 * The question-bank format as a zod schema, written once: it gives the validation, the types in
 * `schema.ts`, and the JSON Schema that `npm run schema` writes to `questions/schema.json` and
 * compiles into `check-file.generated.js` (tests fail when either is stale).
 *
 * It only validates: no transforms, so the JSON Schema says everything it checks (a refinement
 * carries its JSON Schema form as metadata) and the compiled check accepts exactly what it
 * accepts. Defaults, trimming and aliases are applied afterwards, in `normalise.ts`.
 */

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const slug = z
  .string()
  .regex(SLUG, { message: 'use lowercase letters, digits and "-" only (e.g. "error-budget")' });

/** Text with something in it besides white space (it is trimmed when normalised). */
const nonEmptyText = z.string().regex(/\S/, { message: 'must not be empty' });

const categorySchema = z.enum([...CATEGORIES, ...(Object.keys(CATEGORY_ALIASES) as ['behavioral'])], {
  error: (issue) => `must be one of ${CATEGORIES.join(', ')}${typeof issue.input === 'string' ? didYouMean(issue.input, CATEGORIES, 1) : ''}`,
});

const DURATION_MESSAGE = 'must be a duration such as "90s", "2m", "1m30s" or a number of seconds';
const durationSchema = z.union([z.string().regex(DURATION_TEXT, { message: DURATION_MESSAGE }), z.number().int({ message: DURATION_MESSAGE }).positive({ message: DURATION_MESSAGE })], {
  error: DURATION_MESSAGE,
});

export const keyPointObject = z.strictObject({
  point: nonEmptyText,
  accept: z.array(nonEmptyText).optional(),
  weight: z.number().positive({ message: 'must be a positive number' }).max(10).optional(),
});

/** A key point as written: `- text`, or an object with `point` and optional `accept` and `weight`. */
const keyPointSchema = z.union([nonEmptyText, keyPointObject]);

const textList = z.array(nonEmptyText).optional();

export const questionSchema = z
  .strictObject({
    id: slug,
    category: categorySchema.optional(),
    prompt: nonEmptyText,
    topics: z.array(slug).min(1, { message: 'must list at least one topic' }),
    difficulty: z.literal([1, 2, 3], { message: 'must be 1 (entry), 2 (mid) or 3 (senior)' }),
    time_limit: durationSchema.optional(),
    key_points: z.array(keyPointSchema).optional(),
    model_answer: nonEmptyText.optional(),
    ungraded: z.boolean().optional(),
    hints: textList,
    follow_ups: textList,
    references: textList,
  })
  .superRefine(
    (q, ctx) => {
      if (q.ungraded === true) return;
      const kp: unknown = q.key_points;
      if (kp === undefined || (Array.isArray(kp) && kp.length === 0)) {
        ctx.addIssue({ code: 'custom', path: ['key_points'], message: 'must have at least one key point (or set `ungraded: true`)' });
      }
      if (q.model_answer === undefined) {
        ctx.addIssue({ code: 'custom', path: ['model_answer'], message: 'is required: a complete answer covering every key point (or set `ungraded: true`)' });
      }
    },
    // Run even when other fields failed, so one pass reports every problem.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  )
  // The same rule for the JSON Schema, which cannot carry a function. The id puts the question
  // in the JSON Schema's $defs, where the compiled check finds it to check one question.
  .meta({
    id: 'question',
    if: { not: { required: ['ungraded'], properties: { ungraded: { const: true } } } },
    then: { required: ['key_points', 'model_answer'], properties: { key_points: { type: 'array', minItems: 1 } } },
  });

export const bankFileSchema = z.strictObject({
  category: categorySchema.optional(),
  questions: z.array(questionSchema),
});

/** A glossary: groups of phrases that mean the same thing to the grader (acronyms, synonyms). */
export const glossaryFileSchema = z.strictObject({
  glossary: z.array(
    z.union([
      z.array(nonEmptyText).min(2, { message: 'a group needs at least two equivalent terms' }),
      z.strictObject({
        terms: z.array(nonEmptyText).min(2, { message: 'a group needs at least two equivalent terms' }),
        note: z.string().optional(),
      }),
    ], { error: 'must be a list of equivalent terms, e.g. [SLO, service level objective], or {terms: [...], note: ...}' }),
  ),
});

/** Questions a candidate asks the interviewer: ungraded, shown at the end of a mock. */
export const askFileSchema = z.strictObject({
  ask_the_interviewer: z.array(
    z.strictObject({
      id: slug,
      ask: nonEmptyText,
      why: nonEmptyText,
      topics: z.array(slug).optional(),
    }),
  ),
});

/** The schema of each kind of file (`FILE_KIND_KEYS` says which key makes which kind). */
export const FILE_KINDS = {
  questions: bankFileSchema,
  glossary: glossaryFileSchema,
  ask_the_interviewer: askFileSchema,
} as const satisfies Record<FileKind, z.ZodType>;

/**
 * Each kind's JSON Schema, which `check-file.generated.js` is compiled from. In draft 7: ajv's code
 * for it has none of 2020-12's dynamic-anchor and evaluated-property bookkeeping, and checks a
 * large bank about a third faster before V8 has compiled it (the same rules; a test holds the
 * compiled check to zod's verdicts).
 */
export function fileJsonSchemas(): Record<FileKind, Record<string, unknown>> {
  const draft7 = { io: 'input', target: 'draft-7' } as const;
  return {
    questions: z.toJSONSchema(bankFileSchema, draft7),
    glossary: z.toJSONSchema(glossaryFileSchema, draft7),
    ask_the_interviewer: z.toJSONSchema(askFileSchema, draft7),
  };
}

/** The JSON Schema for bank files, as editors read it through the yaml-language-server modeline. */
export function bankJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(z.union([bankFileSchema, glossaryFileSchema, askFileSchema]), { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://github.com/sre-drill/sre-drill/questions/schema.json',
    title: 'sre-drill question bank',
    description: 'A question bank (questions), a glossary (glossary) or questions to ask the interviewer (ask_the_interviewer).',
  };
}
