// The progress store at scale: a generated history of 100,000 attempts over 10,000 questions
// (so 10,000 cards), imported once, then: opening the store, building the review queue,
// recording one attempt, exporting everything, and the database size per 1,000 attempts.
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportRecord } from '../src/core/export/records.js';
import { RATINGS, type Rating } from '../src/core/model.js';
import { seededRng } from '../src/core/random.js';
import { LineWriter } from '../src/storage/line-writer.js';
import { openStore, DB_FILE } from '../src/storage/store.js';
import { atMost, info, median, withTempDir, type BenchModule, type Figure } from './lib.js';

const ATTEMPTS = 100_000;
const QUESTIONS = 10_000;
const TOPICS = 300;
const DAY = 86_400_000;

const words = 'latency error budget saturation traffic replica quorum leader failover cache eviction queue backlog retry jitter timeout circuit breaker rollout canary alert page runbook'.split(' ');
/** A 36-character id like the store's own (randomUUID), so sizes are realistic. */
function uid(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(35 - prefix.length, '0')}-`.slice(0, 36);
}

function sentence(rng: () => number, n: number): string {
  return Array.from({ length: n }, () => words[Math.floor(rng() * words.length)]).join(' ');
}

/** The generated history as export records: one session per 10 attempts, a rating for each. */
export function* history(start: number): Generator<ExportRecord> {
  const rng = seededRng(7);
  yield { type: 'header', format: 'sre-drill-export', version: 1, schema: 1, exportedAt: new Date(start).toISOString() };
  for (let i = 0; i < ATTEMPTS; i++) {
    const t = start + Math.floor((i / ATTEMPTS) * 365 * DAY);
    const iso = new Date(t).toISOString();
    if (i % 10 === 0) {
      yield { type: 'session', uid: uid('s', i / 10), kind: 'drill', options: {}, plan: [], position: 10, draft: null, status: 'finished', startedAt: iso, endedAt: iso, updatedAt: iso };
    }
    const q = Math.floor(rng() * QUESTIONS);
    // The question as asked is the same every time it is asked (the store keeps it once).
    const qrng = seededRng(q + 1);
    const prompt = sentence(qrng, 30);
    const keyPoints = Array.from({ length: 4 }, () => ({ point: sentence(qrng, 8), accept: [], weight: 1 }));
    const points = keyPoints.map((k, index) => {
      const matched = rng() < 0.6;
      return { index, point: k.point, weight: 1, matched, strength: matched ? 0.8 : 0.2, evidence: matched ? sentence(rng, 5) : '' };
    });
    const score = points.filter((p) => p.matched).length / 4;
    const rating: Rating = RATINGS[Math.min(3, Math.floor(score * 4))]!;
    yield {
      type: 'attempt',
      uid: uid('a', i),
      sessionUid: uid('s', Math.floor(i / 10)),
      questionId: `q-${q}`,
      category: 'troubleshooting',
      topics: [`t-${q % TOPICS}`, `t-${(q * 7) % TOPICS}`],
      prompt,
      keyPoints,
      answer: sentence(rng, 90),
      points,
      score,
      durationMs: 60_000 + Math.floor(rng() * 200_000),
      timeLimit: 360,
      overTime: false,
      hintsUsed: 0,
      skipped: false,
      mode: 'typed',
      notes: '',
      suggestedRating: rating,
      rating,
      startedAt: iso,
      answeredAt: iso,
    };
    yield { type: 'review', uid: uid('r', i), attemptUid: uid('a', i), questionId: `q-${q}`, suggestedRating: rating, rating, stateBefore: 'new', elapsedDays: 0, scheduledDays: 0, reviewedAt: iso, undoneAt: null };
  }
}

/** CPU time of the last `time()` call, ms: on a busy machine it shows what waiting for a core added. */
let lastCpuMs = 0;
function time(fn: () => void): number {
  const cpu = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  fn();
  const used = process.cpuUsage(cpu);
  lastCpuMs = (used.user + used.system) / 1000;
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const bench: BenchModule = {
  title: 'store',
  async run(): Promise<Figure[]> {
    return withTempDir(async (dir) => {
      const start = Date.UTC(2025, 10, 1);
      const now = new Date(start + 366 * DAY);
      const seed = openStore(dir);
      const importMs = time(() => seed.importAll(history(start)));
      const cards = seed.cards(now).length;
      seed.close();
      const dbBytes = statSync(join(dir, DB_FILE)).size;

      const opens = Array.from({ length: 15 }, () => time(() => openStore(dir).close()));

      const store = openStore(dir);
      const questions = Array.from({ length: QUESTIONS }, (_, q) => ({ id: `q-${q}`, topics: [`t-${q % TOPICS}`, `t-${(q * 7) % TOPICS}`] }));
      let queued = 0;
      const queues = Array.from({ length: 9 }, () => time(() => (queued = store.reviewQueue(now, { questions, dayStart: new Date(now.getTime() - DAY / 2) }).length)));

      const sid = store.startSession({ kind: 'review', options: {}, plan: [], startedAt: now });
      const sample = [...history(start)].find((r) => r.type === 'attempt')!;
      if (sample.type !== 'attempt') throw new Error('no attempt generated');
      const { type: _t, uid: _u, sessionUid: _s, startedAt: _a, answeredAt: _b, ...fields } = sample;
      const records = Array.from({ length: 200 }, (_, i) =>
        time(() => void store.recordAttempt({ ...fields, questionId: `q-${i}`, sessionId: sid, startedAt: now, answeredAt: now }, { progress: { position: i + 1, draft: null } })),
      );

      // Floors measured in this run: the least any export or queue can cost on this machine now.
      const raw = new Database(join(dir, DB_FILE), { readonly: true });
      const scanMs = time(() => {
        for (const _ of raw.prepare('SELECT * FROM attempts').raw().iterate());
      });
      const cardScans = Array.from({ length: 9 }, () => time(() => raw.prepare('SELECT * FROM cards').all()));
      raw.close();

      let lines = 0;
      const exportMs = time(() => {
        // The export command's own writer, to a file.
        const out = new LineWriter('\n', join(dir, 'export.jsonl'));
        for (const line of store.exportLines(now)) out.line(line);
        out.close();
        lines = out.count;
      });
      const exportCpuMs = lastCpuMs;
      store.close();

      return [
        info('generated history', ATTEMPTS, 'attempts', `${cards} cards, imported in ${(importMs / 1000).toFixed(1)} s`),
        atMost('open the store', median(opens), 'ms', 20, 'median of 15, includes quick_check and abandoned-session check'),
        { ...atMost('build the review queue', median(queues), 'ms', 50, `median of 9, ${QUESTIONS} questions, ${queued} queued; floor: reading the cards table`), floor: median(cardScans), ratio: median(queues) / median(cardScans) },
        atMost('record one attempt', median(records), 'ms', 5, 'median of 200: attempt, topics, card, review log, progress in one transaction'),
        { ...atMost('export everything (JSON Lines)', exportMs, 'ms', 2000, `${lines} records, ${exportCpuMs.toFixed(0)} ms CPU; floor: one raw scan of the attempts table`), floor: scanMs, ratio: exportMs / scanMs },
        info('database size per 1,000 attempts', dbBytes / 1024 / 1024 / (ATTEMPTS / 1000), 'MB', `${(dbBytes / 1024 / 1024).toFixed(0)} MB in all`),
      ];
    });
  },
};

export default bench;
