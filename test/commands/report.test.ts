import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/store.js';
import { width } from '../../src/ui/table.js';
import { runCli, spawnCli, tempDir, testEnv } from '../helpers/cli.js';
import { DAY, T0 } from '../helpers/clock.js';
import { fillStore, fixtureSessions, writeFixtureBank } from '../helpers/report-store.js';

/** A real SQLite store holding the fixture month (a drill, then a mock) and the fixture bank. */
function setup(opts: { empty?: boolean } = {}) {
  const dir = tempDir();
  const bank = join(dir, 'bank');
  mkdirSync(bank);
  writeFixtureBank(bank);
  const data = join(dir, 'data');
  if (!opts.empty) fillStore(data, fixtureSessions());
  const argv = (args: string[]) => ['--bank', bank, '--data-dir', data, 'report', ...args];
  const run = (args: string[], extra: { env?: NodeJS.ProcessEnv; columns?: number; now?: () => Date } = {}) => runCli(['--bank', bank, '--data-dir', data, 'report', ...args], { now: () => T0, columns: 80, ...extra });
  return { dir, data, run, argv };
}

const lines = (s: string) => s.replace(/\n$/, '').split('\n');

describe('sre-drill report (text, from a real store)', () => {
  it('reports the last 30 days by default: overall, categories, topics, missed points, STAR, forecast, plan', async () => {
    const { run } = setup();
    const r = await run([]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/^sre-drill report · last 30 days\n2026-10-02 → 2026-11-01 · 10 answers\n/);
    expect(out).toMatch(/Overall +█+.*51 %/);
    expect(out).toContain('10 answers · 1 over time');
    expect(out).toMatch(/│ system-design +│ 1 +│ █████░░░░░ +50 % │ 25:00 \/ 6:00 +│ ⚠ 1 +│/);
    expect(out).toMatch(/│ definitions +│ 5 +│/);
    const topics = lines(out).slice(lines(out).indexOf('Topic mastery, weakest first') + 2).slice(0, 7).map((l) => l.trim().split(/\s+/)[0]);
    expect(topics[0]).toBe('incident-response');
    expect(out).toContain('⚠ design-rate-limiter  25:00 of 6:00');
    expect(out).toContain('0 of 1 answer complete');
    expect(out).toContain('tell-me-about-failure: missing result');
    expect(out).toContain('    ✗ An SLA is a contract with penalties for customers\n      › An SLA is a contract with customers that carries penalties when it is\n        broken.');
    expect(out).toContain('$ sre-drill drill --topic incident-response --count 2');
    // Not a mock: no interviewer questions.
    expect(out).not.toContain('Questions to ask your interviewer');
  });

  it('--last reports the latest session (a mock: with questions to ask the interviewer)', async () => {
    const { run } = setup();
    const r = await run(['--last']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sre-drill report · mock session 2\n.* · 3 answers\n/);
    expect(r.stdout).toContain('Questions to ask your interviewer');
    expect(r.stdout).toContain('How many pages does a typical on-call week bring?');
  });

  it('--session, --since and --category choose the attempts', async () => {
    const { run } = setup();
    expect((await run(['--session', '1'])).stdout).toMatch(/^sre-drill report · drill session 1\n.* · 7 answers\n/);
    expect((await run(['--since', '4d'])).stdout).toMatch(/^sre-drill report · last 4 days\n.* · 3 answers\n/);
    expect((await run(['--since', '2026-10-20'])).stdout).toMatch(/^sre-drill report · since 2026-10-20\n.* · 7 answers\n/);
    const t = await run(['--category', 'troubleshooting']);
    expect(t.stdout).toMatch(/^sre-drill report · last 30 days · category troubleshooting\n.* · 3 answers\n/);
    expect(t.stdout).not.toContain('definitions');
  });

  it('turns bad options into usage errors (exit 2) with one clear line', async () => {
    const { run } = setup();
    const cases: [string[], RegExp][] = [
      [['--session', '99'], /no session 99; `sre-drill report --last` shows the latest one/],
      [['--session', 'abc'], /--session must be a session number/],
      [['--last', '--since', '7d'], /choose one of --last, --session and --since \(got --last and --since\)/],
      [['--since', 'yesterday'], /--since must be a span back from now or a day, e\.g\. "7d"/],
      [['--since', '2027-01-01'], /--since 2027-01-01 is in the future/],
      [['--category', 'troubleshootin'], /unknown category "troubleshootin" \(did you mean `troubleshooting`/],
      [['--format', 'pdf'], /unknown format "pdf": use one of text, md, html, json/],
      [['--open', '--format', 'md'], /--open shows the HTML report/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('--last with no session yet says how to start one', async () => {
    const { run } = setup({ empty: true });
    const r = await run(['--last']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('there is no session yet');
    const empty = await run([]);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('No answers in this period yet.');
  });

  it('fits 40 and 80 columns, with colour only when asked for', async () => {
    const { run } = setup();
    for (const columns of [40, 80]) {
      const plain = await run([], { columns });
      expect(lines(plain.stdout).filter((l) => width(l) > columns)).toEqual([]);
      expect(plain.stdout).not.toMatch(/\x1b\[/);
      expect(plain.stdout).toContain('░');
      const colour = await run([], { columns, env: testEnv({ NO_COLOR: undefined, FORCE_COLOR: '1' }) });
      expect(colour.stdout).toMatch(/\x1b\[3\dm/);
      expect(lines(colour.stdout).filter((l) => width(l) > columns)).toEqual([]);
    }
  });
});

describe('sre-drill report --format md|json|html, --out, --open', () => {
  it('json: the documented schema, topics weakest first, the forecast matching the store’s cards', async () => {
    const { run, data } = setup();
    const r = await run(['--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.overall).toMatchObject({ attempts: 10, over_time: 1, score: 0.508 });
    expect(j.categories.map((c: { category: string; attempts: number }) => [c.category, c.attempts])).toEqual([
      ['definitions', 5],
      ['troubleshooting', 3],
      ['system-design', 1],
      ['behavioural', 1],
    ]);
    const masteries = j.topics.map((t: { mastery: number }) => t.mastery);
    expect(masteries).toEqual([...masteries].sort((a: number, b: number) => a - b));
    expect(j.attempts).toHaveLength(10);
    expect(j.attempts.filter((a: { over_time: boolean }) => a.over_time).map((a: { question_id: string }) => a.question_id)).toEqual(['design-rate-limiter']);
    const store = openStore(data);
    const cards = store.cards(T0);
    store.close();
    expect(cards.length).toBeGreaterThan(0);
    const endOfForecast = Date.parse('2026-11-09T00:00:00Z');
    expect(j.forecast.reduce((s: number, d: { due: number }) => s + d.due, 0)).toBe(cards.filter((c) => c.due.getTime() < endOfForecast).length);
    expect(j.plan.length).toBeGreaterThanOrEqual(3);
    expect(j.plan.length).toBeLessThanOrEqual(5);
  });

  it('md and text --out write files and say where', async () => {
    const { run, dir } = setup();
    const md = await run(['--format', 'md', '--out', join(dir, 'notes', 'report.md')]);
    expect(md.code).toBe(0);
    expect(md.stdout).toBe('');
    expect(md.stderr).toContain(`Report written to ${join(dir, 'notes', 'report.md')}`);
    const text = readFileSync(join(dir, 'notes', 'report.md'), 'utf8');
    expect(text).toContain('## What you missed, by topic');
    expect(text).toContain('&lt;script&gt;');
    expect(text).not.toContain('<script>');
    const plain = await run(['--out', join(dir, 'r.txt')], { env: testEnv({ NO_COLOR: undefined, FORCE_COLOR: '1' }) });
    expect(plain.code).toBe(0);
    expect(readFileSync(join(dir, 'r.txt'), 'utf8')).not.toMatch(/\x1b/);
  });

  it('--out where no folder can be made fails at once with one line, exit 1', async () => {
    const { run } = setup();
    const r = await run(['--format', 'html', '--out', '/proc/sre-drill-test/report.html']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^sre-drill: cannot write the report to \/proc\/sre-drill-test\/report\.html: .*\n$/);
  });

  it('html on stdout escapes the bank’s script', async () => {
    const { run } = setup();
    const r = await run(['--format', 'html']);
    expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(r.stdout).not.toMatch(/<script/i);
    expect(r.stdout).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
  });

  it('--open prints the path where there is no opener', async () => {
    const { run, data, dir } = setup();
    const emptyBin = join(dir, 'bin-empty');
    mkdirSync(emptyBin);
    const r = await run(['--open'], { env: testEnv({ PATH: emptyBin }) });
    expect(r.code).toBe(0);
    const files = readdirSync(join(data, 'reports'));
    expect(files).toHaveLength(1);
    const path = join(data, 'reports', files[0]!);
    expect(r.stdout.trim()).toBe(`No browser opener (open/xdg-open) found; the report is at ${path}`);
    expect(readFileSync(path, 'utf8')).toContain('<svg class="chart line-chart"');
  });

  it('--open runs xdg-open on the HTML file', async () => {
    const { run, dir } = setup();
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const log = join(dir, 'opened.txt');
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${log}'\n`);
    chmodSync(join(bin, 'xdg-open'), 0o755);
    const out = join(dir, 'mine.html');
    const r = await run(['--open', '--out', out], { env: testEnv({ PATH: `${bin}:${process.env.PATH}` }) });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`Opened ${out}`);
    for (let i = 0; i < 100 && !existsSync(log); i++) await new Promise((res) => setTimeout(res, 50));
    expect(readFileSync(log, 'utf8')).toBe(out);
  });

  it('the report of a history older than the window is empty, not an error', async () => {
    const { run } = setup();
    const r = await run([], { now: () => new Date(T0.getTime() + 60 * DAY) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No answers in this period yet.');
    const late = await run(['--since', '1d']);
    expect(late.stdout).toMatch(/· 1 answer\n/);
  });
});

describe('sre-drill report as a process (needs `npm run build`)', () => {
  it('prints the JSON report from the built bin', () => {
    const { argv } = setup();
    const r = spawnCli(argv(['--since', '2026-10-01', '--format', 'json']));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.period.label).toBe('since 2026-10-01');
    expect(j.attempts).toHaveLength(10);
  });
});
