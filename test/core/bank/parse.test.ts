import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument, type Node } from 'yaml';
import { parseBankText } from '../../../src/core/bank/parse.js';
import { parseCleanBank } from '../../../src/core/bank/parse-clean.js';
import { parseDuration } from '../../../src/core/bank/schema.js';
import { readSimpleYaml, type ItemSink } from '../../../src/core/bank/simple-yaml.js';
import { ROOT } from '../../helpers/cli.js';

const bank = (body: string) => `category: definitions\nquestions:\n${body}`;
const q = (extra = '') => `  - id: q-one\n    prompt: What is it?\n    topics: [slo]\n    difficulty: 1\n    key_points: [An idea]\n    model_answer: The idea.\n${extra}`;

describe('parseBankText', () => {
  it('applies defaults: file category, category time limit, key point shorthand', () => {
    const r = parseBankText(bank(q()), 'b.yaml');
    expect(r.kind).toBe('questions');
    if (r.kind !== 'questions') return;
    expect(r.issues).toEqual([]);
    const [question] = r.questions;
    expect(question).toMatchObject({ id: 'q-one', category: 'definitions', timeLimit: 120, keyPoints: [{ point: 'An idea', accept: [], weight: 1 }] });
    expect(question!.source).toEqual({ file: 'b.yaml', line: 3, col: 5, index: 0 });
  });

  it('reads time limits as "90s", "2m", "1m30s" or seconds', () => {
    expect([parseDuration('90s'), parseDuration('2m'), parseDuration('1m30s'), parseDuration(45), parseDuration('75')]).toEqual([90, 120, 90, 45, 75]);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration(0)).toBeUndefined();
  });

  it('accepts "behavioral" as a spelling of behavioural', () => {
    const r = parseBankText(bank(q('    category: behavioral\n')), 'b.yaml');
    expect(r.kind === 'questions' && r.questions[0]!.category).toBe('behavioural');
    expect(r.kind === 'questions' && r.questions[0]!.timeLimit).toBe(300);
  });

  it('locates a schema error by line and column and names the field', () => {
    const r = parseBankText(bank(q('    difficulty: 7\n').replace('    difficulty: 1\n', '')), 'b.yaml');
    expect(r.issues).toEqual([{ file: 'b.yaml', line: 8, col: 17, path: 'questions[0].difficulty', message: 'must be 1 (entry), 2 (mid) or 3 (senior)' }]);
  });

  it('reports an unknown field with a suggestion', () => {
    const r = parseBankText(bank(q('    folow_ups: [x]\n')), 'b.yaml');
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ line: 9, col: 5, path: 'questions[0].folow_ups' });
    expect(r.issues[0]!.message).toContain('did you mean `follow_ups`');
  });

  it('reports a missing required field at the question', () => {
    const r = parseBankText(bank(q().replace('    prompt: What is it?\n', '')), 'b.yaml');
    expect(r.issues).toEqual([{ file: 'b.yaml', line: 3, col: 5, path: 'questions[0].prompt', message: 'is required' }]);
  });

  it('reports every problem of every question in one pass', () => {
    const two = q().replace('q-one', 'q-two').replace('[slo]', '[Not A Slug]');
    const r = parseBankText(bank(q('    difficulty: 9\n').replace('    difficulty: 1\n', '') + two.replace('key_points: [An idea]', 'key_points: []')), 'b.yaml');
    expect(r.issues.map((i) => i.path)).toEqual(['questions[0].difficulty', 'questions[1].topics[0]', 'questions[1].key_points']);
  });

  it('lets an ungraded question omit key points and the model answer', () => {
    const r = parseBankText(bank('  - id: open\n    prompt: Tell me anything.\n    topics: [misc]\n    difficulty: 1\n    ungraded: true\n'), 'b.yaml');
    expect(r.issues).toEqual([]);
    expect(r.kind === 'questions' && r.questions[0]!.ungraded).toBe(true);
  });

  it('refuses an empty file, a comment-only file and a non-mapping top level', () => {
    expect(parseBankText('', 'e.yaml').issues[0]!.message).toMatch(/empty/);
    expect(parseBankText('# nothing\n', 'e.yaml').issues[0]!.message).toMatch(/empty/);
    expect(parseBankText('- a\n- b\n', 'l.yaml').issues[0]!.message).toMatch(/top level must be a mapping with a `questions:` list/);
    expect(parseBankText('questoins: []\n', 't.yaml').issues[0]!.message).toMatch(/did you mean `questions`/);
  });

  it('refuses a YAML alias bomb quickly', () => {
    const lines = ['a: &a [x,x,x,x,x,x,x,x,x,x]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    lines.push('questions: []');
    const t0 = performance.now();
    const r = parseBankText(lines.join('\n'), 'bomb.yaml');
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(r.kind).toBe('invalid');
    expect(r.issues[0]!.message).toMatch(/alias/);
  });

  it('locates YAML syntax errors', () => {
    const r = parseBankText('questions:\n  - id: x\n    prompt: [unclosed\n', 's.yaml');
    expect(r.kind).toBe('invalid');
    expect(r.issues[0]!.line).toBeGreaterThanOrEqual(3);
    expect(r.issues[0]!.message).toMatch(/^YAML: /);
  });

  it('reports duplicate keys in a mapping', () => {
    const r = parseBankText(bank(q('    prompt: Again?\n')), 'd.yaml');
    expect(r.kind).toBe('invalid');
    expect(r.issues[0]!.message).toMatch(/unique|duplicate/i);
  });

  it('parses glossary and ask-the-interviewer files', () => {
    const g = parseBankText('glossary:\n  - [SLO, service level objective]\n  - terms: [roll back, revert]\n', 'glossary.yaml');
    expect(g.kind === 'glossary' && g.groups).toEqual([['SLO', 'service level objective'], ['roll back', 'revert']]);
    const a = parseBankText('ask_the_interviewer:\n  - id: on-call\n    ask: How is on-call shared?\n    why: It shows the load.\n', 'ask.yaml');
    expect(a.kind === 'ask_the_interviewer' && a.asks[0]!.id).toBe('on-call');
  });
});

describe('parseBankText after a caller tried the fast path', () => {
  it('gives what a full parse gives, whatever of the fast path is left to it', () => {
    const files = [
      bank(q()),
      bank(`${q()}  - id: q-two\n    topics: [slo]\n    difficulty: 1\n`),
      bank(q('    keypoints: [typo]\n')),
      `category: definitions\r\nquestions:\r\n${q().replace(/\n/g, '\r\n')}`,
      readFileSync(join(ROOT, 'questions', 'definitions.yaml'), 'utf8'),
    ];
    for (const text of files) {
      const full = parseBankText(text, 'b.yaml');
      expect(parseBankText(text, 'b.yaml', 'js-yaml'), text.slice(0, 80)).toEqual(full);
      expect(parseBankText(text, 'b.yaml', 'none'), text.slice(0, 80)).toEqual(full);
    }
  });
});

describe('where the clean-file path places questions', () => {
  const located = (text: string) => {
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter });
    return (doc.toJS() as { questions: unknown[] }).questions.map((_, i) => counter.linePos((doc.getIn(['questions', i], true) as Node).range![0]));
  };
  const places = (text: string, load: (src: Buffer, sink: ItemSink) => unknown) => {
    const r = parseCleanBank(Buffer.from(text), 'b.yaml', load);
    return r?.kind === 'questions' ? r.questions.map((x) => ({ line: x.source.line, col: x.source.col })) : undefined;
  };

  it('is where the located parse puts them, from the simple reader or from the id scan after js-yaml, in every built-in bank', () => {
    const files = readdirSync(join(ROOT, 'questions')).filter((f) => /\.ya?ml$/.test(f));
    let questions = 0;
    for (const f of files) {
      const text = readFileSync(join(ROOT, 'questions', f), 'utf8');
      if (!/^questions:/m.test(text)) continue;
      const want = located(text);
      expect(places(text, readSimpleYaml), f).toEqual(want);
      expect(places(text, (src) => load(src.toString('utf8'), { schema: CORE_SCHEMA })), f).toEqual(want);
      questions += want.length;
    }
    expect(questions).toBeGreaterThan(100);
  });

  it('is each question’s own start, even when id is not its first field or is repeated', () => {
    const text = bank(`${q()}  - prompt: Second?\n    id: q-one\n    topics: [slo]\n    difficulty: 1\n    ungraded: true\n`);
    expect(places(text, readSimpleYaml)).toEqual(located(text));
    expect(located(text)).toEqual([{ line: 3, col: 5 }, { line: 9, col: 5 }]);
  });
});
