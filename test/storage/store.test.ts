import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/core/errors.js';
import { next } from '../../src/core/scheduling/fsrs.js';
import { followUpPrompt } from '../../src/core/model.js';
import { summarise } from '../../src/core/report/summarise.js';
import { queue } from '../../src/core/scheduling/queue.js';
import { SCHEMA_VERSION } from '../../src/storage/migrations.js';
import { DB_FILE, openStore, QUICK_CHECK_MAX_BYTES, type Store } from '../../src/storage/store.js';
import { renderJson } from '../../src/ui/report/json.js';
import { tempDir } from '../helpers/cli.js';
import { at, DAY, HOUR, MINUTE, T0 } from '../helpers/clock.js';
import { makeAttempt, points } from '../helpers/store-fixture.js';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function withStore<T>(dir: string, fn: (s: Store) => T): T {
  const s = openStore(dir);
  try {
    return fn(s);
  } finally {
    s.close();
  }
}

function session(s: Store, plan = ['what-is-a-probe', 'liveness-probe']): number {
  return s.startSession({ kind: 'drill', options: { count: plan.length }, plan, startedAt: T0 });
}

describe('openStore', () => {
  it('creates missing folders and a WAL database at the current schema version', () => {
    const dir = join(tempDir(), 'a', 'b', 'data');
    withStore(dir, (s) => {
      expect(s.path).toBe(join(dir, DB_FILE));
      expect(s.schemaVersion).toBe(SCHEMA_VERSION);
      session(s);
      expect(existsSync(`${s.path}-wal`)).toBe(true);
      expect(s.quickCheck()).toBe('ok');
    });
    const raw = new Database(join(dir, DB_FILE), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('refuses a database with a newer schema, untouched, naming both versions', () => {
    const dir = tempDir();
    withStore(dir, (s) => session(s));
    const path = join(dir, DB_FILE);
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 3}`);
    raw.close();
    const before = sha(path);
    expect(() => openStore(dir)).toThrow(new RegExp(`schema version ${SCHEMA_VERSION + 3}.*up to ${SCHEMA_VERSION}`));
    expect(sha(path)).toBe(before);
  });

  it('refuses a file that is not a database, naming it and suggesting a backup, and never overwrites it', () => {
    const dir = tempDir();
    const path = join(dir, DB_FILE);
    writeFileSync(path, 'these are my notes, not a database\n'.repeat(200));
    const before = sha(path);
    let err: unknown;
    try {
      openStore(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).message).toContain(path);
    expect((err as StoreError).message).toMatch(/not an sre-drill database.*backup/);
    expect((err as StoreError).exitCode).toBe(1);
    expect(sha(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it("refuses another program's SQLite database, untouched", () => {
    const dir = tempDir();
    const path = join(dir, DB_FILE);
    const other = new Database(path);
    other.exec('CREATE TABLE recipes (name TEXT)');
    other.close();
    const before = sha(path);
    expect(() => openStore(dir)).toThrow(/database of some other program/);
    expect(sha(path)).toBe(before);
  });

  it('refuses a damaged database (quick_check) without touching it', () => {
    const dir = tempDir();
    withStore(dir, (s) => {
      const sid = session(s);
      for (let i = 0; i < 300; i++) s.recordAttempt(makeAttempt(sid, { questionId: `q-${i}`, answer: `answer number ${i} `.repeat(20) }));
    });
    const path = join(dir, DB_FILE);
    const bytes = readFileSync(path);
    // Scribble over the middle pages, keeping the header (page 1) intact.
    for (let i = 8192; i < bytes.length - 4096; i += 4096) bytes.fill(0x5a, i + 8, i + 64);
    writeFileSync(path, bytes);
    const before = sha(path);
    expect(() => openStore(dir)).toThrow(/damaged|not an sre-drill database/);
    expect(() => openStore(dir)).toThrow(/backup/);
    expect(sha(path)).toBe(before);
  });

  it('a large database (no quick_check on open) with damage: reported as damage when met, never written over', () => {
    const dir = tempDir();
    withStore(dir, (s) => {
      const sid = session(s);
      for (let i = 0; i < 600; i++) s.recordAttempt(makeAttempt(sid, { questionId: `q-${i}`, answer: `a long answer ${i} `.repeat(800) }));
    });
    const path = join(dir, DB_FILE);
    expect(statSync(path).size).toBeGreaterThan(QUICK_CHECK_MAX_BYTES);
    expect(existsSync(`${path}-wal`)).toBe(false);
    const bytes = readFileSync(path);
    for (let i = 16 * 4096; i < bytes.length - 4096; i += 4096) bytes.fill(0x5a, i, i + 64);
    writeFileSync(path, bytes);
    const before = sha(path);
    const openAndRead = () => {
      const s = openStore(dir);
      try {
        s.attempts();
      } finally {
        s.close();
      }
    };
    expect(openAndRead).toThrow(StoreError);
    expect(openAndRead).toThrow(/is damaged .*backup/);
    expect(sha(path)).toBe(before);
  });

  it('refuses a data folder that is a file, and a database path that is a folder', () => {
    const dir = tempDir();
    const file = join(dir, 'file');
    writeFileSync(file, 'x');
    expect(() => openStore(file)).toThrow(/is a file, not a folder/);
    expect(() => openStore(join(file, 'below'))).toThrow(/is a file, not a folder|a part of its path is a file/);
    mkdirSync(join(dir, 'data', DB_FILE), { recursive: true });
    expect(() => openStore(join(dir, 'data'))).toThrow(/is a folder, not a database file/);
  });

  it('fails at once on a data folder that can never be made (Node 20 recursive mkdir spins under /proc)', () => {
    expect(() => openStore('/proc/sre-drill-test/data')).toThrow(StoreError);
  });

  it.skipIf(process.getuid?.() === 0)('refuses a read-only data folder', () => {
    const dir = join(tempDir(), 'ro');
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    try {
      expect(() => openStore(dir)).toThrow(/read-only/);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('refuses a desired retention out of range', () => {
    expect(() => openStore(tempDir(), { retention: 2 })).toThrow(RangeError);
  });
});

describe('sessions', () => {
  it('keeps kind, options, plan, progress and the draft; finishing clears the draft', () => {
    withStore(tempDir(), (s) => {
      const id = session(s);
      s.saveProgress(id, { position: 1, draft: { questionId: 'liveness-probe', text: 'The kub', remainingMs: 30_000 } }, at(MINUTE));
      expect(s.getSession(id)).toMatchObject({
        kind: 'drill',
        options: { count: 2 },
        plan: ['what-is-a-probe', 'liveness-probe'],
        position: 1,
        draft: { questionId: 'liveness-probe', text: 'The kub', remainingMs: 30_000 },
        status: 'running',
        startedAt: T0,
        endedAt: null,
        updatedAt: at(MINUTE),
      });
      s.finishSession(id, 'finished', at(2 * MINUTE));
      expect(s.getSession(id)).toMatchObject({ status: 'finished', draft: null, endedAt: at(2 * MINUTE) });
      expect(s.lastInterruptedSession()).toBeNull();
    });
  });

  it('lastInterruptedSession gives the latest interrupted one with questions left; resume makes it running', () => {
    withStore(tempDir(), (s) => {
      const old = session(s);
      s.finishSession(old, 'interrupted', at(MINUTE));
      const done = s.startSession({ kind: 'mock', options: {}, plan: ['a'], startedAt: at(HOUR) });
      s.saveProgress(done, { position: 1, draft: null });
      s.finishSession(done, 'interrupted', at(HOUR + MINUTE)); // nothing left to ask
      const later = s.startSession({ kind: 'review', options: {}, plan: ['a', 'b'], startedAt: at(2 * HOUR) });
      s.saveProgress(later, { position: 1, draft: { questionId: 'b', text: 'half', remainingMs: 1000 } });
      s.finishSession(later, 'interrupted', at(2 * HOUR + MINUTE));
      expect(s.lastInterruptedSession()).toMatchObject({ id: later, position: 1, draft: { text: 'half' } });
      expect(s.resumeSession(later, at(3 * HOUR))).toMatchObject({ status: 'running', endedAt: null });
      expect(s.lastInterruptedSession()?.id).toBe(old);
      expect(s.listSessions().map((x) => x.id)).toEqual([old, done, later]);
      expect(s.listSessions({ since: at(HOUR) }).map((x) => x.id)).toEqual([done, later]);
    });
  });

  it('a session left running by a process that is gone is interrupted on the next open', () => {
    const dir = tempDir();
    const gone = 2 ** 22 + 12345; // above the default pid_max: no such process
    const s1 = openStore(dir, { pid: gone });
    const id = s1.startSession({ kind: 'drill', options: {}, plan: ['a', 'b'], startedAt: T0 });
    s1.saveProgress(id, { position: 1, draft: null }, at(MINUTE));
    const mine = openStore(dir).startSession({ kind: 'drill', options: {}, plan: ['c'], startedAt: T0 });
    s1.close();
    withStore(dir, (s) => {
      expect(s.getSession(id)).toMatchObject({ status: 'interrupted', endedAt: at(MINUTE), position: 1 });
      expect(s.getSession(mine)?.status).toBe('running'); // this process is alive
    });
  });

  it('errors name a session that does not exist', () => {
    withStore(tempDir(), (s) => {
      expect(() => s.saveProgress(99, { position: 0, draft: null })).toThrow(/no session 99/);
      expect(() => s.finishSession(99, 'finished', T0)).toThrow(StoreError);
    });
  });
});

describe('attempts and cards', () => {
  it('keeps every field of an attempt as given', () => {
    withStore(tempDir(), (s) => {
      const sid = session(s);
      const a = makeAttempt(sid, {
        star: { situation: { present: true, cue: 'we had' }, task: { present: false, cue: '' }, action: { present: true, cue: 'I led' }, result: { present: true, cue: 'down 40%' } },
        overTime: true,
        hintsUsed: 2,
        notes: 'interviewer: good structure',
        mode: 'pair',
        answer: 'ünïcödé and "quotes"\nand lines',
      });
      const id = s.recordAttempt(a);
      expect(s.attempts()).toEqual([{ ...a, id }]);
    });
  });

  it('one transaction: the attempt, its card, the review log (suggested and chosen) and the progress', () => {
    withStore(tempDir(), (s) => {
      const sid = session(s);
      const a = makeAttempt(sid, { suggestedRating: 'hard', rating: 'again', points: points(false, false) });
      const id = s.recordAttempt(a, { progress: { position: 1, draft: null } });
      const card = s.card('what-is-a-probe')!;
      expect(card).toEqual(next(null, 'again', a.answeredAt).card);
      expect(s.reviewLog()).toMatchObject([{ attemptId: id, questionId: 'what-is-a-probe', suggestedRating: 'hard', rating: 'again', stateBefore: 'new', undoneAt: null }]);
      expect(s.getSession(sid)?.position).toBe(1);
      expect(s.topicStats().map((t) => [t.topic, t.weakness])).toEqual([['kubernetes', 0.5], ['probes', 0.5]]);
    });
  });

  it('a failed write leaves nothing behind (the attempt of a missing session)', () => {
    withStore(tempDir(), (s) => {
      expect(() => s.recordAttempt(makeAttempt(12345))).toThrow(StoreError);
      expect(s.attempts()).toEqual([]);
      expect(s.cards(T0)).toEqual([]);
      expect(s.reviewLog()).toEqual([]);
      expect(s.topicStats()).toEqual([]);
    });
  });

  it('uses the suggestion when no rating was chosen, and skips the card with ratingApplied: null', () => {
    withStore(tempDir(), (s) => {
      const sid = session(s);
      s.recordAttempt(makeAttempt(sid, { rating: null, suggestedRating: 'easy' }));
      expect(s.reviewLog()[0]).toMatchObject({ suggestedRating: 'easy', rating: 'easy' });
      // The attempt keeps the rating its card was scheduled with.
      expect(s.attempts()[0]!.rating).toBe('easy');
      const id = s.recordAttempt(makeAttempt(sid, { questionId: 'liveness-probe', rating: null }), { ratingApplied: null });
      expect(s.card('liveness-probe')).toBeNull();
      expect(s.attempts({ questionId: 'liveness-probe' })[0]!.rating).toBeNull();
      const card = s.rateAttempt(id, 'good', at(MINUTE));
      expect(s.card('liveness-probe')).toEqual(card);
      expect(s.attempts({ questionId: 'liveness-probe' })[0]!.rating).toBe('good');
      expect(s.reviewLog({ questionId: 'liveness-probe' })).toMatchObject([{ attemptId: id, suggestedRating: 'hard', rating: 'good' }]);
    });
  });

  it('filters attempts by time, session, category and question, oldest first', () => {
    withStore(tempDir(), (s) => {
      const s1 = session(s);
      const s2 = session(s);
      s.recordAttempt(makeAttempt(s1, { answeredAt: at(2 * DAY) }));
      s.recordAttempt(makeAttempt(s1, { questionId: 'disk-full', category: 'troubleshooting', answeredAt: at(DAY) }));
      s.recordAttempt(makeAttempt(s2, { answeredAt: at(3 * DAY) }));
      const days = (xs: { answeredAt: Date }[]) => xs.map((x) => (x.answeredAt.getTime() - T0.getTime()) / DAY);
      expect(days(s.attempts())).toEqual([1, 2, 3]);
      expect(days(s.attempts({ since: at(2 * DAY) }))).toEqual([2, 3]);
      expect(days(s.attempts({ until: at(2 * DAY) }))).toEqual([1]);
      expect(days(s.attempts({ sessionId: s2 }))).toEqual([3]);
      expect(days(s.attempts({ category: 'troubleshooting' }))).toEqual([1]);
      expect(days(s.attempts({ questionId: 'what-is-a-probe', since: at(DAY), until: at(3 * DAY) }))).toEqual([2]);
      expect(s.attemptCount()).toBe(3);
    });
  });

  it('reportInput: the attempts as attempts() has them, without the answer, point results read when asked for', () => {
    withStore(tempDir(), (s) => {
      const s1 = session(s);
      const s2 = session(s);
      const reworded = points(false, true, false);
      reworded[2] = { ...reworded[2]!, point: 'said differently' };
      const star = { situation: { present: true, cue: 'we' }, task: { present: false, cue: '' }, action: { present: true, cue: 'I' }, result: { present: false, cue: '' } };
      s.recordAttempt(makeAttempt(s1, { points: points(true, false), answeredAt: at(HOUR) }));
      s.recordAttempt(makeAttempt(s1, { questionId: 'disk-full', category: 'troubleshooting', topics: ['disks'], points: reworded, answeredAt: at(2 * HOUR) }));
      s.recordAttempt(makeAttempt(s1, { questionId: 'skipped-q', points: [], skipped: true, score: 0, overTime: true, answeredAt: at(3 * HOUR) }));
      s.recordAttempt(makeAttempt(s2, { questionId: 'star-q', category: 'behavioural', points: [], star, answeredAt: at(DAY) }));
      // A later answer to the first question, then an ungraded one: the report quotes the later graded one.
      s.recordAttempt(makeAttempt(s2, { points: points(false, false), score: 0, answeredAt: at(DAY + HOUR) }));
      s.recordAttempt(makeAttempt(s2, { points: [], answeredAt: at(DAY + 2 * HOUR) }), { ratingApplied: null });

      const full = s.attempts();
      const { attempts, cards } = s.reportInput();
      expect(attempts.map((a) => a.id)).toEqual(full.map((a) => a.id));
      for (const [i, a] of attempts.entries()) {
        const f = full[i]!;
        const { answer: _a, notes: _n, mode: _m, hintsUsed: _h, suggestedRating: _s, rating: _r, points: pts, ...same } = f;
        for (const k of Object.keys(same) as (keyof typeof same)[]) expect(a[k as keyof typeof a]).toEqual(same[k]);
        expect(a.star).toEqual(f.star);
        expect(a.hasPoints).toBe(pts.length > 0);
        expect(a.points).toEqual(pts);
      }
      expect(cards.map((c) => [c.questionId, c.due]).sort()).toEqual(s.cards(T0).map((c) => [c.questionId, c.due]).sort());

      const ids = (xs: { id: number }[]) => xs.map((x) => x.id);
      for (const filter of [{ since: at(2 * HOUR) }, { until: at(DAY) }, { sessionId: s2 }, { category: 'troubleshooting' as const }, { questionId: 'what-is-a-probe' }]) {
        expect(ids(s.reportInput(filter).attempts)).toEqual(ids(s.attempts(filter)));
      }
    });
  });

  it('reportInput carries the point results of every answer summarise quotes, a mock follow-up joined to its question included', () => {
    withStore(tempDir(), (s) => {
      const a = session(s);
      const b = session(s);
      const prompt = 'What does a readiness probe decide?';
      // Two terminals: session a asks, session b answers the same question, then a's follow-up.
      s.recordAttempt(makeAttempt(a, { prompt, points: points(true, false), answeredAt: at(HOUR) }));
      s.recordAttempt(makeAttempt(b, { prompt, points: points(false, false), score: 0, answeredAt: at(2 * HOUR) }));
      s.recordAttempt(makeAttempt(a, { prompt: followUpPrompt(prompt, 'And then?'), points: points(true, true), score: 1, answeredAt: at(3 * HOUR) }));
      const period = { from: T0, to: at(DAY), label: 'today' };
      const catalog = { questions: [], byId: new Map(), asks: [] };
      const light = summarise({ ...s.reportInput(), catalog, period }, at(DAY));
      const full = summarise({ attempts: s.attempts(), cards: s.cards(at(DAY)), catalog, period }, at(DAY));
      expect(renderJson(light)).toBe(renderJson(full));
      expect(light.overall.attempts).toBe(2);
    });
  });

  it('cards carry topics and recall at the asked time; newCardsSince counts first ratings', () => {
    withStore(tempDir(), (s) => {
      const sid = session(s);
      s.recordAttempt(makeAttempt(sid, { rating: 'good', answeredAt: T0 }));
      s.recordAttempt(makeAttempt(sid, { questionId: 'liveness-probe', topics: ['probes'], rating: 'again', answeredAt: at(DAY) }));
      s.recordAttempt(makeAttempt(sid, { rating: 'good', answeredAt: at(2 * DAY) }));
      const cards = s.cards(at(3 * DAY));
      expect(cards.map((c) => c.questionId).sort()).toEqual(['liveness-probe', 'what-is-a-probe']);
      expect(cards.find((c) => c.questionId === 'liveness-probe')).toMatchObject({ topics: ['probes'], state: 'learning', firstReview: at(DAY) });
      expect(cards.every((c) => c.retrievability > 0 && c.retrievability <= 1)).toBe(true);
      expect(s.newCardsSince(at(DAY))).toBe(1);
      expect(s.newCardsSince(T0)).toBe(2);
    });
  });

  it('reviewQueue: due first, then new ones within the daily limit; the topic rule brings a sibling forward', () => {
    withStore(tempDir(), (s) => {
      const sid = session(s);
      const questions = [
        { id: 'what-is-a-probe', topics: ['kubernetes', 'probes'] },
        { id: 'liveness-probe', topics: ['probes'] },
        { id: 'error-budget', topics: ['slo'] },
      ];
      s.recordAttempt(makeAttempt(sid, { rating: 'again', points: points(false, false), answeredAt: T0 }));
      const q = s.reviewQueue(at(2 * MINUTE), { questions, dayStart: T0, newPerDay: 2 });
      // One new card already introduced today: one more allowed, the one sharing the weak topic.
      expect(q.map((i) => [i.id, i.reason])).toEqual([['what-is-a-probe', 'due'], ['liveness-probe', 'new']]);
      expect(s.reviewQueue(at(2 * MINUTE), { questions, dayStart: T0, newPerDay: 1 }).map((i) => i.id)).toEqual(['what-is-a-probe']);
      expect(s.reviewQueue(at(2 * MINUTE), { questions, dayStart: at(DAY), cram: true, limit: 2 }).map((i) => i.id)).toEqual(['liveness-probe', 'what-is-a-probe']);
    });
  });

  it('reviewQueue reads only the cards that can come up, and queues as the core does over every card', () => {
    withStore(tempDir(), (s) => {
      const sid = session(s);
      const q = (id: string, topics: string[]) => ({ id, topics });
      const questions = [q('calm-a', ['calm']), q('calm-b', ['calm']), q('weak-a', ['weak']), q('weak-b', ['weak', 'calm']), q('never', ['weak'])];
      // Ratings a few days apart build intervals of days; the missed answers make 'weak' weak,
      // which pulls its cards forward by up to half their interval.
      for (const [i, id] of ['calm-a', 'calm-b', 'weak-a', 'weak-b'].entries()) {
        const topics = questions.find((x) => x.id === id)!.topics;
        const weak = id.startsWith('weak');
        for (let k = 0; k < 3; k++) {
          s.recordAttempt(makeAttempt(sid, { questionId: id, topics, rating: weak ? 'hard' : 'good', points: points(!weak, !weak), answeredAt: at(i * HOUR + k * 4 * DAY) }));
        }
      }
      const weakness = new Map(s.topicStats().map((t) => [t.topic, t.weakness]));
      expect(weakness.get('weak')).toBeGreaterThan(0.5);
      const seen = new Set<string>();
      for (let day = 8; day <= 60; day++) {
        const now = at(day * DAY);
        for (const cram of [false, true]) {
          const got = s.reviewQueue(now, { questions, dayStart: now, cram });
          expect(got).toEqual(queue(s.cards(now), now, { questions, topicWeakness: weakness, newLimit: 10, cram }));
          for (const i of got) if (!cram) seen.add(`${i.id} ${i.reason}`);
        }
      }
      // Every card came due at some point, and only the unanswered question was ever new.
      expect([...seen].sort()).toEqual(['calm-a due', 'calm-b due', 'never new', 'weak-a due', 'weak-b due']);
    });
  });
});

describe('undo', () => {
  it('restores the card as it was before the last rating and keeps the log entry, marked', () => {
    withStore(tempDir(), (s) => {
      const sid = session(s);
      s.recordAttempt(makeAttempt(sid, { rating: 'good', answeredAt: T0 }));
      const before = s.card('what-is-a-probe')!;
      const id = s.recordAttempt(makeAttempt(sid, { rating: 'again', answeredAt: at(3 * DAY) }));
      expect(s.card('what-is-a-probe')).not.toEqual(before);
      const r = s.undoLastRating(at(3 * DAY + MINUTE));
      expect(r).toMatchObject({ questionId: 'what-is-a-probe', rating: 'again', reviewedAt: at(3 * DAY), card: before });
      expect(s.card('what-is-a-probe')).toEqual(before);
      expect(s.reviewLog().map((e) => e.undoneAt)).toEqual([null, at(3 * DAY + MINUTE)]);
      expect(s.attempts().find((a) => a.id === id)!.rating).toBeNull();
      // The first rating undone: the question is new again.
      expect(s.undoLastRating(at(4 * DAY))?.card).toBeNull();
      expect(s.card('what-is-a-probe')).toBeNull();
      expect(s.undoLastRating(at(5 * DAY))).toBeNull();
      expect(s.reviewLog()).toHaveLength(2);
    });
  });
});

describe('orphans', () => {
  it('lists questions with history that left the banks; removing their cards keeps the history', () => {
    withStore(tempDir(), (s) => {
      const sid = session(s);
      s.recordAttempt(makeAttempt(sid));
      s.recordAttempt(makeAttempt(sid, { questionId: 'gone' }));
      s.recordAttempt(makeAttempt(sid, { questionId: 'gone-unrated' }), { ratingApplied: null });
      const known = new Set(['what-is-a-probe']);
      expect(s.orphans(known)).toMatchObject([
        { questionId: 'gone', attempts: 1, hasCard: true },
        { questionId: 'gone-unrated', attempts: 1, hasCard: false },
      ]);
      expect(s.removeCards(['gone', 'gone-unrated'])).toBe(1);
      expect(s.orphans(known)).toMatchObject([{ questionId: 'gone', hasCard: false }, { questionId: 'gone-unrated' }]);
      expect(s.attempts({ questionId: 'gone' })).toHaveLength(1);
      expect(s.reviewLog({ questionId: 'gone' })).toHaveLength(1);
    });
  });
});

describe('export and import', () => {
  function seed(s: Store): void {
    const sid = session(s);
    s.recordAttempt(makeAttempt(sid, { rating: 'good', answeredAt: T0 }));
    s.recordAttempt(makeAttempt(sid, { questionId: 'liveness-probe', topics: ['probes'], rating: 'hard', points: points(false), answeredAt: at(HOUR) }));
    s.recordAttempt(makeAttempt(sid, { rating: 'again', answeredAt: at(4 * DAY) }));
    s.recordAttempt(makeAttempt(sid, { rating: 'easy', answeredAt: at(5 * DAY) }));
    s.undoLastRating(at(5 * DAY + MINUTE));
    s.finishSession(sid, 'finished', at(5 * DAY + 2 * MINUTE));
    s.startSession({ kind: 'mock', options: { format: 'phone' }, plan: ['x'], startedAt: at(6 * DAY) });
  }
  const body = (s: Store) => [...s.exportAll(T0)].slice(1);

  it('moves everything to another store: attempts, sessions, review log, cards and topics', () => {
    const a = openStore(tempDir());
    const b = openStore(tempDir());
    try {
      seed(a);
      const recs = [...a.exportAll(at(7 * DAY))];
      expect(recs[0]).toMatchObject({ type: 'header', format: 'sre-drill-export', version: 1, schema: SCHEMA_VERSION });
      expect(recs.map((r) => r.type)).toEqual(['header', 'session', 'session', 'attempt', 'attempt', 'attempt', 'attempt', 'review', 'review', 'review', 'review']);
      expect(b.importAll(JSON.parse(JSON.stringify(recs)))).toEqual({ sessions: 2, attempts: 4, reviews: 4 });
      const strip = <T extends { id: number; sessionId: number }>(xs: T[]) => xs.map(({ id: _i, sessionId: _s, ...r }) => r);
      expect(strip(b.attempts())).toEqual(strip(a.attempts()));
      expect(b.cards(at(7 * DAY))).toEqual(a.cards(at(7 * DAY)));
      expect(b.topicStats()).toEqual(a.topicStats());
      expect(b.reviewLog().map(({ id: _i, attemptId: _a, ...r }) => r)).toEqual(a.reviewLog().map(({ id: _i, attemptId: _a, ...r }) => r));
      // The running mock came in as interrupted; undo still works on the imported history.
      expect(b.listSessions().map((x) => x.status)).toEqual(['finished', 'interrupted']);
      expect(b.undoLastRating(at(8 * DAY))).toMatchObject({ rating: 'again' });
      expect(b.card('what-is-a-probe')).toEqual(next(null, 'good', T0).card);
    } finally {
      a.close();
      b.close();
    }
  });

  it('importing the same export twice (or into its own store) changes nothing', () => {
    const a = openStore(tempDir());
    const b = openStore(tempDir());
    try {
      seed(a);
      const recs = [...a.exportAll(T0)];
      b.importAll(recs);
      const once = body(b);
      const cards = b.cards(at(9 * DAY));
      expect(b.importAll(recs)).toEqual({ sessions: 0, attempts: 0, reviews: 0 });
      expect(body(b)).toEqual(once);
      expect(b.cards(at(9 * DAY))).toEqual(cards);
      const own = body(a);
      expect(a.importAll(recs)).toEqual({ sessions: 0, attempts: 0, reviews: 0 });
      expect(body(a)).toEqual(own);
    } finally {
      a.close();
      b.close();
    }
  });

  it('merges two histories: ratings from both replay into one card', () => {
    const a = openStore(tempDir());
    const b = openStore(tempDir());
    try {
      const sa = session(a);
      a.recordAttempt(makeAttempt(sa, { rating: 'good', answeredAt: T0 }));
      const sb = session(b);
      b.recordAttempt(makeAttempt(sb, { rating: 'again', answeredAt: at(3 * DAY) }));
      b.importAll(a.exportAll(T0));
      const expected = next(next(null, 'good', T0).card, 'again', at(3 * DAY)).card;
      expect(b.card('what-is-a-probe')).toEqual(expected);
      expect(b.attempts().map((x) => x.rating)).toEqual(['good', 'again']);
    } finally {
      a.close();
      b.close();
    }
  });
});

describe('exportLines', () => {
  it('reads one state of the store: a session and answer saved mid-export by another terminal are left out whole', () => {
    const dir = tempDir();
    withStore(dir, (s) => {
      const sid = session(s);
      s.recordAttempt(makeAttempt(sid));
      const lines = s.exportLines(T0);
      const first = [lines.next().value as string, lines.next().value as string];
      withStore(dir, (other) => {
        const late = session(other);
        other.recordAttempt(makeAttempt(late, { questionId: 'liveness-probe' }));
      });
      const all = [...first, ...lines].map((l) => JSON.parse(l) as { type: string; sessionUid?: string; uid?: string });
      const sessionUids = new Set(all.filter((r) => r.type === 'session').map((r) => r.uid));
      const attempts = all.filter((r) => r.type === 'attempt');
      expect(sessionUids.size).toBe(1);
      expect(attempts).toHaveLength(1);
      expect(attempts.every((a) => sessionUids.has(a.sessionUid))).toBe(true);
      expect(s.attemptCount()).toBe(2);
    });
  });

  it('writes the same records as exportAll, stars, unrated attempts and reworded points included', () => {
    withStore(tempDir(), (s) => {
      const sid = session(s);
      s.recordAttempt(makeAttempt(sid, { answer: 'tab\tquote" back\\ ünï 🚀\n', notes: 'n' }));
      const pts = points(true, false, true);
      pts[1]!.point = 'worded differently by the grader';
      s.recordAttempt(
        makeAttempt(sid, {
          questionId: 'star-q',
          category: 'behavioural',
          points: pts,
          keyPoints: [{ point: 'point 1', accept: ['one'], weight: 2 }, { point: 'point 2', accept: [], weight: 1 }, { point: 'point 3', accept: [], weight: 1 }],
          star: { situation: { present: true, cue: 'we' }, task: { present: false, cue: '' }, action: { present: true, cue: 'I' }, result: { present: false, cue: '' } },
          rating: null,
          score: 0.123456789,
        }),
        { ratingApplied: null },
      );
      s.recordAttempt(makeAttempt(sid, { answer: 'again, same snapshot' }));
      s.recordAttempt(makeAttempt(sid, { questionId: 'undone-q', answeredAt: at(HOUR) }));
      s.undoLastRating(at(2 * HOUR));
      const lines = [...s.exportLines(T0)].map((l) => JSON.parse(l) as unknown);
      expect(lines).toEqual(JSON.parse(JSON.stringify([...s.exportAll(T0)])));
      expect(lines).toHaveLength(1 + 1 + 4 + 3);
    });
  });

  it('writes each line exactly as JSON.stringify would: escapes, numbers and dates copied or made by hand match it byte for byte', () => {
    withStore(tempDir(), (s) => {
      const sid = session(s);
      const tricky = 'q"uote \\ back\\" \u0000\u0001\u001f\u007f tab\t nl\n ü 🚀 \u2028 \ud800 lone ], [ "," 1,2';
      const pts = points(true, false);
      pts[0] = { ...pts[0]!, evidence: tricky, strength: 0.1 + 0.2, weight: 0.5 };
      pts[1] = { ...pts[1]!, point: `reworded ${tricky}`, strength: 1e-7 };
      const times = [T0, new Date(Date.UTC(1969, 11, 31, 23, 59, 59, 999)), new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 1)), new Date(Date.UTC(10000, 0, 1))];
      for (const [i, t] of times.entries()) {
        s.recordAttempt(makeAttempt(sid, { questionId: `q${i}`, answer: tricky, notes: tricky, points: pts, score: 2 / 3, startedAt: t, answeredAt: t, prompt: tricky }));
      }
      // Sessions: one left running (no end), one interrupted with a draft, options and plan as kept.
      const running = s.startSession({ kind: 'mock', options: { count: 3, note: tricky, ratio: 0.1 + 0.2 }, plan: [tricky, 'b'], startedAt: at(HOUR) });
      s.saveProgress(running, { position: 1, draft: { questionId: 'b', text: tricky, remainingMs: 1234.5 } }, at(2 * HOUR));
      s.finishSession(session(s), 'interrupted', at(3 * HOUR));
      const lines = [...s.exportLines(T0)];
      for (const line of lines) expect(line).toBe(JSON.stringify(JSON.parse(line)));
      expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(JSON.parse(JSON.stringify([...s.exportAll(T0)])));
      expect(lines.filter((l) => l.startsWith('{"type":"session"'))).toHaveLength(3);
    });
  });

  it('any text the store keeps comes out of exportLines as exportAll has it', () => {
    withStore(tempDir(), (s) => {
      const sid = session(s);
      const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 }));
      let n = 0;
      fc.assert(
        fc.property(text, text, text, fc.double({ min: 0, max: 1, noNaN: true }), (answer, evidence, point, strength) => {
          const pts = points(true, false);
          pts[0] = { ...pts[0]!, evidence, strength };
          pts[1] = { ...pts[1]!, point };
          s.recordAttempt(makeAttempt(sid, { questionId: `q${n++}`, answer, notes: evidence, points: pts }));
          const lines = [...s.exportLines(T0)];
          const last = lines.filter((l) => l.startsWith('{"type":"attempt"')).at(-1)!;
          expect(last).toBe(JSON.stringify(JSON.parse(last)));
          const records = [...s.exportAll(T0)].filter((r) => r.type === 'attempt');
          expect(JSON.parse(last)).toEqual(JSON.parse(JSON.stringify(records.at(-1))));
        }),
        { numRuns: 60 },
      );
    });
  });
});
