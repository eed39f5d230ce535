import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/store.js';
import { BIN, FIXTURES, runCli, spawnCli, tempDir, testEnv } from '../helpers/cli.js';

const BANK = join(FIXTURES, 'sessions');
const FAST = join(FIXTURES, 'sessions-fast');

function attemptsIn(dir: string) {
  const store = openStore(dir);
  try {
    const sessions = store.listSessions();
    return { sessions, attempts: sessions.flatMap((s) => store.attempts({ sessionId: s.id })) };
  } finally {
    store.close();
  }
}

/** A CLI process whose stdin stays open: write lines, wait for output, send signals. */
function live(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { env: testEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
  const waitFor = async (text: string, ms = 15_000) => {
    const end = Date.now() + ms;
    while (!stdout.includes(text)) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${JSON.stringify(text)}; stdout so far:\n${stdout}\nstderr:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { child, exited, waitFor, out: () => stdout, err: () => stderr };
}

describe('drill in plain mode', () => {
  it('grades a piped answer, prints the feedback and keeps the attempt rated with the suggestion', async () => {
    const dir = tempDir();
    const r = await runCli(['--data-dir', dir, '--bank', BANK, 'drill', '--topic', 'slo', '--count', '1', '--seed', '7'], { input: 'An SLO is a target for an SLI, measured over a rolling window.\n.\n' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('What is an SLO?');
    expect(r.stdout).toMatch(/█{20,}\nScore 100%  2 of 2 key points made/);
    expect(r.stdout).toContain('✓ 1. An SLO is a target for a service level indicator');
    expect(r.stdout).toContain('“An SLO is a target for an SLI');
    expect(r.stdout).toContain('Model answer');
    expect(r.stdout).toContain('Rated easy');
    expect(r.stdout).not.toMatch(/\x1b\[/);
    const { sessions, attempts } = attemptsIn(dir);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.status).toBe('finished');
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ questionId: 'fx-slo', answer: 'An SLO is a target for an SLI, measured over a rolling window.', skipped: false, rating: 'easy', suggestedRating: 'easy', mode: 'typed' });
  });

  it('the issue example runs against the built-in banks, spawned as a process', () => {
    const dir = tempDir();
    const r = spawnCli(['--data-dir', dir, 'drill', '--count', '1', '--seed', '7'], { input: 'An SLO is a target for an SLI.\n.\n' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Score \d+%/);
    expect(r.stdout).toContain('Model answer');
    expect(attemptsIn(dir).attempts).toHaveLength(1);
  });

  it(':hint shows the next hint (recorded), :skip skips (recorded, rated again)', async () => {
    const dir = tempDir();
    const r = await runCli(['--data-dir', dir, '--bank', BANK, 'drill', '--topic', 'slo', '--topic', 'toil', '--count', '2', '--seed', '1'], { input: ':hint\n:hint\n:hint\na target\n.\n:skip\n' });
    expect(r.code).toBe(0);
    const { attempts } = attemptsIn(dir);
    expect(attempts).toHaveLength(2);
    const [first, second] = attempts;
    expect(r.stdout).toContain('Hint 1:');
    expect(first!.hintsUsed).toBeGreaterThanOrEqual(1);
    expect(second).toMatchObject({ skipped: true, score: 0, suggestedRating: 'again' });
  });

  it('plain mode prints no colour even where colour is forced', async () => {
    const dir = tempDir();
    const r = await runCli(['--data-dir', dir, '--bank', BANK, 'drill', '--topic', 'slo', '--count', '1'], { input: 'An SLO is a target for an SLI.\n.\n', env: testEnv({ NO_COLOR: undefined, FORCE_COLOR: '1' }) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('What is an SLO?');
    expect(r.stdout).toContain('Score ');
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it(':skip after typing earns nothing, and the feedback says it was skipped', async () => {
    const dir = tempDir();
    const r = await runCli(['--data-dir', dir, '--bank', BANK, 'drill', '--topic', 'slo', '--count', '1'], { input: 'An SLO is a target for an SLI, measured over a rolling window.\n:skip\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('! Skipped: the key points and the model answer below are what a full answer covers.');
    expect(r.stdout).toContain('Score 0%  0 of 2 key points made');
    expect(r.stdout).not.toContain('The answer is empty');
    const [a] = attemptsIn(dir).attempts;
    expect(a).toMatchObject({ skipped: true, score: 0, suggestedRating: 'again' });
    expect(a!.points.every((p) => !p.matched && p.evidence === '')).toBe(true);
  });

  it('pair mode scores from the points the interviewer ticks and keeps the notes', async () => {
    const dir = tempDir();
    const r = await runCli(['--data-dir', dir, '--bank', BANK, 'drill', '--pair', '--topic', 'slo', '--count', '1'], { input: '.\n1\nGood on the target, forgot the window.\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1. An SLO is a target for a service level indicator');
    expect(r.stdout).toMatch(/Interviewer's notes\n  Good on the target, forgot the window\./);
    const [a] = attemptsIn(dir).attempts;
    expect(a).toMatchObject({ mode: 'pair', score: 0.5, notes: 'Good on the target, forgot the window.', answer: '' });
    expect(a!.points.map((p) => p.matched)).toEqual([true, false]);
  });

  it('refuses an unknown topic or category with exit 2 and a suggestion', async () => {
    const dir = tempDir();
    const t = await runCli(['--data-dir', dir, '--bank', BANK, 'drill', '--topic', 'tol']);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/unknown topic "tol" \(did you mean .*`toil`/);
    const c = await runCli(['--data-dir', dir, '--bank', BANK, 'drill', '--category', 'troubleshootin']);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('did you mean `troubleshooting`');
    const ok = await runCli(['--data-dir', dir, '--bank', BANK, 'drill', '--category', 'behavioral', '--count', '1'], { input: 'We looked at the metrics together.\n.\n' });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Tell me about a time');
  });

  it('refuses bad numbers and modes with exit 2', async () => {
    for (const args of [['drill', '--count', '0'], ['drill', '--difficulty', '4'], ['drill', '--strictness', 'harsh'], ['mock', '--format', 'panel'], ['mock', '--minutes', '1'], ['drill', '--overtime', 'maybe']]) {
      const r = await runCli(['--bank', BANK, '--data-dir', tempDir(), ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^sre-drill: --/);
    }
  });
});

describe('time limits on the wall clock (plain mode)', () => {
  it('submits the partial answer when the time runs out, marked over time', async () => {
    const dir = tempDir();
    const p = live(['--data-dir', dir, '--bank', FAST, 'drill', '--count', '1']);
    await p.waitFor('What is an SLO?');
    p.child.stdin.write('A target for an SLI\n');
    await p.waitFor('Time is up');
    expect(await p.exited).toBe(0);
    p.child.stdin.end();
    const [a] = attemptsIn(dir).attempts;
    expect(a).toMatchObject({ answer: 'A target for an SLI', overTime: true, timeLimit: 2 });
    expect(a!.score).toBeGreaterThan(0.5);
  });

  it('with --overtime allow waits for the answer past zero', async () => {
    const dir = tempDir();
    const p = live(['--data-dir', dir, '--bank', FAST, 'drill', '--count', '1', '--overtime', 'allow']);
    await p.waitFor('What is an SLO?');
    await new Promise((r) => setTimeout(r, 2500));
    expect(p.out()).not.toContain('Time is up');
    p.child.stdin.end('late answer\n.\n');
    expect(await p.exited).toBe(0);
    const [a] = attemptsIn(dir).attempts;
    expect(a).toMatchObject({ answer: 'late answer', overTime: true });
  });
});

describe('interrupting and resuming', () => {
  it(':quit midway keeps the answers and the draft; the next start points at resume; resume finishes it', async () => {
    const dir = tempDir();
    const args = ['--data-dir', dir, '--bank', BANK];
    const q = spawnCli([...args, 'drill', '--topic', 'slo', '--topic', 'toil', '--count', '2', '--seed', '1'], { input: 'first answer\n.\nhalf of the second\n:quit\n' });
    expect(q.code).toBe(130);
    expect(q.stderr).toContain('sre-drill resume');
    let { sessions, attempts } = attemptsIn(dir);
    expect(sessions[0]).toMatchObject({ status: 'interrupted', position: 1 });
    expect(sessions[0]!.draft).toMatchObject({ text: 'half of the second' });
    expect(sessions[0]!.draft!.remainingMs).toBeGreaterThan(50_000);
    expect(attempts).toHaveLength(1);

    const next = spawnCli([...args, 'drill', '--count', '1'], { input: 'an answer\n.\n' });
    expect(next.code).toBe(0);
    expect(next.stderr).toMatch(/an interrupted drill from .* is saved: `sre-drill resume` will continue it/);

    const r = spawnCli([...args, 'resume'], { input: 'and the rest of it\n.\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Your saved draft:');
    ({ sessions, attempts } = attemptsIn(dir));
    expect(sessions[0]!.status).toBe('finished');
    const resumed = attempts.filter((a) => a.sessionId === sessions[0]!.id);
    expect(resumed.map((a) => a.answer)).toEqual(['first answer', 'half of the second\nand the rest of it']);
    const again = spawnCli([...args, 'resume']);
    expect(again.stdout).toContain('Nothing to resume');
  });

  it('SIGTERM ends the session like Ctrl-C: exit 130, draft kept', async () => {
    const dir = tempDir();
    const p = live(['--data-dir', dir, '--bank', BANK, 'drill', '--topic', 'toil', '--count', '1']);
    await p.waitFor('What is toil?');
    p.child.stdin.write('manual repetitive work\n');
    await new Promise((r) => setTimeout(r, 200));
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(130);
    expect(p.err()).toContain('sre-drill resume');
    const { sessions } = attemptsIn(dir);
    expect(sessions[0]).toMatchObject({ status: 'interrupted' });
    expect(sessions[0]!.draft!.text).toBe('manual repetitive work');
  });
});

describe('mock interview in plain mode', () => {
  it('asks a follow-up when key points are missed, gives no feedback until the end, then the report and questions to ask', () => {
    const dir = tempDir();
    // Every answer misses points; each question with follow-ups gets one.
    const answers = Array.from({ length: 12 }, (_, i) => `I am not sure, answer ${i}\n.\n`).join('');
    const r = spawnCli(['--data-dir', dir, '--bank', BANK, 'mock', '--format', 'phone', '--minutes', '12', '--seed', '3'], { input: answers });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Follow-up:');
    const beforeReport = r.stdout.slice(0, r.stdout.indexOf('Questions to ask your interviewer'));
    expect(beforeReport).not.toContain('Model answer');
    expect(r.stdout).toContain('Questions to ask your interviewer');
    const { sessions, attempts } = attemptsIn(dir);
    expect(sessions[0]).toMatchObject({ kind: 'mock', status: 'finished' });
    const followUps = attempts.filter((a) => a.notes.startsWith('Follow-up:'));
    expect(followUps.length).toBeGreaterThan(0);
    for (const f of followUps) expect(attempts.some((a) => a.questionId === f.questionId && !a.notes)).toBe(true);
    // The report counts a question and its follow-up as one answer.
    const asked = new Set(attempts.map((a) => a.questionId)).size;
    const report = JSON.parse(spawnCli(['--data-dir', dir, '--bank', BANK, 'report', '--last', '--format', 'json']).stdout);
    expect(report.overall.attempts).toBe(asked);
    expect(report.attempts).toHaveLength(asked);
    expect(attempts.length).toBe(asked + followUps.length);
  });

  it('skipping a follow-up leaves the first answer as it was graded, whatever was typed before the skip', () => {
    const dir = tempDir();
    // Seed 3 asks follow-ups after questions 1, 3 and 4 of this bank.
    const input = ['I am not sure\n.\n', 'Toil is manual, repetitive, automatable work that scales with the service\n:skip\n', 'no idea\n.\n', 'no idea\n.\n', ':skip\n', 'no idea\n.\n', 'no idea\n.\n'].join('');
    const r = spawnCli(['--data-dir', dir, '--bank', BANK, 'mock', '--format', 'phone', '--minutes', '12', '--seed', '3'], { input });
    expect(r.code).toBe(0);
    const { attempts } = attemptsIn(dir);
    const toil = attempts.filter((a) => a.questionId === 'fx-toil');
    expect(toil).toHaveLength(2);
    expect(toil[1]!.notes).toMatch(/^Follow-up:/);
    expect(toil[1]).toMatchObject({ skipped: false, score: toil[0]!.score });
    expect(toil[1]!.points).toEqual(toil[0]!.points);
  });

  it(':pause stops the clock in a mock and is recorded with the answer; a drill refuses it', async () => {
    const dir = tempDir();
    const r = await runCli(['--data-dir', dir, '--bank', BANK, 'mock', '--minutes', '12', '--seed', '3'], { input: ':pause\nback\nToil is manual repetitive work that could be automated\n.\n:quit\n' });
    expect(r.code).toBe(130);
    expect(r.stdout).toContain('Paused: the clock is stopped.');
    const [a] = attemptsIn(dir).attempts;
    expect(a!.notes).toBe('Paused 1 time (clock stopped).');
    expect(a!.answer).toBe('Toil is manual repetitive work that could be automated');
    const d = await runCli(['--data-dir', tempDir(), '--bank', BANK, 'drill', '--count', '1'], { input: ':pause\nan answer\n.\n' });
    expect(d.stdout).toContain('Pausing is for mock interviews');
  });

  it('quit midway through a mock and resume it: the loop clock and plan carry over', () => {
    const dir = tempDir();
    const args = ['--data-dir', dir, '--bank', BANK];
    const q = spawnCli([...args, 'mock', '--minutes', '12', '--seed', '3'], { input: 'An SLO is a target for an SLI over a window\n.\n:quit\n' });
    expect(q.code).toBe(130);
    const before = attemptsIn(dir);
    expect(before.sessions[0]!.status).toBe('interrupted');
    const planned = before.sessions[0]!.plan;
    const r = spawnCli([...args, 'resume'], { input: Array.from({ length: 12 }, () => 'something\n.\n').join('') });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Resuming the mock');
    const after = attemptsIn(dir);
    expect(after.sessions[0]).toMatchObject({ status: 'finished', plan: planned });
    expect(new Set(after.attempts.map((a) => a.questionId))).toEqual(new Set(planned));
  });
});

describe('review', () => {
  it('brings back a missed question when it is due, answered like a drill', async () => {
    const dir = tempDir();
    const t0 = new Date('2026-11-01T09:00:00Z');
    const args = ['--data-dir', dir, '--bank', BANK];
    const d = await runCli([...args, 'drill', '--topic', 'toil', '--count', '1'], { input: ':skip\n', now: () => t0 });
    expect(d.code).toBe(0);
    const later = new Date(t0.getTime() + 30 * 60_000);
    const r = await runCli([...args, 'review', '--limit', '1'], { input: 'Toil is manual, repetitive work that could be automated.\n.\n', now: () => later });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Review: 1 question.');
    expect(r.stdout).toContain('What is toil?');
    const { sessions, attempts } = attemptsIn(dir);
    expect(sessions.map((s) => s.kind)).toEqual(['drill', 'review']);
    expect(attempts.at(-1)).toMatchObject({ questionId: 'fx-toil', skipped: false });
    expect(attempts.at(-1)!.score).toBeGreaterThan(0.5);
  });
});

describe('config defaults', () => {
  it('the config sets the mock format and the strictness; options still win', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.yaml'), 'mock_format: onsite\nstrictness: strict\n');
    const env = testEnv({ SRE_DRILL_CONFIG_DIR: dir });
    const answers = Array.from({ length: 16 }, () => ':skip\n').join('');
    const onsite = await runCli(['--data-dir', dir, '--bank', BANK, 'mock', '--minutes', '20', '--seed', '1'], { input: answers, env });
    expect(onsite.code).toBe(0);
    expect(onsite.stdout).toContain('Mock interview: onsite loop');
    const phone = await runCli(['--data-dir', dir, '--bank', BANK, 'mock', '--format', 'phone', '--minutes', '10', '--seed', '1'], { input: answers, env });
    expect(phone.stdout).toContain('Mock interview: phone screen');
    const store = openStore(dir);
    try {
      expect(store.listSessions().map((s) => s.options.strictness)).toEqual(['strict', 'strict']);
    } finally {
      store.close();
    }
  });

  it('the config sets new questions per day; SRE_DRILL_NEW_PER_DAY wins for one run', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.yaml'), 'new_per_day: 2\n');
    const skips = ':skip\n'.repeat(8);
    const fromConfig = await runCli(['--data-dir', dir, '--bank', BANK, 'review'], { input: skips, env: testEnv({ SRE_DRILL_CONFIG_DIR: dir }) });
    expect(fromConfig.stderr).toBe('');
    expect(fromConfig.stdout).toContain('Review: 2 questions.');
    const other = tempDir();
    const fromEnv = await runCli(['--data-dir', other, '--bank', BANK, 'review'], { input: skips, env: testEnv({ SRE_DRILL_CONFIG_DIR: dir, SRE_DRILL_NEW_PER_DAY: '1' }) });
    expect(fromEnv.stdout).toContain('Review: 1 question.');
    expect(attemptsIn(other).attempts).toHaveLength(1);
  });
});
