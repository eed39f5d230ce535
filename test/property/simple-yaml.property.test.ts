// The fast bank reader against js-yaml: on any document it either steps aside (undefined) or
// gives exactly what js-yaml gives. Documents are generated in the shapes banks use, with scalars
// that YAML reads in surprising ways.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { readSimpleYaml } from '../../src/core/bank/simple-yaml.js';
import { FIXTURES, ROOT } from '../helpers/cli.js';

function agree(text: string): boolean {
  const mine = readSimpleYaml(Buffer.from(text, 'utf8'));
  if (mine === undefined) return false;
  let ref: unknown;
  expect(() => (ref = load(text, { schema: CORE_SCHEMA })), text).not.toThrow();
  expect(mine, text).toStrictEqual(ref);
  return true;
}

const tricky = fc.constantFrom(
  'true', 'True', 'false', 'null', 'Null', '~', 'yes', 'no', 'on', 'off', 'y', 'n',
  '0', '7', '-5', '+3', '007', '1.5', '.5', '1e3', '0x1F', '0o17', '.inf', '-.inf', '.nan', '1_000', '1:30', '2m', '1m30s', '3-2-1', '--diff', '-', '-x',
  'a: b', 'a:b', 'a:', 'a #b', 'a#b', '#a', "it's", 'say "hi"', '[a]', '{a}', 'a, b', '&a', '*a', '!a', '|', '>', '%a', '@a', '`a', '? a', ': a',
  ' lead', 'trail ', 'nbsp\u00a0', 'ideographic\u3000', '', 'C#', 'http://x.y/z', 'back\\slash', 'tab\there', 'é ü 中', '😀',
);
const word = fc.stringMatching(/^[a-z][a-z .,'"()/%:#-]{0,14}$/);
const scalarText = fc.oneof(tricky, word, fc.string({ maxLength: 12 }));

/** One scalar written in one of YAML's one-line styles, or as a block scalar (lines indented by `indent`). */
const scalar = (indent: number) =>
  fc.oneof(
    scalarText,
    scalarText.map((s) => `'${s.replace(/'/g, "''")}'`),
    scalarText.map((s) => JSON.stringify(s)),
    fc
      .tuple(
        fc.constantFrom('|', '|-', '|+', '>', '>-', '>+', '|2', '| # c'),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.oneof(word, fc.constant(''), word.map((w) => ` ${w}`), fc.constantFrom(' ', '    ', '# not a comment')), { minLength: 1, maxLength: 5 }),
      )
      .map(([h, more, lines]) => `${h}\n${lines.map((l) => (l === '' || l.trim() === '' ? l : `${' '.repeat(indent + more)}${l}`)).join('\n')}`),
  );
const comment = fc.constantFrom('', '', ' # note', '  #', '#tight');
const key = fc.constantFrom('id', 'prompt', 'topics', 'accept', 'a', 'b', 'true', 'null', 'key_points', 'x-y', 'id');

/** A block mapping at `indent`, values nested up to `depth`. */
function mapping(indent: number, depth: number): fc.Arbitrary<string> {
  const pad = ' '.repeat(indent);
  const value: fc.Arbitrary<string> = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(scalar(indent), comment).map(([s, c]) => ` ${s}${s.startsWith('|') || s.startsWith('>') ? '' : c}`) },
    { weight: 2, arbitrary: fc.array(scalarText, { maxLength: 4 }).map((xs) => ` [${xs.join(', ')}]`) },
    ...(depth > 0
      ? [
          { weight: 2, arbitrary: fc.tuple(fc.constantFrom(0, 2), sequence(indent, depth - 1)).map(([shift, s]) => `\n${shift ? s.replace(/^/gm, '  ') : s}`) },
          { weight: 1, arbitrary: mapping(indent + 2, depth - 1).map((m) => `\n${m}`) },
        ]
      : []),
  );
  return fc.array(fc.tuple(key, value, fc.constantFrom('', '', '\n', `\n${pad}# c`)), { minLength: 1, maxLength: 4 }).map((pairs) => pairs.map(([k, v, gap]) => `${pad}${k}:${v}${gap}`).join('\n'));
}

function sequence(indent: number, depth: number): fc.Arbitrary<string> {
  const pad = ' '.repeat(indent);
  const item: fc.Arbitrary<string> = fc.oneof(
    fc.tuple(scalar(indent), comment).map(([s, c]) => `${pad}- ${s}${s.startsWith('|') || s.startsWith('>') ? '' : c}`),
    mapping(indent + 2, depth).map((m) => `${pad}- ${m.slice(indent + 2)}`),
  );
  return fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => items.join('\n'));
}

const document = fc.tuple(fc.constantFrom('', '# yaml-language-server: $schema=./schema.json\n'), mapping(0, 2), fc.constantFrom('\n', '\n\n', '')).map(([head, body, end]) => `${head}${body}${end}`);

describe('the fast bank reader', () => {
  it('gives what js-yaml gives, or steps aside', () => {
    let read = 0;
    fc.assert(
      fc.property(document, (text) => {
        if (agree(text)) read++;
      }),
      { numRuns: 3000, seed: 20261202 },
    );
    // The generator mostly writes documents the reader takes: the comparison is not vacuous.
    expect(read).toBeGreaterThan(500);
  });

  it('reads every built-in bank and test fixture that js-yaml reads, identically', () => {
    const files = [join(ROOT, 'questions'), join(FIXTURES, 'banks', 'valid'), join(FIXTURES, 'sessions')].flatMap((dir) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f)),
    );
    expect(files.length).toBeGreaterThan(5);
    const texts = files.map((file) => readFileSync(file, 'utf8'));
    for (const [i, text] of texts.entries()) expect(agree(text), files[i]).toBe(true);
    // Both ways the reader makes strings are compared: runs of ASCII lines cut from 16 KB windows
    // (in files of many windows, with and without other characters), and lines with other
    // characters decoded value by value.
    expect(texts.some((t) => /^[\x00-\x7f]*$/.test(t) && t.length > 3 * 16 * 1024)).toBe(true);
    expect(texts.some((t) => /[^\x00-\x7f]/.test(t) && t.length > 3 * 16 * 1024)).toBe(true);
  });

  it('reads a large bank with other characters here and there as js-yaml does', () => {
    // Windows of ASCII text end before each line with other characters, wherever it falls.
    const lines = ['questions:'];
    for (let i = 0; i < 1500; i++) {
      const odd = (n: number) => (i % n === 0 ? ' – café ✓ 😀' : '');
      lines.push(`  - id: q${i}`, `    prompt: "What happens to service ${i} when it is overloaded?${odd(7)}"`, `    topics: [t${i % 9}, area${odd(11) ? '-é' : ''}]`, '    model_answer: |', `      It sheds load${odd(5)} and retries with backoff,`, `      capped at ${i} attempts${odd(13)}.`);
    }
    const text = `${lines.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(10 * 16 * 1024);
    expect(agree(text)).toBe(true);
  });

  it('steps aside for what it does not read', () => {
    // Anchors and aliases in every place they can sit: the caller relies on this to leave alias bombs to the capped parser.
    for (const text of ['a: &x 1\nb: *x\n', 'a: &x\n  b: 1\nc: *x\n', '- &x a\n- *x\n', 'a: [&x b, *x]\n', 'a:\n  - &x\n    b: 1\n  - *x\n', 'a: !!str 1\n', 'a: b\n  c\n', "a: 'b\n  c'\n", 'a: {b: 1}\n', 'a: 1\na: 2\n', 'a:\r\n', '--- \na: 1\n', 'a: |\n  x', '- a\n']) {
      if (text === '- a\n') expect(readSimpleYaml(Buffer.from(text))).toEqual(['a']);
      else expect(readSimpleYaml(Buffer.from(text)), text).toBeUndefined();
    }
  });
});
