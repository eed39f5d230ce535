/** Formatting shared by the report renderers (text, Markdown, HTML): one spelling of each number. */

export const pct = (x: number | null): string => (x === null ? '–' : `${Math.round(x * 100)} %`);

/** `m:ss`, or `h:mm:ss` past an hour. */
export function clock(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Mean time used and mean limit per answer. */
export function timeUse(s: { attempts: number; timeUsedMs: number; timeLimitMs: number }): string {
  if (!s.attempts) return '–';
  return `${clock(s.timeUsedMs / s.attempts)} / ${clock(s.timeLimitMs / s.attempts)}`;
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `size` cells, filled to `x` (0..1) in eighths; the rest is `░`. Survives NO_COLOR. */
export function bar(x: number, size: number): { fill: string; rest: string } {
  const v = Math.max(0, Math.min(1, x)) * size;
  const full = Math.floor(v);
  const part = EIGHTHS[Math.floor((v - full) * 8)]!;
  const fill = '█'.repeat(full) + part;
  return { fill, rest: '░'.repeat(size - full - (part ? 1 : 0)) };
}

const SPARKS = '▁▂▃▄▅▆▇█';

/** One character per value (0..1); at most `max` characters, averaging neighbours when longer. */
export function sparkline(values: readonly number[], max = 60): string {
  if (values.length === 0) return '';
  const n = Math.min(values.length, max);
  let out = '';
  for (let i = 0; i < n; i++) {
    const from = Math.floor((i * values.length) / n);
    const to = Math.max(from + 1, Math.floor(((i + 1) * values.length) / n));
    let s = 0;
    for (let j = from; j < to; j++) s += values[j]!;
    const v = Math.max(0, Math.min(1, s / (to - from)));
    out += SPARKS[Math.min(7, Math.floor(v * 8))];
  }
  return out;
}

export const TREND_MARK = { improving: '↑', falling: '↓', steady: '→', new: '·' } as const;

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Tue 3` for a `YYYY-MM-DD` day. */
export function shortDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()}`;
}

/** `3 Nov` for a `YYYY-MM-DD` day. */
export function dayMonth(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** `2026-11-01` (UTC) for a Date. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** "2026-10-02 → 2026-11-01", or one day when both ends fall on it. */
export function periodRange(p: { from: Date | null; to: Date }): string {
  const to = isoDay(p.to);
  if (!p.from) return `until ${to}`;
  const from = isoDay(p.from);
  return from === to ? from : `${from} → ${to}`;
}

/** 100000 → "100,000". */
export const num = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export const plural = (n: number, one: string, many = `${one}s`): string => `${num(n)} ${n === 1 ? one : many}`;

/** A score band, for colour: weak < 50 %, fair < 75 %, good above. */
export function band(x: number | null): 'weak' | 'fair' | 'good' | 'none' {
  if (x === null) return 'none';
  return x < 0.5 ? 'weak' : x < 0.75 ? 'fair' : 'good';
}

/**
 * How much of a long history the documents show (the JSON keeps everything): enough to study
 * from, and the HTML stays small for a year of daily practice.
 */
export const SHOWN = { topics: 30, textTopics: 15, missedTopics: 10, missedPerTopic: 5 } as const;

/** The first `n` items and how many were left out. */
export function firstOf<T>(items: readonly T[], n: number): { shown: T[]; more: number } {
  return { shown: items.slice(0, n), more: Math.max(0, items.length - n) };
}
