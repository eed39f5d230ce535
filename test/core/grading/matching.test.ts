import { describe, expect, it } from 'vitest';
import { createGrader } from '../../../src/core/grading/index.js';
import { ALL, GLOSSARY, grader, idempotent, question, rollback, scaling, slo } from './fixtures.js';

const g = grader();
const strength = (r: ReturnType<typeof g.grade>, i: number) => r.points[i]!.strength;

describe('key-point matching', () => {
  it('credits a point made in the same words', () => {
    const r = g.grade(rollback, 'Roll back the deploy to restore service, then debug.');
    expect(r.points[0]!.matched).toBe(true);
  });

  it('credits other word forms and word order (stemming)', () => {
    const r = g.grade(scaling, 'When utilisation of CPU is rising, pods get scaled out horizontally by the service.');
    expect(r.points[0]!.matched).toBe(true);
  });

  it('credits a word family the stemmer keeps apart, for less than the word itself', () => {
    const q = question('replication-basics', 'How do you keep data safe?', ['Keep replicas']);
    const g2 = createGrader({ questions: [q, ...ALL], glossary: [] });
    const strengthOf = (answer: string) => g2.grade(q, answer).points[0]!.strength;
    const family = strengthOf('We rely on replication.');
    expect(family).toBeGreaterThan(strengthOf('We rely on backups.'));
    expect(family).toBeGreaterThan(0.5);
    expect(family).toBeLessThan(strengthOf('We rely on replicas.'));
  });

  it('does not make a point from the words of the question restated', () => {
    const q = question('breaker', 'How does a circuit breaker protect a service?', ['The circuit breaker opens and fails fast']);
    const g2 = createGrader({ questions: [q, ...ALL], glossary: [] });
    expect(g2.grade(q, 'A circuit breaker protects the service.').points[0]!.matched).toBe(false);
    expect(g2.grade(q, 'It opens and fails fast.').points[0]!.strength).toBe(1);
  });

  it('ignores case and punctuation', () => {
    const a = g.grade(idempotent, 'the operation must be idempotent so a repeat has no extra effect');
    const b = g.grade(idempotent, 'THE OPERATION... MUST be IDEMPOTENT!!! so a repeat has no extra effect?');
    expect(b.points[0]!.strength).toBe(a.points[0]!.strength);
    expect(a.points[0]!.matched).toBe(true);
  });

  it('gives nothing for an unrelated answer', () => {
    const r = g.grade(idempotent, 'I like to cook pasta on Sundays with my family.');
    expect(r.score).toBe(0);
    expect(r.points.every((p) => !p.matched && p.evidence === '')).toBe(true);
  });

  it('credits an accept phrase on its own', () => {
    const r = g.grade(idempotent, 'Between attempts I wait with exponential backoff.');
    expect(r.points[1]!.matched).toBe(true);
    expect(strength(r, 1)).toBe(1);
  });

  it('needs an accept phrase with one content word word for word, and quotes it', () => {
    const q = question('owning-a-mistake', 'Describe an error you caused.', [{ point: 'Takes responsibility in the first person', accept: ['it was my mistake', 'retry after'] }]);
    const g2 = createGrader({ questions: [q, ...ALL], glossary: [] });
    const owned = g2.grade(q, 'It was my mistake, and I said so.').points[0]!;
    expect(owned.matched).toBe(true);
    expect(owned.evidence).toBe('It was my mistake');
    expect(g2.grade(q, 'Looking back now, it was my mistake.').points[0]!.evidence).toBe('it was my mistake');
    expect(g2.grade(q, 'The mistake was in the config.').points[0]!.matched).toBe(false);
    expect(g2.grade(q, 'We retry immediately.').points[0]!.matched).toBe(false);
  });

  it('needs accept phrase words close together, not scattered', () => {
    const q = question('lb-choice', 'How do you pick a balancing algorithm?', [{ point: 'Pick the algorithm that favours idle backends for long-lived sessions', accept: ['least connections'] }]);
    const g2 = createGrader({ questions: [q, ...ALL], glossary: [] });
    expect(g2.grade(q, 'Use least connections for those.').points[0]!.matched).toBe(true);
    expect(g2.grade(q, 'At least we tried, and the database kept dropping its many open connections.').points[0]!.strength).toBe(0);
  });

  it('weighs informative words over common ones', () => {
    // "idempotent" is rare across the questions; "service", "request" are everywhere.
    const rare = g.grade(idempotent, 'It has to be idempotent.');
    const common = g.grade(idempotent, 'The service handles the request for users.');
    expect(strength(rare, 0)).toBeGreaterThan(strength(common, 0));
    expect(strength(common, 0)).toBeLessThan(0.3);
  });

  it('gives partial credit for a half-made point', () => {
    const r = g.grade(slo, 'An SLO is a target.');
    expect(strength(r, 0)).toBeGreaterThan(0.1);
    expect(strength(r, 0)).toBeLessThan(1);
  });

  it('quotes the answer words that showed a point', () => {
    const r = g.grade(rollback, 'First thing: I roll back the deploy to restore service. Later I look at the logs.');
    expect(r.points[0]!.evidence).toContain('roll back the deploy to restore service');
    expect(r.points[0]!.evidence).not.toContain('logs');
  });

  it('quotes the line that showed a point, not the lines around it', () => {
    const q = question('tf-state', 'What is Terraform state?', ['State maps resources to the real objects', 'Keep it remotely in an S3 bucket']);
    const g2 = createGrader({ questions: [q, ...ALL], glossary: [] });
    const r = g2.grade(q, 'State maps resources to real objects\nstored remotely in S3');
    expect(r.points[0]!.evidence).toBe('State maps resources to real objects');
    expect(r.points[1]!.evidence).toBe('stored remotely in S3');
  });

  it('keeps points in the question order with their weights', () => {
    const r = g.grade(slo, 'anything');
    expect(r.points.map((p) => [p.index, p.weight])).toEqual([
      [0, 2],
      [1, 1],
    ]);
    expect(r.points.map((p) => p.point)).toEqual(slo.keyPoints.map((k) => k.point));
  });
});

describe('words a point shares with its question', () => {
  const glossary = [...GLOSSARY, ['SLI', 'service level indicator'], ['SLA', 'service level agreement']];
  const levels = question('sli-slo-sla', 'What is the difference between an SLI, an SLO and an SLA?', [
    { point: 'An SLI is a quantitative indicator, such as the success ratio', accept: ['service level indicator', 'measured indicator'] },
    { point: 'An SLO is the internal objective for an SLI over a window', accept: ['target for the indicator'] },
    { point: 'An SLA is a contract with customers that carries penalties', accept: ['contract with customers'] },
    { point: 'The SLO is set stricter than the SLA so the team reacts before the contract is breached', accept: ['slo tighter than the sla'] },
  ]);
  const crashloop = question('crashloop', 'New pods crash-loop right after a deploy. What do you do?', [
    { point: 'Undo the rollout while the old ReplicaSet keeps serving', accept: ['kubectl rollout undo'] },
    { point: 'The previous instance logs, from kubectl logs --previous, show the startup error', accept: ['kubectl logs --previous'] },
    { point: 'Exit codes and the events in kubectl describe pod', accept: ['exit code and last state'] },
    'Missing environment variables or secrets, or a liveness probe killing a slow start',
  ]);
  const g2 = createGrader({ questions: [levels, crashloop, ...ALL], glossary }, { strictness: 'lenient' });
  const strengths = (q: typeof levels, answer: string) => g2.grade(q, answer).points.map((p) => p.strength);

  it('does not make a point from a bare definition of the acronym the question asks about', () => {
    const [sli, slo] = strengths(levels, 'An SLI is a service level indicator.');
    expect(sli).toBeLessThan(0.35);
    expect(slo).toBeLessThan(0.1);
    expect(strengths(levels, 'An SLI is an indicator')[1]).toBeLessThan(0.1);
  });

  it('does not make a point from words most of the question\'s points share ("kubectl")', () => {
    const [undo, logs, codes] = strengths(crashloop, 'I would run kubectl rollout undo.');
    expect(undo).toBe(1);
    expect(logs).toBeLessThan(0.1);
    expect(codes).toBeLessThan(0.1);
    expect(strengths(levels, 'Both the SLO and the SLA matter.')[3]).toBeLessThan(0.1);
  });

  it('credits a word-for-word phrase whose wording tells the point apart, though its one content word is shared', () => {
    const q = question('mistake-story', 'Tell me about a mistake you made.', [{ point: 'Owns the mistake in the first person', accept: ['it was my mistake'] }, 'Says what changed afterwards']);
    const g3 = createGrader({ questions: [q, ...ALL], glossary: [] });
    expect(g3.grade(q, 'Honestly, it was my mistake.').points[0]!.strength).toBe(1);
  });

  it('still credits a point made in its own words next to the shared ones', () => {
    const r = g2.grade(levels, 'An SLI is a quantitative measure like the success ratio. The SLO is the internal objective for it over a 30-day window, kept stricter than the SLA so the team reacts first.');
    expect(r.points.map((p) => p.index).filter((i) => r.points[i]!.strength >= 0.5)).toEqual([0, 1, 3]);
    expect(strengths(crashloop, 'Check kubectl logs --previous for the error.')[1]).toBe(1);
  });
});

describe('negation', () => {
  it('gives nothing to an answer that rejects the idea', () => {
    const r = g.grade(rollback, 'I would not roll back the deploy to restore service.');
    expect(r.points[0]!.matched).toBe(false);
  });

  it('still credits the idea when another clause is negated', () => {
    const r = g.grade(rollback, 'I would not wait: roll back the deploy to restore service first.');
    expect(r.points[0]!.matched).toBe(true);
  });

  it('gives nothing for "restarting is not the fix" style rejections', () => {
    const r = g.grade(idempotent, 'Making the operation idempotent is not needed, a repeat is fine.');
    expect(r.points[0]!.matched).toBe(false);
  });
});

describe('buzzword lists', () => {
  it('earns little for a bare list of the right terms', () => {
    const r = g.grade(idempotent, 'idempotent, repeat, extra effect, exponential backoff, jitter, attempts');
    expect(r.points.some((p) => p.matched)).toBe(false);
    expect(r.score).toBeLessThan(0.35);
  });

  it('earns little for a run of terms with no function word', () => {
    const r = g.grade(scaling, 'pods horizontally CPU utilisation rises load balancer healthy pods requests');
    expect(r.points.some((p) => p.matched)).toBe(false);
  });

  it('earns little for terms one to a line, even with a function word among them', () => {
    const r = g.grade(idempotent, 'idempotent\nrepeat\nextra effect\nexponential backoff with jitter');
    expect(r.points.some((p) => p.matched)).toBe(false);
  });

  it('earns the points when the same terms sit in sentences', () => {
    const r = g.grade(idempotent, 'The operation has to be idempotent, so a repeat has no extra effect. I use exponential backoff with jitter between attempts.');
    expect(r.points.every((p) => p.matched)).toBe(true);
  });

  it('keeps full weight for a lone terse answer that is not a list', () => {
    const terse = g.grade(idempotent, 'exponential backoff');
    expect(terse.points[1]!.matched).toBe(true);
  });

  it('keeps full weight for a whole answer that is one short item, even of three content words', () => {
    const q = question('crashloop', 'New pods crash-loop right after a deploy. What do you do?', [
      { point: 'Undo the rollout while the old ReplicaSet keeps serving', accept: ['kubectl rollout undo'] },
      'Read the logs of the crashed container',
    ]);
    const g2 = createGrader({ questions: [q, ...ALL], glossary: [] });
    expect(g2.grade(q, 'kubectl rollout undo').points[0]!.strength).toBe(1);
    expect(g2.grade(q, 'kubectl rollout undo.').points[0]!.strength).toBe(1);
    // The same words as one item of a longer list are still a list.
    expect(g2.grade(q, 'kubectl rollout undo, logs, events').points[0]!.matched).toBe(false);
  });

  it('credits a list in full for a key point that is itself a list of terms ("push and pop")', () => {
    const q = question('stack-ops', 'What are the main operations of a stack?', ['Push and pop', 'Both run in constant time at the top']);
    const g2 = createGrader({ questions: [q, ...ALL], glossary: [] });
    expect(g2.grade(q, 'push, pop, peek').points[0]!.strength).toBe(1);
    // A point that is a statement is still damped when the answer only lists its terms.
    expect(g2.grade(q, 'push, pop, constant, time, top').points[1]!.matched).toBe(false);
  });

  it('reads brackets and quotes inside prose as prose, not as list items', () => {
    const plain = g.grade(idempotent, 'Use exponential backoff between attempts').points[1]!.strength;
    expect(g.grade(idempotent, 'Use "exponential backoff" (between attempts)').points[1]!.strength).toBe(plain);
    expect(g.grade(idempotent, 'exponential (backoff)').points[1]!.matched).toBe(true);
  });
});
