import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKER_FILE, checkerText, checkerTypesText, schemaText } from '../../src/storage/write-schema.js';
import { ROOT } from '../helpers/cli.js';

describe('questions/schema.json', () => {
  it('is what the zod schema generates (run `npm run schema` when this fails)', () => {
    expect(readFileSync(join(ROOT, 'questions', 'schema.json'), 'utf8')).toBe(schemaText());
  });

  it('compiles into check-file.generated.js and its .d.ts (run `npm run schema` when this fails)', () => {
    expect(readFileSync(CHECKER_FILE, 'utf8')).toBe(checkerText());
    expect(readFileSync(CHECKER_FILE.replace(/\.js$/, '.d.ts'), 'utf8')).toBe(checkerTypesText());
  });

  it('compiles into a check that needs nothing at run time', () => {
    expect(checkerText()).not.toMatch(/\brequire\(|^import /m);
  });

  /** The question schema, which bank files refer to from their list of questions. */
  const questionInSchema = () => {
    const schema = JSON.parse(schemaText()) as { anyOf: { properties: { questions: { items: { $ref: string } } } }[]; $defs: Record<string, { properties: Record<string, unknown> }> };
    const ref = schema.anyOf[0]!.properties.questions.items.$ref;
    expect(ref).toBe('#/$defs/question');
    return schema.$defs.question!;
  };

  it('tells editors that a graded question needs key points and a model answer', () => {
    expect(questionInSchema()).toMatchObject({ then: { required: ['key_points', 'model_answer'] } });
  });

  it('describes the bank fields editors complete', () => {
    expect(Object.keys(questionInSchema().properties)).toEqual(expect.arrayContaining(['id', 'prompt', 'topics', 'difficulty', 'time_limit', 'key_points', 'model_answer', 'hints', 'follow_ups', 'references']));
  });

  it('every bundled bank starts with the yaml-language-server modeline', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(join(ROOT, 'questions')).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      expect(readFileSync(join(ROOT, 'questions', f), 'utf8').split('\n')[0], f).toBe('# yaml-language-server: $schema=./schema.json');
    }
  });
});
