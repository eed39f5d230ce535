import { createHash } from 'node:crypto';
import { isScored } from '../../core/report/summarise.js';
import type { ReportModel } from '../../core/report/types.js';
import { band, clock, dayMonth, firstOf, isoDay, num, pct, periodRange, plural, SHOWN, shortDay, timeUse, TREND_MARK } from './format.js';
import { barChart, columnChart, esc, lineChart, ring, spark } from './svg.js';

/** Recent answers listed in the table; the JSON format has them all. */
const RECENT_ROWS = 30;

const CSS = `
:root{color-scheme:light dark;--bg:#f6f7fb;--card:#fff;--fg:#1c2233;--muted:#6a7389;--border:#e3e6ef;--accent:#4f6bed;--accent-soft:rgba(79,107,237,.14);--good:#1f9d6b;--fair:#e0a21b;--weak:#e0524f;--track:#edf0f6;--code:#f1f3f9}
@media (prefers-color-scheme:dark){:root{--bg:#0f1320;--card:#171c2c;--fg:#e6e9f2;--muted:#98a1b8;--border:#283049;--accent:#8ea2ff;--accent-soft:rgba(142,162,255,.18);--good:#3ccf91;--fair:#f2bd42;--weak:#ff7a73;--track:#232a40;--code:#10141f}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:980px;margin:0 auto;padding:32px 20px 56px}
h1{font-size:28px;margin:0 0 4px;letter-spacing:-.01em}
h2{font-size:18px;margin:0 0 14px;letter-spacing:.01em}
h3{font-size:15px;margin:18px 0 8px}
p{margin:0 0 10px}
.muted{color:var(--muted)}
.card{background:var(--card);border:1px solid var(--border);border-radius:16px;padding:22px 24px;margin:0 0 18px;box-shadow:0 1px 2px rgba(16,24,40,.04)}
.hero{display:grid;grid-template-columns:170px 1fr;gap:24px;align-items:center}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(130px,1fr));gap:12px;margin-top:14px}
.tile{border:1px solid var(--border);border-radius:12px;padding:10px 14px}
.tile b{display:block;font-size:24px;line-height:1.2}
.tile span{color:var(--muted);font-size:13px}
.grid2{display:grid;grid-template-columns:1.35fr 1fr;gap:18px}
.grid2>.card{margin:0 0 18px}
.grid2>*{min-width:0}
td.num{white-space:nowrap}
.chart{width:100%;height:auto;display:block}
.chart text{fill:var(--fg);font-size:12px}
.chart .axis{fill:var(--muted);font-size:11px}
.chart .label{font-size:13px}
.chart .value{font-weight:600;font-size:12.5px}
.chart .note{fill:var(--muted);font-size:12px}
.chart .note .falling{fill:var(--weak)}.chart .note .improving{fill:var(--good)}.chart .note .due{fill:var(--accent)}
.grid{stroke:var(--border);stroke-width:1}
.line{fill:none;stroke:var(--accent);stroke-width:2.5;stroke-linejoin:round;stroke-linecap:round}
.trend{stroke:var(--muted);stroke-width:1.5;stroke-dasharray:5 5}
.stop-a{stop-color:var(--accent);stop-opacity:.32}.stop-b{stop-color:var(--accent);stop-opacity:0}
.pt{fill:var(--card);stroke:var(--accent);stroke-width:2}
.track{fill:var(--track)}
.bar.good{fill:var(--good)}.bar.fair{fill:var(--fair)}.bar.weak{fill:var(--weak)}
.ring-arc.good{stroke:var(--good)}.ring-arc.fair{stroke:var(--fair)}.ring-arc.weak{stroke:var(--weak)}.ring-arc.none{stroke:var(--muted)}
.col{fill:var(--accent);opacity:.55}.col.today{opacity:1}
.ring{width:160px;height:160px}
.ring-track{fill:none;stroke:var(--track);stroke-width:14}
.ring-arc{fill:none;stroke-width:14;stroke-linecap:round}
.ring-value{fill:var(--fg);font-size:34px;font-weight:700}
.ring-label{fill:var(--muted);font-size:12px}
.spark{width:90px;height:22px;vertical-align:middle}.spark polyline{fill:none;stroke:var(--accent);stroke-width:1.6}
table{width:100%;border-collapse:collapse;font-size:13.5px}
th,td{text-align:left;padding:7px 8px;border-bottom:1px solid var(--border);vertical-align:top}
th{color:var(--muted);font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.pill{display:inline-block;border-radius:999px;padding:1px 9px;font-size:12px;font-weight:600;border:1px solid currentColor}
.pill.good{color:var(--good)}.pill.fair{color:var(--fair)}.pill.weak{color:var(--weak)}.pill.none{color:var(--muted)}
.flag{color:var(--weak);font-weight:600}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--code);border:1px solid var(--border);border-radius:6px;padding:2px 6px}
.plan{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:12px}
.plan li{border:1px solid var(--border);border-radius:12px;padding:14px 16px;border-top:4px solid var(--accent)}
.plan li.weak{border-top-color:var(--weak)}.plan li.fair{border-top-color:var(--fair)}.plan li.good{border-top-color:var(--good)}
.plan .n{color:var(--muted);font-weight:700;margin-right:6px}
.plan h3{margin:0 0 4px;font-size:16px}
.plan code{display:block;padding:6px 10px;white-space:pre-wrap;overflow-wrap:anywhere}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin:8px 0}
.chip{background:var(--accent-soft);border-radius:6px;padding:1px 8px;font-size:12.5px}
.star{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin-bottom:12px}
.star .part{border:1px solid var(--border);border-radius:12px;padding:10px 12px;text-align:center}
.star .part b{display:block;font-size:22px}
.sl{display:inline-block;width:22px;text-align:center;border-radius:5px;font-weight:700;font-size:12px;margin-right:3px}
.sl.on{background:var(--good);color:var(--card)}.sl.off{background:var(--track);color:var(--weak);text-decoration:line-through}
.q{border-left:3px solid var(--border);padding:4px 0 4px 14px;margin:12px 0}
.q .prompt{font-weight:600}
.missed{margin:6px 0 0;padding:0;list-style:none}
.missed li{margin:8px 0}
.missed .kp::before{content:"✗ ";color:var(--weak);font-weight:700}
blockquote{margin:4px 0 0 18px;padding:6px 12px;border-left:3px solid var(--accent);background:var(--accent-soft);border-radius:0 8px 8px 0;color:var(--fg)}
.asks li{margin:6px 0}
footer{color:var(--muted);font-size:12.5px;text-align:center;margin-top:26px}
@media (max-width:720px){main{padding:16px 10px 40px}.card{padding:16px}.hero,.grid2{grid-template-columns:1fr}.star{grid-template-columns:repeat(2,1fr)}}
@media print{:root{--bg:#fff;--card:#fff;--fg:#000;--muted:#555;--border:#ccc;--track:#eee;--code:#f4f4f4}body{font-size:12px}main{max-width:none;padding:0}.card{box-shadow:none;break-inside:avoid}.q{break-inside:avoid}}
`.trim();

/** The Content-Security-Policy of the report: nothing may load, nothing may run, only the one inline stylesheet. */
export function reportCsp(css = CSS): string {
  const hash = createHash('sha256').update(css).digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; font-src 'none'; script-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'`;
}

function tile(value: string, label: string): string {
  return `<div class="tile"><b>${value}</b><span>${esc(label)}</span></div>`;
}

function hero(m: ReportModel): string {
  const o = m.overall;
  const today = m.forecast[0]?.due ?? 0;
  const scope = [m.period.label, m.period.category ? `category ${m.period.category}` : ''].filter(Boolean).join(' · ');
  return `<section class="card hero" id="overview">${ring(o.score, { label: 'overall', tone: band(o.score) })}<div><h1>Your SRE interview report</h1><p class="muted">${esc(scope)} · ${esc(periodRange(m.period))}</p><div class="tiles">${[
    tile(num(o.attempts), o.attempts === 1 ? 'answer' : 'answers'),
    tile(num(m.topics.length), m.topics.length === 1 ? 'topic practised' : 'topics practised'),
    tile(num(o.overTime), 'over time'),
    tile(num(today), today === 1 ? 'card due today' : 'cards due today'),
  ].join('')}</div></div></section>`;
}

function timelineSection(m: ReportModel): string {
  const pts = m.timeline.points;
  if (pts.length === 0) return '';
  const unit = m.timeline.unit;
  const chart = lineChart(
    pts.map((p) => ({
      y: p.score,
      label: unit === 'attempt' ? dayMonth(isoDay(p.at)) : dayMonth(p.label),
      title: unit === 'attempt' ? `${p.label}: ${pct(p.score)} (${isoDay(p.at)})` : `${unit === 'week' ? 'week of ' : ''}${p.label}: ${pct(p.score)} over ${plural(p.attempts, 'answer')}`,
    })),
    { id: 'timeline' },
  );
  const per = unit === 'attempt' ? 'each answer' : `the mean score per ${unit}`;
  return `<section class="card" id="timeline"><h2>Score over time</h2><p class="muted">One point for ${per}; the dashed line is the trend.</p>${chart}</section>`;
}

function categoriesSection(m: ReportModel): string {
  if (m.categories.length === 0) return '';
  const scores = barChart(
    m.categories.map((c) => ({ label: c.category, value: c.score ?? 0, valueText: pct(c.score), tone: band(c.score), note: esc(plural(c.attempts, 'answer')), title: `${c.category}: ${pct(c.score)} over ${plural(c.attempts, 'answer')}` })),
    { width: 560, labelWidth: 130, noteWidth: 110 },
  );
  const rows = m.categories
    .map((c) => `<tr><td>${esc(c.category)}</td><td class="num">${num(c.attempts)}</td><td class="num">${esc(timeUse(c))}</td><td class="num">${c.overTime ? `<span class="flag">⚠ ${num(c.overTime)}</span>` : '0'}</td></tr>`)
    .join('');
  return `<section class="card" id="categories"><h2>By category</h2>${scores}<h3>Time used against the limit</h3><table><thead><tr><th>category</th><th class="num">answers</th><th class="num">mean used / limit</th><th class="num">over time</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function forecastSection(m: ReportModel): string {
  const total = m.forecast.reduce((s, d) => s + d.due, 0);
  const chart = columnChart(m.forecast.map((d, i) => ({ label: i === 0 ? 'today' : shortDay(d.date), value: d.due, highlight: i === 0 })));
  return `<section class="card" id="forecast"><h2>Review forecast</h2><p class="muted">${plural(total, 'card')} due over the next 8 days, overdue ones counted today.</p>${chart}</section>`;
}

function topicsSection(m: ReportModel): string {
  if (m.topics.length === 0) return '';
  const { shown, more } = firstOf(m.topics, SHOWN.topics);
  const rows = shown.map((t) => {
    const trend = t.trend === 'new' ? '' : `<tspan class="${t.trend}">${TREND_MARK[t.trend]} ${t.trend}</tspan>`;
    const due = t.due ? `<tspan class="due"> · ${t.due} due</tspan>` : '';
    return {
      label: t.topic,
      value: t.mastery,
      valueText: pct(t.mastery),
      tone: band(t.mastery),
      note: `${trend}${due}` || esc(plural(t.attempts, 'answer')),
      title: `${t.topic}: mastery ${pct(t.mastery)}, ${plural(t.attempts, 'answer')}, ${t.trend}${t.due ? `, ${t.due} due` : ''}`,
    };
  });
  const sparkRows = shown
    .map((t) => `<tr><td>${esc(t.topic)}</td><td class="num">${t.attempts}</td><td>${spark(t.recent)}</td><td>${esc(`${TREND_MARK[t.trend]} ${t.trend}`)}</td><td class="num">${t.due}</td></tr>`)
    .join('');
  return `<section class="card" id="topics"><h2>Topic mastery, weakest first</h2><p class="muted">Mastery weighs recent answers most; the trend compares the later half of the period with the earlier.</p>${barChart(rows)}${more ? `<p class="muted">The ${shown.length} weakest of ${m.topics.length} topics; <code>--format json</code> lists them all.</p>` : ''}<h3>Recent scores per topic</h3><table><thead><tr><th>topic</th><th class="num">answers</th><th>recent</th><th>trend</th><th class="num">due</th></tr></thead><tbody>${sparkRows}</tbody></table></section>`;
}

function planSection(m: ReportModel): string {
  if (m.plan.length === 0) return '';
  const items = m.plan
    .map(
      (p, i) =>
        `<li class="${band(p.mastery)}"><h3><span class="n">${i + 1}</span>${esc(p.topic)}</h3><p class="muted">${esc(p.reason)}</p>${
          p.questions.length ? `<div class="chips">${p.questions.map((q) => `<span class="chip">${esc(q)}</span>`).join('')}</div>` : ''
        }<code>${esc(p.command)}</code></li>`,
    )
    .join('');
  return `<section class="card" id="plan"><h2>Study plan</h2><ol class="plan">${items}</ol></section>`;
}

function starSection(m: ReportModel): string {
  if (!m.star) return '';
  const s = m.star;
  const parts = (['situation', 'task', 'action', 'result'] as const)
    .map((p) => `<div class="part"><b>${pct(s.present[p] / s.answers)}</b><span class="muted">${p}</span></div>`)
    .join('');
  const rows = s.entries
    .map(
      (e) =>
        `<tr><td>${esc(e.questionId)}<br><span class="muted">${esc(e.prompt)}</span></td><td>${(['situation', 'task', 'action', 'result'] as const)
          .map((p) => `<span class="sl ${e.missing.includes(p) ? 'off' : 'on'}" title="${p}">${p[0]!.toUpperCase()}</span>`)
          .join('')}</td><td>${e.missing.length ? esc(`missing ${e.missing.join(', ')}`) : 'complete'}</td></tr>`,
    )
    .join('');
  return `<section class="card" id="star"><h2>Behavioural answers: STAR</h2><p class="muted">${s.complete} of ${plural(s.answers, 'answer')} told the whole story: situation, task, action and result.</p><div class="star">${parts}</div><table><tbody>${rows}</tbody></table></section>`;
}

function missedSection(m: ReportModel): string {
  if (m.missed.length === 0) return '';
  const topics = firstOf(m.missed, SHOWN.missedTopics);
  const groups = topics.shown
    .map((g) => ({ g, qs: firstOf(g.questions, SHOWN.missedPerTopic) }))
    .map(
      ({ g, qs }) =>
        `<h3>${esc(g.topic)} <span class="pill ${band(g.mastery)}">${pct(g.mastery)}</span></h3>${qs.shown
          .map(
            (q) =>
              `<div class="q"><div class="prompt">${esc(q.prompt)}</div><div class="muted">${esc(q.questionId)} · last answer ${pct(q.score)} on ${esc(isoDay(q.at))}</div><ul class="missed">${q.points
                .map((p) => `<li><span class="kp">${esc(p.point)}</span>${p.sentences.map((s) => `<blockquote>${esc(s)}</blockquote>`).join('')}</li>`)
                .join('')}</ul></div>`,
          )
          .join('')}${qs.more ? `<p class="muted">and ${plural(qs.more, 'more question')} in this topic</p>` : ''}`,
    )
    .join('');
  const rest = topics.more ? `<p class="muted">${plural(topics.more, 'more topic')} with missed points; <code>--format json</code> lists them all.</p>` : '';
  return `<section class="card" id="missed"><h2>What you missed, by topic</h2><p class="muted">The key points your latest answer to each question left out, with the model answer's words for them.</p>${groups}${rest}</section>`;
}

function asksSection(m: ReportModel): string {
  if (m.asks.length === 0) return '';
  return `<section class="card" id="asks"><h2>Questions to ask your interviewer</h2><ul class="asks">${m.asks.map((a) => `<li><b>${esc(a.ask)}</b><br><span class="muted">${esc(a.why)}</span></li>`).join('')}</ul></section>`;
}

function answersSection(m: ReportModel): string {
  if (m.attempts.length === 0) return '';
  const recent = m.attempts.slice(-RECENT_ROWS).reverse();
  const rows = recent
    .map(
      (a) =>
        `<tr><td>${esc(isoDay(a.answeredAt))}</td><td>${esc(a.questionId)}</td><td>${esc(a.category)}</td><td class="num"><span class="pill ${isScored(a) ? band(a.score) : 'none'}">${a.skipped ? 'skipped' : isScored(a) ? pct(a.score) : 'ungraded'}</span></td><td class="num">${esc(clock(a.durationMs))} / ${esc(clock(a.timeLimit * 1000))}${a.overTime ? ' <span class="flag">⚠ over</span>' : ''}</td></tr>`,
    )
    .join('');
  const more = m.attempts.length > recent.length ? `<p class="muted">The latest ${recent.length} of ${m.attempts.length} answers; <code>--format json</code> lists them all.</p>` : '';
  return `<section class="card" id="answers"><h2>Recent answers</h2>${more}<table><thead><tr><th>day</th><th>question</th><th>category</th><th class="num">score</th><th class="num">time / limit</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/**
 * The report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched
 * (a strict Content-Security-Policy says so to the browser too), light and dark, printable.
 * Every bank and answer string goes through `esc`.
 */
export function renderHtml(m: ReportModel): string {
  const title = `sre-drill report · ${m.period.label}`;
  const empty = m.overall.attempts === 0 ? `<section class="card"><h2>No answers yet</h2><p>Nothing was answered in this period. Start with <code>sre-drill drill</code> or <code>sre-drill mock</code>.</p></section>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(reportCsp())}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${hero(m)}
${empty}${timelineSection(m)}
<div class="grid2">${categoriesSection(m) || '<div></div>'}${forecastSection(m)}</div>
${topicsSection(m)}
${planSection(m)}
${starSection(m)}
${missedSection(m)}
${asksSection(m)}
${answersSection(m)}
<footer>Made by sre-drill on ${esc(isoDay(m.generatedAt))}. Open it in any browser; it fetches nothing and runs no script.</footer>
</main>
</body>
</html>
`;
}
