import { EXIT, UsageError } from '../core/errors.js';
import { scheduled, type QueueItem } from '../core/scheduling/queue.js';
import { sanitiseLine } from '../ui/sanitise.js';
import { table } from '../ui/table.js';
import type { Context } from './context.js';
import { openContextStore } from './open-store.js';

export interface ReviewOptions {
  list?: boolean;
  json?: boolean;
  limit?: string;
  cram?: boolean;
  plain?: boolean;
}

/** One line of `review --list --json`. */
export interface ScheduledCardJson {
  id: string;
  due: string;
  retrievability: number;
  topics: string[];
}

/** `--limit N`: a positive whole number, or a usage error. */
export function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`--limit must be a whole number of questions, at least 1 (e.g. --limit 20), got "${value}"`);
  return Number(value);
}

/** "now", "in 40s", "in 5m", "in 3h", "in 2d", "overdue 4d": how far `due` is from `now`. */
export function relativeDue(due: Date, now: Date): string {
  const diff = due.getTime() - now.getTime();
  const a = Math.abs(diff);
  if (a < 1000) return 'now';
  const span = a < 60_000 ? `${Math.round(a / 1000)}s` : a < 3_600_000 ? `${Math.round(a / 60_000)}m` : a < 86_400_000 ? `${Math.round(a / 3_600_000)}h` : `${Math.round(a / 86_400_000)}d`;
  return diff > 0 ? `in ${span}` : `overdue ${span}`;
}

/** The scheduled cards as JSON records (recall rounded to two decimals). */
export function scheduledJson(items: readonly QueueItem[]): ScheduledCardJson[] {
  return items.map((i) => ({ id: i.id, due: i.due!.toISOString(), retrievability: Math.round((i.retrievability ?? 0) * 100) / 100, topics: [...i.topics] }));
}

/** The scheduled cards as table lines. */
export function renderScheduled(items: readonly QueueItem[], now: Date, cols: number, bold: (s: string) => string): string[] {
  if (!items.length) return ['No cards scheduled yet: answer some questions (sre-drill drill) and they will be listed here.'];
  const rows = items.map((i) => [i.id, relativeDue(i.due!, now), i.due!.toISOString().slice(0, 16).replace('T', ' '), `${Math.round((i.retrievability ?? 0) * 100)}%`, i.topics.map(sanitiseLine).join(', ')]);
  const dueNow = items.filter((i) => i.due!.getTime() <= now.getTime()).length;
  return [...table(['question', 'due', 'at (UTC)', 'recall', 'topics'], rows, cols, bold), `${items.length} scheduled, ${dueNow} due now`];
}

/**
 * `sre-drill review`: with `--list`, every scheduled card of the banks in use (due now and
 * later) by due date; otherwise the interactive review session over the store's queue.
 */
export async function review(ctx: Context, opts: ReviewOptions): Promise<number> {
  const limit = parseLimit(opts.limit);
  if (!opts.list) {
    if (opts.json) throw new UsageError('--json goes with --list (sre-drill review --list --json)');
    const { runSession } = await import('./session-runner.js');
    return runSession(ctx, { kind: 'review', limit, cram: Boolean(opts.cram), plain: Boolean(opts.plain) });
  }
  const catalog = await ctx.catalog();
  const store = await openContextStore(ctx);
  try {
    const now = ctx.now();
    const weakness = new Map(store.topicStats().map((t) => [t.topic, t.weakness]));
    const items = scheduled(store.cards(now), now, { questions: catalog.questions, topicWeakness: weakness }).slice(0, limit);
    if (opts.json) ctx.out(`${JSON.stringify(scheduledJson(items), null, 2)}\n`);
    else ctx.out(renderScheduled(items, now, ctx.io.stdout.columns ?? 100, ctx.theme.c.bold));
    return EXIT.ok;
  } finally {
    store.close();
  }
}
