// The study report at scale: a generated year of practice (100,000 attempts over 2,000
// questions in 120 topics, every category, STAR parts and over-time answers, a card per question)
// imported into a real store, then read, summarised and rendered in every format.
// Targets: ≤ 1 s per format (read + summarise + render), the HTML ≤ 1 MB.
import { CATEGORIES, type Question } from '../src/core/bank/schema.js';
import type { ExportRecord } from '../src/core/export/records.js';
import { RATINGS, type Rating } from '../src/core/model.js';
import { seededRng } from '../src/core/random.js';
import { summarise } from '../src/core/report/summarise.js';
import { openStore } from '../src/storage/store.js';
import { renderHtml } from '../src/ui/report/html.js';
import { renderJson } from '../src/ui/report/json.js';
import { renderMarkdown } from '../src/ui/report/markdown.js';
import { renderText } from '../src/ui/report/text.js';
import { makeTheme } from '../src/ui/theme.js';
import { atMost, info, median, withTempDir, type BenchModule, type Figure } from './lib.js';

const DAY = 86_400_000;
const ATTEMPTS = 100_000;
const QUESTIONS = 2_000;
const TOPICS = 120;
const WORDS = 'latency budget saturation replica quorum leader failover cache eviction queue retry jitter timeout breaker canary runbook'.split(' ');

function sentence(rng: () => number, n: number): string {
  return `${Array.from({ length: n }, () => WORDS[Math.floor(rng() * WORDS.length)]).join(' ')}.`;
}

const categoryOf = (q: number) => CATEGORIES[q % CATEGORIES.length]!;
const topicsOf = (q: number) => [`t-${q % TOPICS}`, `t-${(q * 7 + 3) % TOPICS}`];

/** The banks matching the generated history: ids, topics, four key points and a model answer. */
export function catalog() {
  const rng = seededRng(11);
  const questions: Question[] = Array.from({ length: QUESTIONS }, (_, q) => ({
    id: `q-${q}`,
    category: categoryOf(q),
    prompt: `Scenario ${q}: ${sentence(rng, 20)}`,
    topics: topicsOf(q),
    difficulty: 2,
    timeLimit: 360,
    keyPoints: Array.from({ length: 4 }, () => ({ point: sentence(rng, 8), accept: [], weight: 1 })),
    modelAnswer: Array.from({ length: 6 }, () => sentence(rng, 14)).join(' '),
    ungraded: false,
    hints: [],
    followUps: [],
    references: [],
    source: { file: 'generated.yaml', line: q + 1, col: 1, index: q },
  }));
  return { questions, byId: new Map(questions.map((q) => [q.id, q])), asks: [] };
}

/** A year of answers as an export (sessions of ten, a rating each), for `importAll`. */
export function* history(start: number, questions: readonly Question[]): Generator<ExportRecord> {
  const rng = seededRng(7);
  yield { type: 'header', format: 'sre-drill-export', version: 1, schema: 1, exportedAt: new Date(start).toISOString() };
  for (let i = 0; i < ATTEMPTS; i++) {
    const t = start + Math.floor((i / ATTEMPTS) * 365 * DAY);
    const iso = new Date(t).toISOString();
    if (i % 10 === 0) yield { type: 'session', uid: `s${i / 10}`, kind: 'drill', options: {}, plan: [], position: 10, draft: null, status: 'finished', startedAt: iso, endedAt: iso, updatedAt: iso };
    const q = questions[Math.floor(rng() * questions.length)]!;
    // Skill grows over the year: later answers match more points.
    const p = 0.35 + 0.45 * (i / ATTEMPTS);
    const points = q.keyPoints.map((k, index) => {
      const matched = rng() < p;
      return { index, point: k.point, weight: 1, matched, strength: matched ? 0.8 : 0.2, evidence: matched ? sentence(rng, 5) : '' };
    });
    const score = points.filter((x) => x.matched).length / points.length;
    const rating: Rating = RATINGS[Math.min(3, Math.floor(score * 4))]!;
    const durationMs = 30_000 + Math.floor(rng() * 400_000);
    const star = q.category === 'behavioural' ? { situation: { present: true, cue: '' }, task: { present: rng() < 0.8, cue: '' }, action: { present: true, cue: '' }, result: { present: rng() < 0.6, cue: '' } } : undefined;
    yield {
      type: 'attempt',
      uid: `a${i}`,
      sessionUid: `s${Math.floor(i / 10)}`,
      questionId: q.id,
      category: q.category,
      topics: q.topics,
      prompt: q.prompt,
      keyPoints: q.keyPoints,
      answer: sentence(rng, 90),
      points,
      score,
      ...(star ? { star } : {}),
      durationMs,
      timeLimit: q.timeLimit,
      overTime: durationMs > q.timeLimit * 1000,
      hintsUsed: 0,
      skipped: false,
      mode: 'typed',
      notes: '',
      suggestedRating: rating,
      rating,
      startedAt: iso,
      answeredAt: iso,
    };
    yield { type: 'review', uid: `r${i}`, attemptUid: `a${i}`, questionId: q.id, suggestedRating: rating, rating, stateBefore: 'new', elapsedDays: 0, scheduledDays: 0, reviewedAt: iso, undoneAt: null };
  }
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

const FORMATS = {
  text: (m: ReturnType<typeof summarise>) => renderText(m, makeTheme(true), 80).join('\n'),
  md: renderMarkdown,
  html: renderHtml,
  json: renderJson,
} as const;

const bench: BenchModule = {
  title: 'report',
  async run(): Promise<Figure[]> {
    return withTempDir(async (dir) => {
      const start = Date.UTC(2025, 10, 1);
      const now = new Date(start + 366 * DAY);
      const cat = catalog();
      const seed = openStore(dir);
      seed.importAll(history(start, cat.questions));
      seed.close();
      const since = new Date(now.getTime() - 400 * DAY);

      // Reading is the same for every format: measured once (median of 3), added to each.
      const reads = Array.from({ length: 3 }, () =>
        time(() => {
          const store = openStore(dir);
          try {
            return { attempts: store.attempts({ since }), cards: store.cards(now) };
          } finally {
            store.close();
          }
        }),
      );
      const readMs = median(reads.map((r) => r.ms));
      const { attempts, cards } = reads[0]!.value;
      const period = { from: since, to: now, label: 'last 400 days' };

      // The floor: one pass touching every attempt, which any report must make. On a busy
      // machine every figure grows with it; the ratios to it stay comparable between runs.
      const floorMs = median(
        Array.from({ length: 5 }, () =>
          time(() => {
            let sum = 0;
            for (const a of attempts) sum += a.score + a.topics.length + a.answeredAt.getTime() * 0;
            return sum;
          }).ms,
        ),
      );
      const figures: Figure[] = [
        info('history', attempts.length, 'attempts', `${cat.questions.length} questions, ${cards.length} cards`),
        info('floor: one pass over the attempts', floorMs, 'ms', 'median of 5'),
        info('read attempts and cards from the store', readMs, 'ms', 'median of 3'),
      ];
      let htmlBytes = 0;
      let points = 0;
      for (const [format, render] of Object.entries(FORMATS)) {
        const runs = Array.from({ length: 5 }, () => time(() => render(summarise({ attempts, cards, catalog: cat, period }, now))));
        const ms = median(runs.map((r) => r.ms));
        const bytes = Buffer.byteLength(runs[0]!.value);
        if (format === 'html') htmlBytes = bytes;
        figures.push({ name: `${format}: summarise + render (median of 5, ${(bytes / 1024).toFixed(0)} KiB)`, value: ms, unit: 'ms', floor: floorMs, ratio: ms / floorMs });
        figures.push(atMost(`${format}: whole report (read + summarise + render)`, readMs + ms, 'ms', 1000));
      }
      const model = summarise({ attempts, cards, catalog: cat, period }, now);
      points = model.timeline.points.length;
      figures.push(atMost('HTML size', htmlBytes / 1_048_576, 'MB', 1, `${points} chart points (${model.timeline.unit}s), ${model.topics.length} topics`));
      return figures;
    });
  },
};

export default bench;
