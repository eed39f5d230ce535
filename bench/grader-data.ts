// Data and statistics for the grader benchmark (bench/grader.bench.ts): the Mohler short-answer
// set read from ../shared/benchmarks (never copied into the repo), our labelled answers, and the
// figures computed on them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Question } from '../src/core/bank/schema.js';
import { STOP_WORDS, tokenize } from '../src/core/grading/normalise.js';
import { ROOT } from './lib.js';

export const MOHLER_DIR = join(ROOT, '..', 'shared', 'benchmarks', 'mohler');
export const MOHLER_FILE = join(MOHLER_DIR, 'answers.jsonl');
export const LABELLED_FILE = join(ROOT, 'test', 'fixtures', 'labelled', 'answers.yaml');
/** Written after the bank authors had tuned accepted wordings to answers.yaml's misses. */
export const HOLDOUT_FILE = join(ROOT, 'test', 'fixtures', 'labelled', 'holdout.yaml');

export interface MohlerRow {
  answer_id: string;
  question_id: string;
  question: string;
  reference: string;
  answer: string;
  score_avg: number;
}

export function readMohler(): MohlerRow[] | undefined {
  if (!existsSync(MOHLER_FILE)) return undefined;
  return readFileSync(MOHLER_FILE, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as MohlerRow);
}

/** A reference answer cut into key points: its sentences, and clauses joined by ";". */
export function referenceToPoints(reference: string): string[] {
  const parts = reference
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"(])|;\s*|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
  return parts.length ? parts : [reference];
}

/**
 * How a reference answer becomes key points. `whole`: the reference is one key point. The graders
 * marked each answer as a whole (0-5), not sentence by sentence, and a one-sentence reference is
 * already one point; a reference of several sentences is often one idea said twice, so cutting it
 * asks for every sentence. `sentences`: referenceToPoints, equal weights, shown beside it.
 */
export type ReferenceCut = 'whole' | 'sentences';

/** One question per Mohler question id, its key points cut from the reference answer. */
export function mohlerQuestions(rows: readonly MohlerRow[], cut: ReferenceCut = 'whole'): Map<string, Question> {
  const out = new Map<string, Question>();
  for (const r of rows) {
    if (out.has(r.question_id)) continue;
    out.set(r.question_id, {
      id: `mohler-${r.question_id.replace('.', '-')}`,
      category: 'definitions',
      prompt: r.question,
      topics: ['mohler'],
      difficulty: 1,
      timeLimit: 120,
      keyPoints: (cut === 'whole' ? [r.reference] : referenceToPoints(r.reference)).map((point) => ({ point, accept: [], weight: 1 })),
      modelAnswer: r.reference,
      ungraded: false,
      hints: [],
      followUps: [],
      references: [],
      source: { file: MOHLER_FILE, line: 1, col: 1, index: 0 },
    });
  }
  return out;
}

/**
 * The rows split by question: questions in odd and even places of the file (1st, 3rd, ... and
 * 2nd, 4th, ...). The prompt weights (TUNING.prompt) and the `whole` cut were chosen on the even
 * half; the odd half shows whether they carry over to questions they were not chosen on.
 */
export function splitByQuestion(rows: readonly MohlerRow[]): { odd: number[]; even: number[] } {
  const place = new Map<string, number>();
  for (const r of rows) if (!place.has(r.question_id)) place.set(r.question_id, place.size + 1);
  const odd: number[] = [];
  const even: number[] = [];
  rows.forEach((r, i) => (place.get(r.question_id)! % 2 === 1 ? odd : even).push(i));
  return { odd, even };
}

/** The README's sanity baseline: share of the reference's content words found in the answer. */
export function contentWordRecall(reference: string, answer: string): number {
  const words = (t: string) => new Set(tokenize(t).map((x) => x.word).filter((w) => !STOP_WORDS.has(w)));
  const ref = words(reference);
  if (ref.size === 0) return 0;
  const ans = words(answer);
  let hit = 0;
  for (const w of ref) if (ans.has(w)) hit++;
  return hit / ref.size;
}

export function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxx && syy ? sxy / Math.sqrt(sxx * syy) : 0;
}

/** RMSE of the least-squares line from `xs` onto `ys`. */
export function rmseAfterFit(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  const b = sxx ? sxy / sxx : 0;
  const a = my - b * mx;
  let se = 0;
  for (let i = 0; i < n; i++) se += (a + b * xs[i]! - ys[i]!) ** 2;
  return Math.sqrt(se / n);
}

export const LABELLED_KINDS = ['paraphrase', 'typos', 'partial', 'wrong', 'off-topic', 'buzzword-list', 'negation', 'full'] as const;
export type LabelledKind = (typeof LABELLED_KINDS)[number];

export interface LabelledAnswer {
  id: string;
  kind: LabelledKind;
  answer: string;
  /** 0-based indexes of the key points a careful interviewer would credit. */
  credit: number[];
}

export function readLabelled(file = LABELLED_FILE): LabelledAnswer[] {
  const doc = parse(readFileSync(file, 'utf8')) as { answers: LabelledAnswer[] };
  return doc.answers;
}

export interface KindFigures {
  kind: string;
  answers: number;
  tp: number;
  fp: number;
  fn: number;
  /** Key points not credited by the label. */
  negatives: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of not-credited key points the grader matched anyway. */
  fpRate: number;
}

/**
 * Key-point agreement with the labels: every key point of every answer is one decision (credited
 * or not). Precision and recall are undefined without positives; they count as 1 there, which is
 * what a kind with nothing to credit and nothing matched deserves.
 */
export function agreement(items: readonly { kind: string; credit: readonly number[]; matched: readonly number[]; points: number }[]): KindFigures[] {
  const by = new Map<string, KindFigures>();
  const get = (kind: string) => {
    let f = by.get(kind);
    if (!f) by.set(kind, (f = { kind, answers: 0, tp: 0, fp: 0, fn: 0, negatives: 0, precision: 1, recall: 1, f1: 1, fpRate: 0 }));
    return f;
  };
  for (const it of items) {
    for (const f of [get(it.kind), get('overall')]) {
      f.answers++;
      const credit = new Set(it.credit);
      const matched = new Set(it.matched);
      for (let i = 0; i < it.points; i++) {
        if (credit.has(i) && matched.has(i)) f.tp++;
        else if (matched.has(i)) f.fp++;
        else if (credit.has(i)) f.fn++;
        if (!credit.has(i)) f.negatives++;
      }
    }
  }
  for (const f of by.values()) {
    f.precision = f.tp + f.fp ? f.tp / (f.tp + f.fp) : 1;
    f.recall = f.tp + f.fn ? f.tp / (f.tp + f.fn) : 1;
    f.f1 = f.precision + f.recall ? (2 * f.precision * f.recall) / (f.precision + f.recall) : 0;
    f.fpRate = f.negatives ? f.fp / f.negatives : 0;
  }
  return [...by.values()].sort((a, b) => (a.kind === 'overall' ? 1 : b.kind === 'overall' ? -1 : a.kind.localeCompare(b.kind)));
}
