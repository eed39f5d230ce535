import { cpSync, mkdirSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOLDOUT_FILE, readLabelled } from '../../bench/grader-data.js';
import { buildCatalog, type Catalog } from '../../src/core/bank/catalog.js';
import { bankStats, createGrader, type GraderInput } from '../../src/core/grading/index.js';
import { STRICTNESS } from '../../src/core/grading/types.js';
import { packStats, PRECOMPILED_FILE, precompiledText, readPrecompiled } from '../../src/storage/bank-cache.js';
import { displayPath, findBankFiles, graderInput, joinCatalog, type CachedBuiltins } from '../../src/storage/bank-files.js';
import { loadBankFile, loadCatalog } from '../../src/storage/bank-loader.js';
import { builtinBanksDir, packageRoot } from '../../src/storage/paths.js';
import { FIXTURES, tempDir } from '../helpers/cli.js';

function fixtureRoot() {
  const root = tempDir();
  cpSync(join(FIXTURES, 'banks', 'valid'), join(root, 'questions'), { recursive: true });
  mkdirSync(join(root, 'dist'));
  const { files } = findBankFiles([join(root, 'questions')], root);
  const parsed = files.map((f) => loadBankFile(f, root));
  writeFileSync(join(root, 'dist', PRECOMPILED_FILE), precompiledText(root, files, parsed));
  return { root, files, parsed };
}

describe('the precompiled built-in banks', () => {
  it('give the same questions as parsing, with paths shown from the working folder', () => {
    const { root, files } = fixtureRoot();
    const pre = readPrecompiled(join(root, 'dist'), root, files, (p) => p)!;
    expect(pre).toBeDefined();
    const parsedFromElsewhere = files.map((f) => loadBankFile(f, join(root, 'elsewhere')));
    expect(pre.files).toEqual(parsedFromElsewhere);
  });

  it('are ignored once a bank file changes', () => {
    const { root, files } = fixtureRoot();
    appendFileSync(files[0]!, '\n# edited\n');
    expect(readPrecompiled(join(root, 'dist'), root, files, (p) => p)).toBeUndefined();
  });

  it('are ignored when a file is added or the cache is missing', () => {
    const { root, files } = fixtureRoot();
    writeFileSync(join(root, 'questions', 'extra.yaml'), 'questions: []\n');
    const now = findBankFiles([join(root, 'questions')], root).files;
    expect(now.length).toBe(files.length + 1);
    expect(readPrecompiled(join(root, 'dist'), root, now, (p) => p)).toBeUndefined();
    expect(readPrecompiled(join(root, 'nowhere'), root, files, (p) => p)).toBeUndefined();
    expect(readdirSync(join(root, 'dist'))).toEqual([PRECOMPILED_FILE]);
  });
});

/** The built-in banks parsed from their YAML, with the grader input computed from scratch. */
async function builtinFromScratch() {
  const root = packageRoot();
  const { files } = findBankFiles([builtinBanksDir()], root);
  const parsed = files.map((f) => loadBankFile(f, root));
  const input = await graderInput(buildCatalog(parsed), root);
  return { root, files, parsed, input };
}

/** The catalog a command gets from a build-time parse of `files` (every one of them cached). */
function joinedFromCache(files: string[], cached: CachedBuiltins, extra: string[] = []): Catalog {
  return joinCatalog({ files: [...files, ...extra], issues: [] }, cached, (f) => loadBankFile(f, packageRoot()));
}

/** Every labelled answer and every question's model answer, graded at each strictness. */
function gradeAll(input: GraderInput) {
  const byId = new Map(input.questions.map((q) => [q.id, q]));
  const answers = [...readLabelled(), ...readLabelled(HOLDOUT_FILE)].map((a) => ({ id: a.id, answer: a.answer }));
  answers.push(...input.questions.map((q) => ({ id: q.id, answer: q.modelAnswer })));
  return STRICTNESS.map((strictness) => {
    const grader = createGrader(input, { strictness });
    return answers.map((a) => grader.grade(byId.get(a.id)!, a.answer));
  });
}

describe('the grader statistics precompiled with the built-in banks', () => {
  it('give the questions parsing gives (the file is ASCII), and grade every labelled and model answer exactly as statistics computed from scratch', async () => {
    const { root, files, parsed, input: fresh } = await builtinFromScratch();
    expect(fresh.stats).toBeUndefined();
    const dist = tempDir();
    const text = precompiledText(root, files, parsed, bankStats(fresh));
    expect(text).toMatch(/^[\x20-\x7e]*$/);
    writeFileSync(join(dist, PRECOMPILED_FILE), text);
    const pre = readPrecompiled(dist, root, files, (p) => displayPath(p, root))!;
    expect(pre.files).toEqual(parsed);
    const input = await graderInput(joinedFromCache(files, { files: new Map(files.map((f, i) => [f, pre.files[i]!])), grader: pre.grader }), root);
    expect(input.stats).toEqual(bankStats(fresh));
    expect(gradeAll(input)).toEqual(gradeAll(fresh));
  });

  it('are the ones the build wrote to dist/ (run `npm run build` after editing a bank or the grader)', async () => {
    const { input: fresh } = await builtinFromScratch();
    const input = await graderInput(loadCatalog([builtinBanksDir()], packageRoot()), packageRoot());
    expect(input.stats, 'dist/builtin-banks.json is missing or stale').toBeDefined();
    expect(input.stats).toEqual(bankStats(fresh));
  });

  it('are ignored when a bank changed since the build (digest mismatch)', async () => {
    const { root, files, parsed, input: fresh } = await builtinFromScratch();
    const dist = tempDir();
    const text = precompiledText(root, files, parsed, bankStats(fresh));
    writeFileSync(join(dist, PRECOMPILED_FILE), text);
    expect(readPrecompiled(dist, root, files, (p) => p)?.grader).toBeDefined();
    const digest = (JSON.parse(text) as { digest: string }).digest;
    writeFileSync(join(dist, PRECOMPILED_FILE), text.replace(digest, '0'.repeat(digest.length)));
    expect(readPrecompiled(dist, root, files, (p) => p)).toBeUndefined();
  });

  it('are not used when the banks in use are more than the built-in ones', async () => {
    const { files, parsed, input: fresh } = await builtinFromScratch();
    const cached: CachedBuiltins = { files: new Map(files.map((f, i) => [f, parsed[i]!])), grader: packStats(bankStats(fresh)) };
    expect((await graderInput(joinedFromCache(files, cached), packageRoot())).stats).toBeDefined();
    const extra = findBankFiles([join(FIXTURES, 'banks', 'valid')], packageRoot()).files;
    const more = joinedFromCache(files, cached, extra);
    const input = await graderInput(more, packageRoot());
    expect(input.stats).toBeUndefined();
    expect(input.questions.length).toBeGreaterThan(fresh.questions.length);
  });
});
