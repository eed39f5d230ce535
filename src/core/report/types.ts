import type { AskQuestion, Category, KeyPoint, Question } from '../bank/schema.js';
import type { PointResult, StarPartName, StarResult } from '../grading/types.js';
import type { SessionKind } from '../model.js';

/** How a topic's scores moved over the period: later answers against earlier ones. */
export const TRENDS = ['improving', 'falling', 'steady', 'new'] as const;
export type Trend = (typeof TRENDS)[number];

/**
 * What the report needs of an answer. A stored `Attempt` fits; so does the lighter row of the
 * store's report read, which leaves out the answer text and gives `hasPoints` instead of the key
 * point results, except on the answers the report quotes (`latestScored`).
 */
export interface ReportAttempt {
  id: number;
  sessionId: number;
  questionId: string;
  category: Category;
  topics: readonly string[];
  /** The question as asked. */
  prompt: string;
  keyPoints: readonly KeyPoint[];
  score: number;
  star?: StarResult;
  durationMs: number;
  /** Seconds. */
  timeLimit: number;
  overTime: boolean;
  skipped: boolean;
  startedAt: Date;
  answeredAt: Date;
  /** Whether the answer has key point results; when left out, `points` tells. */
  hasPoints?: boolean;
  /** The key point results: always on the latest scored answer to each question, which the report quotes. */
  points?: readonly PointResult[];
}

/** What the report needs of a card: which question, and when it is due. The store's cards fit. */
export interface ReportCard {
  questionId: string;
  due: Date;
}

/** The window the command chose; `from` null means "since the first attempt". */
export interface ReportPeriodInput {
  from: Date | null;
  to: Date;
  /** Human words for the window: "last 30 days", "session 12", "since 2026-11-01". */
  label: string;
  sessionId?: number;
  sessionKind?: SessionKind;
  category?: Category;
}

export interface ReportInput {
  attempts: readonly ReportAttempt[];
  cards: readonly ReportCard[];
  /** The banks in use: model answers (for the relevant sentences), topics and the asks. */
  catalog: { questions: readonly Question[]; byId: ReadonlyMap<string, Question>; asks: readonly AskQuestion[] };
  period: ReportPeriodInput;
  /** Minutes east of UTC for calendar days (forecast, daily points); 0 keeps days in UTC. */
  utcOffsetMinutes?: number;
}

export interface ScoreSummary {
  attempts: number;
  /** Attempts that carry a score (ungraded answers have none). */
  scored: number;
  /** Mean score 0..1 of the scored attempts, null when there are none. */
  score: number | null;
  skipped: number;
  overTime: number;
  timeUsedMs: number;
  timeLimitMs: number;
}

export interface CategorySummary extends ScoreSummary {
  category: Category;
}

export interface TopicSummary {
  topic: string;
  /** 0..1, recent answers weigh more. */
  mastery: number;
  attempts: number;
  trend: Trend;
  /** Later mean minus earlier mean, -1..1 (0 for 'new'). */
  trendDelta: number;
  /** Cards of this topic due now. */
  due: number;
  /** Scores in time order, the last 24 at most: the topic's own sparkline. */
  recent: number[];
}

export interface MissedPoint {
  point: string;
  /** The model answer's sentences that make this point (empty when the question left the banks). */
  sentences: string[];
}

export interface MissedQuestion {
  questionId: string;
  prompt: string;
  /** The latest answer's score. */
  score: number;
  at: Date;
  points: MissedPoint[];
}

export interface MissedTopic {
  topic: string;
  mastery: number;
  questions: MissedQuestion[];
}

export interface StarEntry {
  questionId: string;
  prompt: string;
  at: Date;
  missing: StarPartName[];
}

export interface StarSummary {
  answers: number;
  complete: number;
  /** How many behavioural answers had each part. */
  present: Record<StarPartName, number>;
  /** The latest answer to each behavioural question, least complete first. */
  entries: StarEntry[];
}

export interface TimelinePoint {
  /** A question id (per-attempt points) or a day `YYYY-MM-DD` (day and week points). */
  label: string;
  at: Date;
  score: number;
  attempts: number;
}

export interface Timeline {
  unit: 'attempt' | 'day' | 'week';
  points: TimelinePoint[];
}

export interface ForecastDay {
  /** `YYYY-MM-DD`; the first entry is today. */
  date: string;
  due: number;
}

export interface PlanItem {
  topic: string;
  /** null for a topic not practised in the period. */
  mastery: number | null;
  reason: string;
  /** Question ids to redo, most needed first. */
  questions: string[];
  /** The drill that works on it. */
  command: string;
}

export interface ReportModel {
  generatedAt: Date;
  period: {
    label: string;
    from: Date | null;
    to: Date;
    sessionId: number | null;
    sessionKind: SessionKind | null;
    category: Category | null;
  };
  overall: ScoreSummary;
  categories: CategorySummary[];
  /** Weakest first. */
  topics: TopicSummary[];
  /** Missed key points of the latest answer to each question, grouped by topic, weakest topic first. */
  missed: MissedTopic[];
  /** null when the period has no behavioural answer graded for STAR. */
  star: StarSummary | null;
  timeline: Timeline;
  /** Today (overdue included) and the next 7 days. */
  forecast: ForecastDay[];
  plan: PlanItem[];
  /** Questions to ask the interviewer: filled after a mock only. */
  asks: AskQuestion[];
  /**
   * Every attempt in the period, oldest first: the input itself, not a copy, so a long history
   * costs no second set of objects (`isScored` tells which carry a score).
   */
  attempts: readonly ReportAttempt[];
}
