import type { AskQuestion, Category, KeyPoint, Question } from '../../src/core/bank/schema.js';
import type { StarResult } from '../../src/core/grading/types.js';
import type { Attempt } from '../../src/core/model.js';
import { DAY, HOUR, T0 } from './clock.js';

/** A small catalog for report tests: four categories, overlapping topics, one hostile question. */
export function question(id: string, category: Category, topics: string[], points: string[], modelAnswer: string, extra: Partial<Question> = {}): Question {
  return {
    id,
    category,
    prompt: `Explain ${id.replace(/-/g, ' ')}.`,
    topics,
    difficulty: 2,
    timeLimit: category === 'definitions' ? 120 : category === 'behavioural' ? 300 : 360,
    keyPoints: points.map((point): KeyPoint => ({ point, accept: [], weight: 1 })),
    modelAnswer,
    ungraded: false,
    hints: [],
    followUps: [],
    references: [],
    source: { file: 'fixture.yaml', line: 1, col: 1, index: 0 },
    ...extra,
  };
}

export const QUESTIONS: Question[] = [
  question(
    'sli-slo-sla',
    'definitions',
    ['slo', 'error-budget'],
    ['An SLI measures service behaviour as users see it', 'An SLO is a target on an SLI over a window', 'An SLA is a contract with penalties for customers'],
    'An SLI measures how the service behaves as users see it, such as latency. An SLO is a target for that indicator over a window. An SLA is a contract with customers that carries penalties when it is broken.',
  ),
  question(
    'error-budget-policy',
    'definitions',
    ['error-budget'],
    ['The budget is one minus the SLO target', 'When the budget is exhausted releases freeze'],
    'The error budget is one minus the SLO target over the window. When the budget is exhausted, releases freeze and work shifts to reliability.',
  ),
  question(
    'disk-full',
    'troubleshooting',
    ['linux', 'incident-response'],
    ['Check usage with df and du', 'Look for deleted files still held open with lsof', 'Mitigate first, then find the cause'],
    'Start with df to see which filesystem is full and du to find the large folders. Deleted files held open by a process still use space, so list them with lsof. Mitigate first by freeing space or rotating logs, then find the cause.',
  ),
  question(
    'design-rate-limiter',
    'system-design',
    ['scalability', 'caching'],
    ['Token bucket or sliding window', 'Shared counters in a fast store such as Redis'],
    'A token bucket or a sliding window limits requests per client. Counters live in a fast shared store such as Redis so every instance sees the same count.',
  ),
  question(
    'tell-me-about-failure',
    'behavioural',
    ['communication'],
    ['Situation', 'Task', 'Action', 'Result'],
    'Describe the situation, your task, the actions you took and the result with numbers.',
  ),
  question(
    'xss-probe',
    'troubleshooting',
    ['incident-response'],
    ['<script>window.__pwned = 1</script> Roll back the bad deploy'],
    'Roll back the bad deploy first. <script>window.__pwned = 1</script> Then read the <b>logs</b> & compare.',
    { prompt: 'Why did <script>window.__pwned=1</script> the deploy fail?' },
  ),
  question('dns-basics', 'definitions', ['networking', 'dns'], ['Resolvers cache by TTL'], 'Resolvers cache answers for the TTL.', { difficulty: 1 }),
  question('tcp-handshake', 'definitions', ['networking'], ['SYN, SYN-ACK, ACK'], 'The client sends SYN, the server answers SYN-ACK, and the client sends ACK.', { difficulty: 1 }),
];

export const ASKS: AskQuestion[] = [
  { id: 'oncall-load', ask: 'How many pages does a typical on-call week bring?', why: 'It tells you how healthy the alerting is.', topics: ['incident-response'] },
  { id: 'slo-owner', ask: 'Who owns the SLOs, and what happens when one is missed?', why: 'Shows whether reliability has teeth.', topics: ['slo'] },
  { id: 'postmortems', ask: 'Can I read a recent postmortem?', why: 'Blameless culture shows in the writing.' },
  { id: 'toil', ask: 'How much of the week goes to toil?', why: 'SRE teams cap it; ask how.', topics: ['automation'] },
];

export function catalogOf(questions: Question[] = QUESTIONS, asks: AskQuestion[] = ASKS) {
  return { questions, byId: new Map(questions.map((q) => [q.id, q])), asks };
}

const fullStar = (missing: string[] = []): StarResult => ({
  situation: { present: !missing.includes('situation'), cue: '' },
  task: { present: !missing.includes('task'), cue: '' },
  action: { present: !missing.includes('action'), cue: '' },
  result: { present: !missing.includes('result'), cue: '' },
});

let nextId = 1;

/**
 * An attempt at `q` answered `daysAgo` days before T0 (plus `hours`), matching the key points
 * whose indexes are in `matched`; the score is the share matched.
 */
export function attemptAt(q: Question, daysAgo: number, matched: number[], extra: Partial<Attempt> = {}, hours = 0): Attempt {
  const answeredAt = new Date(T0.getTime() - daysAgo * DAY + hours * HOUR);
  const points = q.keyPoints.map((k, index) => ({ index, point: k.point, weight: 1, matched: matched.includes(index), strength: matched.includes(index) ? 1 : 0.1, evidence: '' }));
  const score = q.keyPoints.length ? matched.length / q.keyPoints.length : 0;
  const durationMs = extra.durationMs ?? 60_000;
  return {
    id: nextId++,
    sessionId: 1,
    questionId: q.id,
    category: q.category,
    topics: q.topics,
    prompt: q.prompt,
    keyPoints: q.keyPoints,
    answer: 'an answer',
    points,
    score,
    durationMs,
    timeLimit: q.timeLimit,
    overTime: durationMs > q.timeLimit * 1000,
    hintsUsed: 0,
    skipped: false,
    mode: 'typed',
    notes: '',
    suggestedRating: score > 0.8 ? 'good' : 'again',
    rating: null,
    startedAt: new Date(answeredAt.getTime() - durationMs),
    answeredAt,
    ...(q.category === 'behavioural' ? { star: fullStar(q.keyPoints.filter((_, i) => !matched.includes(i)).map((k) => k.point.toLowerCase())) } : {}),
    ...extra,
  };
}

export const byId = (id: string): Question => QUESTIONS.find((q) => q.id === id)!;

/**
 * A month of practice with known shape:
 * - error-budget improves (0 → ½ → 1 on error-budget-policy), slo is mixed;
 * - incident-response falls (disk-full 3/3 then 1/3), and xss-probe is missed;
 * - one system-design answer runs over time; one behavioural answer lacks its result.
 */
export function history(): Attempt[] {
  const q = byId;
  return [
    attemptAt(q('error-budget-policy'), 20, []),
    attemptAt(q('sli-slo-sla'), 18, [0]),
    attemptAt(q('disk-full'), 15, [0, 1, 2]),
    attemptAt(q('error-budget-policy'), 10, [0]),
    attemptAt(q('design-rate-limiter'), 9, [0], { durationMs: 1_500_000 }),
    attemptAt(q('tell-me-about-failure'), 7, [0, 1, 2]),
    attemptAt(q('disk-full'), 5, [0]),
    attemptAt(q('xss-probe'), 3, []),
    attemptAt(q('sli-slo-sla'), 2, [0, 1]),
    attemptAt(q('error-budget-policy'), 1, [0, 1]),
  ];
}
