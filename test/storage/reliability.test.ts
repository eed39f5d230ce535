import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/store.js';
import { ROOT, tempDir, testEnv } from '../helpers/cli.js';

const WRITER = join(ROOT, 'test', 'helpers', 'store-writer.ts');
const ENTRY = join(ROOT, 'src', 'entry.ts');

/** Runs the writer as its own process; resolves with its exit code and output. */
function writer(args: string[], onLine?: (line: string, kill: () => void) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', WRITER, ...args], { cwd: ROOT, env: testEnv() });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => {
      stdout += String(d);
      for (const line of String(d).split('\n')) if (line) onLine?.(line, () => p.kill('SIGKILL'));
    });
    p.stderr.on('data', (d) => (stderr += String(d)));
    p.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('store reliability (separate processes, real files)', () => {
  it('two processes writing at once: no write lost, no SQLITE_BUSY', async () => {
    const dir = tempDir();
    const n = 150;
    const [a, b] = await Promise.all([writer(['write', dir, String(n), 'a', '2']), writer(['write', dir, String(n), 'b', '2'])]);
    expect(a.stderr).not.toMatch(/BUSY|locked/i);
    expect(b.stderr).not.toMatch(/BUSY|locked/i);
    expect([a.code, b.code]).toEqual([0, 0]);
    const s = openStore(dir);
    try {
      expect(s.attemptCount()).toBe(2 * n);
      // The writes really interleaved: the labels switch back and forth in commit order.
      const labels = s.attempts().sort((x, y) => x.id - y.id).map((x) => x.questionId[0]);
      expect(labels.filter((l, i) => i > 0 && l !== labels[i - 1]).length).toBeGreaterThan(2);
      expect(s.reviewLog()).toHaveLength(2 * n);
      expect(s.cards(new Date())).toHaveLength(2 * n);
      expect(s.listSessions().map((x) => x.status)).toEqual(['finished', 'finished']);
      expect(s.quickCheck()).toBe('ok');
    } finally {
      s.close();
    }
  });

  it('a process killed with SIGKILL mid-session: everything saved is there, quick_check passes, the session is interrupted', async () => {
    const dir = tempDir();
    let sessionId = 0;
    const r = await writer(['hang', dir, '25', 'k'], (line, kill) => {
      const m = /^ready (\d+)/.exec(line);
      if (m) {
        sessionId = Number(m[1]);
        kill();
      }
    });
    expect(r.signal).toBe('SIGKILL');
    const s = openStore(dir);
    try {
      expect(s.quickCheck()).toBe('ok');
      expect(s.attempts({ sessionId }).map((a) => a.questionId)).toEqual(Array.from({ length: 25 }, (_, i) => `k-${i}`));
      expect(s.getSession(sessionId)).toMatchObject({ status: 'interrupted', position: 25, draft: { questionId: 'k-25', text: 'half an answ', remainingMs: 12_345 } });
      expect(s.lastInterruptedSession()?.id).toBe(sessionId);
    } finally {
      s.close();
    }
  });
});

/** Runs the CLI from source as its own process, optionally as another user. */
function cli(argv: string[], opts: { uid?: number } = {}) {
  const asNobody = opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {};
  const r = spawnSync(process.execPath, ['--import', 'tsx', ENTRY, ...argv], { cwd: ROOT, env: testEnv({ TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json') }), encoding: 'utf8', timeout: 60_000, ...asNobody });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('data folder problems: a clear error and exit 1', () => {
  it('a data folder that is a file', () => {
    const file = join(tempDir(), 'notes.txt');
    writeFileSync(file, 'x');
    const r = cli(['--data-dir', file, 'review', '--list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`sre-drill: the data folder ${file} is a file, not a folder`);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a parent of the data folder that is a file', () => {
    const file = join(tempDir(), 'notes.txt');
    writeFileSync(file, 'x');
    const r = cli(['--data-dir', join(file, 'data'), 'undo']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot create the data folder .*notes\.txt\/data: a part of its path is a file/);
  });

  it('missing parent folders are created', () => {
    const dir = join(tempDir(), 'x', 'y', 'z');
    const r = cli(['--data-dir', dir, 'undo']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Nothing to undo/);
  });

  it('a read-only data folder (run as an unprivileged user when the tests run as root)', () => {
    const base = tempDir();
    chmodSync(base, 0o755);
    const ro = join(base, 'ro');
    mkdirSync(ro);
    const fresh = join(ro, 'new');
    chmodSync(ro, 0o555);
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    try {
      const r = cli(['--data-dir', ro, 'undo'], { uid });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`sre-drill: the data folder ${ro} is read-only`);
      const r2 = cli(['--data-dir', fresh, 'undo'], { uid });
      expect(r2.code).toBe(1);
      expect(r2.stderr).toContain(`cannot create the data folder ${fresh}: ${ro} is not writable`);
    } finally {
      chmodSync(ro, 0o755);
    }
  });
});
