import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { makeDirs } from '../storage/dirs.js';
import { delimiter, dirname, join, resolve } from 'node:path';
import { CATEGORIES, CATEGORY_ALIASES, type Category } from '../core/bank/schema.js';
import { checkName } from '../core/bank/catalog.js';
import { SreDrillError, UsageError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import { makeTheme, type Theme } from '../ui/theme.js';
import type { ReportInput, ReportPeriodInput } from '../core/report/types.js';
import type { Store } from '../storage/store.js';
import type { Context } from './context.js';
import { openContextStore } from './open-store.js';

export const REPORT_FORMATS = ['text', 'md', 'html', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The default window: the last 30 days. */
export const DEFAULT_REPORT_DAYS = 30;

export interface ReportOptions {
  last?: boolean;
  session?: string;
  since?: string;
  category?: string;
  format?: string;
  out?: string;
  open?: boolean;
}

const DAY_MS = 86_400_000;
const SINCE_UNITS: Record<string, number> = { h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };

/**
 * `--since` as a start time: `7d`, `12h`, `2w` back from now, or a calendar day `2026-11-01`
 * (local midnight). Anything else is a usage error with examples.
 */
export function parseSince(value: string, now: Date): { from: Date; label: string } {
  const text = value.trim();
  const rel = /^(\d+)\s*([hdw])$/i.exec(text);
  if (rel) {
    const n = Number(rel[1]);
    const unit = rel[2]!.toLowerCase();
    if (n > 0) return { from: new Date(now.getTime() - n * SINCE_UNITS[unit]!), label: `last ${n} ${{ h: 'hour', d: 'day', w: 'week' }[unit]}${n === 1 ? '' : 's'}` };
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) {
    const d = new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    if (d.getFullYear() === Number(day[1]) && d.getMonth() === Number(day[2]) - 1 && d.getDate() === Number(day[3])) {
      if (d.getTime() > now.getTime()) throw new UsageError(`--since ${text} is in the future`);
      return { from: d, label: `since ${text}` };
    }
  }
  throw new UsageError(`--since must be a span back from now or a day, e.g. "7d", "12h", "2w" or "2026-11-01"; got "${value}"`);
}

function parseFormat(value: string | undefined): ReportFormat {
  const f = (value ?? 'text').toLowerCase();
  const alias: Record<string, ReportFormat> = { markdown: 'md', txt: 'text' };
  const format = alias[f] ?? f;
  if ((REPORT_FORMATS as readonly string[]).includes(format)) return format as ReportFormat;
  throw new UsageError(`unknown format "${value}": use one of ${REPORT_FORMATS.join(', ')}${didYouMean(f, REPORT_FORMATS)}`);
}

function parseCategory(value: string | undefined): Category | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  return (CATEGORY_ALIASES[v] ?? checkName('category', v, CATEGORIES)) as Category;
}

/** Which attempts the options ask for, and the words for that window. */
function choosePeriod(store: Store, opts: Pick<ReportOptions, 'last' | 'session' | 'since'>, now: Date, category: Category | undefined): { period: ReportPeriodInput; filter: Parameters<Store['attempts']>[0] } {
  const chosen = [opts.last && '--last', opts.session !== undefined && '--session', opts.since !== undefined && '--since'].filter(Boolean);
  if (chosen.length > 1) throw new UsageError(`choose one of --last, --session and --since (got ${chosen.join(' and ')})`);
  if (opts.last || opts.session !== undefined) {
    let id: number;
    if (opts.session !== undefined) {
      if (!/^\d+$/.test(opts.session.trim())) throw new UsageError(`--session must be a session number, e.g. --session 12; got "${opts.session}"`);
      id = Number(opts.session);
    } else {
      const sessions = store.listSessions();
      const last = sessions[sessions.length - 1];
      if (!last) throw new UsageError('there is no session yet: start one with `sre-drill drill` or `sre-drill mock`');
      id = last.id;
    }
    const s = store.getSession(id);
    if (!s) throw new UsageError(`no session ${id}; \`sre-drill report --last\` shows the latest one`);
    const period: ReportPeriodInput = { from: s.startedAt, to: s.endedAt ?? now, label: `${s.kind} session ${s.id}`, sessionId: s.id, sessionKind: s.kind, category };
    return { period, filter: { sessionId: s.id, category } };
  }
  const since = opts.since !== undefined ? parseSince(opts.since, now) : { from: new Date(now.getTime() - DEFAULT_REPORT_DAYS * DAY_MS), label: `last ${DEFAULT_REPORT_DAYS} days` };
  return { period: { from: since.from, to: now, label: since.label, category }, filter: { since: since.from, category } };
}

export interface BuildReportOptions extends Pick<ReportOptions, 'last' | 'session' | 'since'> {
  category: Category | undefined;
  format: ReportFormat;
  now: Date;
  /** For the text format. */
  theme: Theme;
  cols: number;
}

/**
 * The report the command prints or writes, from an open store: the attempts the options choose
 * (through the store's light report read), summarised and rendered. `npm run bench -- --only
 * report` times this function, so the benchmark measures what `sre-drill report` runs.
 */
export async function buildReport(store: Store, catalog: ReportInput['catalog'], o: BuildReportOptions): Promise<string | string[]> {
  const { period, filter } = choosePeriod(store, o, o.now, o.category);
  const { summarise } = await import('../core/report/summarise.js');
  const model = summarise({ ...store.reportInput(filter), catalog, period, utcOffsetMinutes: -o.now.getTimezoneOffset() }, o.now);
  if (o.format === 'text') return (await import('../ui/report/text.js')).renderText(model, o.theme, o.cols);
  if (o.format === 'md') return (await import('../ui/report/markdown.js')).renderMarkdown(model);
  if (o.format === 'json') return (await import('../ui/report/json.js')).renderJson(model);
  return (await import('../ui/report/html.js')).renderHtml(model);
}

/** The command that opens a file in the default browser here, or null when there is none. */
function opener(env: NodeJS.ProcessEnv, platform = process.platform): string | null {
  const name = platform === 'darwin' ? 'open' : platform === 'win32' ? null : 'xdg-open';
  if (!name) return null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

function writeReport(path: string, text: string): void {
  try {
    makeDirs(dirname(path));
    writeFileSync(path, text);
  } catch (err) {
    throw new SreDrillError(`cannot write the report to ${path}: ${(err as Error).message}`);
  }
}

/**
 * `sre-drill report [--last | --session ID | --since 7d|2026-11-01] [--category C]
 * [--format text|md|html|json] [--out FILE] [--open]`: where you stand and what to study next,
 * by default as text for the last 30 days. `--open` writes the HTML (to --out, else the data
 * folder) and opens it in the browser, or prints its path where no opener exists.
 */
export async function report(ctx: Context, opts: ReportOptions): Promise<number> {
  const now = ctx.now();
  const format = opts.open ? 'html' : parseFormat(opts.format);
  if (opts.open && opts.format && parseFormat(opts.format) !== 'html') throw new UsageError(`--open shows the HTML report; drop --format ${opts.format} or use --format html`);
  const category = parseCategory(opts.category);
  const catalog = await ctx.catalog();
  const store = await openContextStore(ctx);
  let text: string | string[];
  try {
    const cols = Math.min(100, ctx.io.stdout.columns ?? 80);
    text = await buildReport(store, catalog, { ...opts, category, format, now, theme: opts.out ? makeTheme(false) : ctx.theme, cols: opts.out ? 80 : cols });
  } finally {
    store.close();
  }
  let out = opts.out ? resolve(ctx.cwd, opts.out) : undefined;
  if (opts.open && !out) out = join(await ctx.dataDir(), 'reports', `report-${now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.html`);
  if (!out) {
    ctx.out(text);
    return 0;
  }
  writeReport(out, Array.isArray(text) ? `${text.join('\n')}\n` : text);
  if (!opts.open) {
    ctx.err(`Report written to ${out}`);
    return 0;
  }
  const cmd = opener(ctx.env);
  if (!cmd) {
    ctx.out(`No browser opener (open/xdg-open) found; the report is at ${out}`);
    return 0;
  }
  const child = spawn(cmd, [out], { detached: true, stdio: 'ignore', env: ctx.env });
  child.on('error', () => ctx.out(`Could not run ${cmd}; the report is at ${out}`));
  child.unref();
  ctx.out(`Opened ${out}`);
  return 0;
}
