import { describe, expect, it } from 'vitest';
import { isScored, joinFollowUps, mastery, relevantSentences, splitSentences, summarise, trendOf } from '../../../src/core/report/index.js';
import type { ReportCard, ReportInput } from '../../../src/core/report/index.js';
import { DAY, HOUR, T0 } from '../../helpers/clock.js';
import { followUpPrompt } from '../../../src/core/model.js';
import { attemptAt, byId, catalogOf, history } from '../../helpers/report-fixture.js';

const MONTH = { from: new Date(T0.getTime() - 30 * DAY), to: T0, label: 'last 30 days' };
const card = (questionId: string, dueOffset: number): ReportCard => ({ questionId, due: new Date(T0.getTime() + dueOffset) });

function model(extra: Partial<ReportInput> = {}) {
  return summarise({ attempts: history(), cards: [], catalog: catalogOf(), period: MONTH, ...extra }, T0);
}

describe('summarise: scores', () => {
  it('gives the overall mean score, attempt count and over-time count', () => {
    const m = model();
    expect(m.overall.attempts).toBe(10);
    expect(m.overall.scored).toBe(10);
    expect(m.overall.score).toBeCloseTo(5.0833 / 10, 4);
    expect(m.overall.overTime).toBe(1);
    expect(m.overall.skipped).toBe(0);
    expect(m.overall.timeUsedMs).toBe(9 * 60_000 + 1_500_000);
  });

  it('gives each category its score, count and time against the limit, in the category order', () => {
    const m = model();
    expect(m.categories.map((c) => [c.category, c.attempts])).toEqual([
      ['definitions', 5],
      ['troubleshooting', 3],
      ['system-design', 1],
      ['behavioural', 1],
    ]);
    expect(m.categories[0]!.score).toBeCloseTo(0.5, 6);
    expect(m.categories[1]!.score).toBeCloseTo(4 / 9, 6);
    const design = m.categories[2]!;
    expect(design.overTime).toBe(1);
    expect(design.timeUsedMs).toBe(1_500_000);
    expect(design.timeLimitMs).toBe(360_000);
  });

  it('leaves ungraded answers out of the means but counts them', () => {
    const q = byId('dns-basics');
    const ungraded = attemptAt(q, 1, [], { points: [], score: 0 });
    const m = summarise({ attempts: [ungraded, attemptAt(q, 2, [0])], cards: [], catalog: catalogOf(), period: MONTH }, T0);
    expect(m.overall.attempts).toBe(2);
    expect(m.overall.scored).toBe(1);
    expect(m.overall.score).toBe(1);
    expect(m.attempts.filter((a) => !isScored(a)).map((a) => a.id)).toEqual([ungraded.id]);
  });

  it('counts a skipped answer as a zero and as missing every key point', () => {
    const q = byId('tcp-handshake');
    const m = summarise({ attempts: [attemptAt(q, 1, [], { skipped: true, points: [] })], cards: [], catalog: catalogOf(), period: MONTH }, T0);
    expect(m.overall).toMatchObject({ skipped: 1, scored: 1, score: 0 });
    expect(m.missed[0]!.questions[0]!.points.map((p) => p.point)).toEqual(['SYN, SYN-ACK, ACK']);
  });
});

describe('summarise: topics', () => {
  it('orders topics weakest first with mastery, answers and trend', () => {
    const m = model();
    const masteries = m.topics.map((t) => t.mastery);
    expect(masteries).toEqual([...masteries].sort((a, b) => a - b));
    const ir = m.topics[0]!;
    expect(ir).toMatchObject({ topic: 'incident-response', attempts: 3, trend: 'falling' });
    // 1, ⅓, 0 with weights 0.5^(2/5), 0.5^(1/5), 1.
    expect(ir.mastery).toBeCloseTo(0.3987, 3);
    const eb = m.topics.find((t) => t.topic === 'error-budget')!;
    expect(eb).toMatchObject({ attempts: 5, trend: 'improving' });
    expect(eb.trendDelta).toBeCloseTo((2 / 3 + 1) / 2 - (0 + 1 / 3) / 2, 6);
    expect(eb.recent).toHaveLength(5);
    expect(m.topics.find((t) => t.topic === 'communication')!.trend).toBe('new');
  });

  it('counts cards due now per topic, ignoring cards of questions that left the banks', () => {
    const m = model({ cards: [card('disk-full', -DAY), card('xss-probe', 0), card('sli-slo-sla', 2 * DAY), card('gone-question', -DAY)] });
    expect(m.topics.find((t) => t.topic === 'incident-response')!.due).toBe(2);
    expect(m.topics.find((t) => t.topic === 'linux')!.due).toBe(1);
    expect(m.topics.find((t) => t.topic === 'slo')!.due).toBe(0);
  });

  it('weighs recent answers more and needs a real move for a trend', () => {
    expect(mastery([0, 1])).toBeGreaterThan(0.5);
    expect(mastery([1, 0])).toBeLessThan(0.5);
    expect(trendOf([0.5, 0.52]).trend).toBe('steady');
    expect(trendOf([0.2, 0.3, 0.8, 0.9]).trend).toBe('improving');
    expect(trendOf([0.9]).trend).toBe('new');
  });
});

describe('summarise: missed key points', () => {
  it('lists the latest answer’s missed points under the weakest topic, with the model answer’s sentence', () => {
    const m = model();
    expect(m.missed.map((g) => g.topic)).toEqual(['incident-response', 'caching', 'slo', 'communication']);
    const ir = m.missed[0]!;
    expect(ir.questions.map((q) => q.questionId)).toEqual(['xss-probe', 'disk-full']);
    const disk = ir.questions[1]!;
    expect(disk.score).toBeCloseTo(1 / 3, 6);
    expect(disk.points.map((p) => p.point)).toEqual(['Look for deleted files still held open with lsof', 'Mitigate first, then find the cause']);
    expect(disk.points[0]!.sentences).toEqual(['Deleted files held open by a process still use space, so list them with lsof.']);
    expect(disk.points[1]!.sentences).toEqual(['Mitigate first by freeing space or rotating logs, then find the cause.']);
    const sli = m.missed[2]!.questions[0]!;
    expect(sli.points).toEqual([{ point: 'An SLA is a contract with penalties for customers', sentences: ['An SLA is a contract with customers that carries penalties when it is broken.'] }]);
    // error-budget-policy was answered in full last time: nothing to study there.
    expect(m.missed.flatMap((g) => g.questions.map((q) => q.questionId))).not.toContain('error-budget-policy');
  });

  it('splits prose into sentences and picks the closest', () => {
    const s = splitSentences('An SLO is 99.9 % over 30 days. An SLA\n  is a contract. Budgets burn!');
    expect(s).toEqual(['An SLO is 99.9 % over 30 days.', 'An SLA is a contract.', 'Budgets burn!']);
    // The same rule as the grader and import-bank: no break after an abbreviation.
    expect(splitSentences('Pick a window, e.g. 30\n days. Then alert.')).toEqual(['Pick a window, e.g. 30 days.', 'Then alert.']);
    expect(relevantSentences(s, { point: 'an SLA is a contract', accept: [], weight: 1 })).toEqual(['An SLA is a contract.']);
    expect(relevantSentences(s, { point: 'kernel page cache', accept: [], weight: 1 })).toEqual([]);
  });
});

describe('summarise: STAR, timeline, forecast, plan, asks', () => {
  it('counts STAR parts and lists what each behavioural answer missed', () => {
    const star = model().star!;
    expect(star).toMatchObject({ answers: 1, complete: 0, present: { situation: 1, task: 1, action: 1, result: 0 } });
    expect(star.entries).toEqual([expect.objectContaining({ questionId: 'tell-me-about-failure', missing: ['result'] })]);
    expect(summarise({ attempts: [attemptAt(byId('dns-basics'), 1, [0])], cards: [], catalog: catalogOf(), period: MONTH }, T0).star).toBeNull();
  });

  it('draws one point per answer for a short history, oldest first', () => {
    const t = model().timeline;
    expect(t.unit).toBe('attempt');
    expect(t.points).toHaveLength(10);
    expect(t.points[0]!.label).toBe('error-budget-policy');
    expect(t.points.map((p) => p.score)[9]).toBe(1);
  });

  it('draws one point per day for a longer history, and per week past 120 days', () => {
    const q = byId('dns-basics');
    const days = Array.from({ length: 50 }, (_, i) => attemptAt(q, i % 5, i % 2 ? [0] : [], {}, 1));
    const t = summarise({ attempts: days, cards: [], catalog: catalogOf(), period: MONTH }, T0).timeline;
    expect(t.unit).toBe('day');
    expect(t.points.map((p) => p.label)).toEqual(['2026-10-28', '2026-10-29', '2026-10-30', '2026-10-31', '2026-11-01']);
    expect(t.points.every((p) => p.attempts === 10)).toBe(true);
    const long = Array.from({ length: 60 }, (_, i) => attemptAt(q, i * 3, [0]));
    const w = summarise({ attempts: long, cards: [], catalog: catalogOf(), period: MONTH }, T0).timeline;
    expect(w.unit).toBe('week');
    expect(w.points.length).toBe(26);
    expect(new Date(`${w.points[0]!.label}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it('forecasts today (overdue included) and the next 7 days, on local calendar days', () => {
    const cards = [card('disk-full', -3 * DAY), card('xss-probe', 0), card('sli-slo-sla', 2 * DAY), card('dns-basics', 7 * DAY + HOUR), card('tcp-handshake', 30 * DAY)];
    const f = model({ cards }).forecast;
    expect(f.map((d) => d.date)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08']);
    expect(f.map((d) => d.due)).toEqual([2, 0, 1, 0, 0, 0, 0, 1]);
    // Ten hours west of UTC, T0 (09:00Z) is 23:00 on 31 October; a card due at 09:00Z on 1 November is tomorrow's.
    const west = model({ cards: [card('xss-probe', HOUR * 2)], utcOffsetMinutes: -600 }).forecast;
    expect(west[0]).toEqual({ date: '2026-10-31', due: 0 });
    expect(west[1]).toEqual({ date: '2026-11-01', due: 1 });
  });

  it('plans 3 to 5 weak topics with questions to redo and the drill command, without repeating questions', () => {
    const plan = model({ cards: [card('disk-full', -DAY)] }).plan;
    expect(plan.map((p) => p.topic)).toEqual(['incident-response', 'caching', 'slo', 'communication']);
    expect(plan[0]).toEqual({
      topic: 'incident-response',
      mastery: expect.closeTo(0.3987, 3),
      reason: 'mastery 40 %, falling, 1 due',
      questions: ['disk-full', 'xss-probe'],
      command: 'sre-drill drill --topic incident-response --count 2',
    });
    expect(plan[2]!.questions).toEqual(['sli-slo-sla']);
  });

  it('fills the plan with topics not practised yet when little is weak', () => {
    const plan = summarise({ attempts: [attemptAt(byId('dns-basics'), 1, [0])], cards: [], catalog: catalogOf(), period: MONTH }, T0).plan;
    expect(plan.length).toBe(3);
    expect(plan.every((p) => p.mastery === null && p.reason === 'not practised yet')).toBe(true);
    // The most asked-about topics first (two questions each, then by name), easiest questions first.
    expect(plan.map((p) => p.topic)).toEqual(['error-budget', 'incident-response', 'caching']);
    expect(plan[1]).toMatchObject({ questions: ['disk-full', 'xss-probe'], command: 'sre-drill drill --topic incident-response --count 2' });
  });

  it('reminds of questions to ask the interviewer after a mock only, weak topics first', () => {
    expect(model().asks).toEqual([]);
    const asks = model({ period: { ...MONTH, sessionId: 3, sessionKind: 'mock' } }).asks;
    expect(asks.map((a) => a.id)).toEqual(['oncall-load', 'slo-owner', 'postmortems']);
  });

  it('keeps to one category’s cards when asked for one', () => {
    const m = model({ period: { ...MONTH, category: 'definitions' }, cards: [card('disk-full', -DAY), card('sli-slo-sla', -DAY)] });
    expect(m.forecast[0]!.due).toBe(1);
    expect(m.period.category).toBe('definitions');
  });
});

describe('joinFollowUps: a mock follow-up is one answer with its question', () => {
  it('joins the follow-up to its question in the same session: its score, the time of both', () => {
    const [q, other] = catalogOf().questions;
    const first = attemptAt(q!, 1, [0], { sessionId: 7, durationMs: 90_000 });
    const follow = attemptAt(q!, 1, [0, 1], { sessionId: 7, durationMs: 40_000, prompt: followUpPrompt(q!.prompt, 'And then?') }, 0.01);
    const elsewhere = attemptAt(other!, 1, [], { sessionId: 8 }, 0.005);
    const joined = joinFollowUps([first, elsewhere, follow]);
    expect(joined).toHaveLength(2);
    expect(joined[0]).toMatchObject({ id: follow.id, score: follow.score, durationMs: 130_000, timeLimit: 2 * q!.timeLimit, prompt: q!.prompt, startedAt: first.startedAt });
    expect(joined[1]).toBe(elsewhere);
  });

  it('keeps a second answer to the same question that is not a follow-up, and one in another session', () => {
    const [q] = catalogOf().questions;
    const a = attemptAt(q!, 2, [0], { sessionId: 1 });
    const again = attemptAt(q!, 1, [0, 1], { sessionId: 1 });
    const otherSession = attemptAt(q!, 1, [0], { sessionId: 2, prompt: followUpPrompt(q!.prompt, 'And then?') }, 1);
    expect(joinFollowUps([a, again, otherSession])).toEqual([a, again, otherSession]);
  });
});
