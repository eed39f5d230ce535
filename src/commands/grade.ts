import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findQuestion } from '../core/bank/catalog.js';
import { EXIT, UsageError } from '../core/errors.js';
import { createGrader, type Grader } from '../core/grading/index.js';
import type { Strictness } from '../core/grading/types.js';
import { didYouMean } from '../core/suggest.js';
import { graderInput } from '../storage/bank-files.js';
import { renderFeedback } from '../ui/render-feedback.js';
import type { Context } from './context.js';
import { parseStrictness } from './options.js';

export interface GradeOptions {
  answer?: string;
  answerFile?: string;
  answers?: string;
  json?: boolean;
  strictness?: string;
}

/** Answer files larger than this are refused before reading (the grader reads 20,000 characters). */
const MAX_ANSWER_FILE_BYTES = 64 * 1024 * 1024;

/** A grader over the banks in use (built once per command). */
export async function graderFor(ctx: Context, strictness?: Strictness): Promise<Grader> {
  return createGrader(await graderInput(await ctx.catalog(), ctx.cwd), { strictness });
}

function readFileText(path: string, cwd: string, what: string): string {
  const full = resolve(cwd, path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(full);
  } catch (err) {
    throw new UsageError(`cannot read ${what} "${path}": ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (bytes.length > MAX_ANSWER_FILE_BYTES) throw new UsageError(`${what} "${path}" is over ${MAX_ANSWER_FILE_BYTES / 1024 / 1024} MB`);
  return new TextDecoder('utf-8').decode(bytes);
}

async function readStdin(ctx: Context): Promise<string> {
  if (ctx.io.stdin.isTTY) ctx.err(ctx.theme.c.dim('Type or paste your answer, then press Ctrl-D on a new line.'));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.io.stdin as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > MAX_ANSWER_FILE_BYTES) throw new UsageError(`the answer on standard input is over ${MAX_ANSWER_FILE_BYTES / 1024 / 1024} MB`);
    chunks.push(b);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

/** `sre-drill grade ID [--answer TEXT | --answer-file FILE]` or `sre-drill grade --answers FILE.jsonl`. */
export async function grade(ctx: Context, opts: GradeOptions, args: string[]): Promise<number> {
  // The flag wins over the config file's `strictness`.
  const strictness = parseStrictness(opts.strictness) ?? ctx.config().strictness;
  const id = args[0];
  if (opts.answers !== undefined) {
    if (id !== undefined) throw new UsageError('give either a question id or --answers FILE.jsonl, not both');
    if (opts.answer !== undefined || opts.answerFile !== undefined) throw new UsageError('--answers reads every answer from its file: drop --answer / --answer-file');
    return gradeBatch(ctx, opts.answers, strictness);
  }
  if (id === undefined) throw new UsageError('which question? give its id (see `sre-drill banks list`), e.g. `sre-drill grade sli-slo-sla --answer "..."`');
  if (opts.answer !== undefined && opts.answerFile !== undefined) throw new UsageError('give --answer or --answer-file, not both');
  const question = findQuestion(await ctx.catalog(), id);
  const answer = opts.answer ?? (opts.answerFile !== undefined ? readFileText(opts.answerFile, ctx.cwd, 'answer file') : await readStdin(ctx));
  const result = (await graderFor(ctx, strictness)).grade(question, answer);
  if (opts.json) ctx.out(`${JSON.stringify(result, null, 2)}\n`);
  else ctx.out(renderFeedback(question, result, ctx.theme, ctx.io.stdout.columns ?? 80));
  return EXIT.ok;
}

async function gradeBatch(ctx: Context, file: string, strictness: Strictness | undefined): Promise<number> {
  const text = file === '-' ? await readStdin(ctx) : readFileText(file, ctx.cwd, 'answers file');
  const catalog = await ctx.catalog();
  const grader = await graderFor(ctx, strictness);
  const out: string[] = [];
  let bad = 0;
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    if (raw.trim() === '') continue;
    const fail = (error: string) => {
      bad++;
      out.push(JSON.stringify({ line, error }));
    };
    let item: unknown;
    try {
      item = JSON.parse(raw);
    } catch (err) {
      fail(`not valid JSON: ${(err as Error).message}`);
      continue;
    }
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      fail('expected an object such as {"id": "sli-slo-sla", "answer": "..."}');
      continue;
    }
    const { id, answer } = item as { id?: unknown; answer?: unknown };
    if (typeof id !== 'string' || id === '') {
      fail('"id" must be a question id (a string)');
      continue;
    }
    if (typeof answer !== 'string') {
      fail('"answer" must be a string');
      continue;
    }
    const question = catalog.byId.get(id);
    if (!question) {
      fail(`no question with id "${id}"${didYouMean(id, [...catalog.byId.keys()])}`);
      continue;
    }
    out.push(JSON.stringify({ line, ...grader.grade(question, answer) }));
  }
  if (out.length) ctx.out(`${out.join('\n')}\n`);
  if (bad) ctx.err(`${bad} of ${out.length} line${out.length === 1 ? '' : 's'} could not be graded (see the "error" objects)`);
  return bad ? EXIT.usage : EXIT.ok;
}
