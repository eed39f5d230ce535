import { describe, expect, it } from 'vitest';
import { MOCK_LOOPS, QUESTION_SHARE, plan } from '../../../src/core/session/plan.js';
import { UsageError } from '../../../src/core/errors.js';
import { rng } from '../../helpers/clock.js';
import { sessionCatalog } from './fixture.js';

const { questions, byId } = sessionCatalog();
const ids = (p: ReturnType<typeof plan>) => p.items.map((i) => i.questionId);

describe('plan: drills', () => {
  it('filters by category, topic and difficulty', () => {
    expect(ids(plan(questions, { kind: 'drill', categories: ['troubleshooting'], count: 10 }, rng(1))).sort()).toEqual(['fx-disk-full', 'fx-latency']);
    expect(ids(plan(questions, { kind: 'drill', topics: ['incident-response'], count: 10 }, rng(1))).sort()).toEqual(['fx-disk-full', 'fx-mttr']);
    expect(ids(plan(questions, { kind: 'drill', difficulty: 3, count: 10 }, rng(1)))).toEqual(['fx-design-shortener']);
  });

  it('takes --count questions, five by default, with their bank time limits', () => {
    expect(plan(questions, { kind: 'drill', count: 2 }, rng(1)).items).toHaveLength(2);
    const p = plan(questions, { kind: 'drill' }, rng(1));
    expect(p.items).toHaveLength(5);
    for (const i of p.items) expect(i.timeLimit).toBe(byId.get(i.questionId)!.timeLimit);
  });

  it('--no-timer plans limits of zero', () => {
    expect(plan(questions, { kind: 'drill', noTimer: true }, rng(1)).items.every((i) => i.timeLimit === 0)).toBe(true);
  });

  it('a seeded plan is the same for the same seed and differs between seeds', () => {
    const a = ids(plan(questions, { kind: 'drill', count: 7, seeded: true }, rng(7)));
    expect(ids(plan(questions, { kind: 'drill', count: 7, seeded: true }, rng(7)))).toEqual(a);
    expect(a.slice().sort()).toEqual(questions.map((q) => q.id).sort());
    const others = [1, 2, 3, 4].map((s) => ids(plan(questions, { kind: 'drill', count: 7, seeded: true }, rng(s))).join());
    expect(others.some((o) => o !== a.join())).toBe(true);
  });

  it('puts questions on weak topics first unless seeded', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const p = ids(plan(questions, { kind: 'drill', count: 3, weakTopics: ['toil', 'latency'] }, rng(seed)));
      expect(p.slice(0, 2)).toEqual(['fx-toil', 'fx-latency']);
    }
    for (const seed of [1, 2, 3]) {
      const seeded = ids(plan(questions, { kind: 'drill', count: 7, seeded: true, weakTopics: ['toil', 'latency'] }, rng(seed)));
      expect(seeded).toEqual(ids(plan(questions, { kind: 'drill', count: 7, seeded: true }, rng(seed))));
    }
  });

  it('names the filters when nothing matches', () => {
    expect(() => plan(questions, { kind: 'drill', topics: ['slo'], difficulty: 3 }, rng(1))).toThrow(UsageError);
    expect(() => plan(questions, { kind: 'drill', topics: ['slo'], difficulty: 3 }, rng(1))).toThrow(/topic slo, difficulty 3/);
  });
});

describe('plan: reviews', () => {
  it('keeps the queue order, drops ids no longer in the banks, and applies the limit', () => {
    const p = plan(questions, { kind: 'review', queue: ['fx-mttr', 'gone', 'fx-slo', 'fx-toil'], count: 2 }, rng(1));
    expect(ids(p)).toEqual(['fx-mttr', 'fx-slo']);
  });
});

describe('plan: mock loops', () => {
  it('a phone screen asks definitions then troubleshooting within 85 % of its 30 minutes', () => {
    const p = plan(questions, { kind: 'mock', format: 'phone' }, rng(3));
    expect(p.overallLimit).toBe(MOCK_LOOPS.phone.minutes * 60);
    const cats = p.items.map((i) => i.category);
    expect(cats).toEqual([...cats].sort((a, b) => ['definitions', 'troubleshooting'].indexOf(a) - ['definitions', 'troubleshooting'].indexOf(b)));
    expect(new Set(cats)).toEqual(new Set(['definitions', 'troubleshooting']));
    expect(p.items.reduce((s, i) => s + i.timeLimit, 0)).toBeLessThanOrEqual(p.overallLimit! * QUESTION_SHARE);
  });

  it('an onsite loop runs its blocks in order with exactly one system design question', () => {
    const p = plan(questions, { kind: 'mock', format: 'onsite' }, rng(3));
    const cats = p.items.map((i) => i.category);
    expect([...new Set(cats)]).toEqual(['definitions', 'troubleshooting', 'system-design', 'behavioural']);
    expect(cats.filter((c) => c === 'system-design')).toHaveLength(1);
  });

  it('--minutes fits the loop: fewer questions in less time, never over the budget', () => {
    const short = plan(questions, { kind: 'mock', format: 'onsite', minutes: 12 }, rng(3));
    const long = plan(questions, { kind: 'mock', format: 'onsite', minutes: 60 }, rng(3));
    expect(short.overallLimit).toBe(720);
    expect(short.items.length).toBeLessThan(long.items.length);
    expect(short.items.reduce((s, i) => s + i.timeLimit, 0)).toBeLessThanOrEqual(720 * QUESTION_SHARE);
    expect(short.items.length).toBeGreaterThan(0);
  });

  it('refuses minutes out of range and loops the banks cannot fill', () => {
    expect(() => plan(questions, { kind: 'mock', minutes: 2 }, rng(1))).toThrow(/--minutes must be a whole number from 5 to 180/);
    const onlyBehavioural = questions.filter((q) => q.category === 'behavioural');
    expect(() => plan(onlyBehavioural, { kind: 'mock', format: 'phone' }, rng(1))).toThrow(/phone screen needs definitions or troubleshooting/);
  });
});
