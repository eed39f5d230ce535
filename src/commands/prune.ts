import { EXIT } from '../core/errors.js';
import { plural, table } from '../ui/table.js';
import type { Context } from './context.js';
import { openContextStore } from './open-store.js';

export interface PruneOptions {
  dryRun?: boolean;
  json?: boolean;
}

/**
 * `sre-drill banks prune [--dry-run]`: questions with history that are no longer in the banks in
 * use. They already stay out of the review queue; prune also removes their cards from the store
 * for good. Their attempts and review log are kept (reports and export still show them).
 */
export async function prune(ctx: Context, opts: PruneOptions): Promise<number> {
  const known = new Set((await ctx.catalog()).questions.map((q) => q.id));
  const store = await openContextStore(ctx);
  try {
    const orphans = store.orphans(known);
    const removed = opts.dryRun ? 0 : store.removeCards(orphans.filter((o) => o.hasCard).map((o) => o.questionId));
    if (opts.json) {
      ctx.out(`${JSON.stringify({ dryRun: Boolean(opts.dryRun), orphans: orphans.map((o) => ({ ...o, lastAnswered: o.lastAnswered?.toISOString() ?? null })), cardsRemoved: removed }, null, 2)}\n`);
      return EXIT.ok;
    }
    if (!orphans.length) {
      ctx.out('No orphans: every question with history is in the banks in use.');
      return EXIT.ok;
    }
    const rows = orphans.map((o) => [o.questionId, String(o.attempts), o.hasCard ? 'yes' : 'no', o.lastAnswered?.toISOString().slice(0, 10) ?? '-']);
    ctx.out([
      ...table(['question', 'attempts', 'card', 'last answered'], rows, ctx.io.stdout.columns ?? 100, ctx.theme.c.bold),
      opts.dryRun
        ? `${plural(orphans.length, 'question')} no longer in the banks; run without --dry-run to remove ${orphans.filter((o) => o.hasCard).length} card(s) (attempts and ratings are kept).`
        : `Removed ${plural(removed, 'card')} of questions no longer in the banks; their attempts and ratings are kept.`,
    ]);
    return EXIT.ok;
  } finally {
    store.close();
  }
}
