import { describe, expect, it } from 'vitest';
import { MAX_ANSWER_CHARS } from '../../../src/core/grading/index.js';
import { grader, rollback, story } from './fixtures.js';

const g = grader();
const good = 'Roll back the deploy to restore service before debugging. ';

describe('any input is safe', () => {
  it('grades an empty answer as 0 with a notice', () => {
    const r = g.grade(rollback, '');
    expect(r.score).toBe(0);
    expect(r.notices.join(' ')).toMatch(/empty/);
  });

  it('grades whitespace only as empty', () => {
    const r = g.grade(rollback, ' \n\t  \n');
    expect(r.score).toBe(0);
    expect(r.notices.join(' ')).toMatch(/empty/);
  });

  it('grades only the first 20,000 characters of a long answer, with a notice', () => {
    const r = g.grade(rollback, 'x'.repeat(MAX_ANSWER_CHARS) + good);
    expect(MAX_ANSWER_CHARS).toBe(20_000);
    expect(r.truncated).toBe(true);
    expect(r.points[0]!.matched).toBe(false);
    expect(r.notices.join(' ')).toMatch(/first 20,000/);
  });

  it('grades a 1 MB answer', () => {
    const r = g.grade(rollback, good.repeat(Math.ceil(1_000_000 / good.length)));
    expect(r.truncated).toBe(true);
    expect(r.points[0]!.matched).toBe(true);
  });

  it('survives binary bytes and NUL', () => {
    const bin = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)).toString('latin1');
    const r = g.grade(rollback, `${bin}\u0000${good}\u0000`);
    expect(r.points[0]!.matched).toBe(true);
    expect(r.points[0]!.evidence).not.toContain('\u0000');
  });

  it('survives emoji and right-to-left text', () => {
    const r = g.grade(rollback, `🔥🚒 ${good} مرحبا بالعالم \u202e reversed \u202c 👍🏽`);
    expect(r.points[0]!.matched).toBe(true);
  });

  it('does not split a surrogate pair at the cut', () => {
    const r = g.grade(story, 'a'.repeat(MAX_ANSWER_CHARS - 1) + '😀');
    expect(r.truncated).toBe(true);
    expect(r.star).toBeDefined();
  });

  it('survives words that are names of object properties', () => {
    const r = g.grade(rollback, 'constructor __proto__ toString hasOwnProperty valueOf not constructor');
    expect(r.score).toBe(0);
  });
});
