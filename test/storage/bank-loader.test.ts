import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findQuestion } from '../../src/core/bank/catalog.js';
import { formatIssue, UsageError } from '../../src/core/errors.js';
import { loadCatalogLazily, MAX_BANK_BYTES, validateBanks } from '../../src/storage/bank-files.js';
import { loadCatalog } from '../../src/storage/bank-loader.js';
import { FIXTURES, ROOT, tempDir } from '../helpers/cli.js';

const BROKEN = join(FIXTURES, 'banks', 'broken');
const lines = (paths: string[]) => loadCatalog(paths, ROOT).issues.map(formatIssue);

describe('loading banks from files and folders', () => {
  it('walks folders recursively and reads .yaml and .yml files', () => {
    const c = loadCatalog([join(FIXTURES, 'banks', 'valid')], ROOT);
    expect(c.issues).toEqual([]);
    expect(c.questions.map((q) => q.id).sort()).toEqual(['disk-full', 'star-outage', 'ungraded-prompt', 'what-is-a-probe']);
    expect(c.byId.get('disk-full')!.source.file).toBe('test/fixtures/banks/valid/more/nested.yml');
  });

  it('reports an unknown field with file, line, field and suggestion', () => {
    expect(lines([join(BROKEN, 'unknown-field.yaml')])).toContain('test/fixtures/banks/broken/unknown-field.yaml:7:5  questions[0].keypoints: unknown field (did you mean `key_points`?)');
  });

  it('reports an unknown key-point field', () => {
    expect(lines([join(BROKEN, 'keypoint-field.yaml')])).toEqual(['test/fixtures/banks/broken/keypoint-field.yaml:9:9  questions[0].key_points[0].wieght: unknown field (did you mean `weight`?)']);
  });

  it('suggests the category that was probably meant', () => {
    expect(lines([join(BROKEN, '..', 'typo', 'category-typo.yaml')])).toEqual([
      'test/fixtures/banks/typo/category-typo.yaml:1:11  category: must be one of definitions, troubleshooting, system-design, behavioural (did you mean `troubleshooting`?)',
    ]);
  });

  it('says what a glossary group should look like', () => {
    expect(lines([join(BROKEN, '..', 'typo', 'glossary-bad.yaml')])).toEqual([
      'test/fixtures/banks/typo/glossary-bad.yaml:3:5  glossary[1]: must be a list of equivalent terms, e.g. [SLO, service level objective], or {terms: [...], note: ...}',
      'test/fixtures/banks/typo/glossary-bad.yaml:4:5  glossary[2]: a group needs at least two equivalent terms',
    ]);
  });

  it('reports each bad value on its own line', () => {
    expect(lines([join(BROKEN, 'bad-values.yaml')])).toEqual([
      'test/fixtures/banks/broken/bad-values.yaml:2:9  questions[0].id: use lowercase letters, digits and "-" only (e.g. "error-budget")',
      'test/fixtures/banks/broken/bad-values.yaml:3:15  questions[0].category: must be one of definitions, troubleshooting, system-design, behavioural',
      'test/fixtures/banks/broken/bad-values.yaml:4:13  questions[0].prompt: must not be empty',
      'test/fixtures/banks/broken/bad-values.yaml:5:13  questions[0].topics: must list at least one topic',
      'test/fixtures/banks/broken/bad-values.yaml:6:17  questions[0].difficulty: must be 1 (entry), 2 (mid) or 3 (senior)',
      'test/fixtures/banks/broken/bad-values.yaml:7:17  questions[0].time_limit: must be a duration such as "90s", "2m", "1m30s" or a number of seconds',
      'test/fixtures/banks/broken/bad-values.yaml:8:17  questions[0].key_points: must have at least one key point (or set `ungraded: true`)',
    ]);
  });

  it('reports a duplicate id across files with both locations', () => {
    expect(lines([join(BROKEN, 'dup-a.yaml'), join(BROKEN, 'dup-b.yaml')])).toEqual([
      'test/fixtures/banks/broken/dup-b.yaml:9:5  questions[1].id: duplicate id "shared-id": already used at test/fixtures/banks/broken/dup-a.yaml:2',
    ]);
  });

  it('refuses empty, non-mapping, non-UTF-8 and syntactically broken files', () => {
    const out = lines([BROKEN]);
    expect(out).toContain('test/fixtures/banks/broken/empty.yaml:1:1  file is empty: a bank needs a `questions:` list');
    expect(out).toContain('test/fixtures/banks/broken/list.yaml:1:1  top level must be a mapping with a `questions:` list');
    expect(out).toContain('test/fixtures/banks/broken/latin1.yaml:3:1  refused: not UTF-8 text (save the file as UTF-8)');
    expect(out.find((l) => l.startsWith('test/fixtures/banks/broken/syntax.yaml:'))).toMatch(/YAML: /);
  });

  it('refuses a file over 5 MB without parsing it', () => {
    const dir = tempDir();
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `questions: []\n# ${'x'.repeat(MAX_BANK_BYTES)}\n`);
    const c = loadCatalog([big], dir);
    expect(c.issues).toHaveLength(1);
    expect(c.issues[0]!.message).toMatch(/over the 5 MB limit/);
  });

  it('reports a path that does not exist', () => {
    expect(lines(['no/such/bank.yaml'])).toEqual(['no/such/bank.yaml:1:1  no such file or folder']);
  });

  it('suggests the closest ids for an unknown id', () => {
    const c = loadCatalog([join(FIXTURES, 'banks', 'valid')], ROOT);
    expect(() => findQuestion(c, 'disk-ful')).toThrow(UsageError);
    expect(() => findQuestion(c, 'disk-ful')).toThrow(/did you mean `disk-full`/);
  });
});

describe('validateBanks', () => {
  it('reports exactly what loading the banks reports, keeping only ids', async () => {
    const dir = tempDir();
    // Two clean files sharing an id: the duplicate is found from the ids alone.
    const bank = (ids: string[]) => `questions:\n${ids.map((id) => `  - id: ${id}\n    prompt: What is ${id}?\n    topics: [t]\n    difficulty: 1\n    key_points: [It is ${id}]\n    model_answer: It is ${id}.\n`).join('')}`;
    writeFileSync(join(dir, 'a.yaml'), bank(['one', 'two']));
    writeFileSync(join(dir, 'b.yaml'), bank(['three', 'two']));
    for (const paths of [[join(FIXTURES, 'banks', 'valid')], [BROKEN], [dir], [join(ROOT, 'questions')]]) {
      const loaded = await loadCatalogLazily(paths, ROOT);
      expect(await validateBanks(paths, ROOT), paths[0]).toEqual({ files: loaded.files.length, questions: loaded.questions.length, issues: loaded.issues });
    }
    expect((await validateBanks([dir], ROOT)).issues.map(formatIssue)).toEqual([expect.stringMatching(/b\.yaml:8:5 {2}questions\[1\]\.id: duplicate id "two": already used at .*a\.yaml:8$/)]);
  });
});
