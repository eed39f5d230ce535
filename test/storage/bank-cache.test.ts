import { cpSync, mkdirSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRECOMPILED_FILE, precompiledText, readPrecompiled } from '../../src/storage/bank-cache.js';
import { findBankFiles } from '../../src/storage/bank-files.js';
import { loadBankFile } from '../../src/storage/bank-loader.js';
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
    expect(pre).toEqual(parsedFromElsewhere);
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
