import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempDir, runCli, spawnCli, testEnv } from '../helpers/cli.js';

const VALID = join(FIXTURES, 'banks', 'valid');
const BROKEN = join(FIXTURES, 'banks', 'broken');

describe('sre-drill banks', () => {
  it('lists bank files with category, question count and topics', async () => {
    const r = await runCli(['banks', 'list', '--bank', VALID], { columns: 160 });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/test\/fixtures\/banks\/valid\/small\.yaml\s+│ definitions, behavioural │ 2\s+│ incident-response, kubernetes, probes/);
    expect(r.stdout).toContain('4 questions (definitions 1, troubleshooting 2, behavioural 1)');
  });

  it('lists as JSON', async () => {
    const r = await runCli(['banks', 'list', '--json', '--bank', VALID]);
    const data = JSON.parse(r.stdout) as { files: { file: string; questions: number }[]; total: number };
    expect(data.total).toBe(4);
    expect(data.files.map((f) => [f.file, f.questions])).toEqual([
      ['test/fixtures/banks/valid/more/nested.yml', 2],
      ['test/fixtures/banks/valid/small.yaml', 2],
    ]);
  });

  it('validates clean banks with a one-line summary and exit 0 (spawned)', () => {
    const r = spawnCli(['banks', 'validate', VALID]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('✓ 2 files, 4 questions: no problems found');
  });

  it('says "1 file, 1 question" in the singular', async () => {
    const dir = tempDir('sre-drill-one-');
    writeFileSync(join(dir, 'one.yaml'), 'questions:\n  - id: one\n    prompt: What is an SLO?\n    topics: [slo]\n    difficulty: 1\n    key_points: [A target for an SLI]\n    model_answer: A target for an SLI.\n');
    const r = await runCli(['banks', 'validate', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('✓ 1 file, 1 question: no problems found');
  });

  it('validates broken banks: exit 2, located lines, no stack trace (spawned)', () => {
    const r = spawnCli(['banks', 'validate', BROKEN]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toContain('test/fixtures/banks/broken/unknown-field.yaml:7:5  questions[0].keypoints: unknown field (did you mean `key_points`?)');
    expect(lines[lines.length - 1]).toBe('sre-drill: 15 problems in 8 files');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('shows a stack trace only with --debug or SRE_DRILL_DEBUG=1', async () => {
    expect((await runCli(['banks', 'validate', BROKEN, '--debug'])).stderr).toMatch(/\n\s+at /);
    expect((await runCli(['banks', 'validate', BROKEN], { env: testEnv({ SRE_DRILL_DEBUG: '1' }) })).stderr).toMatch(/\n\s+at /);
  });

  it('makes every command refuse broken banks with the same report', async () => {
    const list = await runCli(['banks', 'list', '--bank', BROKEN]);
    const show = await runCli(['banks', 'show', 'shared-id', '--bank', BROKEN]);
    expect(list.code).toBe(2);
    expect(show.code).toBe(2);
    expect(show.stderr).toBe(list.stderr);
    expect(list.stderr).toContain('dup-b.yaml:9:5  questions[1].id: duplicate id "shared-id"');
    // Commands that only touch the store refuse too; config still works, to take a bank folder out.
    const data = tempDir();
    for (const argv of [['export', '--format', 'json'], ['undo'], ['resume'], ['review', '--list'], ['report'], ['import', '/nonexistent.jsonl']]) {
      const r = await runCli(['--data-dir', data, '--bank', BROKEN, ...argv]);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toBe(list.stderr);
    }
    expect((await runCli(['--bank', BROKEN, 'config', 'show'])).code).toBe(0);
  });

  it('shows one question in full', async () => {
    const r = await runCli(['banks', 'show', 'what-is-a-probe', '--bank', VALID]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('what-is-a-probe  definitions · entry · 1:30 · kubernetes, probes');
    expect(r.stdout).toContain('1. Whether the pod receives traffic from its Service (weight 2)');
    expect(r.stdout).toContain('accepts: removed from endpoints; no traffic');
    expect(r.stdout).toContain('Model answer');
  });

  it('suggests the closest id for an unknown one, exit 2', async () => {
    const r = await runCli(['banks', 'show', 'what-is-a-prob', '--bank', VALID]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('sre-drill: no question with id "what-is-a-prob" (did you mean `what-is-a-probe`?)\n');
  });

  it('takes global options before or after the command name', async () => {
    const before = await runCli(['--bank', VALID, 'banks', 'list', '--json']);
    const after = await runCli(['banks', 'list', '--json', '--bank', VALID]);
    expect(before.code).toBe(0);
    expect(after.stdout).toBe(before.stdout);
  });

  it('takes --bank more than once', async () => {
    const r = await runCli(['banks', 'list', '--json', '--bank', join(VALID, 'small.yaml'), '--bank', join(VALID, 'more')]);
    expect((JSON.parse(r.stdout) as { total: number }).total).toBe(4);
  });

  it('never lets bank text drive the terminal', async () => {
    const dir = tempDir('sre-drill-evil-');
    writeFileSync(join(dir, 'evil.yaml'), 'questions:\n  - id: evil\n    prompt: "Hi\\e]0;owned\\a\\e[2J there\\e]52;c;ZWNobyBoaQ==\\a"\n    topics: [x]\n    difficulty: 1\n    key_points: ["\\e[31mred\\e[0m point"]\n    model_answer: "ok\\a"\n');
    const r = await runCli(['banks', 'show', 'evil', '--bank', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\x07\x1b]/);
    expect(r.stdout).toContain('Hi there');
    expect(r.stdout).toContain('red point');
  });

  it('shows the command help with global options', async () => {
    const r = await runCli(['banks', 'validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: sre-drill banks validate');
    expect(r.stdout).toContain('--data-dir');
  });

  it('rejects an unknown option with exit 2', async () => {
    const r = await runCli(['banks', 'list', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--frobnicate'/);
  });
});

describe('the built-in banks', () => {
  it('validate cleanly with the default bank path', () => {
    const r = spawnCli(['banks', 'validate']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
