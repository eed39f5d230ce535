import { describe, expect, it } from 'vitest';
import {
  begin,
  clockTone,
  elapsedMs,
  finishTurn,
  formatClock,
  isDone,
  loopRemainingMs,
  nextHint,
  pause,
  remainingMs,
  resumeAt,
  showTurn,
  snapshot,
  unpause,
  type EngineState,
} from '../../../src/core/session/engine.js';
import type { SessionPlan } from '../../../src/core/session/plan.js';
import { at, rng, T0 } from '../../helpers/clock.js';
import { sessionCatalog } from './fixture.js';

const { byId } = sessionCatalog();
const q = (id: string) => byId.get(id)!;
const drill: SessionPlan = { kind: 'drill', items: [{ questionId: 'fx-slo', category: 'definitions', timeLimit: 120 }, { questionId: 'fx-toil', category: 'definitions', timeLimit: 90 }] };
const mock: SessionPlan = { kind: 'mock', format: 'phone', overallLimit: 600, items: [{ questionId: 'fx-slo', category: 'definitions', timeLimit: 120 }, { questionId: 'fx-disk-full', category: 'troubleshooting', timeLimit: 180 }] };
const missed = { skipped: false, timedOut: false, missedPoints: true };
const full = { skipped: false, timedOut: false, missedPoints: false };

describe('engine clock', () => {
  it('counts down from the question limit and goes negative past zero', () => {
    const s = begin(drill, T0);
    expect(remainingMs(s, T0)).toBe(120_000);
    expect(remainingMs(s, at(30_000))).toBe(90_000);
    expect(remainingMs(s, at(125_000))).toBe(-5_000);
  });

  it('formats m:ss, rounding up so 0:00 means the time is gone', () => {
    expect(formatClock(120_000)).toBe('2:00');
    expect(formatClock(83_400)).toBe('1:24');
    expect(formatClock(500)).toBe('0:01');
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(-61_000)).toBe('-1:01');
  });

  it('turns warn at 25 % left, urgent at 10 %, over past zero', () => {
    expect(clockTone(30_001, 120_000)).toBe('calm');
    expect(clockTone(30_000, 120_000)).toBe('warn');
    expect(clockTone(12_000, 120_000)).toBe('urgent');
    expect(clockTone(0, 120_000)).toBe('over');
    expect(clockTone(null, null)).toBe('calm');
  });

  it('a pause stops the clock and is counted; unpause restarts it', () => {
    let s = begin(mock, T0);
    s = pause(s, at(10_000));
    expect(s.pauses).toBe(1);
    expect(elapsedMs(s, at(500_000))).toBe(10_000);
    s = unpause(s, at(500_000));
    expect(elapsedMs(s, at(505_000))).toBe(15_000);
  });

  it('a snapshot keeps the time used, so a resumed question has the time that was left', () => {
    const s = begin(drill, T0);
    const saved: EngineState = JSON.parse(JSON.stringify(snapshot(s, at(45_000))));
    const resumed = unpause(saved, at(3_600_000));
    expect(remainingMs(resumed, at(3_600_000))).toBe(75_000);
  });
});

describe('engine turns', () => {
  it('hints come one at a time, in order, and run out', () => {
    let s = begin(drill, T0);
    const h1 = nextHint(s, q('fx-slo'));
    expect(h1.hint).toBe('It is a target, not a contract.');
    const h2 = nextHint(h1.state, q('fx-slo'));
    expect(h2.hint).toBe('Think about the window it is measured over.');
    const h3 = nextHint(h2.state, q('fx-slo'));
    expect(h3.hint).toBeNull();
    s = h3.state;
    expect(s.hintsShown).toBe(2);
    expect(finishTurn(s, q('fx-slo'), full, at(5_000), rng()).record.hintsUsed).toBe(2);
  });

  it('a drill moves to the next question and ends after the last', () => {
    let s = begin(drill, T0);
    const r = finishTurn(s, q('fx-slo'), missed, at(30_000), rng());
    expect(r.followUp).toBeNull();
    expect(r.record).toMatchObject({ turn: 'question', durationMs: 30_000, timeLimit: 120, overTime: false });
    s = r.state;
    expect(s.index).toBe(1);
    expect(remainingMs(s, at(30_000))).toBe(90_000);
    s = finishTurn(s, q('fx-toil'), full, at(200_000), rng()).state;
    expect(isDone(s)).toBe(true);
  });

  it('marks an answer over time when it ran past the limit or timed out', () => {
    const s = begin(drill, T0);
    expect(finishTurn(s, q('fx-slo'), full, at(130_000), rng()).record.overTime).toBe(true);
    expect(finishTurn(s, q('fx-slo'), { ...full, timedOut: true }, at(120_000), rng()).record.overTime).toBe(true);
  });

  it('in a mock, a answer missing key points gets one follow-up from the question', () => {
    const s = begin(mock, T0);
    const r = finishTurn(s, q('fx-slo'), missed, at(60_000), rng());
    expect(r.followUp).toBe('How would you pick the window?');
    expect(r.state.turn).toBe('follow-up');
    expect(r.state.index).toBe(0);
    // A third of two minutes, raised to the one-minute floor.
    expect(remainingMs(r.state, at(60_000))).toBe(60_000);
    const after = finishTurn(r.state, q('fx-slo'), missed, at(90_000), rng());
    expect(after.record).toMatchObject({ turn: 'follow-up', followUp: 'How would you pick the window?', durationMs: 30_000 });
    expect(after.followUp).toBeNull();
    expect(after.state).toMatchObject({ index: 1, turn: 'question' });
  });

  it('asks no follow-up for a full answer, a skip, or in a drill', () => {
    const s = begin(mock, T0);
    expect(finishTurn(s, q('fx-slo'), full, at(1_000), rng()).followUp).toBeNull();
    expect(finishTurn(s, q('fx-slo'), { ...missed, skipped: true }, at(1_000), rng()).followUp).toBeNull();
    expect(finishTurn(begin(drill, T0), q('fx-slo'), missed, at(1_000), rng()).followUp).toBeNull();
  });

  it('the overall clock caps a question and ends the loop when it runs out', () => {
    const tight: SessionPlan = { ...mock, overallLimit: 150 };
    let s = begin(tight, T0);
    s = finishTurn(s, q('fx-slo'), full, at(100_000), rng()).state;
    expect(loopRemainingMs(s, at(100_000))).toBe(50_000);
    expect(remainingMs(s, at(100_000))).toBe(50_000);
    const end = finishTurn(s, q('fx-disk-full'), full, at(150_000), rng());
    expect(isDone(end.state)).toBe(true);
    expect(end.state.ended).toBe('loop-clock');
  });
});

describe('engine resume', () => {
  it('continues the interrupted question with the time that was left and the hints shown', () => {
    const s = resumeAt(drill, { index: 1, turn: 'question', followUp: null, remainingMs: 40_000, hintsShown: 1, loopUsedMs: 0 }, at(9_999_000));
    expect(s.index).toBe(1);
    expect(remainingMs(s, at(9_999_000))).toBe(40_000);
    expect(remainingMs(s, at(10_009_000))).toBe(30_000);
    expect(nextHint(s, q('fx-toil')).hint).toBeNull();
  });

  it('continues a follow-up, and the loop clock remembers the time already used', () => {
    const s = resumeAt(mock, { index: 0, turn: 'follow-up', followUp: 'How would you pick the window?', remainingMs: 20_000, hintsShown: 0, loopUsedMs: 300_000 }, T0);
    expect(s).toMatchObject({ turn: 'follow-up', followUp: 'How would you pick the window?' });
    expect(remainingMs(s, T0)).toBe(20_000);
    expect(loopRemainingMs(s, T0)).toBe(600_000 - 300_000 - 40_000);
  });

  it('a session saved after its last answer resumes as done', () => {
    expect(isDone(resumeAt(drill, { index: 2, turn: 'question', followUp: null, remainingMs: null, hintsShown: 0, loopUsedMs: 0 }, T0))).toBe(true);
  });
});

describe('engine showTurn', () => {
  it('charges a fresh turn only from when it is shown', () => {
    let s = finishTurn(begin(drill, T0), q('fx-slo'), full, at(10_000), rng()).state;
    s = showTurn(s, at(70_000));
    expect(remainingMs(s, at(70_000))).toBe(90_000);
    expect(finishTurn(s, q('fx-toil'), full, at(80_000), rng()).record.startedAt).toEqual(at(70_000));
  });

  it('a resumed turn keeps the time it had used', () => {
    const s = showTurn(resumeAt(drill, { index: 0, turn: 'question', followUp: null, remainingMs: 30_000, hintsShown: 0, loopUsedMs: 0 }, T0), at(5_000));
    expect(remainingMs(s, at(5_000))).toBe(30_000);
  });
});
