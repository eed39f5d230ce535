import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/storage/migrations.js';
import { DB_FILE, openStore } from '../../src/storage/store.js';
import { FIXTURES, runCli, spawnCli, tempDir, testEnv } from '../helpers/cli.js';
import { at, DAY, MINUTE, T0 } from '../helpers/clock.js';
import { makeAttempt, points } from '../helpers/store-fixture.js';

const BANK = join(FIXTURES, 'store', 'bank.yaml');

/** A data folder with history: a probe question missed at T0, an error-budget answer rated easy, an orphan. */
function seeded(): string {
  const dir = tempDir();
  const s = openStore(dir);
  const sid = s.startSession({ kind: 'drill', options: {}, plan: ['what-is-a-probe', 'error-budget', 'gone'], startedAt: T0 });
  s.recordAttempt(makeAttempt(sid, { rating: 'again', points: points(false, false), answer: '=cmd|calc\n"quoted", text', answeredAt: T0 }));
  s.recordAttempt(makeAttempt(sid, { questionId: 'error-budget', topics: ['slo'], rating: 'easy', points: points(true), answeredAt: at(MINUTE) }));
  s.recordAttempt(makeAttempt(sid, { questionId: 'gone', topics: ['old'], rating: 'good', answeredAt: at(2 * MINUTE) }));
  s.finishSession(sid, 'finished', at(3 * MINUTE));
  s.close();
  return dir;
}

const cli = (dir: string, argv: string[], now = at(2 * MINUTE), env = testEnv()) => runCli(['--bank', BANK, '--data-dir', dir, ...argv], { now: () => now, env });

describe('review --list', () => {
  it('lists every scheduled card of the banks in use by due date, as JSON; a question missed a minute ago is there', async () => {
    const dir = seeded();
    const r = await cli(dir, ['review', '--list', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; due: string; retrievability: number; topics: string[] }[];
    expect(list.map((c) => c.id)).toEqual(['what-is-a-probe', 'error-budget']);
    expect(list[0]).toEqual({ id: 'what-is-a-probe', due: expect.any(String), retrievability: expect.any(Number), topics: ['kubernetes', 'probes'] });
    expect(Date.parse(list[0]!.due)).toBeLessThanOrEqual(at(MINUTE).getTime());
    expect(Date.parse(list[1]!.due)).toBeGreaterThan(at(DAY).getTime());
    expect(list.every((c) => c.retrievability >= 0 && c.retrievability <= 1)).toBe(true);
  });

  it('prints a table with the count due now, and a hint when nothing is scheduled', async () => {
    const r = await cli(seeded(), ['review', '--list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/what-is-a-probe[\s\S]*error-budget/);
    expect(r.stdout).toContain('2 scheduled, 1 due now');
    expect(r.stdout).not.toContain('gone');
    const empty = await cli(tempDir(), ['review', '--list']);
    expect(empty.stdout).toMatch(/No cards scheduled yet/);
    expect((await cli(tempDir(), ['review', '--list', '--json'])).stdout.trim()).toBe('[]');
  });

  it('rejects a bad --limit and --json without --list (exit 2)', async () => {
    const r = await cli(tempDir(), ['review', '--list', '--limit', 'lots']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--limit must be a whole number/);
    const limited = await cli(seeded(), ['review', '--list', '--json', '--limit', '1']);
    expect(JSON.parse(limited.stdout)).toHaveLength(1);
    expect((await cli(tempDir(), ['review', '--json'])).code).toBe(2);
  });
});

describe('undo', () => {
  it('takes back the last rating, then the one before, then says there is nothing left', async () => {
    const dir = seeded();
    const first = await cli(dir, ['undo']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Took back "good" on gone/);
    expect((await cli(dir, ['undo'])).stdout).toMatch(/Took back "easy" on error-budget[\s\S]*new again/);
    await cli(dir, ['undo']);
    expect((await cli(dir, ['undo'])).stdout).toMatch(/Nothing to undo/);
    expect(JSON.parse((await cli(dir, ['review', '--list', '--json'])).stdout)).toEqual([]);
  });
});

describe('export and import', () => {
  it('json: exports everything as JSON Lines; importing it elsewhere twice changes nothing the second time', async () => {
    const dir = seeded();
    const file = join(tempDir(), 'history.jsonl');
    const r = await cli(dir, ['export', '--format', 'json', '--out', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Wrote 8 records/);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(lines.map((l) => l.type)).toEqual(['header', 'session', 'attempt', 'attempt', 'attempt', 'review', 'review', 'review']);
    const stdout = await cli(dir, ['export']);
    expect(stdout.stdout.trim().split('\n')).toHaveLength(8);

    const other = tempDir();
    const first = await cli(other, ['import', file]);
    expect(first.stdout).toMatch(/Imported 1 session, 3 attempts and 3 ratings/);
    const list = (await cli(other, ['review', '--list', '--json'])).stdout;
    expect(list).toBe((await cli(dir, ['review', '--list', '--json'])).stdout);
    const again = await cli(other, ['import', file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Nothing new/);
  });

  it('import: a broken file is refused with its line, nothing is written (exit 2)', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"type":"header","format":"sre-drill-export","version":1,"schema":1,"exportedAt":"2026-11-01T09:00:00.000Z"}\n{"type":"attempt","uid":"x"}\nnot json\n');
    const r = await cli(join(dir, 'data'), ['import', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.jsonl:2:1 /);
    expect(r.stderr).toMatch(/bad\.jsonl:3:1  not JSON/);
    expect(existsSync(join(dir, 'data', DB_FILE))).toBe(false);
    const newer = join(dir, 'newer.jsonl');
    writeFileSync(newer, `{"type":"header","format":"sre-drill-export","version":1,"schema":${SCHEMA_VERSION + 1},"exportedAt":"2026-11-01T09:00:00.000Z"}\n`);
    expect((await cli(join(dir, 'data'), ['import', newer])).stderr).toMatch(/newer sre-drill/);
    // An attempt whose session is nowhere: refused as a whole, nothing half-imported.
    const full = join(dir, 'full.jsonl');
    await cli(seeded(), ['export', '--out', full]);
    const withoutSession = readFileSync(full, 'utf8').split('\n').filter((l) => !l.includes('"type":"session"')).join('\n');
    writeFileSync(join(dir, 'orphan.jsonl'), withoutSession);
    const orphan = await cli(join(dir, 'data'), ['import', join(dir, 'orphan.jsonl')]);
    expect(orphan.code).toBe(2);
    expect(orphan.stderr).toMatch(/refers to session .* nothing was imported/);
    expect(JSON.parse((await cli(join(dir, 'data'), ['review', '--list', '--json'])).stdout)).toEqual([]);
    const missing = await cli(join(dir, 'data'), ['import', join(dir, 'nope.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.jsonl: no such file/);
  });

  it('anki: the banks in use as tab-separated notes with the header lines Anki reads, HTML-escaped', async () => {
    const file = join(tempDir(), 'deck.txt');
    const r = await cli(tempDir(), ['export', '--format', 'anki', '--out', file]);
    expect(r.code).toBe(0);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual(['#separator:tab', '#html:true', '#tags column:3']);
    const notes = lines.filter((l) => !l.startsWith('#'));
    expect(notes).toHaveLength(3);
    for (const n of notes) expect(n.split('\t')).toHaveLength(3);
    const [front, back, tags] = notes[0]!.split('\t');
    expect(front).toBe('What does a readiness probe decide?');
    expect(back).toContain('<li>Whether the pod receives traffic from its Service</li>');
    expect(back).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    expect(tags).toBe('definitions kubernetes probes');
    expect(notes[2]!.split('\t')[0]).toBe('What is an error budget? It has a tab.');
  });

  it('csv: attempts for spreadsheets, quoted, with formulas defused', async () => {
    const r = await cli(seeded(), ['export', '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\r\n');
    expect(rows[0]).toMatch(/^answered_at,session_id,question_id,category,topics,score,/);
    expect(rows[1]).toMatch(/^2026-11-01T09:00:00.000Z,1,what-is-a-probe,definitions,kubernetes probes,0,hard,again,0,2,/);
    expect(r.stdout).toContain(`"'=cmd|calc\n""quoted"", text"`);
    expect((await cli(tempDir(), ['export', '--format', 'xml'])).code).toBe(2);
  });

  it('--out into a folder that does not exist: exit 1 naming it', async () => {
    const r = await cli(seeded(), ['export', '--out', join(tempDir(), 'no', 'such', 'x.jsonl')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write .*x\.jsonl: its folder does not exist/);
  });
});

describe('banks prune', () => {
  it('--dry-run lists questions no longer in the banks; without it their cards go and their history stays', async () => {
    const dir = seeded();
    const dry = await cli(dir, ['banks', 'prune', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/gone\s.*1\s.*yes/);
    expect(dry.stdout).toMatch(/1 question no longer in the banks/);
    const before = openStore(dir);
    expect(before.card('gone')).not.toBeNull();
    before.close();
    const real = await cli(dir, ['banks', 'prune', '--json']);
    expect(JSON.parse(real.stdout)).toMatchObject({ dryRun: false, cardsRemoved: 1, orphans: [{ questionId: 'gone', attempts: 1, hasCard: true }] });
    const s = openStore(dir);
    expect(s.card('gone')).toBeNull();
    expect(s.attempts({ questionId: 'gone' })).toHaveLength(1);
    s.close();
    expect((await cli(dir, ['banks', 'prune'])).stdout).toMatch(/gone.*no/);
  });
});

describe('store errors through the CLI', () => {
  it('a newer schema: exit 1 naming both versions', async () => {
    const dir = seeded();
    const db = new Database(join(dir, DB_FILE));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const r = await cli(dir, ['review', '--list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`schema version ${SCHEMA_VERSION + 1}, but this sre-drill knows versions up to ${SCHEMA_VERSION}`));
  });

  it('a bad SRE_DRILL_RETENTION is a usage error', async () => {
    const r = await cli(tempDir(), ['undo'], T0, testEnv({ SRE_DRILL_RETENTION: '1.5' }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SRE_DRILL_RETENTION must be a number between 0.7 and 0.99/);
  });
});

describe('the built CLI (bin/sre-drill, native SQLite module outside the bundle)', () => {
  it('lists, exports and takes back ratings as a process', () => {
    const dir = seeded();
    const list = spawnCli(['--bank', BANK, '--data-dir', dir, 'review', '--list', '--json']);
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { id: string }[]).map((c) => c.id)).toEqual(['what-is-a-probe', 'error-budget']);
    const exported = spawnCli(['--bank', BANK, '--data-dir', dir, 'export']);
    expect(exported.stdout.trim().split('\n')).toHaveLength(8);
    expect(spawnCli(['--bank', BANK, '--data-dir', dir, 'undo']).stdout).toMatch(/Took back "good" on gone/);
  });
});
