import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseExport } from '../core/export/parse.js';
import { EXIT, UsageError } from '../core/errors.js';
import { SCHEMA_VERSION } from '../storage/migrations.js';
import type { Context } from './context.js';
import { openContextStore } from './open-store.js';
import { plural } from '../ui/table.js';

/**
 * `sre-drill import FILE`: merges a `sre-drill export --format json` file into the store.
 * Records already present are skipped, so importing twice changes nothing.
 */
export async function importCommand(ctx: Context, _opts: unknown, args: string[]): Promise<number> {
  const file = resolve(ctx.cwd, args[0]!);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message}`);
  }
  const records = parseExport(text, args[0]!, SCHEMA_VERSION);
  const store = await openContextStore(ctx);
  try {
    const r = store.importAll(records);
    const total = r.sessions + r.attempts + r.reviews;
    ctx.out(
      total
        ? `Imported ${plural(r.sessions, 'session')}, ${plural(r.attempts, 'attempt')} and ${plural(r.reviews, 'rating')} from ${args[0]}.`
        : `Nothing new in ${args[0]}: everything in it is already in the store.`,
    );
    return EXIT.ok;
  } finally {
    store.close();
  }
}

