import { isScored } from '../../core/report/summarise.js';
import type { ReportModel } from '../../core/report/types.js';

/** Bumped only when a field changes meaning or goes away; new fields may appear within a version. */
export const REPORT_JSON_VERSION = 1;

const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

const ATTEMPTS_MARK = '\u0000attempts\u0000';

/** One attempt of the `attempts` list, as a plain object: V8's serialiser is fastest on those. */
function attemptRecord(a: ReportModel['attempts'][number]): Record<string, unknown> {
  return {
    question_id: a.questionId,
    category: a.category,
    topics: a.topics,
    score: isScored(a) ? r3(a.score) : null,
    over_time: a.overTime,
    duration_ms: a.durationMs,
    at: a.answeredAt.toISOString(),
    time_limit_ms: a.timeLimit * 1000,
    skipped: a.skipped,
    session_id: a.sessionId,
  };
}

/** Attempts serialised per JSON.stringify call: their objects die young, the strings stay few. */
const ATTEMPTS_PER_CHUNK = 2000;

/**
 * The `attempts` list, one attempt a line. JSON.stringify of a few thousand attempts at a time
 * writes flat strings, with no string per attempt to join after. Each record starts with
 * `{"question_id":`, whose quotes never stand unescaped inside a JSON string, so the line breaks
 * go in with one replace.
 */
function attemptsList(m: ReportModel): string {
  if (m.attempts.length === 0) return '[]';
  const chunks: string[] = [];
  for (let i = 0; i < m.attempts.length; i += ATTEMPTS_PER_CHUNK) chunks.push(JSON.stringify(m.attempts.slice(i, i + ATTEMPTS_PER_CHUNK).map(attemptRecord)).slice(1, -1));
  return `[\n    ${chunks.join(',').replaceAll('},{"question_id":', '},\n    {"question_id":')}\n  ]`;
}

/** The report's document without its attempts (a marker stands in their place). */
function reportDocument(m: ReportModel): Record<string, unknown> {
  const summary = (s: ReportModel['overall']) => ({
    attempts: s.attempts,
    scored: s.scored,
    score: s.score === null ? null : r3(s.score),
    skipped: s.skipped,
    over_time: s.overTime,
    time_used_ms: s.timeUsedMs,
    time_limit_ms: s.timeLimitMs,
  });
  return {
    schema_version: REPORT_JSON_VERSION,
    generated_at: iso(m.generatedAt),
    period: { label: m.period.label, from: iso(m.period.from), to: iso(m.period.to), session_id: m.period.sessionId, session_kind: m.period.sessionKind, category: m.period.category },
    overall: summary(m.overall),
    categories: m.categories.map((c) => ({ category: c.category, ...summary(c) })),
    topics: m.topics.map((t) => ({ topic: t.topic, mastery: r3(t.mastery), attempts: t.attempts, trend: t.trend, due: t.due })),
    // Written by `attemptsList`, one line each: see renderJson.
    attempts: ATTEMPTS_MARK,
    timeline: { unit: m.timeline.unit, points: m.timeline.points.map((p) => ({ label: p.label, at: p.at.toISOString(), score: r3(p.score), attempts: p.attempts })) },
    forecast: m.forecast.map((d) => ({ date: d.date, due: d.due })),
    plan: m.plan.map((p) => ({ topic: p.topic, mastery: p.mastery === null ? null : r3(p.mastery), reason: p.reason, questions: p.questions, command: p.command })),
    missed: m.missed.map((g) => ({
      topic: g.topic,
      mastery: r3(g.mastery),
      questions: g.questions.map((q) => ({ question_id: q.questionId, prompt: q.prompt, score: r3(q.score), at: q.at.toISOString(), points: q.points.map((p) => ({ point: p.point, model_answer: p.sentences })) })),
    })),
    star: m.star && {
      answers: m.star.answers,
      complete: m.star.complete,
      present: m.star.present,
      entries: m.star.entries.map((e) => ({ question_id: e.questionId, at: e.at.toISOString(), missing: e.missing })),
    },
    asks: m.asks.map((a) => ({ id: a.id, ask: a.ask, why: a.why })),
  };
}

/**
 * The report in its stable, documented JSON schema (README, "report --format json"): indented for
 * reading, one line per attempt so a year of practice stays a few megabytes.
 */
export function renderJson(m: ReportModel): string {
  const text = JSON.stringify(reportDocument(m), null, 2);
  // JSON.stringify writes the marker's NULs as \u0000, which no other value here can hold before it.
  const mark = `"attempts": ${JSON.stringify(ATTEMPTS_MARK)}`;
  const at = text.indexOf(mark);
  return `${text.slice(0, at)}"attempts": ${attemptsList(m)}${text.slice(at + mark.length)}\n`;
}
