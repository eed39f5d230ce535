/**
 * Where a sentence ends, one rule for the whole core: the grader's tokenizer, the key points that
 * import-bank derives and the model-answer sentences a report quotes all split text the same way.
 */

/**
 * Words whose full stop does not end a sentence: "vs. pull", "cf. the docs", "Dr. Smith". Dotted
 * initialisms ("e.g.", "i.e.", "a.k.a.") are recognised by shape; "etc." ends one before a capital;
 * "no." and "nr." only mean a number before a digit. Not "ms": "300 ms." ends a sentence.
 */
const ABBREVIATIONS: ReadonlySet<string> = new Set(['eg', 'ie', 'vs', 'cf', 'approx', 'incl', 'esp', 'viz', 'resp', 'al', 'fig', 'ca', 'dr', 'mr', 'mrs', 'prof', 'st', 'jr', 'sr']);
const WORD_BEFORE_DOT = /(?:^|[^\p{L}\p{N}.])((?:\p{L}\.)+\p{L}|[\p{L}]+)$/u;

/** True when the full stop at `text[dot]` closes an abbreviation rather than a sentence; `next` is the text after it. */
export function abbreviationAt(text: string, dot: number, next: string): boolean {
  const word = WORD_BEFORE_DOT.exec(text.slice(Math.max(0, dot - 12), dot))?.[1]?.toLowerCase();
  if (!word) return false;
  if (word.includes('.')) return true;
  if (word === 'etc') return !/^\p{Lu}/u.test(next);
  if (word === 'no' || word === 'nr') return /^\d/.test(next);
  return ABBREVIATIONS.has(word);
}

/** A full stop, `!` or `?` (closing quotes and brackets after it allowed), then space and what can start a sentence. */
const SENTENCE_END = /([.!?])["')\]\u2019\u201d]*\s+(?=[A-Z0-9"'(\[\u2018\u201c])/g;

/**
 * Splits text into sentences without breaking at abbreviations: `e.g. 99.9% of requests` stays one
 * sentence. Decimals, versions, file names and URLs have no space after their dots, so never split.
 * Example: `splitSentences('Use a window, e.g. 30 days. Then alert.')` gives two sentences.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length;
    if (m[1] === '.' && abbreviationAt(text, m.index, text.slice(end))) continue;
    out.push(text.slice(start, end).trim());
    start = end;
  }
  out.push(text.slice(start).trim());
  return out.filter(Boolean);
}
