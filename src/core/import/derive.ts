import { CATEGORIES, type Category } from '../bank/schema.js';
import type { SourceItem } from './formats.js';
import { splitSentences } from '../sentences.js';

/** Key points derived from one answer, at most. */
export const MAX_DERIVED_POINTS = 8;
/** Difficulty given to imported questions: sources rarely say, and mid is the honest guess. */
export const IMPORTED_DIFFICULTY = 2;

const STOP = new Set('a an the and or but of to in on at for with by from as is are was were be been being it its this that these those what which who whom how why when where do does did can could should would will shall may might must you your i we our they their he she them his her me my not no yes if then than so such there here into about over under between'.split(' '));
const GENERIC_PATH = new Set(['readme', 'index', 'questions', 'interview-questions', 'answers', 'question', 'answer', 'docs', 'doc', 'src', 'content', 'md', 'notes', 'exercises', 'interview', 'interviews']);

export function slugify(text: string, maxWords = 8): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const content = words.filter((w) => !STOP.has(w));
  const chosen = (content.length ? content : words).slice(0, maxWords);
  return chosen.join('-').slice(0, 60).replace(/-+$/, '');
}

/** Splits an answer into one-idea key points: list items, then sentences, then `;` clauses, then long sentences at their clause joins. */
export function deriveKeyPoints(answer: string): string[] {
  const pieces: string[] = [];
  for (const block of answer.split(/\n(?=- )|\n[ \t]*\n/)) {
    // Code (indented four spaces) illustrates an answer; it is not an idea to say out loud.
    if (/^ {4}/.test(block)) continue;
    const item = block.replace(/^- /, '').replace(/\s+/g, ' ').trim();
    if (!item) continue;
    for (const sentence of splitSentences(item)) {
      for (const clause of sentence.split(/;\s+/).flatMap(splitLongClause)) {
        const text = clause.replace(/[\s:,;.]+$/, '').trim();
        // Pointers to further reading are not ideas an answer has to make.
        if (/^(see|read|source|more|reference|references|further reading)\b/i.test(text)) continue;
        if (contentWords(text) >= 1 && /[a-z0-9]/i.test(text)) pieces.push(text.charAt(0).toUpperCase() + text.slice(1));
      }
    }
  }
  const unique = [...new Set(pieces)];
  if (unique.length <= MAX_DERIVED_POINTS) return unique;
  // Keep the most informative pieces, in the answer's order.
  const ranked = unique.map((p, i) => ({ p, i, w: contentWords(p) })).sort((a, b) => b.w - a.w || a.i - b.i).slice(0, MAX_DERIVED_POINTS);
  return ranked.sort((a, b) => a.i - b.i).map((r) => r.p);
}

/** Sentences longer than this many words usually carry more than one idea. */
const LONG_SENTENCE_WORDS = 25;
/** Each side of a split must have this many words (and three content words) to stand alone as a point. */
const MIN_CLAUSE_WORDS = 6;

/** A long sentence split where clauses join (`, and` / `, but` / `, so`, else ` and `), nearest the middle first. */
function splitLongClause(sentence: string): string[] {
  const words = sentence.split(/\s+/).length;
  if (words <= LONG_SENTENCE_WORDS) return [sentence];
  for (const join of [/,\s+(?:and|but|so)\s+/g, /\s+and\s+/g]) {
    let best: { at: number; end: number; off: number } | undefined;
    for (const m of sentence.matchAll(join)) {
      const left = sentence.slice(0, m.index);
      const right = sentence.slice(m.index + m[0].length);
      if (!standsAlone(left) || !standsAlone(right)) continue;
      const off = Math.abs(left.split(/\s+/).length - words / 2);
      if (!best || off < best.off) best = { at: m.index, end: m.index + m[0].length, off };
    }
    if (best) return [...splitLongClause(sentence.slice(0, best.at)), ...splitLongClause(sentence.slice(best.end))];
  }
  return [sentence];
}

function standsAlone(clause: string): boolean {
  return clause.trim().split(/\s+/).length >= MIN_CLAUSE_WORDS && contentWords(clause) >= 3;
}

function contentWords(text: string): number {
  return text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 1 && !STOP.has(w)).length;
}

function topicSlug(text: string): string {
  return slugify(text, 6)
    .split('-')
    .filter((w) => !GENERIC_PATH.has(w) && !/^(flash|cards?|faq|q|a|and)$/.test(w))
    .slice(0, 3)
    .join('-');
}

/** Topic slugs from the source path (folders and file name), headings and tags. */
export function deriveTopics(item: SourceItem, relPath: string, extra: readonly string[]): string[] {
  const fromPath = relPath
    .replace(/\.[a-z]+$/i, '')
    .split(/[\\/]/)
    .map((p) => slugify(p.replace(/[_-]?\d+$/, ''), 3))
    .filter((p) => p && !GENERIC_PATH.has(p) && !/^(mock|part|chapter|section)(-\d+)?$/.test(p) && !/^\d+$/.test(p));
  // Nearest heading first; generic words ('interview questions') dropped from each.
  const fromItem = item.topics.map((t) => topicSlug(t)).filter(Boolean);
  const all = [...extra.map((t) => slugify(t, 4)), ...fromItem, ...fromPath].filter((t) => t && !GENERIC_PATH.has(t));
  const unique = [...new Set(all)].slice(0, 4);
  return unique.length ? unique : ['general'];
}

/** A question as written to an imported bank file (YAML field names). */
export interface ImportedQuestion {
  id: string;
  category?: Category;
  prompt: string;
  topics: string[];
  difficulty: number;
  ungraded?: true;
  key_points?: string[];
  model_answer?: string;
}

export interface DeriveOptions {
  category?: Category;
  topics: readonly string[];
  skipUnanswered: boolean;
}

export type Derived = { kind: 'question'; question: ImportedQuestion; graded: boolean } | { kind: 'skipped'; reason: string };

/** One source item to one bank question (its id the plain slug, made unique later by `uniqueId`), or the reason it was skipped. */
export function deriveQuestion(item: SourceItem, relPath: string, opts: DeriveOptions): Derived {
  const prompt = item.question.replace(/\s+/g, ' ').trim();
  if (!prompt) return { kind: 'skipped', reason: 'no question text' };
  const points = item.answer ? deriveKeyPoints(item.answer) : [];
  if (points.length === 0 && opts.skipUnanswered) return { kind: 'skipped', reason: 'no answer (--skip-unanswered)' };
  const question: ImportedQuestion = {
    id: slugify(prompt) || 'question',
    ...(opts.category ? { category: opts.category } : {}),
    prompt,
    topics: deriveTopics(item, relPath, opts.topics),
    difficulty: IMPORTED_DIFFICULTY,
  };
  if (points.length === 0) return { kind: 'question', question: { ...question, ungraded: true }, graded: false };
  return { kind: 'question', question: { ...question, key_points: points, model_answer: item.answer.trim() }, graded: true };
}

/** `base`, or `base-2`, `base-3`, ... : the first that is not taken. */
export function uniqueId(base: string, taken: (id: string) => boolean): string {
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  return id;
}

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value) || value === 'behavioral';
}
