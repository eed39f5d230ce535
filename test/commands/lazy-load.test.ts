import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, tempDir, testEnv } from '../helpers/cli.js';

/**
 * The first question appears before the heavy modules load: the report renderers, the prompts
 * library and the external editor come in only when they are needed, and the YAML parser and zod
 * not at all while the built-in banks match their build-time parse. Checked on the built bundle,
 * by the code each loaded file holds.
 */

const HEAVY: Record<string, string> = {
  'the report renderer': 'Questions to ask your interviewer',
  'the external editor': 'LaunchEditorError',
  '@inquirer prompts': 'ExitPromptError',
  'the YAML parser': 'YAMLException',
  zod: 'ZodError',
};

function heavyIn(urls: string[]): string[] {
  const found = new Set<string>();
  for (const url of urls) {
    const text = readFileSync(fileURLToPath(url), 'utf8');
    for (const [name, marker] of Object.entries(HEAVY)) if (text.includes(marker)) found.add(name);
  }
  return [...found].sort();
}

describe('lazy loading', () => {
  it('`--version` loads no more than the entry: not the command line (issue 8: start-up within 1.3× of node)', () => {
    const r = spawnSync(process.execPath, ['--import', join(FIXTURES, 'load-hooks', 'register.mjs'), BIN, '--version'], { env: testEnv(), encoding: 'utf8' });
    expect(r.status).toBe(0);
    const loaded = [...r.stderr.matchAll(/^LOADED (file:\S+)$/gm)].map((m) => m[1]!);
    expect(loaded.some((url) => readFileSync(fileURLToPath(url), 'utf8').includes('_parseCommand'))).toBe(false);
  });

  it('`banks validate` of clean banks loads neither zod nor a YAML library: the compiled check decides (issue 2)', () => {
    const r = spawnSync(process.execPath, ['--import', join(FIXTURES, 'load-hooks', 'register.mjs'), BIN, 'banks', 'validate', join(FIXTURES, 'banks', 'valid')], { env: testEnv(), encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(heavyIn([...r.stderr.matchAll(/^LOADED (file:\S+)$/gm)].map((m) => m[1]!))).toEqual([]);
  });

  it('`banks validate` of a broken bank loads zod to say what is wrong', () => {
    const r = spawnSync(process.execPath, ['--import', join(FIXTURES, 'load-hooks', 'register.mjs'), BIN, 'banks', 'validate', join(FIXTURES, 'banks', 'broken', 'bad-values.yaml')], { env: testEnv(), encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(heavyIn([...r.stderr.matchAll(/^LOADED (file:\S+)$/gm)].map((m) => m[1]!))).toContain('zod');
  });

  it('a plain drill shows its first question with no heavy module loaded; the report loads at the end', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['--import', join(FIXTURES, 'load-hooks', 'register.mjs'), BIN, '--data-dir', dir, 'drill', '--count', '1', '--seed', '7'], { env: testEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    const loaded = () => [...err.matchAll(/^LOADED (file:\S+)$/gm)].map((m) => m[1]!);
    const end = Date.now() + 20_000;
    while (!out.includes('Answer below')) {
      if (Date.now() > end) throw new Error(`no question: ${out}\n${err}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const atQuestion = loaded();
    expect(atQuestion.length).toBeGreaterThan(3);
    expect(heavyIn(atQuestion)).toEqual([]);
    child.stdin.end('An SLO is a target for an SLI.\n.\n');
    const code = await new Promise((r) => child.on('close', r));
    expect(code).toBe(0);
    expect(heavyIn(loaded())).toEqual(['the report renderer']);
  });
});
