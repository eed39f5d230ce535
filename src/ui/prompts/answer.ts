import {
  createPrompt,
  isBackspaceKey,
  isEnterKey,
  useEffect,
  useKeypress,
  useRef,
  useState,
  type KeypressEvent,
} from '@inquirer/core';
import { clockTone, formatClock, type ClockTone } from '../../core/session/engine.js';
import { sanitise } from '../sanitise.js';
import { width, wrap } from '../table.js';
import type { Theme } from '../theme.js';

/**
 * The answering prompt: the question, a live countdown and a multi-line answer. Enter adds a
 * line, Enter on an empty line submits, and every other action is a Ctrl key or the same
 * `:command` a plain-mode user types on a line of its own. The clock itself belongs to the
 * caller (the session engine): the prompt asks it for the time left once a second.
 */

export interface ClockReading {
  /** Ms left on this answer (negative when over); null without a timer. */
  remainingMs: number | null;
  limitMs: number | null;
  /** Ms left on a mock's overall clock; null when there is none. */
  loopRemainingMs: number | null;
}

export interface AnswerActions {
  /** The next hint, or null when there is none left. */
  hint(): string | null;
  /** Mock only: stop and restart the clock. */
  pause?(): void;
  unpause?(): void;
}

export type AnswerAction = 'submit' | 'skip' | 'timeout';

export interface AnswerResult {
  action: AnswerAction;
  text: string;
}

export interface AnswerConfig {
  /** `Question 2 of 5 · definitions · slo` (plain text). */
  heading: string;
  /** Question text (untrusted: sanitised here). */
  question: string;
  /** The interviewer's follow-up, when this turn is one. */
  followUp?: string;
  /** Hints already shown on this turn (a resumed question keeps them). */
  hints?: string[];
  /** Text to start from (a draft kept by an interrupted session). */
  draft?: string;
  clock(): ClockReading;
  /** Keep counting past zero (`--overtime allow`) instead of submitting. */
  overtime: boolean;
  actions: AnswerActions;
  /** Pair mode: nobody types; Enter says the candidate has finished speaking. */
  pair?: boolean;
  theme: Theme;
  /** Terminal size, read at every render so a resize is honoured. */
  size(): { columns: number; rows: number };
  /** Opens the text in $EDITOR; resolves with the edited text. */
  editor(text: string): Promise<string>;
  /** Receives the answer text at every change: what a Ctrl-C keeps as the draft. */
  onDraft(text: string): void;
}

/** Keys, documented once: the footer and the README both come from this table. */
export const ANSWER_KEYS = {
  hint: { key: 'Ctrl-T', ctrl: 't', command: ':hint', label: 'hint' },
  skip: { key: 'Ctrl-X', ctrl: 'x', command: ':skip', label: 'skip' },
  edit: { key: 'Ctrl-O', ctrl: 'o', command: ':edit', label: '$EDITOR' },
  pause: { key: 'Ctrl-P', ctrl: 'p', command: ':pause', label: 'pause' },
  quit: { key: 'Ctrl-Q', ctrl: 'q', command: ':quit', label: 'quit' },
} as const;
type KeyAction = keyof typeof ANSWER_KEYS;

const TICK_MS = 1000;
/** Lines of the submitted answer left on screen after the prompt closes. */
const DONE_ECHO_LINES = 6;

type Status = 'answering' | 'editing' | 'paused' | 'done';

export const answerPrompt = createPrompt<AnswerResult | { action: 'quit'; text: string }, AnswerConfig>((config, done) => {
  const { theme } = config;
  const c = theme.c;
  const [status, setStatus] = useState<Status>('answering');
  // A saved draft comes back with its last line open for editing, as it was when interrupted.
  const draftLines = config.draft ? config.draft.replace(/\r\n?/g, '\n').split('\n') : [];
  const [lines, setLines] = useState<string[]>(draftLines.slice(0, -1));
  const [current, setCurrent] = useState(draftLines.at(-1) ?? '');
  const [hints, setHints] = useState<string[]>(config.hints ?? []);
  const [notice, setNotice] = useState('');
  const [, setTick] = useState(0);
  const statusRef = useRef<Status>('answering');
  statusRef.current = status;
  const textRef = useRef('');
  const text = [...lines, ...(current ? [current] : [])].join('\n').replace(/\s+$/, '');
  textRef.current = text;

  const finish = (result: AnswerResult | { action: 'quit'; text: string }) => {
    statusRef.current = 'done';
    setStatus('done');
    done(result);
  };

  // The countdown: re-render each second, submit the partial answer when the time is gone.
  useEffect(() => {
    const timer = setInterval(() => {
      // While $EDITOR owns the terminal the clock runs but nothing is drawn over it.
      if (statusRef.current !== 'answering') return;
      const { remainingMs } = config.clock();
      if (remainingMs !== null && remainingMs <= 0 && !config.overtime) finish({ action: 'timeout', text: textRef.current });
      else setTick((t) => t + 1);
    }, TICK_MS);
    return () => clearInterval(timer);
  }, []);

  useEffect((rl) => {
    if (current) rl.write(current);
  }, []);

  useEffect(() => {
    config.onDraft(text);
  }, [text]);

  const runAction = (action: KeyAction, rl: Parameters<Parameters<typeof useKeypress>[0]>[1]) => {
    setNotice('');
    if (action === 'quit') return finish({ action: 'quit', text: textRef.current });
    if (action === 'skip') return finish({ action: 'skip', text: textRef.current });
    if (action === 'hint') {
      const hint = config.actions.hint();
      if (hint === null) setNotice(hints.length ? 'No more hints for this question.' : 'This question has no hints.');
      else setHints([...hints, hint]);
      return;
    }
    if (action === 'pause') {
      if (!config.actions.pause) return setNotice('Pausing is for mock interviews; the drill clock keeps running.');
      config.actions.pause();
      return setStatus('paused');
    }
    if (config.pair) return setNotice('Pair mode has no typed answer to edit.');
    // $EDITOR with the text so far; the countdown keeps running underneath.
    setStatus('editing');
    statusRef.current = 'editing';
    rl.pause();
    config
      .editor(textRef.current)
      .then(
        (edited) => {
          const body = edited.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
          setLines(body ? body.split('\n') : []);
          rl.clearLine(0);
          setCurrent('');
        },
        (err: unknown) => setNotice(`The editor failed: ${(err as Error).message}`),
      )
      .finally(() => {
        rl.resume();
        if (statusRef.current !== 'editing') return;
        setStatus('answering');
        statusRef.current = 'answering';
        const { remainingMs } = config.clock();
        if (remainingMs !== null && remainingMs <= 0 && !config.overtime) finish({ action: 'timeout', text: textRef.current });
      });
  };

  useKeypress((key: KeypressEvent, rl) => {
    if (statusRef.current === 'done' || statusRef.current === 'editing') return;
    if (statusRef.current === 'paused') {
      // Any key ends the pause; the key itself is not typed.
      config.actions.unpause?.();
      rl.clearLine(0);
      rl.write(current);
      setStatus('answering');
      return;
    }
    const ctrlAction = key.ctrl ? (Object.keys(ANSWER_KEYS) as KeyAction[]).find((a) => ANSWER_KEYS[a].ctrl === key.name) : undefined;
    if (ctrlAction) {
      // Readline ignores these keys, so the line is untouched.
      runAction(ctrlAction, rl);
      return;
    }
    if (isEnterKey(key)) {
      // Readline has already emptied its line: `current` still holds what was typed.
      (rl as unknown as { history: string[] }).history = [];
      const line = current;
      const command = (Object.keys(ANSWER_KEYS) as KeyAction[]).find((a) => ANSWER_KEYS[a].command === line.trim());
      setCurrent('');
      if (command) {
        // The command line is not part of the answer.
        textRef.current = lines.join('\n').replace(/\s+$/, '');
        return runAction(command, rl);
      }
      if (config.pair) return finish({ action: 'submit', text: '' });
      if (line.trim() === '') {
        if (lines.some((l) => l.trim())) return finish({ action: 'submit', text: lines.join('\n').replace(/\s+$/, '') });
        setNotice(`Type your answer first (or ${ANSWER_KEYS.skip.key} to skip).`);
        return;
      }
      setLines([...lines, line]);
      setNotice('');
      return;
    }
    if (config.pair) {
      rl.clearLine(0);
      return;
    }
    if (isBackspaceKey(key) && current === '' && rl.line === '' && lines.length) {
      // Backspace at the start of a line joins it to the line above.
      const prev = lines[lines.length - 1]!;
      setLines(lines.slice(0, -1));
      rl.write(prev);
      setCurrent(prev);
      return;
    }
    setCurrent(rl.line);
  });

  const { columns, rows } = config.size();
  const cols = Math.max(20, columns);
  const raw = config.clock();
  // Without --overtime the answer is submitted at zero: the last frame says 0:00, never "over".
  const reading = !config.overtime && raw.remainingMs !== null && raw.remainingMs < 0 ? { ...raw, remainingMs: 0 } : raw;
  const header = headerLine(config.heading, reading, status, cols, theme);
  const body: string[] = [...wrap(sanitise(config.question), cols - 1)];
  if (config.followUp) body.push('', ...wrap(`${c.bold('Follow-up:')} ${sanitise(config.followUp)}`, cols - 1));
  for (const [i, h] of hints.entries()) body.push(...wrap(c.cyan(`Hint ${i + 1}: ${sanitise(h)}`), cols - 1));
  const footer = footerLines(config, status, cols, theme);
  if (notice) footer.unshift(c.yellow(notice));

  if (status === 'done') {
    // The transcript keeps a short echo of what was submitted.
    const echo = textRef.current ? textRef.current.split('\n').flatMap((l) => wrap(sanitise(l) || ' ', cols - 3, '  ', '  ')) : [];
    const shownEcho = echo.length > DONE_ECHO_LINES ? [...echo.slice(0, DONE_ECHO_LINES), `  … ${echo.length - DONE_ECHO_LINES} more lines`] : echo;
    return [header, ...body, ...shownEcho.map((l) => c.dim(l))].join('\n');
  }
  if (status === 'paused') return [[header, ...body, '', c.bold('Paused: the clock is stopped. Press any key to continue.')].join('\n'), footer.join('\n')];
  if (status === 'editing') return [[header, ...body, '', c.dim('Editing in $EDITOR; the clock keeps running. Save and close the editor to come back.')].join('\n'), ''];

  const prompt = config.pair ? c.dim('(the candidate answers out loud)') : '';
  // Keep the whole prompt on screen: older answer lines scroll off above a marker.
  const room = Math.max(3, rows - 1 - body.length - footer.length - 2);
  const typed = lines.flatMap((l) => wrap(sanitise(l) || ' ', cols - 3, '  ', '  ').map((w) => (w.trim() ? w : '')));
  const shown = typed.length > room - 1 ? [c.dim(`  … ${typed.length - (room - 1) + 1} earlier lines`), ...typed.slice(typed.length - (room - 2))] : typed;
  const content = [header, ...body, '', ...shown, config.pair ? prompt : `${c.green('›')} ${current}`];
  return [content.join('\n'), footer.join('\n')];
});

const TONE_STYLE: Record<ClockTone, (t: Theme, s: string) => string> = {
  calm: (_t, s) => s,
  warn: (t, s) => t.c.yellow(s),
  urgent: (t, s) => t.c.red(s),
  over: (t, s) => t.c.red.bold(s),
};

/** `Question 1 of 3 · definitions · slo      ⏱ 1:24`: the clock right-aligned on one line when it fits. */
export function headerLine(heading: string, r: ClockReading, status: Status, cols: number, theme: Theme): string {
  const parts: string[] = [];
  if (r.remainingMs !== null) {
    const tone = clockTone(r.remainingMs, r.limitMs);
    // Without colour the tone still shows: a mark after the time.
    const mark = theme.color ? '' : tone === 'warn' ? ' !' : tone === 'urgent' || tone === 'over' ? ' !!' : '';
    const label = r.remainingMs < 0 ? `over ${formatClock(-r.remainingMs)}` : `${formatClock(r.remainingMs)} left`;
    parts.push(TONE_STYLE[tone](theme, `⏱ ${label}${mark}`));
  }
  if (r.loopRemainingMs !== null) parts.push(theme.c.dim(`loop ${formatClock(Math.max(0, r.loopRemainingMs))}`));
  if (status === 'paused') parts.push(theme.c.bold('paused'));
  const right = parts.join('  ');
  const left = theme.c.bold(sanitise(heading));
  const gap = cols - 1 - width(left) - width(right);
  return gap >= 2 ? `${left}${' '.repeat(gap)}${right}` : `${left}\n${right}`;
}

/** What the keys do, always on screen, wrapped to the width (two or three lines at 40 columns). */
export function footerLines(config: Pick<AnswerConfig, 'pair' | 'actions'>, status: Status, cols: number, theme: Theme): string[] {
  const k = ANSWER_KEYS;
  const items = config.pair
    ? ['Enter: finished, tick the points']
    : ['Enter: new line', 'Enter on an empty line: submit', `${k.edit.key}: ${k.edit.label}`];
  items.push(`${k.hint.key}: ${k.hint.label}`, `${k.skip.key}: ${k.skip.label}`);
  if (config.actions.pause) items.push(`${k.pause.key}: ${k.pause.label}`);
  items.push(`${k.quit.key}/Ctrl-C: ${k.quit.label}`);
  if (status === 'paused') return [theme.c.dim('Any key: continue')];
  const out: string[] = [];
  let line = '';
  for (const item of items) {
    const next = line ? `${line} · ${item}` : item;
    if (line && width(next) > cols - 1) {
      out.push(line);
      line = item;
    } else line = next;
  }
  if (line) out.push(line);
  return out.map((l) => theme.c.dim(l));
}
