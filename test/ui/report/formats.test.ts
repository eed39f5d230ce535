import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { summarise } from '../../../src/core/report/index.js';
import { renderHtml, reportCsp } from '../../../src/ui/report/html.js';
import { renderJson } from '../../../src/ui/report/json.js';
import { mdText, renderMarkdown } from '../../../src/ui/report/markdown.js';
import { DAY, T0 } from '../../helpers/clock.js';
import { catalogOf, history } from '../../helpers/report-fixture.js';

const period = { from: new Date(T0.getTime() - 30 * DAY), to: T0, label: 'last 30 days', sessionId: 4, sessionKind: 'mock' as const };
const model = () => summarise({ attempts: history(), cards: [{ questionId: 'disk-full', due: T0 }, { questionId: 'sli-slo-sla', due: new Date(T0.getTime() + 2 * DAY) }], catalog: catalogOf(), period }, T0);

describe('markdown report', () => {
  it('has every section as GitHub Markdown, with tables and a chart', () => {
    const md = renderMarkdown(model());
    expect(md.startsWith('# sre-drill report: last 30 days\n')).toBe(true);
    for (const h of ['## By category', '## Topic mastery, weakest first', '## Over time', '## Behavioural answers: STAR', '## Review forecast', '## Study plan', '## What you missed, by topic', '## Questions to ask your interviewer']) {
      expect(md).toContain(`\n${h}\n`);
    }
    expect(md).toContain('| system-design | 1 | 50 % | `█████░░░░░` | 25:00 / 6:00 | ⚠ 1 |');
    expect(md).toContain('| incident-response | 40 % | `███▉░░░░░░` | 3 | ↓ falling | 1 |');
    expect(md).toContain('```mermaid\nxychart-beta\n');
    expect(md).toContain('  line [0, 33, 100, 50, 50, 75, 33, 0, 67, 100]');
    expect(md).toContain('   - `sre-drill drill --topic incident-response --count 2`');
    expect(md).toContain('    > An SLA is a contract with customers that carries penalties when it is broken.');
    expect(md).toMatch(/\| today \(2026-11-01\) \| 1 \|/);
  });

  it('makes bank text inert: no raw HTML, no table breaks, no emphasis', () => {
    const md = renderMarkdown(model());
    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;script&gt;window.\\_\\_pwned=1&lt;/script&gt;');
    expect(mdText('a | b *c* [d](e) `f`')).toBe('a \\| b \\*c\\* \\[d\\](e) \\`f\\`');
  });
});

describe('json report', () => {
  it('writes a long history one attempt a line, each as JSON.stringify writes it, across the chunks it is serialised in', () => {
    const one = history();
    // Ids that would fool a search for record boundaries, were quotes not escaped inside strings.
    const attempts = Array.from({ length: 4001 }, (_, i) => ({ ...one[i % one.length]!, id: i + 1, questionId: i % 7 ? `q${i}` : `q${i} },{"question_id":x` }));
    const m = summarise({ attempts, cards: [], catalog: catalogOf(), period }, T0);
    const text = renderJson(m);
    const lines = text.split('\n').filter((l) => l.startsWith('    {"question_id":'));
    expect(lines).toHaveLength(4001);
    const parsed = JSON.parse(text) as { attempts: unknown[] };
    expect(lines.map((l) => l.slice(4).replace(/,$/, ''))).toEqual(parsed.attempts.map((a) => JSON.stringify(a)));
    expect(parsed.attempts.map((a) => (a as { question_id: string }).question_id)).toEqual(m.attempts.map((a) => a.questionId));
  });

  it('follows the documented schema', () => {
    const j = JSON.parse(renderJson(model()));
    expect(Object.keys(j)).toEqual(['schema_version', 'generated_at', 'period', 'overall', 'categories', 'topics', 'attempts', 'timeline', 'forecast', 'plan', 'missed', 'star', 'asks']);
    expect(j.schema_version).toBe(1);
    expect(j.period).toEqual({ label: 'last 30 days', from: '2026-10-02T09:00:00.000Z', to: '2026-11-01T09:00:00.000Z', session_id: 4, session_kind: 'mock', category: null });
    expect(j.overall).toEqual({ attempts: 10, scored: 10, score: 0.508, skipped: 0, over_time: 1, time_used_ms: 2_040_000, time_limit_ms: 2_340_000 });
    expect(j.topics[0]).toEqual({ topic: 'incident-response', mastery: 0.399, attempts: 3, trend: 'falling', due: 1 });
    expect(j.attempts).toHaveLength(10);
    // One line per attempt keeps a long history compact.
    expect(renderJson(model()).split('\n').filter((l) => /^ {4}\{"question_id":.*\}$/.test(l.replace(/,$/, '')))).toHaveLength(10);
    expect(j.attempts[4]).toEqual({
      question_id: 'design-rate-limiter',
      category: 'system-design',
      topics: ['scalability', 'caching'],
      score: 0.5,
      over_time: true,
      duration_ms: 1_500_000,
      at: '2026-10-23T09:00:00.000Z',
      time_limit_ms: 360_000,
      skipped: false,
      session_id: 1,
    });
    expect(j.forecast).toHaveLength(8);
    expect(j.forecast.slice(0, 3)).toEqual([{ date: '2026-11-01', due: 1 }, { date: '2026-11-02', due: 0 }, { date: '2026-11-03', due: 1 }]);
    expect(j.plan[0]).toEqual({ topic: 'incident-response', mastery: 0.399, reason: 'mastery 40 %, falling, 1 due', questions: ['disk-full', 'xss-probe'], command: 'sre-drill drill --topic incident-response --count 2' });
    expect(j.star.entries[0]).toEqual({ question_id: 'tell-me-about-failure', at: '2026-10-25T09:00:00.000Z', missing: ['result'] });
    expect(j.asks.map((a: { id: string }) => a.id)).toEqual(['oncall-load', 'slo-owner', 'postmortems']);
  });
});

describe('html report (as text)', () => {
  it('escapes every bank string and carries a strict CSP matching its one stylesheet', () => {
    const html = renderHtml(model());
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Why did &lt;script&gt;window.__pwned=1&lt;/script&gt; the deploy fail?');
    expect(html).toContain('read the &lt;b&gt;logs&lt;/b&gt; &amp; compare.');
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = createHash('sha256').update(css).digest('base64');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
    expect(csp).toBe(reportCsp(css).replace(/'/g, '&#39;'));
    expect(csp).toContain(`style-src &#39;sha256-${hash}&#39;`);
    expect(csp).toContain('default-src &#39;none&#39;');
    expect(html).not.toMatch(/(?:src|href)=["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*['"]?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/ style="/);
  });

  it('has one line-chart point per timeline point and a column per forecast day', () => {
    const html = renderHtml(model());
    expect(html.match(/<circle class="pt"/g)).toHaveLength(10);
    expect(html).toContain('data-columns="8"');
    expect(html.match(/<rect class="bar /g)).toHaveLength(4 + 7);
  });
});

describe('long histories', () => {
  it('show the weakest topics and missed points in the documents, everything in the JSON', async () => {
    const { question, attemptAt } = await import('../../helpers/report-fixture.js');
    const qs = Array.from({ length: 40 }, (_, i) => question(`q-${i}`, 'definitions', [`topic-${String(i).padStart(2, '0')}`], ['first point here', 'second point here'], 'First point here. Second point here.'));
    const attempts = qs.map((q, i) => attemptAt(q, 1, i % 2 ? [0] : []));
    const m = summarise({ attempts, cards: [], catalog: catalogOf(qs, []), period }, T0);
    expect(m.topics).toHaveLength(40);
    expect(m.missed).toHaveLength(40);
    const html = renderHtml(m);
    // One category bar, then the 30 weakest topics.
    expect(html.match(/<rect class="bar /g)).toHaveLength(1 + 30);
    expect(html).toContain('The 30 weakest of 40 topics');
    expect(html).toContain('30 more topics with missed points');
    expect(renderMarkdown(m)).toContain('30 more topics with missed points');
    const j = JSON.parse(renderJson(m));
    expect(j.topics).toHaveLength(40);
    expect(j.missed).toHaveLength(40);
  });
});
