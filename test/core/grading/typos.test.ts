import { describe, expect, it } from 'vitest';
import { buildTypoIndex } from '../../../src/core/grading/typos.js';
import { grader, rollback, scaling } from './fixtures.js';

const index = buildTypoIndex(['kubernetes', 'latency', 'rollback', 'idempotent', 'cache', 'pods']);

describe('typos', () => {
  it('repairs a dropped letter', () => {
    expect(index.correct('kubernets')).toBe('kubernetes');
    expect(index.correct('latncy')).toBe('latency');
    expect(index.correct('rollbak')).toBe('rollback');
  });

  it('repairs a swapped pair in a long word', () => {
    expect(index.correct('idmepotent')).toBe('idempotent');
  });

  it('leaves short words alone so they do not match everything', () => {
    expect(index.correct('cach')).toBeUndefined();
    expect(index.correct('pod')).toBeUndefined();
  });

  it('leaves words that are not close to any known word alone', () => {
    expect(index.correct('lasagna')).toBeUndefined();
    expect(index.correct('kitchen')).toBeUndefined();
  });

  it('credits a point written with typos', () => {
    const g = grader();
    const r = g.grade(scaling, 'On kubernets the servce scales its pods horizontaly when CPU utilisaton rises.');
    expect(r.points[0]!.matched).toBe(true);
    const r2 = g.grade(rollback, 'Rollbak the deploy to restore servce first, debug later.');
    expect(r2.points[0]!.matched).toBe(true);
  });
});
