import type { Catalog } from '../core/bank/catalog.js';
import { checkName, topicCounts } from '../core/bank/catalog.js';
import { CATEGORIES, CATEGORY_ALIASES, type Category, type Question } from '../core/bank/schema.js';
import { EXIT } from '../core/errors.js';
import { scorePoints } from '../core/grading/score.js';
import type { GradeResult, Grader, PointResult, Strictness } from '../core/grading/types.js';
import { followUpPrompt, type Rating, type SessionKind } from '../core/model.js';
import { seededRng, type Rng } from '../core/random.js';
import { suggestRating } from '../core/scheduling/rating.js';
import {
  begin,
  currentItem,
  finishTurn,
  formatClock,
  isDone,
  loopRemainingMs,
  nextHint,
  pause,
  remainingMs,
  resumeAt,
  showTurn,
  snapshot,
  unpause,
  type EngineState,
  type Turn,
} from '../core/session/engine.js';
import { MOCK_LOOPS, plan, type MockFormat, type SessionPlan } from '../core/session/plan.js';
import type { SessionDraft, StoredSession, Store } from '../storage/store.js';
import { PromptCancelled } from '../ui/prompts/cancelled.js';
import { sanitise, sanitiseLine } from '../ui/sanitise.js';
import { plural, wrap } from '../ui/table.js';
import type { SessionUi } from '../ui/session-ui.js';
import type { Context } from './context.js';
import { contextSettings, dayStart, openContextStore } from './open-store.js';
import { makeTheme } from '../ui/theme.js';

/** Everything `drill`, `mock`, `review` and `resume` can ask of a session. */
export interface SessionOptions {
  kind: SessionKind;
  categories?: string[];
  topics?: string[];
  difficulty?: number;
  count?: number;
  seed?: number;
  /** false: no time limits (`--no-timer`). */
  timer?: boolean;
  plain?: boolean;
  pair?: boolean;
  /** Keep counting past zero instead of submitting. */
  overtime?: boolean;
  strictness?: Strictness;
  format?: MockFormat;
  minutes?: number;
  /** Review: at most this many questions. */
  limit?: number;
  cram?: boolean;
}

/** What a session keeps in the store's `options`, enough for `resume` to rebuild it. */
interface SavedOptions {
  plan: SessionPlan;
  seed: number;
  pair: boolean;
  overtime: boolean;
  strictness: Strictness;
}

/** The store's draft, with the turn it belongs to. */
interface TurnDraft extends SessionDraft {
  turn: Turn;
  followUp: string | null;
  hintsShown: number;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Checks `--category` and `--topic` against the banks in use, suggesting the closest names. */
function checkFilters(catalog: Catalog, opts: SessionOptions): { categories: Category[]; topics: string[] } {
  const categories = (opts.categories ?? []).map((c) => {
    const name = CATEGORY_ALIASES[c] ?? c;
    return checkName('category', name, CATEGORIES) as Category;
  });
  const known = [...topicCounts(catalog.questions).keys()];
  const topics = (opts.topics ?? []).map((t) => checkName('topic', t, known));
  return { categories, topics };
}

/**
 * Runs a drill, mock or review session (or continues an interrupted one) and returns the exit
 * code: 0 when it ran to the end, 130 when it was interrupted (its answers and draft are saved
 * and `sre-drill resume` continues it).
 */
export async function runSession(ctx: Context, opts: SessionOptions, resume?: StoredSession): Promise<number> {
  const catalog = await ctx.catalog();
  const store = await openContextStore(ctx);
  try {
    let state: EngineState;
    let saved: SavedOptions;
    let sessionId: number;
    let drafts: Map<number, TurnDraft> = new Map();
    const now = ctx.now();
    if (resume) {
      saved = resume.options as unknown as SavedOptions;
      const attempts = store.attempts({ sessionId: resume.id });
      const d = resume.draft as TurnDraft | null;
      state = resumeAt(
        saved.plan,
        {
          index: resume.position,
          turn: d?.turn ?? 'question',
          followUp: d?.followUp ?? null,
          remainingMs: d?.remainingMs ?? null,
          hintsShown: d?.hintsShown ?? 0,
          loopUsedMs: attempts.reduce((s, a) => s + a.durationMs, 0),
        },
        now,
      );
      if (d) drafts = new Map([[resume.position, d]]);
      store.resumeSession(resume.id, now);
      sessionId = resume.id;
    } else {
      const { categories, topics } = checkFilters(catalog, opts);
      const seed = opts.seed ?? now.getTime() % 0x100000000;
      const rng = seededRng(seed);
      let queue: string[] | undefined;
      if (opts.kind === 'review') {
        const items = store.reviewQueue(now, {
          questions: catalog.questions,
          dayStart: dayStart(now),
          newPerDay: contextSettings(ctx).newPerDay,
          cram: opts.cram,
          limit: opts.limit,
        });
        if (!items.length) {
          ctx.out(opts.cram ? 'Nothing to cram: answer a few questions first (sre-drill drill).' : 'Nothing is due for review. Try `sre-drill review --cram` to drill your weakest topics, or `sre-drill review --list` for what comes next.');
          return EXIT.ok;
        }
        queue = items.map((i) => i.id);
      }
      const sessionPlan = plan(
        catalog.questions,
        {
          kind: opts.kind,
          categories,
          topics,
          difficulty: opts.difficulty,
          count: opts.kind === 'review' ? opts.limit : opts.count,
          seeded: opts.seed !== undefined,
          weakTopics: store.topicStats().filter((t) => t.weakness > 0).map((t) => t.topic),
          format: opts.format ?? ctx.config().mock_format,
          minutes: opts.minutes,
          queue,
          noTimer: opts.timer === false,
        },
        rng,
      );
      saved = { plan: sessionPlan, seed, pair: Boolean(opts.pair), overtime: Boolean(opts.overtime), strictness: opts.strictness ?? ctx.config().strictness ?? 'normal' };
      const waiting = store.lastInterruptedSession();
      if (waiting) ctx.err(`sre-drill: an interrupted ${waiting.kind} from ${waiting.startedAt.toISOString().slice(0, 16).replace('T', ' ')} is saved: \`sre-drill resume\` will continue it.`);
      state = begin(sessionPlan, now);
      sessionId = store.startSession({ kind: opts.kind, options: { ...saved }, plan: sessionPlan.items.map((i) => i.questionId), startedAt: now });
    }
    return await drive(ctx, store, catalog, { sessionId, state, saved, drafts, plain: opts.plain ?? false });
  } finally {
    store.close();
  }
}

interface DriveInput {
  sessionId: number;
  state: EngineState;
  saved: SavedOptions;
  drafts: Map<number, TurnDraft>;
  plain: boolean;
}

async function drive(ctxIn: Context, store: Store, catalog: Catalog, input: DriveInput): Promise<number> {
  const plain = input.plain || !ctxIn.io.stdin.isTTY || !ctxIn.io.stdout.isTTY;
  // Plain mode prints no colour, even when its output is a terminal.
  const ctx: Context = plain && ctxIn.theme.color ? { ...ctxIn, theme: makeTheme(false) } : ctxIn;
  const { sessionId, saved, drafts } = input;
  let state = input.state;
  const kind = saved.plan.kind;
  const rng: Rng = seededRng(saved.seed + state.index);
  // Built at the first answer, not before the first question: the person reads while it would load.
  let graderMemo: Grader | undefined;
  const grader = async (): Promise<Grader> => {
    if (graderMemo) return graderMemo;
    // The grade command's grader: the built-in glossary always applies, plus the banks' own.
    const { graderFor } = await import('./grade.js');
    return (graderMemo = await graderFor(ctx, saved.strictness));
  };
  const cols = Math.max(40, ctx.io.stdout.columns ?? 80);

  // What is being typed, kept current so a signal can save it before anything else happens.
  let liveDraft = '';
  let savedAsInterrupted = false;
  const saveInterrupted = (text: string) => {
    if (savedAsInterrupted) return;
    savedAsInterrupted = true;
    const now = ctx.now();
    const item = currentItem(state);
    const stopped = snapshot(state, now);
    const draft: TurnDraft | null = item
      ? { questionId: item.questionId, text, remainingMs: remainingMs(stopped, now) ?? 0, turn: stopped.turn, followUp: stopped.followUp, hintsShown: stopped.hintsShown }
      : null;
    store.saveProgress(sessionId, { position: state.index, draft }, now);
    store.finishSession(sessionId, 'interrupted', now);
  };

  // Ctrl-C between prompts, SIGTERM and a closed terminal all end the session the same way. The
  // save comes first and is synchronous: after SIGHUP the terminal may already be gone.
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (signal === 'SIGHUP') for (const stream of [ctx.io.stdout, ctx.io.stderr]) stream.on('error', () => undefined);
    try {
      saveInterrupted(liveDraft);
    } finally {
      abort.abort();
    }
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  // A terminal that goes away may close stdin before (or instead of) sending SIGHUP.
  const onInputGone = () => onSignal('SIGHUP');
  if (!plain) for (const e of ['end', 'close'] as const) ctx.io.stdin.on(e, onInputGone);
  const ui: SessionUi = plain
    ? (await import('../ui/plain-session.js')).plainSessionUi({ input: ctx.io.stdin, out: ctx.out, columns: cols, signal: abort.signal })
    : (await import('../ui/tty-session.js')).ttySessionUi({
        input: ctx.io.stdin,
        output: ctx.io.stdout,
        signal: abort.signal,
        theme: ctx.theme,
        size: () => ({ columns: ctx.io.stdout.columns ?? 80, rows: ctx.io.stdout.rows ?? 24 }),
        editorCommand: ctx.config().editor,
      });

  const total = saved.plan.items.length;
  const title =
    kind === 'mock'
      ? `Mock interview: ${MOCK_LOOPS[saved.plan.format ?? 'phone'].title}, ${plural(total, 'question')}, ${formatClock((saved.plan.overallLimit ?? 0) * 1000)} on the clock. No feedback until the end.`
      : `${kind === 'review' ? 'Review' : 'Drill'}: ${plural(total, 'question')}.`;
  ctx.out(wrap(title, cols).map((l) => ctx.theme.c.bold(l)));

  try {
    while (!isDone(state)) {
      const item = currentItem(state)!;
      const question = catalog.byId.get(item.questionId);
      if (!question) {
        // Removed from the banks since the session was planned: nothing to ask.
        ctx.err(`sre-drill: question "${item.questionId}" is no longer in the banks; skipping it.`);
        state = { ...state, index: state.index + 1 };
        if (!isDone(state)) state = resumeAt(saved.plan, { index: state.index, turn: 'question', followUp: null, remainingMs: null, hintsShown: 0, loopUsedMs: state.loopUsedMs }, ctx.now());
        continue;
      }
      const saved0 = drafts.get(state.index);
      const draft = saved0 && saved0.questionId === question.id && saved0.turn === state.turn ? saved0.text : '';
      drafts.delete(state.index);
      liveDraft = draft;
      const hints = question.hints.slice(0, state.hintsShown);
      state = showTurn(state, ctx.now());
      const pausesBefore = state.pauses;
      const result = await ui.answer({
        heading: headingOf(state, question, total),
        question: question.prompt,
        followUp: state.followUp ?? undefined,
        hints,
        draft,
        onDraft: (text) => void (liveDraft = text),
        clock: () => {
          const t = ctx.now();
          return { remainingMs: remainingMs(state, t), limitMs: state.limitMs, loopRemainingMs: loopRemainingMs(state, t) };
        },
        overtime: saved.overtime,
        pair: saved.pair,
        actions: {
          hint: () => {
            const r = nextHint(state, question);
            state = r.state;
            return r.hint;
          },
          ...(kind === 'mock'
            ? { pause: () => void (state = pause(state, ctx.now())), unpause: () => void (state = unpause(state, ctx.now())) }
            : {}),
        },
      });
      // The answer's time ends when it is submitted, not after grading or the pair checklist.
      const now = ctx.now();
      liveDraft = result.text;
      // Skipping a follow-up adds nothing: the answer to the question stands, as it was graded.
      const followUpSkipped = result.action === 'skip' && state.turn === 'follow-up';
      const skipped = result.action === 'skip' && !followUpSkipped;
      let graded: GradeResult;
      let notes = '';
      const first = state.turn === 'follow-up' ? store.attempts({ sessionId, questionId: question.id }).at(-1) : undefined;
      if (followUpSkipped && first) {
        graded = { id: question.id, score: first.score, points: first.points, star: first.star, truncated: false, notices: [] };
      } else if (saved.pair && !skipped) {
        const checklist = await ui.checklist(question.keyPoints.map((k) => k.point));
        graded = pairResult(question, checklist.ticked);
        notes = checklist.notes;
      } else {
        // A follow-up is graded with the first answer, so points made when probed count.
        graded = (await grader()).grade(question, first ? `${first.answer}\n${result.text}` : result.text);
      }
      if (skipped) {
        // A skip earns nothing, whatever was typed before it; the feedback says so plainly.
        graded = { ...graded, score: 0, points: graded.points.map((p) => ({ ...p, matched: false, strength: 0, evidence: '' })), notices: ['Skipped: the key points and the model answer below are what a full answer covers.'] };
      }
      const wasFollowUp = state.turn === 'follow-up';
      const fin = finishTurn(state, question, { skipped, timedOut: result.action === 'timeout', missedPoints: graded.points.some((p) => !p.matched) }, now, rng);
      const suggested = suggestRating({ score: graded.score, skipped, overTime: fin.record.overTime, hintsUsed: fin.record.hintsUsed });
      // Ask for a rating only where feedback is shown; the mock and plain mode use the suggestion.
      const willAsk = kind !== 'mock' && ui.interactive && !wasFollowUp;
      const attemptId = store.recordAttempt(
        {
          sessionId,
          questionId: question.id,
          category: question.category,
          topics: question.topics,
          prompt: wasFollowUp ? followUpPrompt(question.prompt, fin.record.followUp ?? '') : question.prompt,
          keyPoints: question.keyPoints,
          answer: result.text,
          points: graded.points,
          score: graded.score,
          star: graded.star,
          durationMs: fin.record.durationMs,
          timeLimit: fin.record.timeLimit,
          overTime: fin.record.overTime,
          hintsUsed: fin.record.hintsUsed,
          skipped,
          mode: saved.pair ? 'pair' : 'typed',
          notes: [wasFollowUp ? `Follow-up: ${fin.record.followUp ?? ''}` : '', pausedNote(state.pauses - pausesBefore), notes].filter(Boolean).join('\n'),
          suggestedRating: suggested,
          rating: null,
          startedAt: fin.record.startedAt,
          answeredAt: now,
        },
        { ratingApplied: wasFollowUp || willAsk || question.ungraded ? null : suggested, progress: { position: fin.state.index, draft: null } },
      );
      state = fin.state;
      liveDraft = '';
      if (kind !== 'mock') {
        const [{ renderFeedback }, { bar }] = await Promise.all([import('../ui/render-feedback.js'), import('../ui/report/format.js')]);
        // The grader's feedback, under a score bar that shows the result at a glance.
        const { fill, rest } = bar(graded.score, Math.min(30, cols - 10));
        const colour = graded.score >= 0.7 ? ctx.theme.c.green : graded.score >= 0.4 ? ctx.theme.c.yellow : ctx.theme.c.red;
        ctx.out(['', ...(graded.points.length ? [`${colour(fill)}${ctx.theme.c.dim(rest)}`] : []), ...renderFeedback(question, graded, ctx.theme, cols)]);
        if (notes) ctx.out(['', ctx.theme.c.bold("Interviewer's notes"), ...wrap(sanitise(notes), cols, '  ')]);
        if (willAsk && !question.ungraded) {
          let rating: Rating = suggested;
          try {
            rating = (await ui.rating(suggested)) ?? suggested;
          } finally {
            // Even when interrupted here the card is scheduled, with the suggestion.
            store.rateAttempt(attemptId, rating, ctx.now());
          }
        } else if (!question.ungraded) {
          ctx.out(ctx.theme.c.dim(`Rated ${suggested} (the grader's suggestion).`));
        }
      } else if (fin.followUp) {
        ctx.out(ctx.theme.c.dim('The interviewer has a follow-up question.'));
      }
      if (state.ended === 'loop-clock') ctx.out(ctx.theme.c.yellow('The interview clock has run out.'));
    }
    store.finishSession(sessionId, 'finished', ctx.now());
    ui.close();
    await summary(ctx, store, catalog, sessionId, kind, cols);
    return EXIT.ok;
  } catch (err) {
    if (!(err instanceof PromptCancelled)) throw err;
    const text = err.draft || liveDraft;
    saveInterrupted(text);
    ui.close();
    ctx.err([
      '',
      `sre-drill: session interrupted; ${text ? 'answers and draft' : 'answers'} saved.`,
      'sre-drill: run `sre-drill resume` to continue where you stopped.',
    ]);
    return EXIT.interrupted;
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
    for (const e of ['end', 'close'] as const) ctx.io.stdin.off(e, onInputGone);
  }
}

/** Pauses are kept with the answer, so a report can tell a paused answer from a straight one. */
function pausedNote(pauses: number): string {
  return pauses > 0 ? `Paused ${plural(pauses, 'time')} (clock stopped).` : '';
}

function headingOf(state: EngineState, q: Question, total: number): string {
  const where = `Question ${state.index + 1} of ${total}`;
  const what = state.turn === 'follow-up' ? 'follow-up' : `${q.category} · ${q.topics.map(sanitiseLine).join(', ')}`;
  return `${where} · ${what}`;
}

/** Pair mode: each ticked key point counts in full, the rest not at all. */
function pairResult(q: Question, ticked: readonly number[]): GradeResult {
  const points: PointResult[] = q.keyPoints.map((k, index) => {
    const made = ticked.includes(index);
    return { index, point: k.point, weight: k.weight, matched: made, strength: made ? 1 : 0, evidence: '' };
  });
  return { id: q.id, score: scorePoints(points), points, truncated: false, notices: [] };
}

/** The end of a session: the study report after a mock, a short summary after a drill or review. */
async function summary(ctx: Context, store: Store, catalog: Catalog, sessionId: number, kind: SessionKind, cols: number): Promise<void> {
  const now = ctx.now();
  const [{ summarise }, { renderText, sessionSummaryLines }] = await Promise.all([import('../core/report/index.js'), import('../ui/report/text.js')]);
  const attempts = store.attempts({ sessionId });
  const model = summarise(
    {
      attempts,
      cards: store.cards(now),
      catalog,
      period: { from: null, to: now, label: `session ${sessionId}`, sessionId, sessionKind: kind },
      utcOffsetMinutes: -now.getTimezoneOffset(),
    },
    now,
  );
  ctx.out(['', ...(kind === 'mock' ? renderText(model, ctx.theme, cols) : sessionSummaryLines(model, ctx.theme, cols))]);
}
