import type { PointResult } from '../../src/core/grading/types.js';
import type { Attempt } from '../../src/core/model.js';
import type { NewAttempt } from '../../src/storage/store.js';
import { T0 } from './clock.js';

/** Point results with the given matches (weight 1 each). */
export function points(...matched: boolean[]): PointResult[] {
  return matched.map((m, index) => ({ index, point: `point ${index + 1}`, weight: 1, matched: m, strength: m ? 0.9 : 0.1, evidence: m ? `said point ${index + 1}` : '' }));
}

/** A complete attempt for store tests; override what the test is about. */
export function makeAttempt(sessionId: number, over: Partial<Omit<Attempt, 'id' | 'sessionId'>> = {}): NewAttempt {
  const pts = over.points ?? points(true, false);
  return {
    sessionId,
    questionId: 'what-is-a-probe',
    category: 'definitions',
    topics: ['kubernetes', 'probes'],
    prompt: 'What does a readiness probe decide?',
    keyPoints: pts.map((p) => ({ point: p.point, accept: [], weight: p.weight })),
    answer: 'It decides whether the pod gets traffic.',
    points: pts,
    score: pts.filter((p) => p.matched).length / Math.max(1, pts.length),
    durationMs: 42_000,
    timeLimit: 90,
    overTime: false,
    hintsUsed: 0,
    skipped: false,
    mode: 'typed',
    notes: '',
    suggestedRating: 'hard',
    rating: 'good',
    startedAt: T0,
    answeredAt: new Date(T0.getTime() + 42_000),
    ...over,
  };
}
