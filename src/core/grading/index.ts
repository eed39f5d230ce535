import type { Question } from '../bank/schema.js';
import { buildGlossary, glossaryStems } from './glossary.js';
import { analyseAnswer, matchPoint, prepareQuestion, quoteEvidence, type Lexicon, type PreparedPoint } from './match.js';
import { tokenize } from './normalise.js';
import { MATCH_THRESHOLD, round3, scorePoints } from './score.js';
import { detectStar } from './star.js';
import { buildTypoIndex } from './typos.js';
import type { GradeResult, Grader, PointResult, Strictness } from './types.js';

export type { GradeResult, Grader, PointResult, StarResult, Strictness } from './types.js';
export { MATCH_THRESHOLD } from './score.js';

/** Longer answers are graded on their first this-many characters, with a notice. */
export const MAX_ANSWER_CHARS = 20_000;

export interface GraderInput {
  /** Every loaded question: informativeness weights come from all of them. */
  questions: readonly Question[];
  /** Glossary groups (equivalent phrases), built-in and from the banks in use. */
  glossary: readonly string[][];
  /**
   * `bankStats` of exactly these questions and glossary, computed ahead (the build does it for the
   * built-in banks); computed here when absent. Stats of other banks would grade differently.
   */
  stats?: BankStats;
}

export interface GraderOptions {
  strictness?: Strictness;
}

/**
 * What the grader derives from all the loaded banks at once, as plain data (JSON): reading every
 * question's text for it was over half of a one-question drill (issues 5 and 8), so the build
 * computes it for the built-in banks (src/storage/precompile-banks.ts).
 */
export interface BankStats {
  /** How many questions the frequencies count. */
  questions: number;
  /** Stem or glossary concept key → how many questions use it. */
  df: [string, number][];
  /** The content words of the questions and the glossary, in first-seen order (typo repair). */
  words: string[];
  /** Their stems: a word whose stem is known is never "repaired". */
  stems: string[];
  /** `glossaryStems` of the glossary groups (stemming them was most of building the glossary index). */
  glossary: string[][][];
}

interface PreparedQuestion {
  points: PreparedPoint[];
}

function questionText(q: Question): string {
  return [q.prompt, ...q.keyPoints.flatMap((k) => [k.point, ...k.accept]), q.modelAnswer].join('\n');
}

/**
 * The bank-wide statistics `createGrader` needs, from every question and glossary group.
 * Example: `createGrader({ questions, glossary, stats: bankStats({ questions, glossary }) })`.
 */
export function bankStats(input: GraderInput): BankStats {
  const termStems = glossaryStems(input.glossary);
  const glossary = buildGlossary(input.glossary, termStems);
  const df = new Map<string, number>();
  const words = new Set<string>();
  const knownStems = new Set<string>();
  for (const q of input.questions) {
    const tokens = tokenize(questionText(q));
    const keys = new Set<string>();
    const content = tokens.filter((t) => !t.stop);
    for (const t of content) {
      keys.add(t.stem);
      words.add(t.word);
      knownStems.add(t.stem);
    }
    for (const h of glossary.find(content)) for (const k of h.keys) keys.add(k);
    for (const k of keys) df.set(k, (df.get(k) ?? 0) + 1);
  }
  for (const group of input.glossary) {
    for (const t of tokenize(group.join('\n'))) {
      if (t.stop) continue;
      words.add(t.word);
      knownStems.add(t.stem);
    }
  }
  return { questions: input.questions.length, df: [...df], words: [...words], stems: [...knownStems], glossary: termStems };
}

/**
 * Builds the grader once for the loaded banks: informativeness weights (IDF over the questions),
 * the glossary phrase index and the typo index. Grading an answer afterwards is fast.
 * Example: `createGrader({ questions, glossary }).grade(question, 'An SLI measures ...').score`.
 */
export function createGrader(input: GraderInput, opts: GraderOptions = {}): Grader {
  const threshold = MATCH_THRESHOLD[opts.strictness ?? 'normal'];
  const stats = input.stats ?? bankStats(input);
  const glossary = buildGlossary(input.glossary, stats.glossary);
  const df = new Map(stats.df);
  const n = Math.max(1, stats.questions);
  const lexicon: Lexicon = {
    glossary,
    typos: buildTypoIndex(stats.words),
    knownStems: new Set(stats.stems),
    weight: (key) => Math.log(1 + n / Math.max(1, df.get(key) ?? 0)),
  };

  const prepared = new WeakMap<Question, PreparedQuestion>();
  const prepare = (q: Question): PreparedQuestion => {
    let p = prepared.get(q);
    if (p) return p;
    p = { points: prepareQuestion(q.prompt, q.keyPoints, lexicon) };
    prepared.set(q, p);
    return p;
  };

  let last: { text: string; analysed: ReturnType<typeof analyseAnswer> } | undefined;
  return {
    grade(question, answer) {
      const notices: string[] = [];
      let text = typeof answer === 'string' ? answer : '';
      let truncated = false;
      if (text.length > MAX_ANSWER_CHARS) {
        let cut = MAX_ANSWER_CHARS;
        const code = text.charCodeAt(cut - 1);
        if (code >= 0xd800 && code <= 0xdbff) cut--;
        notices.push(`The answer is ${text.length.toLocaleString('en-US')} characters long; only the first ${MAX_ANSWER_CHARS.toLocaleString('en-US')} were graded.`);
        text = text.slice(0, cut);
        truncated = true;
      }
      if (question.ungraded) {
        return { id: question.id, score: 0, points: [], truncated, notices: [...notices, 'This is an ungraded practice question: there are no key points to check.'] };
      }
      if (!/[\p{L}\p{N}]/u.test(text)) notices.push('The answer is empty: no words to grade.');
      // The reading of an answer does not depend on the question: grading one answer against many
      // questions in a row (self-consistency checks, "which question was this?") reads it once.
      if (last?.text !== text) last = { text, analysed: analyseAnswer(text, lexicon) };
      const analysed = last.analysed;
      const prep = prepare(question);
      const points: PointResult[] = question.keyPoints.map((k, index) => {
        const m = matchPoint(prep.points[index]!, analysed);
        const strength = round3(m.strength);
        const matched = strength >= threshold && strength > 0;
        return { index, point: k.point, weight: k.weight, matched, strength, evidence: strength > 0 ? quoteEvidence(analysed, m.used) : '' };
      });
      const result: GradeResult = { id: question.id, score: scorePoints(points), points, truncated, notices };
      if (question.category === 'behavioural') result.star = detectStar(text);
      return result;
    },
  };
}
