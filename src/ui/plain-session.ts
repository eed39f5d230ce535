import { createInterface, type Interface } from 'node:readline';
import { formatClock } from '../core/session/engine.js';
import { PromptCancelled } from './prompts/cancelled.js';
import type { AnswerResult } from './prompts/answer.js';
import { sanitise, sanitiseLine } from './sanitise.js';
import type { Checklist, SessionUi, TurnView } from './session-ui.js';
import { wrap } from './table.js';

/**
 * Plain mode: the session as lines, for pipes, scripts and screen readers. No colour, no cursor
 * movement. An answer ends at a line holding only `.` or at the end of input; `:hint`, `:skip`,
 * `:pause` and `:quit` work as lines. Time limits still hold, on the wall clock.
 */

const TIMEOUT = Symbol('timeout');

/** Lines from a stream, one at a time, with a deadline and an abort signal. */
export class LineReader {
  private readonly rl: Interface;
  private readonly queue: string[] = [];
  private ended = false;
  private wake: (() => void) | null = null;

  constructor(input: NodeJS.ReadableStream) {
    this.rl = createInterface({ input, terminal: false, crlfDelay: Infinity });
    this.rl.on('line', (l) => {
      this.queue.push(l);
      this.wake?.();
    });
    this.rl.on('close', () => {
      this.ended = true;
      this.wake?.();
    });
  }

  /** The next line; null at the end of input; TIMEOUT when `timeoutMs` passed first. */
  async next(timeoutMs: number | null, signal?: AbortSignal): Promise<string | null | typeof TIMEOUT> {
    for (;;) {
      if (signal?.aborted) throw new PromptCancelled('');
      if (this.queue.length) return this.queue.shift()!;
      if (this.ended) return null;
      if (timeoutMs !== null && timeoutMs <= 0) return TIMEOUT;
      let timer: NodeJS.Timeout | undefined;
      let onAbort: (() => void) | undefined;
      const outcome = await new Promise<'line' | 'timeout' | 'abort'>((resolve) => {
        if (timeoutMs !== null) timer = setTimeout(() => resolve('timeout'), timeoutMs);
        onAbort = () => resolve('abort');
        signal?.addEventListener('abort', onAbort, { once: true });
        this.wake = () => resolve('line');
      });
      this.wake = null;
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      if (outcome === 'timeout') return TIMEOUT;
      if (outcome === 'abort') throw new PromptCancelled('');
    }
  }

  close(): void {
    this.rl.close();
  }
}

export interface PlainOptions {
  input: NodeJS.ReadableStream;
  out(lines: string | readonly string[]): void;
  columns: number;
  signal?: AbortSignal;
}

const COMMANDS = "Answer below; end with a line holding only '.' (or :hint, :skip, :pause, :quit on a line of their own).";

export function plainSessionUi(opts: PlainOptions): SessionUi {
  const reader = new LineReader(opts.input);
  const cols = Math.max(40, Math.min(opts.columns, 100));
  const { out, signal } = opts;
  let told = false;

  const read = async (timeoutMs: number | null, text: () => string) => {
    try {
      return await reader.next(timeoutMs, signal);
    } catch (err) {
      if (err instanceof PromptCancelled) throw new PromptCancelled(text());
      throw err;
    }
  };

  return {
    interactive: false,
    async answer(turn: TurnView): Promise<AnswerResult> {
      const lines: string[] = turn.draft ? turn.draft.split('\n') : [];
      const text = () => lines.join('\n').replace(/\s+$/, '');
      const first = turn.clock();
      const limit = first.remainingMs === null ? 'no time limit' : `${formatClock(first.remainingMs)} to answer${turn.overtime ? ' (over time allowed)' : ''}`;
      out(['', `${sanitiseLine(turn.heading)} · ${limit}`]);
      if (first.loopRemainingMs !== null) out(`Interview clock: ${formatClock(Math.max(0, first.loopRemainingMs))} left`);
      out(wrap(sanitise(turn.question), cols));
      if (turn.followUp) out(wrap(`Follow-up: ${sanitise(turn.followUp)}`, cols));
      for (const [i, h] of turn.hints.entries()) out(wrap(`Hint ${i + 1}: ${sanitise(h)}`, cols));
      if (turn.draft) out(['Your saved draft:', ...turn.draft.split('\n').map((l) => `  ${sanitise(l)}`)]);
      if (turn.pair) out('Pair mode: the candidate answers out loud; enter a line holding only "." when they have finished.');
      else if (!told) out(COMMANDS);
      told = true;
      let hintCount = turn.hints.length;
      for (;;) {
        const { remainingMs } = turn.clock();
        const line = await read(turn.overtime ? null : remainingMs, text);
        if (line === TIMEOUT) {
          out("Time is up: the answer so far is submitted.");
          return { action: 'timeout', text: text() };
        }
        if (line === null) {
          // End of input: what was typed is the answer; with nothing typed, the session stops here.
          if (text() === '' && !turn.pair) throw new PromptCancelled('');
          return { action: 'submit', text: text() };
        }
        const cmd = line.trim();
        if (cmd === '.') return { action: 'submit', text: text() };
        if (cmd === ':skip') return { action: 'skip', text: text() };
        if (cmd === ':quit') throw new PromptCancelled(text());
        if (cmd === ':hint') {
          const hint = turn.actions.hint();
          out(hint === null ? (hintCount ? 'No more hints for this question.' : 'This question has no hints.') : wrap(`Hint ${++hintCount}: ${sanitise(hint)}`, cols));
          continue;
        }
        if (cmd === ':pause') {
          if (!turn.actions.pause) {
            out('Pausing is for mock interviews; the drill clock keeps running.');
            continue;
          }
          turn.actions.pause();
          out('Paused: the clock is stopped. Enter any line to continue.');
          const resumeLine = await read(null, text);
          turn.actions.unpause?.();
          if (resumeLine === null) throw new PromptCancelled(text());
          out('Continuing.');
          continue;
        }
        if (cmd === ':edit') {
          out('The editor needs a terminal; keep typing lines here.');
          continue;
        }
        if (!turn.pair) {
          lines.push(line);
          turn.onDraft(text());
        }
      }
    },
    async checklist(points: readonly string[]): Promise<Checklist> {
      out(['Key points:', ...points.map((p, i) => `  ${i + 1}. ${sanitiseLine(p)}`), 'Which did the candidate make? Numbers separated by spaces or commas (empty line: none).']);
      const ticks = await read(null, () => '');
      const ticked = [...new Set(String(ticks ?? '').split(/[\s,]+/).filter(Boolean).map(Number))]
        .filter((n) => Number.isInteger(n) && n >= 1 && n <= points.length)
        .map((n) => n - 1)
        .sort((a, b) => a - b);
      out('Notes for the candidate (one line, empty for none):');
      const notes = await read(null, () => '');
      return { ticked, notes: typeof notes === 'string' ? notes.trim() : '' };
    },
    async rating() {
      return null;
    },
    close() {
      reader.close();
    },
  };
}
