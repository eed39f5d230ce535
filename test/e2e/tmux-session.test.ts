import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/store.js';
import { BIN, FIXTURES, ROOT, tempDir } from '../helpers/cli.js';

/**
 * A real terminal: the built bin/sre-drill in an 80×24 tmux pane, driven by keystrokes and read
 * back with capture-pane. tmux is installed with apt-get when the machine lacks it; if that fails
 * the test fails, it does not pass.
 */

const SOCKET = `sre-drill-e2e-${process.pid}`;
const BANK = join(FIXTURES, 'sessions');

function ensureTmux(): string {
  for (const p of ['/usr/bin/tmux', '/usr/local/bin/tmux']) if (existsSync(p)) return p;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const run = (args: string[]) => spawnSync(sudo[0] ?? args[0]!, sudo.length ? [...sudo.slice(1), ...args] : args.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  run(['apt-get', 'update']);
  run(['apt-get', 'install', '-y', 'tmux']);
  if (!existsSync('/usr/bin/tmux')) throw new Error('tmux is missing and `apt-get install tmux` failed: the terminal test cannot run');
  return '/usr/bin/tmux';
}

let tmux = '';
const t = (...args: string[]) => execFileSync(tmux, ['-L', SOCKET, ...args], { encoding: 'utf8' });
const screen = (target: string) => t('capture-pane', '-p', '-t', target);

async function waitFor(target: string, text: string | RegExp, ms = 20_000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const s = screen(target);
    if (typeof text === 'string' ? s.includes(text) : text.test(s)) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for ${String(text)} in the pane:\n${s}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function start(name: string, command: string, columns = 80, env: string[] = []): void {
  // After the CLI exits, the pane prints its exit code and the terminal modes, then waits.
  const script = `cd ${ROOT} && ${command}; echo EXIT=$?; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 120`;
  t('new-session', '-d', '-s', name, '-x', String(columns), '-y', '24', '-e', 'NO_COLOR=1', '-e', 'TERM=xterm-256color', ...env.flatMap((e) => ['-e', e]), script);
}

beforeAll(() => {
  tmux = ensureTmux();
});
afterAll(() => {
  spawnSync(tmux, ['-L', SOCKET, 'kill-server']);
});

describe('a drill in a real terminal (tmux)', () => {
  it('two questions: type, submit, rate; Ctrl-C mid-answer restores the terminal and saves the draft; resume continues it', async () => {
    const dir = tempDir();
    const cli = `${process.execPath} ${BIN} --data-dir ${dir} --bank ${BANK}`;
    start('drill', `${cli} drill --count 2 --seed 7`);

    let s = await waitFor('drill', 'Question 1 of 2');
    expect(s).toContain('A host pages for a full disk. What do you do?');
    expect(s).toMatch(/⏱ [23]:\d\d left/);
    expect(s).toContain('Enter on an empty line: submit');
    for (const line of s.split('\n')) expect(line.length).toBeLessThanOrEqual(80);

    t('send-keys', '-t', 'drill', '-l', 'I check disk usage with df and du first');
    t('send-keys', '-t', 'drill', 'Enter');
    t('send-keys', '-t', 'drill', '-l', 'then lsof for deleted but open files');
    await waitFor('drill', '› then lsof for deleted but open files');
    t('send-keys', '-t', 'drill', 'Enter', 'Enter');
    s = await waitFor('drill', 'How did that go?');
    expect(s).toMatch(/✓ 2\. Look for deleted files still held open with lsof/);
    expect(s).toMatch(/✗ 3\. Free space safely/);
    t('send-keys', '-t', 'drill', 'Enter');

    s = await waitFor('drill', 'Question 2 of 2');
    expect(s).toContain('Design a URL shortener');
    t('send-keys', '-t', 'drill', '-l', 'replicate the store across regions');
    await waitFor('drill', '› replicate the store across regions');
    // Let the clock tick so the time left is visibly less than the limit.
    await waitFor('drill', /⏱ 9:5[0-8] left/);
    t('send-keys', '-t', 'drill', 'C-c');
    s = await waitFor('drill', /EXIT=\d+\s*\n.*echo/);
    expect(s).toContain('EXIT=130');
    expect(s).toContain('sre-drill resume');
    // Raw mode is off again: the shell's terminal has line editing and echo back.
    expect(s).toMatch(/(^|\s)icanon\s+echo(\s|$)/m);
    expect(t('display-message', '-p', '-t', 'drill', '#{cursor_flag}').trim()).toBe('1');

    const store = openStore(dir);
    let savedLeft = 0;
    try {
      const [session] = store.listSessions();
      expect(session).toMatchObject({ status: 'interrupted', position: 1 });
      expect(session!.draft).toMatchObject({ questionId: 'fx-design-shortener', text: 'replicate the store across regions' });
      savedLeft = session!.draft!.remainingMs;
      expect(savedLeft).toBeLessThan(599_000);
      const attempts = store.attempts({ sessionId: session!.id });
      expect(attempts).toHaveLength(1);
      expect(attempts[0]).toMatchObject({ questionId: 'fx-disk-full', rating: attempts[0]!.suggestedRating });
      expect(attempts[0]!.answer).toBe('I check disk usage with df and du first\nthen lsof for deleted but open files');
    } finally {
      store.close();
    }

    start('resume', `${cli} resume`);
    s = await waitFor('resume', 'Question 2 of 2');
    expect(s).toContain('› replicate the store across regions');
    const left = /⏱ (\d+):(\d\d) left/.exec(s)!;
    // The resumed question has the time that was left, not a fresh ten minutes.
    const shownLeft = Number(left[1]) * 60 + Number(left[2]);
    expect(shownLeft).toBeLessThanOrEqual(Math.ceil(savedLeft / 1000));
    expect(shownLeft).toBeGreaterThanOrEqual(Math.ceil(savedLeft / 1000) - 3);
    t('send-keys', '-t', 'resume', 'Enter');
    t('send-keys', '-t', 'resume', '-l', 'and cache hot redirects in a CDN');
    t('send-keys', '-t', 'resume', 'Enter', 'Enter');
    await waitFor('resume', 'How did that go?');
    t('send-keys', '-t', 'resume', 'Enter');
    s = await waitFor('resume', /EXIT=\d+/);
    expect(s).toContain('EXIT=0');
    const after = openStore(dir);
    try {
      const [session] = after.listSessions();
      expect(session!.status).toBe('finished');
      const last = after.attempts({ sessionId: session!.id }).at(-1)!;
      expect(last.answer).toBe('replicate the store across regions\nand cache hot redirects in a CDN');
      expect(last.points.filter((p) => p.matched)).toHaveLength(2);
    } finally {
      after.close();
    }
  }, 90_000);

  it('fits a 40-column terminal and redraws after a resize', async () => {
    const dir = tempDir();
    start('narrow', `${process.execPath} ${BIN} --data-dir ${dir} --bank ${BANK} drill --count 1 --seed 7`, 40);
    let s = await waitFor('narrow', 'Question 1 of 1');
    for (const line of s.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
    expect(s).toMatch(/⏱ \d:\d\d left/);
    expect(s).toContain('Enter on an empty line:');
    t('resize-window', '-t', 'narrow', '-x', '80', '-y', '24');
    s = await waitFor('narrow', /Question 1 of 1 · troubleshooting · linux, incident-response +⏱/);
    t('send-keys', '-t', 'narrow', 'C-q');
    s = await waitFor('narrow', /EXIT=\d+/);
    expect(s).toContain('EXIT=130');
  }, 60_000);

  it('`sre-drill` alone in a terminal opens the menu, global options or not', async () => {
    const dir = tempDir();
    // No arguments at all (the data folder comes from the environment).
    start('menu', `${process.execPath} ${BIN}`, 80, [`SRE_DRILL_HOME=${dir}`]);
    const s = await waitFor('menu', 'what would you like to do?');
    expect(s).toContain('Drill: five timed questions');
    expect(s).toContain('Mock interview: a 30-minute phone screen');
    expect(s).toContain('Review: 0 cards due');
    expect(s).toContain('Report:');
    expect(s).toContain('Banks:');
    t('send-keys', '-t', 'menu', 'Up', 'Enter');
    expect(await waitFor('menu', /EXIT=\d+/)).toContain('EXIT=0');
    // Only global options, no command: still the menu, with those options in force.
    start('menu-opts', `${process.execPath} ${BIN} --data-dir ${dir} --bank ${BANK}`, 80);
    expect(await waitFor('menu-opts', 'what would you like to do?')).toContain('Review: ');
    t('send-keys', '-t', 'menu-opts', 'Up', 'Enter');
    expect(await waitFor('menu-opts', /EXIT=\d+/)).toContain('EXIT=0');
  }, 60_000);

  it('closing the terminal (SIGHUP) saves the draft and marks the session interrupted', async () => {
    const dir = tempDir();
    start('hangup', `${process.execPath} ${BIN} --data-dir ${dir} --bank ${BANK} drill --count 1 --seed 7`);
    await waitFor('hangup', 'Question 1 of 1');
    t('send-keys', '-t', 'hangup', '-l', 'typed before the window closed');
    await waitFor('hangup', '› typed before the window closed');
    t('kill-session', '-t', 'hangup');
    const end = Date.now() + 15_000;
    for (;;) {
      const store = openStore(dir);
      try {
        const [session] = store.listSessions();
        if (session?.status === 'interrupted') {
          expect(session.draft).toMatchObject({ questionId: 'fx-disk-full', text: 'typed before the window closed' });
          break;
        }
      } finally {
        store.close();
      }
      if (Date.now() > end) throw new Error('the session was not marked interrupted after SIGHUP');
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 60_000);

  it('Ctrl-O hands the answer to $EDITOR and takes the edited text back', async () => {
    const dir = tempDir();
    const editor = join(dir, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nprintf "%s\\n" "added in the editor" >> "$1"\n');
    chmodSync(editor, 0o755);
    start('editor', `${process.execPath} ${BIN} --data-dir ${dir} --bank ${BANK} drill --count 1 --seed 7`, 80, [`EDITOR=${editor}`, 'VISUAL=']);
    await waitFor('editor', 'Question 1 of 1');
    t('send-keys', '-t', 'editor', '-l', 'typed first');
    await waitFor('editor', '› typed first');
    t('send-keys', '-t', 'editor', 'C-o');
    const s = await waitFor('editor', '  added in the editor');
    expect(s).toContain('  typed first\n  added in the editor');
    t('send-keys', '-t', 'editor', 'Enter');
    await waitFor('editor', 'How did that go?');
    t('send-keys', '-t', 'editor', 'Enter');
    expect(await waitFor('editor', /EXIT=\d+/)).toContain('EXIT=0');
    const store = openStore(dir);
    try {
      expect(store.attempts()[0]!.answer).toBe('typed first\nadded in the editor');
    } finally {
      store.close();
    }
  }, 60_000);
});
