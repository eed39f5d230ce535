import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { ankiNotes } from '../core/export/anki.js';
import { attemptsCsv } from '../core/export/csv.js';
import { EXIT, SreDrillError, UsageError } from '../core/errors.js';
import type { Context } from './context.js';
import { openContextStore } from './open-store.js';

export const EXPORT_FORMATS = ['json', 'anki', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  format?: string;
  out?: string;
}

/** Writes lines to a file (or stdout) in chunks, so a large history is never one huge string. */
class LineSink {
  private fd: number | undefined;
  private buf: string[] = [];
  private size = 0;
  constructor(
    private readonly ctx: Context,
    private readonly path: string | undefined,
    private readonly eol: string,
  ) {
    if (path) {
      try {
        this.fd = openSync(path, 'w');
      } catch (err) {
        throw new SreDrillError(`cannot write ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder does not exist' : (err as Error).message}`);
      }
    }
  }
  line(text: string): void {
    this.buf.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    if (!this.buf.length) return;
    const chunk = `${this.buf.join(this.eol)}${this.eol}`;
    this.buf = [];
    this.size = 0;
    if (this.fd === undefined) this.ctx.io.stdout.write(chunk);
    else writeSync(this.fd, chunk);
  }
  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
  }
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
  if (format === 'anki') {
    const questions = ctx.catalog().questions;
    const sink = new LineSink(ctx, out, '\n');
    sink.line(ankiNotes(questions).replace(/\n$/, ''));
    sink.close();
    if (out) ctx.err(`Wrote ${questions.length} notes to ${out} (Anki: File > Import).`);
    return EXIT.ok;
  }
  const store = await openContextStore(ctx);
  const sink = new LineSink(ctx, out, format === 'csv' ? '\r\n' : '\n');
  try {
    let n = 0;
    if (format === 'csv') {
      for (const line of attemptsCsv(store.attempts())) (sink.line(line), n++);
      n--;
    } else {
      for (const line of store.exportLines(ctx.now())) (sink.line(line), n++);
    }
    sink.close();
    if (out) ctx.err(`Wrote ${n} ${format === 'csv' ? 'attempts' : 'records'} to ${out}.`);
    return EXIT.ok;
  } finally {
    store.close();
  }
}
