import { seededRng, type Rng } from '../../src/core/random.js';

/** A fixed instant for tests: 2026-11-01T09:00:00Z. */
export const T0 = new Date('2026-11-01T09:00:00Z');

export function at(offsetMs: number, base = T0): Date {
  return new Date(base.getTime() + offsetMs);
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A clock that only moves when told. */
export function fixedClock(start = T0): { now: () => Date; advance(ms: number): void } {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

export function rng(seed = 42): Rng {
  return seededRng(seed);
}
