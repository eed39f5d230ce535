import { AbortPromptError, CancelPromptError, ExitPromptError } from '@inquirer/core';
import { checkbox, input, select } from '@inquirer/prompts';
import { RATINGS, type Rating } from '../../core/model.js';
import { sanitiseLine } from '../sanitise.js';
import { PromptCancelled } from './cancelled.js';
import { answerPrompt, type AnswerConfig, type AnswerResult } from './answer.js';

/**
 * The prompts a session shows, each turning Ctrl-C, a closed terminal and `quit` into a
 * `PromptCancelled` that carries the text being typed (kept as the session's draft).
 */

export { PromptCancelled };

/** Where prompts read and draw, and the signal that aborts them (SIGTERM, SIGHUP). */
export interface PromptIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  signal?: AbortSignal;
  /** false: draw without colour (`--no-color`; NO_COLOR alone is honoured by @inquirer itself). */
  color?: boolean;
}

const same = (text: string) => text;
/** @inquirer's theme with every style a no-op, for `--no-color`. */
const NO_COLOR_THEME = {
  prefix: { idle: '?', done: '✔' },
  icon: { cursor: '❯', checked: '◉', unchecked: '◯' },
  style: {
    answer: same,
    message: same,
    help: same,
    highlight: same,
    description: same,
    disabled: same,
    defaultAnswer: (text: string) => `(${text})`,
    error: (text: string) => `> ${text}`,
    key: (text: string) => `<${text}>`,
    keysHelpTip: (keys: [string, string][]) => keys.map(([key, action]) => `${key} ${action}`).join(' • '),
  },
};
const themeFor = (io: PromptIo) => (io.color === false ? { theme: NO_COLOR_THEME } : {});

function isPromptExit(err: unknown): boolean {
  return err instanceof ExitPromptError || err instanceof AbortPromptError || err instanceof CancelPromptError;
}

async function guard<T>(run: () => Promise<T>, draft: () => string): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isPromptExit(err)) throw new PromptCancelled(draft());
    throw err;
  }
}

/** Asks one question; resolves with the answer, or rejects with `PromptCancelled` holding the draft. */
export async function askAnswer(config: AnswerConfig, io: PromptIo): Promise<AnswerResult> {
  let draft = config.draft ?? '';
  const r = await guard(
    () =>
      answerPrompt(
        { ...config, onDraft: (t) => ((draft = t), config.onDraft(t)) },
        { input: io.input, output: io.output, signal: io.signal },
      ),
    () => draft,
  );
  if (r.action === 'quit') throw new PromptCancelled(r.text);
  return r;
}

const RATING_HELP: Record<Rating, string> = {
  again: 'Again: I could not answer it; show it again soon',
  hard: 'Hard: I got there with effort or gaps',
  good: 'Good: a solid answer',
  easy: 'Easy: effortless; space it far out',
};

/** Again / Hard / Good / Easy, preselected from the grader's suggestion. */
export async function askRating(suggested: Rating, io: PromptIo): Promise<Rating> {
  return guard(
    () =>
      select<Rating>(
        {
          message: `How did that go? (suggested: ${suggested})`,
          choices: RATINGS.map((r) => ({ value: r, name: RATING_HELP[r] })),
          default: suggested,
          ...themeFor(io),
        },
        { input: io.input, output: io.output, signal: io.signal },
      ),
    () => '',
  );
}

/** Pair mode: the interviewer ticks the key points the candidate made, then may type notes. */
export async function askChecklist(points: readonly string[], io: PromptIo): Promise<{ ticked: number[]; notes: string }> {
  let notes = '';
  const ticked = await guard(
    () =>
      checkbox<number>(
        {
          message: 'Tick the key points the candidate made (Space to tick, Enter when done)',
          choices: points.map((p, i) => ({ value: i, name: sanitiseLine(p) })),
          pageSize: 12,
          ...themeFor(io),
        },
        { input: io.input, output: io.output, signal: io.signal },
      ),
    () => '',
  );
  notes = await guard(
    () => input({ message: 'Notes for the candidate (Enter to leave empty):', ...themeFor(io) }, { input: io.input, output: io.output, signal: io.signal }),
    () => notes,
  );
  return { ticked, notes };
}

export interface MenuChoice<V extends string> {
  value: V;
  name: string;
}

/** The start menu (`sre-drill` in a terminal). */
export async function askMenu<V extends string>(message: string, choices: readonly MenuChoice<V>[], io: PromptIo): Promise<V> {
  return guard(() => select<V>({ message, choices: [...choices], ...themeFor(io) }, { input: io.input, output: io.output, signal: io.signal }), () => '');
}

/**
 * Opens the editor on the text: `command` (the config's `editor`) when given, else $VISUAL,
 * $EDITOR, then vim. Loaded only when asked for.
 */
export async function openEditor(text: string, command?: string): Promise<string> {
  const { ExternalEditor } = await import('@inquirer/external-editor');
  // A text file ends with a newline; editors and tools that append expect one.
  const editor = new ExternalEditor(text ? `${text}\n` : '', { postfix: '.md' });
  if (command) editor.editor = { bin: command.split(/\s+/)[0]!, args: command.split(/\s+/).slice(1) };
  return editor.runAsync();
}
