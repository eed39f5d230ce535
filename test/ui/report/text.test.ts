import { describe, expect, it } from 'vitest';
import { summarise } from '../../../src/core/report/index.js';
import { renderText, sessionSummaryLines } from '../../../src/ui/report/text.js';
import { width } from '../../../src/ui/table.js';
import { makeTheme } from '../../../src/ui/theme.js';
import { DAY, T0 } from '../../helpers/clock.js';
import { attemptAt, byId, catalogOf, history, question } from '../../helpers/report-fixture.js';

const ANSI = /\x1b\[[0-9;]*m/;
const period = { from: new Date(T0.getTime() - 30 * DAY), to: T0, label: 'last 30 days', sessionId: 4, sessionKind: 'mock' as const };
const model = () => summarise({ attempts: history(), cards: [{ questionId: 'disk-full', due: T0 }], catalog: catalogOf(), period }, T0);
const plain = (lines: string[]) => lines.map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''));

describe('text report', () => {
  for (const cols of [40, 80]) {
    for (const color of [false, true]) {
      it(`fits ${cols} columns ${color ? 'with' : 'without'} colour and keeps every section`, () => {
        const lines = renderText(model(), makeTheme(color), cols);
        const over = lines.filter((l) => width(l) > cols);
        expect(over).toEqual([]);
        expect(lines.some((l) => ANSI.test(l))).toBe(color);
        const text = plain(lines).join('\n');
        for (const heading of ['By category', 'Topic mastery, weakest first', 'Over time (1)', 'Behavioural answers: STAR', '0 of 1 answer complete', 'Review forecast', 'Study plan', 'What you missed, by topic', 'Questions to ask your interviewer']) {
          expect(text).toContain(heading);
        }
        // Bars and the sparkline are characters, not colour: they survive NO_COLOR.
        expect(text).toMatch(/█+[▏▎▍▌▋▊▉]?░+/);
        expect(text).toContain('▁▃█▅▅▇▃▁▆█');
        expect(text).toMatch(/51 %/);
        // Wrapped commands continue with a backslash: they still paste into a shell.
        expect(text.replace(/ \\\n +/g, ' ')).toContain('$ sre-drill drill --topic incident-response --count 2');
      });
    }
  }

  it('draws the category table with box characters at 80 columns and stacks at 40', () => {
    const wide = plain(renderText(model(), makeTheme(false), 80));
    expect(wide.some((l) => l.includes('┌') && l.includes('┬'))).toBe(true);
    expect(wide.find((l) => l.includes('system-design') && l.includes('│'))).toMatch(/│ 1 +│ █████░░░░░ +50 % │ 25:00 \/ 6:00 +│ ⚠ 1 +│/);
    const narrow = plain(renderText(model(), makeTheme(false), 40));
    expect(narrow.some((l) => l.includes('┌'))).toBe(false);
    expect(narrow).toContain('  1 · 25:00 / 6:00 · ⚠ 1 over');
  });

  it('lists topics weakest first with trend and due cards', () => {
    const lines = plain(renderText(model(), makeTheme(false), 80));
    const start = lines.indexOf('Topic mastery, weakest first');
    const rows = lines.slice(start + 2, start + 9);
    expect(rows[0]).toMatch(/^ {2}incident-response +█+.* 40 % {2}↓ falling · 1 due$/);
    expect(rows.map((r) => r.trim().split(/\s+/)[0])).toEqual(['incident-response', 'caching', 'scalability', 'slo', 'error-budget', 'linux', 'communication']);
  });

  it('shows the missed points with the model answer’s sentence under each', () => {
    const text = plain(renderText(model(), makeTheme(false), 80)).join('\n');
    expect(text).toContain('    ✗ An SLA is a contract with penalties for customers\n      › An SLA is a contract with customers that carries penalties when it is\n        broken.');
  });

  it('strips terminal escapes planted in a bank', () => {
    const evil = question('evil', 'definitions', ['evil-topic'], ['A point \x1b]0;pwned\x07with a title write'], 'A point with a title write. \x1b[2J Cleared.', { prompt: 'Ring \x07 the bell \x1b[31mred' });
    const m = summarise({ attempts: [attemptAt(evil, 1, [])], cards: [], catalog: catalogOf([evil]), period }, T0);
    const text = renderText(m, makeTheme(false), 80).join('\n');
    expect(text).not.toMatch(/[\x07\x1b]/);
    expect(text).toContain('Ring the bell red');
  });

  it('says so when the period is empty', () => {
    const m = summarise({ attempts: [], cards: [], catalog: catalogOf(), period }, T0);
    const text = renderText(m, makeTheme(false), 40).join('\n');
    expect(text).toContain('No answers in this period yet.');
    expect(text).toContain('Review forecast');
  });

  it('gives a short session summary that fits 40 columns', () => {
    for (const cols of [40, 80]) {
      const lines = sessionSummaryLines(model(), makeTheme(true), cols);
      expect(lines.filter((l) => width(l) > cols)).toEqual([]);
      const text = plain(lines).join('\n');
      expect(text).toContain('Weakest topics');
      expect(text).toContain('1 card due today');
      expect(text).toContain('sre-drill report --session 4');
      expect(text).not.toContain('What you missed');
    }
  });

  it('keeps a single question’s answers apart from one another', () => {
    const m = summarise({ attempts: [attemptAt(byId('dns-basics'), 1, [0])], cards: [], catalog: catalogOf(), period }, T0);
    const text = plain(renderText(m, makeTheme(false), 80)).join('\n');
    expect(text).not.toContain('Score over time');
    expect(text).toContain('100 %');
  });
});
