import { render } from '@inquirer/testing';
import { describe, expect, it } from 'vitest';
import { askChecklist, askRating, PromptCancelled } from '../../../src/ui/prompts/session.js';

describe('rating prompt', () => {
  it('preselects the suggestion: Enter accepts it', async () => {
    const r = await render((_c: object, ctx) => askRating('hard', { input: ctx!.input!, output: ctx!.output! }), {});
    expect(r.getScreen()).toContain('How did that go? (suggested: hard)');
    expect(r.getScreen()).toMatch(/❯ Hard: /);
    r.events.keypress('enter');
    await expect(r.answer).resolves.toBe('hard');
  });

  it('the arrow keys override it', async () => {
    const r = await render((_c: object, ctx) => askRating('again', { input: ctx!.input!, output: ctx!.output! }), {});
    r.events.keypress('down');
    r.events.keypress('down');
    r.events.keypress('enter');
    await expect(r.answer).resolves.toBe('good');
  });

  it('without colour draws no escape codes for styles', async () => {
    const r = await render((_c: object, ctx) => askRating('good', { input: ctx!.input!, output: ctx!.output!, color: false }), {});
    expect(r.getScreen({ raw: true })).not.toMatch(/\x1b\[(1|2|3[0-9])m/);
    r.events.keypress('enter');
    await expect(r.answer).resolves.toBe('good');
  });

  it('Ctrl-C is a PromptCancelled', async () => {
    const r = await render((_c: object, ctx) => askRating('good', { input: ctx!.input!, output: ctx!.output! }), {});
    r.events.keypress({ name: 'c', ctrl: true });
    await expect(r.answer).rejects.toBeInstanceOf(PromptCancelled);
  });
});

describe('pair checklist', () => {
  it('lists the key points to tick; the ticked indexes and the notes come back', async () => {
    const r = await render((_c: object, ctx) => askChecklist(['SLO is a target', 'Measured over a window', 'Stricter than the SLA'], { input: ctx!.input!, output: ctx!.output! }), {});
    expect(r.getScreen()).toContain('Tick the key points the candidate made');
    expect(r.getScreen()).toContain('Measured over a window');
    r.events.keypress('space');
    r.events.keypress('down');
    r.events.keypress('down');
    r.events.keypress('space');
    r.events.keypress('enter');
    await new Promise((res) => setTimeout(res, 20));
    r.events.type('Clear and calm.');
    r.events.keypress('enter');
    await expect(r.answer).resolves.toEqual({ ticked: [0, 2], notes: 'Clear and calm.' });
  });
});
