import { render } from '@inquirer/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnswerConfig } from '../../../src/ui/prompts/answer.js';
import { askAnswer, PromptCancelled } from '../../../src/ui/prompts/session.js';
import { width } from '../../../src/ui/table.js';
import { makeTheme } from '../../../src/ui/theme.js';

// Only the prompt's own clock is faked: @inquirer/testing waits on real setImmediate.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'], now: new Date('2026-11-01T09:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A clock like the engine's: limit minus the time since the prompt opened, stopped while paused. */
function config(over: Partial<AnswerConfig> = {}, limitMs: number | null = 120_000) {
  const start = Date.now();
  let pausedAt: number | null = null;
  let pausedMs = 0;
  const calls = { pause: 0, unpause: 0, drafts: [] as string[] };
  const hints = ['First hint.', 'Second hint.'];
  const used = () => (pausedAt ?? Date.now()) - start - pausedMs;
  const cfg: AnswerConfig = {
    heading: 'Question 1 of 2 · definitions',
    question: 'What is an SLO?',
    clock: () => ({ remainingMs: limitMs === null ? null : limitMs - used(), limitMs, loopRemainingMs: null }),
    overtime: false,
    actions: { hint: () => hints.shift() ?? null },
    theme: makeTheme(false),
    size: () => ({ columns: 80, rows: 24 }),
    editor: async (t) => t,
    onDraft: (t) => void calls.drafts.push(t),
    ...over,
  };
  const withPause = () => {
    cfg.actions = {
      ...cfg.actions,
      pause: () => void (calls.pause++, (pausedAt = Date.now())),
      unpause: () => void (calls.unpause++, (pausedMs += Date.now() - pausedAt!), (pausedAt = null)),
    };
    return cfg;
  };
  return { cfg, calls, withPause };
}

async function ask(cfg: AnswerConfig) {
  const r = await render((c: AnswerConfig, ctx) => askAnswer(c, { input: ctx!.input!, output: ctx!.output! }), cfg);
  // Prompts a test leaves open are cancelled when the worker exits; that is not a failure.
  r.answer.catch(() => undefined);
  return r;
}

async function tick(r: Awaited<ReturnType<typeof ask>>, ms: number) {
  vi.advanceTimersByTime(ms);
  await r.nextRender();
}

describe('answer prompt: the countdown', () => {
  it('shows the question, the heading and m:ss, updating every second', async () => {
    const r = await ask(config().cfg);
    expect(r.getScreen()).toContain('Question 1 of 2 · definitions');
    expect(r.getScreen()).toContain('What is an SLO?');
    expect(r.getScreen()).toContain('⏱ 2:00 left');
    await tick(r, 1000);
    expect(r.getScreen()).toContain('⏱ 1:59 left');
    r.events.type('An SLO');
    await tick(r, 1000);
    expect(r.getScreen()).toContain('⏱ 1:58 left');
    expect(r.getScreen()).toContain('› An SLO');
  });

  it('turns yellow at 25 % left and red at 10 %', async () => {
    const r = await ask(config({ theme: makeTheme(true) }).cfg);
    const clockLine = () => r.getScreen({ raw: true }).split('\n').find((l) => l.includes('⏱'))!;
    await tick(r, 89_000);
    expect(clockLine()).not.toMatch(/\x1b\[3[13]m⏱/);
    await tick(r, 1000); // 30 s of 120 left: 25 %
    expect(clockLine()).toMatch(/\x1b\[33m⏱ 0:30 left/);
    await tick(r, 18_000); // 12 s left: 10 %
    expect(clockLine()).toMatch(/\x1b\[31m⏱ 0:12 left/);
  });

  it('without colour the thresholds still show as marks', async () => {
    const r = await ask(config().cfg);
    await tick(r, 90_000);
    expect(r.getScreen()).toContain('⏱ 0:30 left !');
    await tick(r, 18_000);
    expect(r.getScreen()).toContain('⏱ 0:12 left !!');
  });

  it('on expiry submits the partial answer, marked as a timeout', async () => {
    const r = await ask(config().cfg);
    r.events.type('An SLO is a target');
    r.events.keypress('enter');
    r.events.type('over a window');
    await tick(r, 120_000);
    await expect(r.answer).resolves.toEqual({ action: 'timeout', text: 'An SLO is a target\nover a window' });
  });

  it('a late clock tick at expiry still shows 0:00, not "over", without --overtime', async () => {
    // The limit falls between two ticks, so the tick that submits comes half a second late.
    const r = await ask(config({}, 120_500).cfg);
    await tick(r, 121_000);
    await expect(r.answer).resolves.toMatchObject({ action: 'timeout' });
    expect(r.getScreen()).toContain('⏱ 0:00 left');
    expect(r.getScreen()).not.toContain('over 0:');
  });

  it('with overtime allowed keeps counting past zero', async () => {
    const r = await ask(config({ overtime: true }).cfg);
    await tick(r, 125_000);
    expect(r.getScreen()).toContain('⏱ over 0:05');
    r.events.type('late but complete');
    r.events.keypress('enter');
    r.events.keypress('enter');
    await expect(r.answer).resolves.toEqual({ action: 'submit', text: 'late but complete' });
  });

  it('shows no clock with --no-timer and never expires', async () => {
    const r = await ask(config({}, null).cfg);
    await tick(r, 3_600_000);
    expect(r.getScreen()).not.toContain('⏱');
    r.events.type('done');
    r.events.keypress('enter');
    r.events.keypress('enter');
    await expect(r.answer).resolves.toMatchObject({ action: 'submit', text: 'done' });
  });
});

describe('answer prompt: typing and keys', () => {
  it('Enter adds a line, Enter on an empty line submits all lines', async () => {
    const { cfg, calls } = config();
    const r = await ask(cfg);
    r.events.type('first line');
    r.events.keypress('enter');
    r.events.type('second line');
    r.events.keypress('enter');
    await r.nextRender();
    expect(r.getScreen()).toContain('  first line\n  second line');
    r.events.keypress('enter');
    await expect(r.answer).resolves.toEqual({ action: 'submit', text: 'first line\nsecond line' });
    expect(calls.drafts).toContain('first line\nsecond');
  });

  it('an empty Enter before any text asks for an answer instead of submitting', async () => {
    const r = await ask(config().cfg);
    r.events.keypress('enter');
    await r.nextRender();
    expect(r.getScreen()).toContain('Type your answer first (or Ctrl-X to skip).');
    r.events.type('now');
    r.events.keypress('enter');
    r.events.keypress('enter');
    await expect(r.answer).resolves.toEqual({ action: 'submit', text: 'now' });
  });

  it('the footer always says how to submit', async () => {
    const r = await ask(config().cfg);
    expect(r.getScreen()).toContain('Enter on an empty line: submit');
    expect(r.getScreen()).toContain('Ctrl-T: hint');
  });

  it('Ctrl-T and :hint show the hints in order, then say none are left', async () => {
    const r = await ask(config().cfg);
    r.events.keypress({ name: 't', ctrl: true });
    await r.nextRender();
    expect(r.getScreen()).toContain('Hint 1: First hint.');
    r.events.type(':hint');
    r.events.keypress('enter');
    await r.nextRender();
    expect(r.getScreen()).toContain('Hint 2: Second hint.');
    expect(r.getScreen()).not.toContain(':hint');
    r.events.keypress({ name: 't', ctrl: true });
    await r.nextRender();
    expect(r.getScreen()).toContain('No more hints for this question.');
  });

  it('Ctrl-X skips with the text typed so far', async () => {
    const r = await ask(config().cfg);
    r.events.type('not sure');
    r.events.keypress({ name: 'x', ctrl: true });
    await expect(r.answer).resolves.toEqual({ action: 'skip', text: 'not sure' });
  });

  it(':skip typed on its own line skips too', async () => {
    const r = await ask(config().cfg);
    r.events.type(':skip');
    r.events.keypress('enter');
    await expect(r.answer).resolves.toEqual({ action: 'skip', text: '' });
  });

  it('Ctrl-Q quits with the draft kept', async () => {
    const r = await ask(config().cfg);
    r.events.type('half an answer');
    r.events.keypress('enter');
    r.events.type('and more');
    r.events.keypress({ name: 'q', ctrl: true });
    const err = await r.answer.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PromptCancelled);
    expect((err as PromptCancelled).draft).toBe('half an answer\nand more');
    expect((err as PromptCancelled).exitCode).toBe(130);
  });

  it('Ctrl-C rejects with the draft as well', async () => {
    const r = await ask(config().cfg);
    r.events.type('typed before ctrl-c');
    r.events.keypress({ name: 'c', ctrl: true });
    const err = await r.answer.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PromptCancelled);
    expect((err as PromptCancelled).draft).toBe('typed before ctrl-c');
  });

  it('starts from a draft and keeps hints already shown (resume)', async () => {
    const r = await ask(config({ draft: 'kept line\nlast line', hints: ['Old hint.'] }).cfg);
    expect(r.getScreen()).toContain('  kept line\n› last line');
    expect(r.getScreen()).toContain('Hint 1: Old hint.');
    r.events.type(' continued');
    r.events.keypress('enter');
    r.events.keypress('enter');
    await expect(r.answer).resolves.toEqual({ action: 'submit', text: 'kept line\nlast line continued' });
  });

  it('Backspace on an empty line joins it to the line above', async () => {
    const r = await ask(config().cfg);
    r.events.type('abc');
    r.events.keypress('enter');
    r.events.keypress('backspace');
    await r.nextRender();
    expect(r.getScreen()).toContain('› abc');
    r.events.type('d');
    r.events.keypress('enter');
    r.events.keypress('enter');
    await expect(r.answer).resolves.toEqual({ action: 'submit', text: 'abcd' });
  });
});

describe('answer prompt: editor, pause, layout', () => {
  it('Ctrl-O hands the text to $EDITOR while the countdown keeps running', async () => {
    let release!: (t: string) => void;
    const seen: string[] = [];
    const { cfg } = config({ editor: (t) => (seen.push(t), new Promise<string>((res) => (release = res))) });
    const r = await ask(cfg);
    r.events.type('draft in the prompt');
    r.events.keypress({ name: 'o', ctrl: true });
    await r.nextRender();
    expect(seen).toEqual(['draft in the prompt']);
    expect(r.getScreen()).toContain('Editing in $EDITOR; the clock keeps running.');
    vi.advanceTimersByTime(30_000);
    release('rewritten in the editor\nwith a second line\n');
    await r.nextRender();
    expect(r.getScreen()).toContain('⏱ 1:30 left');
    expect(r.getScreen()).toContain('  rewritten in the editor\n  with a second line');
    r.events.keypress('enter');
    await expect(r.answer).resolves.toEqual({ action: 'submit', text: 'rewritten in the editor\nwith a second line' });
  });

  it('if the time ran out in the editor, the edited text is submitted as a timeout', async () => {
    let release!: (t: string) => void;
    const r = await ask(config({ editor: () => new Promise<string>((res) => (release = res)) }).cfg);
    r.events.type(':edit');
    r.events.keypress('enter');
    await r.nextRender();
    vi.advanceTimersByTime(121_000);
    release('finished in vim');
    await expect(r.answer).resolves.toEqual({ action: 'timeout', text: 'finished in vim' });
  });

  it('Ctrl-P pauses a mock (the clock stops) and any key continues', async () => {
    const { calls, withPause } = config();
    const r = await ask(withPause());
    await tick(r, 10_000);
    r.events.keypress({ name: 'p', ctrl: true });
    await r.nextRender();
    expect(calls.pause).toBe(1);
    expect(r.getScreen()).toContain('Paused: the clock is stopped.');
    // Paused: the screen is not redrawn and the clock does not move.
    vi.advanceTimersByTime(60_000);
    expect(r.getScreen()).toContain('1:50 left');
    r.events.keypress('a');
    await r.nextRender();
    expect(calls.unpause).toBe(1);
    await tick(r, 1000);
    expect(r.getScreen()).toContain('1:49 left');
    expect(r.getScreen()).not.toContain('› a');
  });

  it('in a drill, pause is refused with a reason', async () => {
    const r = await ask(config().cfg);
    expect(r.getScreen()).not.toContain('Ctrl-P');
    r.events.keypress({ name: 'p', ctrl: true });
    await r.nextRender();
    expect(r.getScreen()).toContain('Pausing is for mock interviews');
  });

  it('fits 40 columns: no line wider, the footer wrapped onto several lines', async () => {
    const r = await ask(config({ size: () => ({ columns: 40, rows: 24 }), question: 'Explain the difference between an SLI, an SLO and an SLA, and how they relate to error budgets.' }).cfg);
    const screen = r.getScreen();
    for (const line of screen.split('\n')) expect(width(line)).toBeLessThanOrEqual(40);
    expect(screen).toContain('⏱ 2:00 left');
    expect(screen.split('\n').filter((l) => l.includes('·')).length).toBeGreaterThan(2);
  });

  it('keeps a long answer within 24 rows, older lines behind a marker', async () => {
    const r = await ask(config().cfg);
    for (let i = 1; i <= 30; i++) {
      r.events.type(`line ${i}`);
      r.events.keypress('enter');
    }
    await r.nextRender();
    const screen = r.getScreen();
    expect(screen.split('\n').length).toBeLessThanOrEqual(24);
    expect(screen).toMatch(/… \d+ earlier lines/);
    expect(screen).toContain('line 30');
  });

  it('honours a resize at the next render', async () => {
    let cols = 80;
    const r = await ask(config({ size: () => ({ columns: cols, rows: 24 }) }).cfg);
    expect(r.getScreen().split('\n')[0]).toMatch(/definitions {10,}⏱/);
    cols = 40;
    await tick(r, 1000);
    expect(r.getScreen().split('\n').every((l) => width(l) <= 40)).toBe(true);
  });

  it('sanitises the question: escape sequences from a bank never reach the terminal', async () => {
    const r = await ask(config({ question: 'Evil \x1b]0;pwned\x07question \x1b[2J here' }).cfg);
    const raw = r.getScreen({ raw: true });
    expect(raw).not.toContain('pwned');
    expect(raw).not.toContain('\x1b[2J');
    expect(r.getScreen()).toContain('Evil question here');
  });
});
