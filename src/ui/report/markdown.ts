import type { ReportModel } from '../../core/report/types.js';
import { bar, clock, firstOf, isoDay, pct, periodRange, plural, SHOWN, shortDay, sparkline, timeUse, TREND_MARK } from './format.js';

/**
 * Bank and answer text made inert for GitHub Markdown: no HTML, no links or emphasis, no table
 * breaks, on one line.
 */
export function mdText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~!])/g, '\\$1');
}

const mdBar = (x: number | null, size = 10): string => {
  const { fill, rest } = bar(x ?? 0, size);
  return `${fill}${rest}`;
};

function table(header: string[], rows: string[][], align: ('l' | 'r')[]): string[] {
  return [`| ${header.join(' | ')} |`, `|${align.map((a) => (a === 'r' ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** The report as GitHub-flavoured Markdown, for a notes repository. */
export function renderMarkdown(m: ReportModel): string {
  const o = m.overall;
  const out: string[] = [];
  const scope = [m.period.label, m.period.category ? `category ${m.period.category}` : ''].filter(Boolean).join(' · ');
  out.push(`# sre-drill report: ${mdText(scope)}`, '', `${periodRange(m.period)} · ${plural(o.attempts, 'answer')} · generated ${isoDay(m.generatedAt)}`, '');
  if (o.attempts === 0) out.push('No answers in this period yet. Start with `sre-drill drill` or `sre-drill mock`.', '');
  else {
    out.push(`**Overall: ${pct(o.score)}** \`${mdBar(o.score, 20)}\``, '');
    out.push(`- ${plural(o.attempts, 'answer')}, ${o.skipped} skipped, ${o.overTime} over time`);
    const points = m.timeline.points;
    if (points.length > 1) out.push(`- Score over time (${m.timeline.unit === 'attempt' ? 'per answer' : `per ${m.timeline.unit}`}): \`${sparkline(points.map((p) => p.score))}\``);
    out.push('');
    if (points.length > 1) {
      // GitHub draws this as a chart; elsewhere it stays a readable code block.
      const labels = points.map((p) => `"${m.timeline.unit === 'attempt' ? isoDay(p.at).slice(5) : p.label.slice(5)}"`);
      out.push('```mermaid', 'xychart-beta', '  title "Score over time (%)"', `  x-axis [${labels.join(', ')}]`, '  y-axis "score" 0 --> 100', `  line [${points.map((p) => Math.round(p.score * 100)).join(', ')}]`, '```', '');
    }
  }
  if (m.categories.length) {
    out.push('## By category', '');
    out.push(...table(['category', 'answers', 'score', '', 'mean time / limit', 'over time'], m.categories.map((c) => [c.category, String(c.attempts), pct(c.score), `\`${mdBar(c.score)}\``, timeUse(c), c.overTime ? `⚠ ${c.overTime}` : '0']), ['l', 'r', 'r', 'l', 'r', 'r']), '');
  }
  if (m.topics.length) {
    out.push('## Topic mastery, weakest first', '');
    const { shown, more } = firstOf(m.topics, SHOWN.topics);
    out.push(...table(['topic', 'mastery', '', 'answers', 'trend', 'due'], shown.map((t) => [mdText(t.topic), pct(t.mastery), `\`${mdBar(t.mastery)}\``, String(t.attempts), `${TREND_MARK[t.trend]} ${t.trend}`, String(t.due)]), ['l', 'r', 'l', 'r', 'l', 'r']), '');
    if (more) out.push(`The ${shown.length} weakest of ${m.topics.length} topics; \`--format json\` lists them all.`, '');
  }
  const over = m.attempts.filter((a) => a.overTime);
  if (over.length) {
    out.push('## Over time', '');
    for (const a of over.slice(-10).reverse()) out.push(`- ⚠ \`${mdText(a.questionId)}\` ${clock(a.durationMs)} of ${clock(a.timeLimit * 1000)} (${isoDay(a.answeredAt)})`);
    out.push('');
  }
  if (m.star) {
    const s = m.star;
    out.push('## Behavioural answers: STAR', '', `${s.complete} of ${plural(s.answers, 'answer')} complete.`, '');
    out.push(...table(['part', 'present', ''], (['situation', 'task', 'action', 'result'] as const).map((p) => [p, `${s.present[p]}/${s.answers}`, `\`${mdBar(s.present[p] / s.answers)}\``]), ['l', 'r', 'l']), '');
    for (const e of s.entries.filter((x) => x.missing.length)) out.push(`- \`${mdText(e.questionId)}\`: missing ${e.missing.join(', ')}`);
    out.push('');
  }
  out.push('## Review forecast', '');
  out.push(...table(['day', 'due', ''], m.forecast.map((d, i) => [i === 0 ? `today (${d.date})` : `${shortDay(d.date)} (${d.date})`, String(d.due), `\`${mdBar(d.due / Math.max(1, ...m.forecast.map((f) => f.due)))}\``]), ['l', 'r', 'l']), '');
  if (m.plan.length) {
    out.push('## Study plan', '');
    m.plan.forEach((p, i) => {
      out.push(`${i + 1}. **${mdText(p.topic)}**: ${mdText(p.reason)}`);
      if (p.questions.length) out.push(`   - redo: ${p.questions.map((q) => `\`${mdText(q)}\``).join(', ')}`);
      out.push(`   - \`${p.command.replace(/`/g, '')}\``);
    });
    out.push('');
  }
  if (m.missed.length) {
    out.push('## What you missed, by topic', '');
    const topics = firstOf(m.missed, SHOWN.missedTopics);
    for (const g of topics.shown) {
      out.push(`### ${mdText(g.topic)} (${pct(g.mastery)})`, '');
      const qs = firstOf(g.questions, SHOWN.missedPerTopic);
      for (const q of qs.shown) {
        out.push(`- **${mdText(q.prompt)}** \`${mdText(q.questionId)}\`, last ${pct(q.score)}`);
        for (const p of q.points) {
          out.push(`  - ✗ ${mdText(p.point)}`);
          for (const s of p.sentences) out.push(`    > ${mdText(s)}`);
        }
      }
      if (qs.more) out.push(`- and ${plural(qs.more, 'more question')} in this topic`);
      out.push('');
    }
    if (topics.more) out.push(`${plural(topics.more, 'more topic')} with missed points; \`--format json\` lists them all.`, '');
  }
  if (m.asks.length) {
    out.push('## Questions to ask your interviewer', '');
    for (const a of m.asks) out.push(`- **${mdText(a.ask)}** ${mdText(a.why)}`);
    out.push('');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
