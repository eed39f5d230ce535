import { CATEGORIES, compareSlugs, type Category, type Question } from '../bank/schema.js';
import { STAR_PARTS, type StarPartName } from '../grading/types.js';
import { isScored, joinFollowUps, latestScored } from './scored.js';
import { relevantSentences, splitSentences, stems } from './sentences.js';
import type {
  CategorySummary,
  ForecastDay,
  MissedQuestion,
  MissedTopic,
  PlanItem,
  ReportAttempt,
  ReportInput,
  ReportModel,
  ScoreSummary,
  StarSummary,
  Timeline,
  TimelinePoint,
  TopicSummary,
  Trend,
} from './types.js';

const DAY_MS = 86_400_000;
/** Recent answers count more: an answer's weight halves every this many answers back. */
const MASTERY_HALF_LIFE = 5;
/** A move of the mean smaller than this is noise, not a trend. */
const TREND_EPSILON = 0.05;
/** Topics at or above this mastery, with nothing due, need no work in the plan. */
const PLAN_MASTERED = 0.85;
const PLAN_MIN = 3;
const PLAN_MAX = 5;
const PLAN_QUESTIONS = 3;
/** Up to this many answers the chart shows each one; beyond, one point per day (or week). */
const TIMELINE_PER_ATTEMPT_MAX = 40;
const TIMELINE_MAX_DAYS = 120;
const FORECAST_DAYS = 8;
const ASKS_MAX = 3;
const RECENT_MAX = 24;

export { isScored };

function emptySummary(): ScoreSummary {
  return { attempts: 0, scored: 0, score: null, skipped: 0, overTime: 0, timeUsedMs: 0, timeLimitMs: 0 };
}

class ScoreAcc {
  s = emptySummary();
  private sum = 0;
  add(a: ReportAttempt, scored: boolean): void {
    const s = this.s;
    s.attempts++;
    if (scored) {
      s.scored++;
      this.sum += a.score;
    }
    if (a.skipped) s.skipped++;
    if (a.overTime) s.overTime++;
    s.timeUsedMs += a.durationMs;
    s.timeLimitMs += a.timeLimit * 1000;
  }
  done(): ScoreSummary {
    return { ...this.s, score: this.s.scored ? this.sum / this.s.scored : null };
  }
}

/** `YYYY-MM-DD` of the calendar day holding `t`, at the given offset east of UTC. */
export function dayKey(t: number, offsetMs: number): string {
  return new Date(t + offsetMs).toISOString().slice(0, 10);
}

/** Oldest first; the store already reads them so, and then no copy or sort is needed. */
function inTimeOrder(attempts: readonly ReportAttempt[]): readonly ReportAttempt[] {
  const before = (a: ReportAttempt, b: ReportAttempt) => a.answeredAt.getTime() - b.answeredAt.getTime() || a.id - b.id;
  for (let i = 1; i < attempts.length; i++) {
    if (before(attempts[i - 1]!, attempts[i]!) > 0) return [...attempts].sort(before);
  }
  return attempts;
}

function mean(xs: readonly number[], from = 0, to = xs.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i]!;
  return to > from ? s / (to - from) : 0;
}

/** Recency-weighted mean: the latest answer weighs 1, one `MASTERY_HALF_LIFE` back weighs ½. */
export function mastery(scores: readonly number[]): number {
  let num = 0;
  let den = 0;
  const n = scores.length;
  for (let i = 0; i < n; i++) {
    const w = 0.5 ** ((n - 1 - i) / MASTERY_HALF_LIFE);
    num += w * scores[i]!;
    den += w;
  }
  return den ? num / den : 0;
}

/** Later half against earlier half (last against first under four answers). */
export function trendOf(scores: readonly number[]): { trend: Trend; delta: number } {
  const n = scores.length;
  if (n < 2) return { trend: 'new', delta: 0 };
  const half = n >> 1;
  const delta = n < 4 ? scores[n - 1]! - scores[0]! : mean(scores, n - half) - mean(scores, 0, half);
  return { trend: delta >= TREND_EPSILON ? 'improving' : delta <= -TREND_EPSILON ? 'falling' : 'steady', delta };
}

interface TopicAcc {
  scores: number[];
  attempts: number;
}

/**
 * The study report as data: every format renders this one model. Pure: `now` decides "today"
 * and what is due; nothing is read from the clock, the environment or a file.
 * Example: `summarise({attempts, cards, catalog, period: {from, to: now, label: 'last 30 days'}}, now)`.
 */
export function summarise(input: ReportInput, now: Date): ReportModel {
  const offsetMs = (input.utcOffsetMinutes ?? 0) * 60_000;
  const { catalog, period } = input;
  const attempts = joinFollowUps(inTimeOrder(input.attempts));

  const overall = new ScoreAcc();
  const byCategory = new Map<Category, ScoreAcc>();
  const byTopic = new Map<string, TopicAcc>();
  const star: StarSummary = { answers: 0, complete: 0, present: { situation: 0, task: 0, action: 0, result: 0 }, entries: [] };
  const latestStar = new Map<string, ReportAttempt>();
  const scoredAttempts: ReportAttempt[] = [];

  for (let i = 0; i < attempts.length; i++) {
    const a = attempts[i]!;
    const scored = isScored(a);
    overall.add(a, scored);
    let cat = byCategory.get(a.category);
    if (!cat) byCategory.set(a.category, (cat = new ScoreAcc()));
    cat.add(a, scored);
    if (scored) {
      scoredAttempts.push(a);
      for (const t of a.topics) {
        let acc = byTopic.get(t);
        if (!acc) byTopic.set(t, (acc = { scores: [], attempts: 0 }));
        acc.scores.push(a.score);
        acc.attempts++;
      }
    }
    const parts = a.star;
    if (parts) {
      star.answers++;
      let all = true;
      for (const p of STAR_PARTS) {
        if (parts[p].present) star.present[p]++;
        else all = false;
      }
      if (all) star.complete++;
      latestStar.set(a.questionId, a);
    }
  }

  const latest = latestScored(attempts);

  // Cards of questions that left the banks leave the queue, and so the report.
  const inScope = (q: Question | undefined): q is Question => q !== undefined && (!period.category || q.category === period.category);
  const cards = input.cards.filter((c) => inScope(catalog.byId.get(c.questionId)));
  const dueNowByTopic = new Map<string, number>();
  const dueNowQuestions = new Set<string>();
  for (const c of cards) {
    if (c.due.getTime() > now.getTime()) continue;
    dueNowQuestions.add(c.questionId);
    for (const t of catalog.byId.get(c.questionId)!.topics) dueNowByTopic.set(t, (dueNowByTopic.get(t) ?? 0) + 1);
  }

  const topics: TopicSummary[] = [...byTopic].map(([topic, acc]) => {
    const { trend, delta } = trendOf(acc.scores);
    return {
      topic,
      mastery: mastery(acc.scores),
      attempts: acc.attempts,
      trend,
      trendDelta: delta,
      due: dueNowByTopic.get(topic) ?? 0,
      recent: acc.scores.slice(-RECENT_MAX),
    };
  });
  topics.sort((a, b) => a.mastery - b.mastery || b.due - a.due || compareSlugs(a.topic, b.topic));
  const topicRank = new Map(topics.map((t, i) => [t.topic, i]));

  const categories: CategorySummary[] = CATEGORIES.filter((c) => byCategory.has(c)).map((category) => ({ category, ...byCategory.get(category)!.done() }));

  return {
    generatedAt: now,
    period: {
      label: period.label,
      from: period.from ?? attempts[0]?.startedAt ?? null,
      to: period.to,
      sessionId: period.sessionId ?? null,
      sessionKind: period.sessionKind ?? null,
      category: period.category ?? null,
    },
    overall: overall.done(),
    categories,
    topics,
    missed: missedByTopic(latest, catalog.byId, topicRank, topics),
    star: star.answers ? { ...star, entries: starEntries(latestStar) } : null,
    timeline: timeline(scoredAttempts, offsetMs),
    forecast: forecast(cards, now, offsetMs),
    plan: plan(topics, latest, dueNowQuestions, catalog.questions.filter((q) => inScope(q) && !q.ungraded)),
    asks: period.sessionKind === 'mock' ? pickAsks(input.catalog.asks, topics) : [],
    attempts,
  };
}

function missedByTopic(latest: Map<string, ReportAttempt>, byId: ReadonlyMap<string, Question>, topicRank: Map<string, number>, topics: TopicSummary[]): MissedTopic[] {
  const groups = new Map<string, MissedQuestion[]>();
  for (const a of latest.values()) {
    const points = a.points ?? [];
    const keyPoints = points.length ? points.filter((p) => !p.matched).map((p) => a.keyPoints[p.index] ?? { point: p.point, accept: [], weight: p.weight }) : a.skipped ? a.keyPoints : [];
    if (keyPoints.length === 0) continue;
    const q = byId.get(a.questionId);
    const sentences = q?.modelAnswer ? splitSentences(q.modelAnswer) : [];
    const sentenceStems = sentences.map(stems);
    // A question with several topics is listed once, under its weakest.
    const topic = [...a.topics].sort((x, y) => (topicRank.get(x) ?? 1e9) - (topicRank.get(y) ?? 1e9))[0] ?? 'untagged';
    let list = groups.get(topic);
    if (!list) groups.set(topic, (list = []));
    list.push({
      questionId: a.questionId,
      prompt: a.prompt,
      score: a.score,
      at: a.answeredAt,
      points: keyPoints.map((k) => ({ point: k.point, sentences: relevantSentences(sentences, k, sentenceStems) })),
    });
  }
  const masteryOf = new Map(topics.map((t) => [t.topic, t.mastery]));
  return [...groups]
    .sort((a, b) => (topicRank.get(a[0]) ?? 1e9) - (topicRank.get(b[0]) ?? 1e9) || compareSlugs(a[0], b[0]))
    .map(([topic, questions]) => ({
      topic,
      mastery: masteryOf.get(topic) ?? 0,
      questions: questions.sort((a, b) => a.score - b.score || compareSlugs(a.questionId, b.questionId)),
    }));
}

function starEntries(latestStar: Map<string, ReportAttempt>): StarSummary['entries'] {
  return [...latestStar.values()]
    .map((a) => ({
      questionId: a.questionId,
      prompt: a.prompt,
      at: a.answeredAt,
      missing: STAR_PARTS.filter((p) => !a.star![p].present) as StarPartName[],
    }))
    .sort((a, b) => b.missing.length - a.missing.length || compareSlugs(a.questionId, b.questionId));
}

/** The scores over time, from the scored attempts in time order. */
function timeline(scored: readonly ReportAttempt[], offsetMs: number): Timeline {
  if (scored.length <= TIMELINE_PER_ATTEMPT_MAX) {
    return { unit: 'attempt', points: scored.map((a) => ({ label: a.questionId, at: a.answeredAt, score: a.score, attempts: 1 })) };
  }
  const first = scored[0]!.answeredAt.getTime();
  const last = scored[scored.length - 1]!.answeredAt.getTime();
  const unit = (last - first) / DAY_MS > TIMELINE_MAX_DAYS ? 'week' : 'day';
  // Bucket by day number (days since the epoch, local); 1970-01-01 was a Thursday, so weeks
  // starting on Monday begin at day numbers ≡ 4 (mod 7).
  const buckets = new Map<number, { at: number; sum: number; n: number }>();
  for (const a of scored) {
    const t = a.answeredAt.getTime();
    let day = Math.floor((t + offsetMs) / DAY_MS);
    if (unit === 'week') day -= (((day - 4) % 7) + 7) % 7;
    const b = buckets.get(day);
    if (b) {
      b.sum += a.score;
      b.n++;
      b.at = t;
    } else buckets.set(day, { at: t, sum: a.score, n: 1 });
  }
  const points: TimelinePoint[] = [...buckets].map(([day, b]) => ({ label: dayKey(day * DAY_MS, 0), at: new Date(b.at), score: b.sum / b.n, attempts: b.n }));
  return { unit, points };
}

function forecast(cards: readonly { due: Date }[], now: Date, offsetMs: number): ForecastDay[] {
  const today = dayKey(now.getTime(), offsetMs);
  const startOfToday = new Date(`${today}T00:00:00Z`).getTime() - offsetMs;
  const days: ForecastDay[] = Array.from({ length: FORECAST_DAYS }, (_, i) => ({ date: dayKey(startOfToday + i * DAY_MS, offsetMs), due: 0 }));
  for (const c of cards) {
    // Overdue cards count as due today.
    const i = Math.max(0, Math.floor((c.due.getTime() - startOfToday) / DAY_MS));
    if (i < FORECAST_DAYS) days[i]!.due++;
  }
  return days;
}

function plan(topics: readonly TopicSummary[], latest: Map<string, ReportAttempt>, dueNow: Set<string>, questions: readonly Question[]): PlanItem[] {
  const inTopic = new Map<string, Question[]>();
  for (const q of questions) {
    for (const t of q.topics) {
      let list = inTopic.get(t);
      if (!list) inTopic.set(t, (list = []));
      list.push(q);
    }
  }
  const command = (topic: string) => `sre-drill drill --topic ${topic} --count ${Math.max(1, Math.min(5, inTopic.get(topic)?.length ?? 0))}`;
  const redo = (topic: string): string[] => {
    const qs = inTopic.get(topic) ?? [];
    const tried = qs
      .filter((q) => dueNow.has(q.id) || (latest.get(q.id)?.score ?? 1) < PLAN_MASTERED)
      .sort((a, b) => Number(dueNow.has(b.id)) - Number(dueNow.has(a.id)) || (latest.get(a.id)?.score ?? 1) - (latest.get(b.id)?.score ?? 1) || compareSlugs(a.id, b.id));
    return tried.slice(0, PLAN_QUESTIONS).map((q) => q.id);
  };
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const items: PlanItem[] = [];
  for (const t of topics) {
    if (items.length >= PLAN_MAX) break;
    if (t.mastery >= PLAN_MASTERED && t.due === 0) continue;
    if (!inTopic.has(t.topic)) continue;
    const questionsToRedo = redo(t.topic);
    // A topic whose questions an earlier item already redoes adds nothing to the plan.
    if (questionsToRedo.length && questionsToRedo.every((id) => items.some((i) => i.questions.includes(id)))) continue;
    const why = [`mastery ${pct(t.mastery)}`];
    if (t.trend === 'falling') why.push('falling');
    if (t.due) why.push(`${t.due} due`);
    items.push({ topic: t.topic, mastery: t.mastery, reason: why.join(', '), questions: questionsToRedo, command: command(t.topic) });
  }
  if (items.length < PLAN_MIN) {
    // Too little is weak: widen with topics not practised yet, the most asked-about first.
    const practised = new Set(topics.map((t) => t.topic));
    const fresh = [...inTopic].filter(([t]) => !practised.has(t)).sort((a, b) => b[1].length - a[1].length || compareSlugs(a[0], b[0]));
    for (const [topic, qs] of fresh) {
      if (items.length >= PLAN_MIN) break;
      const firsts = [...qs].sort((a, b) => a.difficulty - b.difficulty || compareSlugs(a.id, b.id)).slice(0, PLAN_QUESTIONS);
      items.push({ topic, mastery: null, reason: 'not practised yet', questions: firsts.map((q) => q.id), command: command(topic) });
    }
  }
  if (items.length < PLAN_MIN) {
    // Everything practised is strong: keep the least strong warm.
    for (const t of topics) {
      if (items.length >= PLAN_MIN) break;
      if (items.some((i) => i.topic === t.topic) || !inTopic.has(t.topic)) continue;
      items.push({ topic: t.topic, mastery: t.mastery, reason: `mastery ${pct(t.mastery)}: keep it warm`, questions: redo(t.topic), command: command(t.topic) });
    }
  }
  return items;
}

function pickAsks(asks: ReportInput['catalog']['asks'], topics: readonly TopicSummary[]): ReportModel['asks'] {
  const weak = new Map(topics.map((t, i) => [t.topic, i]));
  const rank = (a: (typeof asks)[number]) => Math.min(1e9, ...(a.topics ?? []).map((t) => weak.get(t) ?? 1e9));
  return asks
    .map((a, i) => ({ a, i, r: rank(a) }))
    .sort((x, y) => x.r - y.r || x.i - y.i)
    .slice(0, ASKS_MAX)
    .map((x) => x.a);
}
