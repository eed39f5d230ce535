/** Inline SVG charts for the HTML report: strings in, strings out, no script, no external resource. */

/** Escapes text for HTML and SVG, in element content and in quoted attributes alike. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

const f1 = (n: number): string => (Math.round(n * 10) / 10).toString();

export interface LinePoint {
  /** 0..1 */
  y: number;
  label: string;
  /** Tooltip text. */
  title: string;
}

/**
 * A line chart of scores (0..100 %) over evenly spaced points, with an area under the line, a
 * dashed least-squares trend line and a dot (`class="pt"`) per point carrying its tooltip.
 */
export function lineChart(points: readonly LinePoint[], opts: { width?: number; height?: number; id?: string } = {}): string {
  const w = opts.width ?? 760;
  const h = opts.height ?? 260;
  const left = 44;
  const right = 16;
  const top = 16;
  const bottom = 34;
  const iw = w - left - right;
  const ih = h - top - bottom;
  const n = points.length;
  const x = (i: number) => left + (n <= 1 ? iw / 2 : (i * iw) / (n - 1));
  const y = (v: number) => top + ih * (1 - Math.max(0, Math.min(1, v)));
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((g) => `<line class="grid" x1="${left}" x2="${w - right}" y1="${f1(y(g))}" y2="${f1(y(g))}"/><text class="axis" x="${left - 8}" y="${f1(y(g) + 4)}" text-anchor="end">${g * 100}%</text>`)
    .join('');
  const xy = points.map((p, i) => `${f1(x(i))},${f1(y(p.y))}`);
  const line = n ? `<polyline class="line" points="${xy.join(' ')}"/>` : '';
  const area = n > 1 ? `<polygon class="area" points="${f1(x(0))},${f1(y(0))} ${xy.join(' ')} ${f1(x(n - 1))},${f1(y(0))}"/>` : '';
  let trend = '';
  if (n >= 3) {
    const mx = (n - 1) / 2;
    const my = points.reduce((s, p) => s + p.y, 0) / n;
    let num = 0;
    let den = 0;
    points.forEach((p, i) => {
      num += (i - mx) * (p.y - my);
      den += (i - mx) ** 2;
    });
    const slope = den ? num / den : 0;
    trend = `<line class="trend" x1="${f1(x(0))}" y1="${f1(y(my - slope * mx))}" x2="${f1(x(n - 1))}" y2="${f1(y(my + slope * mx))}"><title>trend</title></line>`;
  }
  // Dots shrink as points crowd; labels thin out to about eight.
  const r = n > 80 ? 2 : n > 30 ? 3 : 4.5;
  const dots = points.map((p, i) => `<circle class="pt" cx="${f1(x(i))}" cy="${f1(y(p.y))}" r="${r}"><title>${esc(p.title)}</title></circle>`).join('');
  const every = Math.max(1, Math.ceil(n / 8));
  const labels = points
    // Stepped labels, and the last one, which takes the place of a stepped label too close to it.
    .map((p, i) => ((i % every === 0 && (i === n - 1 || n - 1 - i >= every / 2)) || i === n - 1 ? `<text class="axis" x="${f1(x(i))}" y="${h - 12}" text-anchor="${n > 1 && i === 0 ? 'start' : n > 1 && i === n - 1 ? 'end' : 'middle'}">${esc(p.label)}</text>` : ''))
    .join('');
  const gid = `fade-${opts.id ?? 'line'}`;
  return `<svg class="chart line-chart" viewBox="0 0 ${w} ${h}" role="img" aria-label="Score over time, ${n} points" data-points="${n}"><defs><linearGradient id="${gid}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" class="stop-a"/><stop offset="1" class="stop-b"/></linearGradient></defs>${grid}<g fill="url(#${gid})">${area}</g>${trend}${line}${dots}${labels}</svg>`;
}

export interface BarRow {
  label: string;
  /** 0..1 */
  value: number;
  /** Text after the bar (e.g. "42 %"). */
  valueText: string;
  /** CSS class for the bar colour: weak, fair, good. */
  tone: string;
  /** Extra text to the right, already escaped markup allowed (tspans). */
  note?: string;
  title?: string;
}

/** Horizontal bars, one row each, labels left and values right (`class="bar"` per row). */
export function barChart(rows: readonly BarRow[], opts: { width?: number; labelWidth?: number; noteWidth?: number; rowHeight?: number } = {}): string {
  const w = opts.width ?? 760;
  const lw = opts.labelWidth ?? 190;
  const nw = opts.noteWidth ?? 190;
  const rh = opts.rowHeight ?? 30;
  const bw = w - lw - nw - 70;
  const h = rows.length * rh + 6;
  const body = rows
    .map((r, i) => {
      const y = i * rh + 4;
      const mid = y + rh / 2;
      const label = r.label.length > 26 ? `${r.label.slice(0, 25)}…` : r.label;
      return (
        `<g class="row"><title>${esc(r.title ?? r.label)}</title>` +
        `<text class="label" x="${lw - 10}" y="${f1(mid + 4)}" text-anchor="end">${esc(label)}</text>` +
        `<rect class="track" x="${lw}" y="${f1(mid - 8)}" width="${bw}" height="16" rx="8"/>` +
        `<rect class="bar ${r.tone}" x="${lw}" y="${f1(mid - 8)}" width="${f1(Math.max(r.value > 0 ? 4 : 0, bw * Math.max(0, Math.min(1, r.value))))}" height="16" rx="8"/>` +
        `<text class="value" x="${lw + bw + 10}" y="${f1(mid + 4)}">${esc(r.valueText)}</text>` +
        (r.note ? `<text class="note" x="${lw + bw + 66}" y="${f1(mid + 4)}">${r.note}</text>` : '') +
        `</g>`
      );
    })
    .join('');
  return `<svg class="chart bar-chart" viewBox="0 0 ${w} ${h}" role="img" data-rows="${rows.length}">${body}</svg>`;
}

/** Vertical columns with the count above and the label below (`class="col"` per column). */
export function columnChart(cols: readonly { label: string; value: number; highlight?: boolean }[], opts: { width?: number; height?: number } = {}): string {
  const w = opts.width ?? 360;
  const h = opts.height ?? 200;
  const top = 22;
  const bottom = 30;
  const ih = h - top - bottom;
  const most = Math.max(1, ...cols.map((c) => c.value));
  const slot = w / Math.max(1, cols.length);
  const cw = Math.min(34, slot * 0.62);
  const body = cols
    .map((c, i) => {
      const x = i * slot + (slot - cw) / 2;
      const bh = c.value ? Math.max(3, (ih * c.value) / most) : 0;
      const y = top + ih - bh;
      return (
        `<g><title>${esc(`${c.label}: ${c.value} due`)}</title>` +
        `<rect class="col${c.highlight ? ' today' : ''}" x="${f1(x)}" y="${f1(y)}" width="${f1(cw)}" height="${f1(bh)}" rx="4"/>` +
        `<text class="value" x="${f1(x + cw / 2)}" y="${f1(y - 6)}" text-anchor="middle">${c.value}</text>` +
        `<text class="axis" x="${f1(x + cw / 2)}" y="${h - 10}" text-anchor="middle">${esc(c.label)}</text></g>`
      );
    })
    .join('');
  return `<svg class="chart column-chart" viewBox="0 0 ${w} ${h}" role="img" aria-label="Review forecast" data-columns="${cols.length}"><line class="grid" x1="0" x2="${w}" y1="${top + ih}" y2="${top + ih}"/>${body}</svg>`;
}

/** A score ring: the arc is the share, the middle shows the number. */
export function ring(value: number | null, opts: { size?: number; label?: string; tone?: string } = {}): string {
  const size = opts.size ?? 150;
  const r = size / 2 - 12;
  const c = 2 * Math.PI * r;
  const v = Math.max(0, Math.min(1, value ?? 0));
  const text = value === null ? '–' : `${Math.round(v * 100)}%`;
  return (
    `<svg class="ring" viewBox="0 0 ${size} ${size}" role="img" aria-label="${esc(`${opts.label ?? 'score'} ${text}`)}">` +
    `<circle class="ring-track" cx="${size / 2}" cy="${size / 2}" r="${f1(r)}"/>` +
    `<circle class="ring-arc ${opts.tone ?? ''}" cx="${size / 2}" cy="${size / 2}" r="${f1(r)}" stroke-dasharray="${f1(c * v)} ${f1(c)}" transform="rotate(-90 ${size / 2} ${size / 2})"/>` +
    `<text class="ring-value" x="50%" y="50%" dominant-baseline="central" text-anchor="middle">${text}</text>` +
    (opts.label ? `<text class="ring-label" x="50%" y="${f1(size / 2 + 26)}" text-anchor="middle">${esc(opts.label)}</text>` : '') +
    `</svg>`
  );
}

/** A tiny inline sparkline (no axes) for a topic's recent scores. */
export function spark(values: readonly number[], opts: { width?: number; height?: number } = {}): string {
  const w = opts.width ?? 90;
  const h = opts.height ?? 22;
  if (values.length < 2) return `<svg class="spark" viewBox="0 0 ${w} ${h}"></svg>`;
  const pts = values.map((v, i) => `${f1((i * (w - 4)) / (values.length - 1) + 2)},${f1(h - 2 - (h - 4) * Math.max(0, Math.min(1, v)))}`).join(' ');
  return `<svg class="spark" viewBox="0 0 ${w} ${h}"><polyline points="${pts}"/></svg>`;
}
