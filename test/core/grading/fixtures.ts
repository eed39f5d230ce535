import type { KeyPoint, Question } from '../../../src/core/bank/schema.js';
import { createGrader, type GraderOptions } from '../../../src/core/grading/index.js';

type PointSpec = string | { point: string; accept?: string[]; weight?: number };

/** A question built in memory for grader tests. */
export function question(id: string, prompt: string, points: PointSpec[], extra: Partial<Question> = {}): Question {
  const keyPoints: KeyPoint[] = points.map((p) => (typeof p === 'string' ? { point: p, accept: [], weight: 1 } : { point: p.point, accept: p.accept ?? [], weight: p.weight ?? 1 }));
  return {
    id,
    category: 'definitions',
    prompt,
    topics: ['test'],
    difficulty: 1,
    timeLimit: 120,
    keyPoints,
    modelAnswer: keyPoints.map((k) => k.point).join('. '),
    ungraded: false,
    hints: [],
    followUps: [],
    references: [],
    source: { file: 'test.yaml', line: 1, col: 1, index: 0 },
    ...extra,
  };
}

export const GLOSSARY: string[][] = [
  ['SLO', 'service level objective'],
  ['k8s', 'Kubernetes'],
  ['roll back', 'rollback', 'revert'],
  ['p99', '99th percentile'],
  ['LB', 'load balancer'],
];

export const rollback = question('deploy-broke-latency', 'Latency doubled right after a deploy. What do you do first?', [
  'Roll back the deploy to restore service before debugging',
  'Check the p99 latency dashboards to confirm recovery',
]);

export const idempotent = question('retry-safety', 'When is it safe to retry a failed request?', [
  'The operation must be idempotent so a repeat has no extra effect',
  { point: 'Use exponential backoff with jitter between attempts', accept: ['exponential backoff'] },
]);

export const slo = question('slo-basics', 'What is an SLO?', [
  { point: 'An SLO is a target for a service level indicator over a time window', weight: 2 },
  'Missing it spends the error budget and slows releases',
]);

export const scaling = question('autoscaling-pods', 'How does the service scale under load on Kubernetes?', [
  'The service scales its pods horizontally when CPU utilisation rises',
  'A load balancer spreads requests across the healthy pods',
]);

export const story = question('hard-incident', 'Tell me about an incident you handled.', ['You took ownership and coordinated the response'], { category: 'behavioural' });

export const practice = question('open-chat', 'Talk about your favourite tool.', [], { ungraded: true, modelAnswer: '' });

/** Filler questions so informativeness weights see common words ("service", "the") in many questions. */
const filler = ['service', 'request', 'team', 'users', 'system'].map((w, i) =>
  question(`filler-${i}`, `A question about the ${w}`, [`The ${w} of the service handles requests for users of the system`]),
);

export const ALL = [rollback, idempotent, slo, scaling, story, practice, ...filler];

export function grader(opts: GraderOptions = {}) {
  return createGrader({ questions: ALL, glossary: GLOSSARY }, opts);
}
