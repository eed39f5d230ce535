import { stemmer } from 'stemmer';
import { abbreviationAt } from '../sentences.js';

/**
 * Text → tokens: lower-cased words with their Porter stems, character offsets into the original
 * text, and the sentence / clause / segment they sit in. Everything the matcher needs to know
 * about an answer's shape is decided here, once per answer.
 */

/** Words that carry no meaning of their own for matching (they still count as sentence glue). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if then else so as of at by for with about against between into through during before after above below to from up down in out on off over under ' +
    'again further once here there when where why how all any both each few more most other some such only own same than too very s t ' +
    'can will just don should now is are was were be been being have has had having do does did doing would could might must shall may ' +
    'i me my myself we our ours ourselves you your yours yourself he him his she her hers it its itself they them their theirs themselves ' +
    'what which who whom this that these those am also e g eg ie etc via per like get gets got one use used using make makes made ' +
    'not no nor never without cannot can\'t don\'t doesn\'t didn\'t isn\'t aren\'t wasn\'t weren\'t won\'t wouldn\'t shouldn\'t couldn\'t haven\'t hasn\'t hadn\'t mustn\'t ' +
    'let lets much many well way ways thing things something anything everything yes example instance say says said'
  ).split(/\s+/),
);

/** Auxiliaries, modals and subject pronouns: a run of words holding one of these reads as a clause, not a list. */
export const VERB_CUES: ReadonlySet<string> = new Set(
  (
    'is are was were be been being am has have had do does did can could will would should shall may might must ' +
    'i we you he she they it this that there means lets keeps needs gives takes helps allows stops tells shows'
  ).split(/\s+/),
);

/** Words that flip the polarity of their whole clause ("restarting is not the fix"). */
const CLAUSE_NEGATORS = new Set(['not', 'never', 'cannot', 'neither', 'nor']);
/** Words that negate only what follows them in the clause ("without a canary", "no lasting value"). */
const FORWARD_NEGATORS = new Set(['no', 'without', 'avoid', 'avoids', 'avoided', 'avoiding', 'none']);
/** Phrases that look negative but are not ("not only", "no matter"). */
const NOT_NEGATING_NEXT: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['not', new Set(['only', 'just', 'merely', 'necessarily'])],
  ['no', new Set(['matter', 'doubt'])],
]);
/** Two-word forward negators: "instead of X", "rather than X". */
const FORWARD_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['instead', 'of'],
  ['rather', 'than'],
];
/** Words that start a new clause for negation scope (the scope of "not" ends at "but", "because" ...); not "or": "not X or Y" rejects both. */
const CLAUSE_STARTERS = new Set(['but', 'because', 'that', 'when', 'where', 'if', 'although', 'though', 'while', 'whereas', 'however', 'so', 'which', 'who', 'then', 'and', 'since', 'unless', 'until', 'whether']);

export interface Token {
  /** Position in the token list. */
  index: number;
  /** Lower-cased word as written (apostrophes normalised). */
  word: string;
  /** Porter stem of `word` (or the word itself when it is not plain ASCII letters). */
  stem: string;
  start: number;
  end: number;
  /** Index of the sentence (split at . ! ?, blank lines and bullets). */
  sentence: number;
  /** Index of the segment (split at any punctuation: commas, semicolons, brackets, bullets; and at line breaks). */
  segment: number;
  /**
   * Index of the list item: like the segment, but brackets and quotes do not split it, so
   * `the "main()" function` or `push (add an element)` read as one stretch of prose.
   */
  item: number;
  /** Index of the clause (a segment split further at connectives such as "but" or "because"). */
  clause: number;
  /** True when the token sits in the scope of a negation. */
  negated: boolean;
  stop: boolean;
}

// Words: letters and digits, with inner apostrophes ("don't"), and numbers whole: inner dots
// ("99.9", "1.2.3"), a leading dot (".5") and digit groups ("10,000"). Dotted initialisms ("e.g",
// "i.e") are one word, read without their dots ("eg", a stop word, so the "i" of "i.e." is no pronoun).
const WORD = /(?:\p{L}\.)+\p{L}(?![\p{L}\p{N}])|(?:(?<![\p{L}\p{N}.])\.(?=\d))?[\p{L}\p{N}]+(?:['’][\p{L}]+|\.\d+|(?<=\d),\d{3}(?!\d))*/gu;
// A sentence ends at . ! ? before a space, at a blank line, or before a bullet on a new line; a
// single line break may be a wrapped line (answers typed in an editor), not a sentence end, but it
// ends a segment (and a list item after a short line).
const SENTENCE_GAP = /[.!?](?:\s|$)|\n\s*\n|\n\s*(?:[-*•]|\d+[.)])\s|[.!?]["')\]]/;
const SEGMENT_GAP = /[,;:()[\]{}•|/\\"“”]|\s[-–—*]\s|^[-–—*]\s/;
/** The separators of list items: SEGMENT_GAP without brackets and quotes. */
const ITEM_GAP = /[,;:•|/\\]|\s[-–—*]\s|^[-–—*]\s/;

/** A list item has at most this many words; a longer line is read as wrapped prose, not an item. */
export const LIST_ITEM_MAX_WORDS = 6;

const stemCache = new Map<string, string>();
const STEM_CACHE_MAX = 50_000;

/** British and American spellings meet: utilisation / utilization, behaviour / behavior. */
function americanise(word: string): string {
  if (word.length < 6) return word;
  return word.replace(/([a-z]{3,})is(e|ed|es|ing|ation|ations|er|ers)$/, '$1iz$2').replace(/([a-z]{3,})our(s|ed|ing|al)?$/, '$1or$2');
}

/** The Porter stem of a lower-cased word; words that are not plain ASCII letters stay as they are. */
export function stemWord(word: string): string {
  let s = stemCache.get(word);
  if (s !== undefined) return s;
  const base = word.endsWith("'s") ? word.slice(0, -2) : word;
  s = /^[a-z]+$/.test(base) && base.length > 2 ? stemmer(americanise(base)) : base;
  if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
  stemCache.set(word, s);
  return s;
}

export function isNegator(word: string): boolean {
  return CLAUSE_NEGATORS.has(word) || FORWARD_NEGATORS.has(word) || word.endsWith("n't");
}

/**
 * Splits text into tokens with positions, sentence/segment/clause indexes and negation scope.
 * Example: `tokenize("We would not roll back.")` marks "roll" and "back" as negated.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let segment = 0;
  let item = 0;
  let clause = 0;
  let last = 0;
  /** Tokens before the current line. */
  let lineStart = 0;
  let m: RegExpExecArray | null;
  WORD.lastIndex = 0;
  while ((m = WORD.exec(text))) {
    // Most gaps are one space: skip the boundary tests for them.
    let gap = m.index - last === 1 && text.charCodeAt(last) === 32 ? ' ' : text.slice(last, m.index);
    // A dot between two words ("node.js", "example.com") or after an abbreviation ends nothing.
    if (gap.charCodeAt(0) === 46 && tokens.length && (gap.length === 1 || abbreviationAt(text, last, m[0]))) gap = gap.slice(1);
    if (tokens.length && gap !== ' ') {
      if (SENTENCE_GAP.test(gap)) {
        sentence++;
        segment++;
        item++;
        clause++;
      } else if (SEGMENT_GAP.test(gap)) {
        segment++;
        clause++;
        if (ITEM_GAP.test(gap) || (gap.includes('\n') && tokens.length - lineStart <= LIST_ITEM_MAX_WORDS)) item++;
      } else if (gap.includes('\n')) {
        // A line break may be a wrapped line: the sentence goes on, and after a long line so does the
        // clause (negation scope) and the list item. A quote stops there, and a short line (terms one
        // to a line) is an item of its own.
        segment++;
        if (tokens.length - lineStart <= LIST_ITEM_MAX_WORDS) {
          item++;
          clause++;
        }
      }
    }
    if (gap.includes('\n')) lineStart = tokens.length;
    const lower = m[0].toLowerCase();
    // Most words hold neither a curly apostrophe nor a dot: skip both replaces for them.
    const word = lower.includes('’') || lower.includes('.') ? lower.replace(/’/g, "'").replace(/\.(?=\p{L})/gu, '') : lower;
    if (CLAUSE_STARTERS.has(word) && tokens.length && tokens[tokens.length - 1]!.clause === clause) clause++;
    tokens.push({ index: tokens.length, word, stem: stemWord(word), start: m.index, end: m.index + m[0].length, sentence, segment, item, clause, negated: false, stop: STOP_WORDS.has(word) || STOP_WORDS.has(word.replace(/'s$/, '')) });
    last = m.index + m[0].length;
  }
  markNegation(tokens);
  return tokens;
}

function markNegation(tokens: Token[]): void {
  let i = 0;
  while (i < tokens.length) {
    const clause = tokens[i]!.clause;
    let j = i;
    while (j < tokens.length && tokens[j]!.clause === clause) j++;
    // Within one clause [i, j): whole-clause negators flip everything, forward ones what follows.
    let whole = 0;
    const forwardFrom: number[] = [];
    for (let k = i; k < j; k++) {
      const w = tokens[k]!.word;
      const next = tokens[k + 1]?.clause === clause ? tokens[k + 1]!.word : '';
      if (NOT_NEGATING_NEXT.get(w)?.has(next)) continue;
      if (w === 'not' && tokens[k - 1]?.word === 'or') continue; // "whether or not"
      if (CLAUSE_NEGATORS.has(w) || (w.endsWith("n't") && w.length > 3)) whole++;
      else if (FORWARD_NEGATORS.has(w)) forwardFrom.push(k + 1);
      else if (FORWARD_PAIRS.some(([a, b]) => a === w && b === next)) forwardFrom.push(k + 2);
    }
    for (let k = i; k < j; k++) {
      const forward = forwardFrom.filter((f) => f <= k).length;
      tokens[k]!.negated = (whole + forward) % 2 === 1;
    }
    i = j;
  }
}
