import type { Attempt } from '../model.js';

/** Attempts as CSV for spreadsheets (RFC 4180: quoted where needed, CRLF line ends). */

export const CSV_COLUMNS = [
  'answered_at',
  'session_id',
  'question_id',
  'category',
  'topics',
  'score',
  'suggested_rating',
  'rating',
  'points_matched',
  'points_total',
  'duration_s',
  'time_limit_s',
  'over_time',
  'hints_used',
  'skipped',
  'mode',
  'answer',
  'notes',
] as const;

/**
 * One CSV field. Text a spreadsheet would run as a formula (starting with = + - @ or a control
 * character) gets a leading apostrophe, because answers are untrusted text.
 */
export function csvField(value: string | number | boolean, isText = typeof value === 'string'): string {
  let s = String(value);
  if (isText && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(a: Attempt): string {
  const matched = a.points.filter((p) => p.matched).length;
  const cells: (string | number | boolean)[] = [
    a.answeredAt.toISOString(),
    a.sessionId,
    a.questionId,
    a.category,
    a.topics.join(' '),
    Number(a.score.toFixed(3)),
    a.suggestedRating,
    a.rating ?? '',
    matched,
    a.points.length,
    Number((a.durationMs / 1000).toFixed(1)),
    a.timeLimit,
    a.overTime,
    a.hintsUsed,
    a.skipped,
    a.mode,
    a.answer,
    a.notes,
  ];
  return cells.map((c) => csvField(c)).join(',');
}

/** The header line and one line per attempt. */
export function* attemptsCsv(attempts: Iterable<Attempt>): Generator<string> {
  yield CSV_COLUMNS.join(',');
  for (const a of attempts) yield csvRow(a);
}
