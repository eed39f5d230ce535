import { EXIT, UsageError } from '../core/errors.js';
import type { Context } from './context.js';
import { openContextStore } from './open-store.js';
import { checkFormat, parseStrictness as checkStrictness, wholeNumber } from './options.js';
import { runSession } from './session-runner.js';

/** `drill`, `mock`, `resume` and the start menu: option checking, then the session runner. */

export interface DrillOptions {
  category?: string[];
  topic?: string[];
  difficulty?: string;
  count?: string;
  seed?: string;
  timer?: boolean;
  plain?: boolean;
  pair?: boolean;
  overtime?: string;
  strictness?: string;
}

export interface MockOptions {
  format?: string;
  minutes?: string;
  seed?: string;
  pair?: boolean;
  plain?: boolean;
  overtime?: string;
  strictness?: string;
}

function overtimeOption(value: string | undefined): boolean {
  if (value === undefined || value === 'stop') return false;
  if (value === 'allow') return true;
  throw new UsageError(`--overtime must be allow or stop, got "${value}"`);
}

export async function drill(ctx: Context, opts: DrillOptions): Promise<number> {
  return runSession(ctx, {
    kind: 'drill',
    categories: opts.category,
    topics: opts.topic,
    difficulty: wholeNumber('--difficulty', opts.difficulty, 1, 3),
    count: wholeNumber('--count', opts.count, 1, 500),
    seed: wholeNumber('--seed', opts.seed, 0, 0xffffffff),
    timer: opts.timer !== false,
    plain: opts.plain,
    pair: opts.pair,
    overtime: overtimeOption(opts.overtime),
    strictness: checkStrictness(opts.strictness),
  });
}

export async function mock(ctx: Context, opts: MockOptions): Promise<number> {
  return runSession(ctx, {
    kind: 'mock',
    format: checkFormat(opts.format),
    minutes: wholeNumber('--minutes', opts.minutes, 5, 180),
    seed: wholeNumber('--seed', opts.seed, 0, 0xffffffff),
    plain: opts.plain,
    pair: opts.pair,
    overtime: overtimeOption(opts.overtime),
    strictness: checkStrictness(opts.strictness),
  });
}

/** `resume`: the last interrupted session, from where it stopped. */
export async function resume(ctx: Context, opts: { plain?: boolean }): Promise<number> {
  const store = await openContextStore(ctx);
  let last;
  try {
    last = store.lastInterruptedSession();
  } finally {
    store.close();
  }
  if (!last) {
    ctx.out('Nothing to resume: no interrupted session with questions left.');
    return EXIT.ok;
  }
  ctx.out(ctx.theme.c.dim(`Resuming the ${last.kind} started ${last.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, at question ${last.position + 1} of ${last.plan.length}.`));
  return runSession(ctx, { kind: last.kind, plain: opts.plain }, last);
}

/** `sre-drill` alone in a terminal: a short menu. */
export async function menu(ctx: Context): Promise<number> {
  const catalog = await ctx.catalog();
  const store = await openContextStore(ctx);
  let due = 0;
  let waiting;
  try {
    const { dayStart, contextSettings } = await import('./open-store.js');
    const now = ctx.now();
    due = store.reviewQueue(now, { questions: catalog.questions, dayStart: dayStart(now), newPerDay: contextSettings(ctx).newPerDay }).filter((i) => i.reason === 'due').length;
    waiting = store.lastInterruptedSession();
  } finally {
    store.close();
  }
  const { askMenu } = await import('../ui/prompts/session.js');
  type Choice = 'resume' | 'drill' | 'mock' | 'onsite' | 'review' | 'report' | 'banks' | 'quit';
  const choices: { value: Choice; name: string }[] = [
    ...(waiting ? [{ value: 'resume' as const, name: `Resume the interrupted ${waiting.kind}` }] : []),
    { value: 'drill', name: 'Drill: five timed questions, feedback after each' },
    { value: 'mock', name: 'Mock interview: a 30-minute phone screen' },
    { value: 'onsite', name: 'Mock interview: an onsite loop (about 75 minutes)' },
    { value: 'review', name: `Review: ${due} card${due === 1 ? '' : 's'} due` },
    { value: 'report', name: 'Report: where you stand and what to study next' },
    { value: 'banks', name: 'Banks: the question banks in use' },
    { value: 'quit', name: 'Quit' },
  ];
  const pick = await askMenu('sre-drill: what would you like to do?', choices, { input: ctx.io.stdin, output: ctx.io.stdout, color: ctx.theme.color });
  switch (pick) {
    case 'resume':
      return resume(ctx, {});
    case 'drill':
      return drill(ctx, {});
    case 'mock':
      return mock(ctx, {});
    case 'onsite':
      return mock(ctx, { format: 'onsite' });
    case 'review':
      return runSession(ctx, { kind: 'review' });
    case 'report':
      return reportCommand(ctx);
    case 'banks':
      return (await import('./banks.js')).banksList(ctx, {});
    default:
      return EXIT.ok;
  }
}

async function reportCommand(ctx: Context): Promise<number> {
  const { report } = await import('./report.js');
  return report(ctx, {});
}
