import type { PointResult, Strictness } from './types.js';

/**
 * The strength a key point needs to count as made. Normal sits at half a point; lenient credits
 * a point that is mostly there, strict wants it nearly complete.
 */
export const MATCH_THRESHOLD: Readonly<Record<Strictness, number>> = {
  lenient: 0.35,
  normal: 0.5,
  strict: 0.7,
};

/** The weighted mean of the points' strengths (0..1), rounded to 3 places; 0 with no points. */
export function scorePoints(points: readonly Pick<PointResult, 'weight' | 'strength'>[]): number {
  const total = points.reduce((a, p) => a + p.weight, 0);
  if (total <= 0) return 0;
  const sum = points.reduce((a, p) => a + p.weight * p.strength, 0);
  return round3(sum / total);
}

export const round3 = (x: number): number => Math.round(x * 1000) / 1000;
