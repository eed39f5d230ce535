// Every command given nonsense: a usage error and exit 2, never a stack trace.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { runCli, tempDir, testEnv } from '../helpers/cli.js';
import type { Command } from 'commander';

function paths(cmd: Command, prefix: string[] = []): string[][] {
  return cmd.commands.flatMap((c) => {
    const p = [...prefix, c.name()];
    return c.commands.length ? paths(c, p) : [p];
  });
}

const program = buildProgram({ io: process, env: {}, cwd: process.cwd(), version: '0', setExitCode: () => {} });
const commands = paths(program).filter((p) => p[0] !== 'help');

describe('nonsense arguments', () => {
  it('there are commands to check', () => {
    expect(commands.length).toBeGreaterThan(10);
  });

  it.each(commands.map((c) => [c.join(' ')]))('%s --no-such-option: exit 2, no stack trace', async (name) => {
    const dir = tempDir();
    const r = await runCli([...name.split(' '), '--no-such-option', 'zzz'], { env: testEnv({ SRE_DRILL_HOME: dir, SRE_DRILL_CONFIG_DIR: dir }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--no-such-option'|error:/);
    expect(r.stderr).not.toMatch(/\n\s+at \S+ \(/);
  });

  it.each([
    ['drill', '--count', 'many'],
    ['drill', '--difficulty', '9'],
    ['drill', '--topic', 'no-such-topic-zz'],
    ['drill', '--category', 'poetry'],
    ['mock', '--format', 'video'],
    ['mock', '--minutes', '-5'],
    ['grade', 'no-such-question-zz', '--answer', 'x'],
    ['grade', '--strictness', 'brutal', 'sli-slo-sla', '--answer', 'x'],
    ['report', '--format', 'pdf'],
    ['report', '--since', 'yesterdayish'],
    ['review', '--limit', 'lots'],
    ['export', '--format', 'xml'],
    ['banks', 'show', 'no-such-question-zz'],
    ['config', 'set', 'nonsense', '1'],
    ['completion', 'powershell'],
    ['import-bank', '.', '--out', '/tmp/x', '--format', 'pdf'],
  ])('%s %s %s: exit 2 with one clear line', async (...argv) => {
    const dir = tempDir();
    const r = await runCli(argv, { env: testEnv({ SRE_DRILL_HOME: dir, SRE_DRILL_CONFIG_DIR: dir }) });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().length).toBeGreaterThan(0);
    expect(r.stderr).not.toMatch(/\n\s+at \S+ \(/);
  });
});
