import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { main } from '../../src/main.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'sre-drill');
export const FIXTURES = join(ROOT, 'test', 'fixtures');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Temp folders made by the test file that loaded this module, removed when it ends (vitest's
 * workers end without a process 'exit' event, and a hook registered inside a running test never runs).
 */
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder, removed when the test file ends. */
export function tempDir(prefix = 'sre-drill-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** An empty config folder, so a developer's own config.yaml (extra banks, strictness) never leaks in. */
const NO_CONFIG = tempDir('sre-drill-noconfig-');
// Readable by the unprivileged user some tests run the CLI as.
chmodSync(NO_CONFIG, 0o755);

/** A clean environment: no colour, no user data folder, no user config, no debug. */
export function testEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', NO_COLOR: '1', SRE_DRILL_CONFIG_DIR: NO_CONFIG, ...extra };
  return env;
}

/** Runs the CLI in this process with captured streams (fast); stdin is `input` then end. */
export async function runCli(argv: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string; now?: () => Date; columns?: number } = {}): Promise<CliResult> {
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  const stdout = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
  const stderr = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdout.columns = opts.columns ?? 100;
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += String(d)));
  stderr.on('data', (d) => (err += String(d)));
  stdin.end(opts.input ?? '');
  const code = await main(argv, { io: { stdin, stdout, stderr }, env: opts.env ?? testEnv(), cwd: opts.cwd ?? ROOT, now: opts.now });
  return { code, stdout: out, stderr: err };
}

/** Spawns the built `bin/sre-drill` as a user would. */
export function spawnCli(argv: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string; timeout?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...argv], {
    input: opts.input ?? '',
    env: opts.env ?? testEnv(),
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: opts.timeout ?? 30_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

