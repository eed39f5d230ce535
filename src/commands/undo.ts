import { EXIT } from '../core/errors.js';
import type { Context } from './context.js';
import { openContextStore } from './open-store.js';
import { relativeDue } from './review.js';

/** `sre-drill undo`: takes back the last rating; the card returns to its state before it. */
export async function undo(ctx: Context): Promise<number> {
  const store = await openContextStore(ctx);
  try {
    const now = ctx.now();
    const r = store.undoLastRating(now);
    if (!r) {
      ctx.out('Nothing to undo: no rating has been given yet.');
      return EXIT.ok;
    }
    const when = r.reviewedAt.toISOString().slice(0, 16).replace('T', ' ');
    ctx.out([
      `Took back "${r.rating}" on ${r.questionId} (rated ${when} UTC).`,
      r.card ? `Its card is as it was before: due ${relativeDue(r.card.due, now)} (${r.card.due.toISOString()}).` : 'It was its first rating: the question is new again.',
    ]);
    return EXIT.ok;
  } finally {
    store.close();
  }
}
