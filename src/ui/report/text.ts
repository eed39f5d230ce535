import type { ReportModel, TopicSummary } from '../../core/report/types.js';
import { sanitiseLine } from '../sanitise.js';
import { padEnd, table, truncate, width, wrap } from '../table.js';
import type { Theme } from '../theme.js';
import { band, bar, clock, firstOf, pct, periodRange, plural, SHOWN, shortDay, sparkline, timeUse, TREND_MARK } from './format.js';

/** Below this many columns sections stack label over bar instead of using tables. */
const WIDE = 60;

interface Ctx {
  t: Theme;
  cols: number;
}

function scoreColour(t: Theme, x: number | null): (s: string) => string {
  const b = band(x);
  return b === 'weak' ? t.c.red : b === 'fair' ? t.c.yellow : b === 'good' ? t.c.green : t.c.dim;
}

function drawBar(ctx: Ctx, x: number, size: number): string {
  const { fill, rest } = bar(x, size);
  return scoreColour(ctx.t, x)(fill) + ctx.t.c.dim(rest);
}

function heading(ctx: Ctx, title: string): string[] {
  const shown = truncate(title, ctx.cols);
  return ['', ctx.t.c.bold.cyan(shown), ctx.t.c.dim('─'.repeat(width(shown)))];
}

/** `label  ███░░  58 %  suffix` fitted to the width; narrow screens put the bar under the label. */
function barLine(ctx: Ctx, label: string, x: number | null, suffix: string, labelWidth: number): string[] {
  const value = pct(x).padStart(5);
  const colour = scoreColour(ctx.t, x);
  if (ctx.cols >= WIDE) {
    const barSize = Math.max(8, ctx.cols - labelWidth - width(suffix) - 12);
    return [`  ${padEnd(truncate(label, labelWidth), labelWidth)} ${drawBar(ctx, x ?? 0, Math.min(barSize, 30))} ${colour(value)}${suffix ? `  ${suffix}` : ''}`];
  }
  const barSize = Math.max(6, ctx.cols - 10);
  const lines = [`  ${ctx.t.c.bold(truncate(label, ctx.cols - 2))}`, `  ${drawBar(ctx, x ?? 0, barSize)} ${colour(value)}`];
  if (suffix) lines.push(`  ${truncate(suffix, ctx.cols - 2)}`);
  return lines;
}

function header(ctx: Ctx, m: ReportModel): string[] {
  const { c } = ctx.t;
  const title = 'sre-drill report';
  const scope = [m.period.label, m.period.category ? `category ${m.period.category}` : ''].filter(Boolean).join(' · ');
  return [
    c.bold(title) + c.dim(' · ') + truncate(scope, Math.max(10, ctx.cols - width(title) - 3)),
    c.dim(truncate(`${periodRange(m.period)} · ${plural(m.overall.attempts, 'answer')}`, ctx.cols)),
  ];
}

function overall(ctx: Ctx, m: ReportModel): string[] {
  const o = m.overall;
  const facts = [plural(o.attempts, 'answer'), o.skipped ? `${o.skipped} skipped` : '', o.overTime ? `${o.overTime} over time` : ''].filter(Boolean).join(' · ');
  const lines = ['', ...barLine(ctx, 'Overall', o.score, ctx.cols >= WIDE ? '' : facts, 9)];
  if (ctx.cols >= WIDE) lines.push(`  ${' '.repeat(10)}${ctx.t.c.dim(facts)}`);
  const points = m.timeline.points.map((p) => p.score);
  if (points.length > 1) {
    const unit = m.timeline.unit === 'attempt' ? 'per answer' : `per ${m.timeline.unit}`;
    const room = Math.max(8, ctx.cols - 4);
    const note = `(${unit}, ${points.length} points)`;
    const title = ctx.t.c.bold('Score over time');
    lines.push('', ...(width(note) + 18 <= ctx.cols ? [`  ${title} ${ctx.t.c.dim(note)}`] : [`  ${title}`, `  ${ctx.t.c.dim(note)}`]), `  ${ctx.t.c.cyan(sparkline(points, room))}`);
  }
  return lines;
}

function categories(ctx: Ctx, m: ReportModel): string[] {
  if (m.categories.length === 0) return [];
  const lines = heading(ctx, 'By category');
  if (ctx.cols >= WIDE) {
    const barCell = (x: number | null) => {
      const { fill, rest } = bar(x ?? 0, 10);
      return `${fill}${rest} ${pct(x).padStart(5)}`;
    };
    const rows = m.categories.map((s) => [s.category, String(s.attempts), barCell(s.score), timeUse(s), s.overTime ? `⚠ ${s.overTime}` : '0']);
    lines.push(...table(['category', 'answers', 'score', 'time / limit', 'over'], rows, ctx.cols - 2, ctx.t.c.bold).map((l) => `  ${l}`));
    return lines;
  }
  for (const s of m.categories) {
    lines.push(...barLine(ctx, s.category, s.score, `${s.attempts} · ${timeUse(s)}${s.overTime ? ` · ⚠ ${s.overTime} over` : ''}`, 0));
  }
  return lines;
}

function topicSuffix(ctx: Ctx, t: TopicSummary): string {
  const { c } = ctx.t;
  const trend = t.trend === 'falling' ? c.red(`${TREND_MARK.falling} falling`) : t.trend === 'improving' ? c.green(`${TREND_MARK.improving} improving`) : c.dim(`${TREND_MARK[t.trend]} ${t.trend}`);
  return `${trend}${t.due ? c.yellow(` · ${t.due} due`) : ''}`;
}

function topics(ctx: Ctx, m: ReportModel, limit = Infinity): string[] {
  if (m.topics.length === 0) return [];
  const lines = heading(ctx, 'Topic mastery, weakest first');
  const shown = m.topics.slice(0, limit);
  const labelWidth = Math.min(22, Math.max(...shown.map((t) => width(sanitiseLine(t.topic)))));
  for (const t of shown) lines.push(...barLine(ctx, sanitiseLine(t.topic), t.mastery, topicSuffix(ctx, t), labelWidth));
  if (shown.length < m.topics.length) lines.push(ctx.t.c.dim(`  … and ${m.topics.length - shown.length} more`));
  return lines;
}

function overTime(ctx: Ctx, m: ReportModel): string[] {
  const over = m.attempts.filter((a) => a.overTime).slice(-5).reverse();
  if (over.length === 0) return [];
  const lines = heading(ctx, `Over time (${m.overall.overTime})`);
  for (const a of over) lines.push(truncate(`  ⚠ ${sanitiseLine(a.questionId)}  ${clock(a.durationMs)} of ${clock(a.timeLimit * 1000)}`, ctx.cols));
  return lines;
}

function missed(ctx: Ctx, m: ReportModel): string[] {
  if (m.missed.length === 0) return [];
  const { c } = ctx.t;
  const lines = heading(ctx, 'What you missed, by topic');
  const topics = firstOf(m.missed, SHOWN.missedTopics);
  for (const group of topics.shown) {
    lines.push('', `${c.bold(`■ ${truncate(sanitiseLine(group.topic), ctx.cols - 10)}`)} ${c.dim(pct(group.mastery))}`);
    const qs = firstOf(group.questions, SHOWN.missedPerTopic);
    for (const q of qs.shown) {
      lines.push(...wrap(`${sanitiseLine(q.questionId)} (${pct(q.score)}): ${sanitiseLine(q.prompt)}`, ctx.cols, '  ', '    ').map((l, i) => (i === 0 ? c.bold(l) : l)));
      for (const p of q.points) {
        lines.push(...wrap(`✗ ${sanitiseLine(p.point)}`, ctx.cols, '    ', '      ').map((l) => c.red(l)));
        for (const s of p.sentences) lines.push(...wrap(`› ${sanitiseLine(s)}`, ctx.cols, '      ', '        ').map((l) => c.dim(l)));
      }
    }
    if (qs.more) lines.push(c.dim(`  … and ${plural(qs.more, 'more question')}`));
  }
  if (topics.more) lines.push('', c.dim(`… and ${plural(topics.more, 'more topic')}: --format json lists them all`));
  return lines;
}

function star(ctx: Ctx, m: ReportModel): string[] {
  if (!m.star) return [];
  const s = m.star;
  const lines = [...heading(ctx, 'Behavioural answers: STAR'), `  ${s.complete} of ${plural(s.answers, 'answer')} complete`];
  for (const part of ['situation', 'task', 'action', 'result'] as const) {
    lines.push(...barLine(ctx, part, s.present[part] / s.answers, ctx.t.c.dim(`${s.present[part]}/${s.answers}`), 9));
  }
  for (const e of s.entries.filter((x) => x.missing.length).slice(0, 8)) {
    lines.push(...wrap(`${sanitiseLine(e.questionId)}: missing ${e.missing.join(', ')}`, ctx.cols, '  • ', '    ').map((l) => ctx.t.c.yellow(l)));
  }
  return lines;
}

function forecast(ctx: Ctx, m: ReportModel): string[] {
  const { c } = ctx.t;
  const most = Math.max(1, ...m.forecast.map((d) => d.due));
  const lines = heading(ctx, 'Review forecast');
  const size = Math.max(6, Math.min(30, ctx.cols - 18));
  m.forecast.forEach((d, i) => {
    const label = padEnd(i === 0 ? 'today' : shortDay(d.date), 7);
    const { fill, rest } = bar(d.due / most, size);
    lines.push(`  ${i === 0 ? c.bold(label) : label} ${c.cyan(fill)}${c.dim(rest)} ${String(d.due).padStart(4)}`);
  });
  return lines;
}

function plan(ctx: Ctx, m: ReportModel): string[] {
  if (m.plan.length === 0) return [];
  const { c } = ctx.t;
  const lines = heading(ctx, 'Study plan');
  m.plan.forEach((p, i) => {
    lines.push(...wrap(`${i + 1}. ${sanitiseLine(p.topic)}: ${p.reason}`, ctx.cols, ' ', '    ').map((l, j) => (j === 0 ? c.bold(l) : l)));
    if (p.questions.length) lines.push(...wrap(`redo: ${p.questions.map(sanitiseLine).join(', ')}`, ctx.cols, '    ', '      '));
    // A command too long for the screen continues with a backslash, so it still pastes into a shell.
    const cmd = wrap(`$ ${sanitiseLine(p.command)}`, ctx.cols - 2, '    ', '      ');
    lines.push(...cmd.map((l, j) => c.green(j < cmd.length - 1 ? `${l} \\` : l)));
  });
  return lines;
}

function asks(ctx: Ctx, m: ReportModel): string[] {
  if (m.asks.length === 0) return [];
  const lines = heading(ctx, 'Questions to ask your interviewer');
  for (const a of m.asks) {
    lines.push(...wrap(`• ${sanitiseLine(a.ask)}`, ctx.cols, '  ', '    '));
    lines.push(...wrap(sanitiseLine(a.why), ctx.cols, '    ').map((l) => ctx.t.c.dim(l)));
  }
  return lines;
}

/** The whole report for a terminal, `cols` wide (40 and up); colour follows the theme. */
export function renderText(m: ReportModel, theme: Theme, cols = 80): string[] {
  const ctx: Ctx = { t: theme, cols: Math.max(40, cols) };
  if (m.overall.attempts === 0) {
    return [...header(ctx, m), '', ...wrap('No answers in this period yet. Start with `sre-drill drill` or `sre-drill mock`.', ctx.cols), ...forecast(ctx, m), ...plan(ctx, m)];
  }
  return [...header(ctx, m), ...overall(ctx, m), ...categories(ctx, m), ...topics(ctx, m, SHOWN.textTopics), ...overTime(ctx, m), ...star(ctx, m), ...forecast(ctx, m), ...plan(ctx, m), ...missed(ctx, m), ...asks(ctx, m)];
}

/**
 * The short summary shown after a drill (and atop the full report after a mock): overall score,
 * categories, the three weakest topics, what is due today and the command for the full report.
 */
export function sessionSummaryLines(m: ReportModel, theme: Theme, cols = 80): string[] {
  const ctx: Ctx = { t: theme, cols: Math.max(40, cols) };
  const { c } = theme;
  const lines = [c.bold('Session summary'), ...overall(ctx, m).filter((l) => l !== '')];
  for (const s of m.categories) lines.push(...barLine(ctx, s.category, s.score, ctx.cols >= WIDE ? c.dim(`${s.attempts} · ${timeUse(s)}`) : '', 16));
  const weak = m.topics.slice(0, 3);
  if (weak.length) {
    lines.push('', c.bold('Weakest topics'));
    const labelWidth = Math.min(22, Math.max(...weak.map((t) => width(sanitiseLine(t.topic)))));
    for (const t of weak) lines.push(...barLine(ctx, sanitiseLine(t.topic), t.mastery, topicSuffix(ctx, t), labelWidth));
  }
  const today = m.forecast[0]?.due ?? 0;
  lines.push('', ...wrap(`${plural(today, 'card')} due today${m.plan[0] ? ` · next: ${sanitiseLine(m.plan[0].command)}` : ''}`, ctx.cols));
  const full = m.period.sessionId !== null ? `sre-drill report --session ${m.period.sessionId}` : 'sre-drill report';
  lines.push(...wrap(`Report: ${full}`, ctx.cols).map((l) => c.dim(l)), ...wrap('Charts: add --format html --open', ctx.cols).map((l) => c.dim(l)));
  return lines;
}
