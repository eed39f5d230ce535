import { resolve } from 'node:path';
import { ankiNotes } from '../core/export/anki.js';
import { attemptsCsv } from '../core/export/csv.js';
import { EXIT, UsageError } from '../core/errors.js';
import { LineWriter } from '../storage/line-writer.js';
import type { Context } from './context.js';
import { openContextStore } from './open-store.js';

export const EXPORT_FORMATS = ['json', 'anki', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  format?: string;
  out?: string;
}

/**
 * `sre-drill export --format json|anki|csv [--out FILE]`: json is everything (sessions, attempts,
 * review log) as JSON Lines for `sre-drill import`; anki is the banks in use as Anki notes; csv
 * is the attempts for spreadsheets. Without --out it writes to stdout.
 */
export async function exportCommand(ctx: Context, opts: ExportOptions): Promise<number> {
  const format = (opts.format ?? 'json') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')} (e.g. --format json), got "${opts.format}"`);
  const out = opts.out ? resolve(ctx.cwd, opts.out) : undefined;
  const toStdout = (chunk: Buffer) => void ctx.io.stdout.write(chunk);
  // `sre-drill export | head`: the reader leaving early is not an error.
  if (!out) ctx.io.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') ctx.err(`cannot write to stdout: ${e.message}`);
  });
  if (format === 'anki') {
    const questions = (await ctx.catalog()).questions;
    const sink = new LineWriter('\n', out, toStdout);
    sink.line(ankiNotes(questions).replace(/\n$/, ''));
    sink.close();
    if (out) ctx.err(`Wrote ${questions.length} notes to ${out} (Anki: File > Import).`);
    return EXIT.ok;
  }
  const store = await openContextStore(ctx);
  const sink = new LineWriter(format === 'csv' ? '\r\n' : '\n', out, toStdout);
  try {
    if (format === 'csv') for (const line of attemptsCsv(store.attempts())) sink.line(line);
    else for (const line of store.exportLines(ctx.now())) sink.line(line);
    sink.close();
    const n = format === 'csv' ? sink.count - 1 : sink.count;
    if (out) ctx.err(`Wrote ${n} ${format === 'csv' ? 'attempts' : 'records'} to ${out}.`);
    return EXIT.ok;
  } finally {
    store.close();
  }
}
