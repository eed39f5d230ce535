import type { GlossaryIndex } from './glossary.js';
import { LIST_ITEM_MAX_WORDS, stemWord, tokenize, VERB_CUES, type Token } from './normalise.js';
import type { TypoIndex } from './typos.js';

/**
 * Key-point matching. A key point (its text, and each `accept` phrase) becomes a list of units:
 * content words (by stem) or glossary concepts, each weighted by how informative it is. An answer
 * becomes postings: for every stem and concept, where it occurs, in which sentence, whether it is
 * negated, and whether it sits in prose or in a bare list of terms. A point's strength is the
 * weighted share of its units found, not under a negation, inside the best window of two
 * sentences, rising linearly to full strength at half of the weight (a full point rarely needs every word).
 */

/** Matched words in a run without a verb or function word (a bare list of terms) count this much. */
export const BUZZWORD_DAMPING = 0.3;
/**
 * The matcher's tuning, measured on the labelled set and the Mohler benchmark (bench/grader.bench.ts).
 * spread: a point spread over the whole answer counts this much of what it would in one place.
 * text: coverage → strength for a point's own text: below `lo` nothing, from `hi` on everything.
 * accept: the same for `accept` phrases, which are short and exact, so nearly all must be there.
 * prompt: words of the question's own prompt. Found in an answer they earn `evidence` of their weight
 * (restating the question shows little), while the point still counts them at `size` of it, so a
 * point is not made by the prompt's words alone.
 */
export const TUNING = Object.freeze({
  spread: 0.8,
  text: Object.freeze({ lo: 0, hi: 0.5 }),
  accept: Object.freeze({ lo: 0.5, hi: 0.9 }),
  prompt: Object.freeze({ evidence: 0.25, size: 0.5 }),
});
/** Evidence quotes are cut to this many characters. */
export const MAX_EVIDENCE_CHARS = 200;

export interface Unit {
  /** Any of these keys in the answer makes the unit (a stem, or concept keys "#3"). */
  keys: string[];
  /** A looser key (the stem's first letters) that makes the unit at PREFIX_CREDIT. */
  soft?: string;
  /** What finding the unit earns towards its phrase's `total`. */
  weight: number;
  negated: boolean;
}

export interface Phrase {
  units: Unit[];
  /** The phrase's size: what finding all of it would earn, counting the prompt's words at `TUNING.prompt.size`. */
  total: number;
  /**
   * Set for an accept phrase of several words but one content word ("retry-after", "why it was
   * possible"): it must appear word for word, or its one common word would match alone.
   */
  literal?: string;
  /** An accept phrase made only of the prompt's own words: repeating the question earns little. */
  onlyPrompt: boolean;
}

export interface PreparedPoint {
  text: Phrase;
  accepts: Phrase[];
}

export interface Occurrence {
  /** Token index range [from, to) in the answer. */
  from: number;
  to: number;
  sentence: number;
  negated: boolean;
  /** 1 in prose, BUZZWORD_DAMPING in a bare list of terms. */
  damp: number;
}

export interface AnalysedAnswer {
  text: string;
  tokens: Token[];
  /** The words, space-separated with a space at each end, for word-for-word phrases. */
  joined: string;
  postings: Map<string, Occurrence[]>;
  /** Character range of each segment, for quoting evidence. */
  segments: { start: number; end: number }[];
  /** 1 for a segment in prose, BUZZWORD_DAMPING for one in a list of terms (read by item). */
  segDamp: number[];
}

export interface Lexicon {
  glossary: GlossaryIndex;
  typos: TypoIndex;
  /** Stems seen in the loaded banks: a word whose stem is known is never "repaired". */
  knownStems: ReadonlySet<string>;
  /** Informativeness of a key (stem or concept). */
  weight(key: string): number;
}

/** Content tokens (no stop words) of a text, with glossary concepts found among them. */
function contentWithConcepts(tokens: Token[], lexicon: Lexicon) {
  const content = tokens.filter((t) => !t.stop);
  return { content, hits: lexicon.glossary.find(content) };
}

/**
 * Word families the stemmer leaves apart (reusable / reusability, configure / configuration) meet
 * on their first PREFIX_LENGTH letters, for PREFIX_CREDIT of a full match.
 */
export const PREFIX_LENGTH = 6;
export const PREFIX_CREDIT = 0.8;
const prefixKey = (stem: string): string | undefined => (stem.length >= PREFIX_LENGTH && /^[a-z]+$/.test(stem) ? `^${stem.slice(0, PREFIX_LENGTH)}` : undefined);

/** An accept phrase made only of prompt words is capped below the normal threshold. */
export const PROMPT_ONLY_ACCEPT_CAP = 0.45;

/**
 * Turns a point text or accept phrase into weighted units. In a point's text, the prompt's own
 * words (`promptKeys`) earn and count less (`TUNING.prompt`); an accept phrase keeps full weights,
 * but one made only of prompt words is marked `onlyPrompt`.
 */
export function preparePhrase(text: string, lexicon: Lexicon, promptKeys: ReadonlySet<string>, kind: 'point' | 'accept' = 'point'): Phrase {
  const tokens = tokenize(text);
  const { content, hits } = contentWithConcepts(tokens, lexicon);
  const promptStems = kind === 'point' ? promptKeys : new Set<string>();
  const units: Unit[] = [];
  let total = 0;
  const add = (unit: Omit<Unit, 'weight'>, w: number, keys: string[], stems: string[]) => {
    const prompt = stems.every((s) => promptStems.has(s)) || keys.some((k) => promptStems.has(k));
    units.push({ ...unit, weight: w * (prompt ? TUNING.prompt.evidence : 1) });
    total += w * (prompt ? TUNING.prompt.size : 1);
  };
  const seen = new Set<string>();
  let hi = 0;
  for (let i = 0; i < content.length; i++) {
    const hit = hits.find((h) => h.from === i);
    if (hit && hit.to > i) {
      const stems = content.slice(hit.from, hit.to).map((t) => t.stem);
      const keys = stems.length === 1 ? [...hit.keys, stems[0]!] : hit.keys;
      const id = hit.keys.join(',');
      if (!seen.has(id)) {
        seen.add(id);
        const w = Math.max(...hit.keys.map((k) => lexicon.weight(k)));
        add({ keys, negated: content[i]!.negated }, w, hit.keys, stems);
      }
      i = hit.to - 1;
      hi = hit.to;
      continue;
    }
    if (i < hi) continue;
    const t = content[i]!;
    if (seen.has(t.stem)) continue;
    seen.add(t.stem);
    add({ keys: [t.stem], soft: prefixKey(t.stem), negated: t.negated }, lexicon.weight(t.stem), [], [t.stem]);
  }
  const onlyPrompt = kind === 'accept' && units.length > 0 && units.every((u) => u.keys.some((k) => promptKeys.has(k)));
  const literal = kind === 'accept' && units.length === 1 && tokens.length > 1 ? tokens.map((t) => t.word).join(' ') : undefined;
  return { units, total, literal, onlyPrompt };
}

/** Reads an answer once: tokens, typo repairs, concepts, and postings for every key. */
export function analyseAnswer(text: string, lexicon: Lexicon): AnalysedAnswer {
  const tokens = tokenize(text);
  const segments: { start: number; end: number }[] = [];
  for (const t of tokens) {
    const s = segments[t.segment];
    if (s) s.end = t.end;
    else segments[t.segment] = { start: t.start, end: t.end };
  }
  // Lists are read by item (segments joined across brackets and quotes).
  const bare: boolean[] = [];
  const long: boolean[] = [];
  /** Verbless and at most LIST_ITEM_MAX_WORDS words: could be an item of a list. */
  const short: boolean[] = [];
  for (let i = 0; i < tokens.length; ) {
    const item = tokens[i]!.item;
    let j = i;
    let stops = 0;
    let cue = false;
    while (j < tokens.length && tokens[j]!.item === item) {
      if (tokens[j]!.stop) stops++;
      if (VERB_CUES.has(tokens[j]!.word)) cue = true;
      j++;
    }
    const n = j - i;
    // Prose: a verb cue (auxiliary, modal, pronoun) in two words or more, or a function word in three or more.
    bare[item] = !((cue && n >= 2) || (stops >= 1 && n >= 3));
    long[item] = n >= 3 && stops === 0 && !cue;
    short[item] = !cue && n <= LIST_ITEM_MAX_WORDS;
    i = j;
  }
  // A list of terms: a verbless item next to another verbless one ("SLI, SLO, SLA"), or three
  // words or more with no function word at all ("latency alerting dashboards kubernetes"). A lone
  // terse fragment ("by reference") is an answer, not a list, and keeps full weight; so is a whole
  // answer that is one short item ("kubectl rollout undo"), the size of an accepted wording.
  const lone = bare.length === 1 && tokens.length <= LIST_ITEM_MAX_WORDS;
  const itemDamp = bare.map((b, k) => (b && !lone && (long[k] || bare[k - 1] || bare[k + 1]) ? BUZZWORD_DAMPING : 1));
  // A bullet list whose items are mostly bare terms: the verbless items among them ("- owner and a
  // due date") are list items too.
  for (let k = 0; k < short.length; ) {
    let e = k;
    while (e < short.length && short[e]) e++;
    const run = e - k;
    let bareCount = 0;
    for (let x = k; x < e; x++) if (bare[x]) bareCount++;
    if (run >= 3 && bareCount * 2 >= run) for (let x = k; x < e; x++) itemDamp[x] = BUZZWORD_DAMPING;
    k = Math.max(e, k + 1);
  }
  const segDamp: number[] = [];
  for (const t of tokens) segDamp[t.segment] = itemDamp[t.item]!;
  for (const t of tokens) {
    if (t.stop || lexicon.knownStems.has(t.stem)) continue;
    const fixed = lexicon.typos.correct(t.word);
    if (fixed) {
      t.word = fixed;
      t.stem = stemWord(fixed);
    }
  }
  const postings = new Map<string, Occurrence[]>();
  const post = (key: string, occ: Occurrence) => {
    const list = postings.get(key);
    if (list) list.push(occ);
    else postings.set(key, [occ]);
  };
  const { content, hits } = contentWithConcepts(tokens, lexicon);
  for (const t of content) {
    const i = t.index;
    const occ: Occurrence = { from: i, to: i + 1, sentence: t.sentence, negated: t.negated, damp: segDamp[t.segment]! };
    post(t.stem, occ);
    const soft = prefixKey(t.stem);
    if (soft) post(soft, occ);
  }
  for (const h of hits) {
    const first = content[h.from]!;
    const last = content[h.to - 1]!;
    const occ: Occurrence = { from: first.index, to: last.index + 1, sentence: first.sentence, negated: first.negated, damp: segDamp[first.segment]! };
    for (const k of h.keys) post(k, occ);
  }
  return { text, tokens, postings, segments, joined: ` ${tokens.map((t) => t.word).join(' ')} `, segDamp };
}

export interface PhraseMatch {
  strength: number;
  /** Occurrences that made the best window. */
  used: Occurrence[];
}

/** The weighted share of a phrase's units present (not negated) in the best two-sentence window. */
export function coverage(phrase: Phrase, answer: AnalysedAnswer): { cov: number; damp: number; used: Occurrence[] } {
  if (phrase.total <= 0) return { cov: 0, damp: 1, used: [] };
  // Per unit: best value and occurrence in each sentence.
  const perUnit: Map<number, { v: number; occ: Occurrence }>[] = [];
  const sentences = new Set<number>();
  let global = 0;
  let globalRaw = 0;
  for (const u of phrase.units) {
    const best = new Map<number, { v: number; occ: Occurrence }>();
    let top = 0;
    for (const k of u.soft ? [...u.keys, u.soft] : u.keys) {
      const credit = k === u.soft ? PREFIX_CREDIT : 1;
      for (const occ of answer.postings.get(k) ?? []) {
        // An answer that rejects an idea ("I would not roll back") does not make it. The other way
        // round is left alone: answers often say positively what a point says with a negation.
        if (occ.negated && !u.negated) continue;
        const v = occ.damp * credit;
        const cur = best.get(occ.sentence);
        if (!cur || v > cur.v) best.set(occ.sentence, { v, occ });
        if (v > top) top = v;
        sentences.add(occ.sentence);
      }
    }
    global += u.weight * top;
    if (top > 0) globalRaw += u.weight;
    perUnit.push(best);
  }
  // Windows are ranked by damped coverage; the result keeps coverage and damping apart so the
  // strength curve cannot lift a damped list back to full credit.
  let bestDamped = 0;
  let bestRaw = 0;
  let bestStart = -1;
  for (const s of sentences) {
    for (const start of [s - 1, s]) {
      let damped = 0;
      let raw = 0;
      phrase.units.forEach((u, i) => {
        const v = Math.max(perUnit[i]!.get(start)?.v ?? 0, perUnit[i]!.get(start + 1)?.v ?? 0);
        damped += u.weight * v;
        if (v > 0) raw += u.weight;
      });
      if (damped > bestDamped) {
        bestDamped = damped;
        bestRaw = raw;
        bestStart = start;
      }
    }
  }
  const window = { cov: bestRaw / phrase.total, damp: bestRaw ? bestDamped / bestRaw : 1 };
  const spread = { cov: (TUNING.spread * globalRaw) / phrase.total, damp: globalRaw ? global / globalRaw : 1 };
  const useWindow = window.cov * window.damp >= spread.cov * spread.damp;
  const used: Occurrence[] = [];
  if (useWindow) {
    for (const m of perUnit) {
      const a = m.get(bestStart);
      const b = m.get(bestStart + 1);
      const pick = a && b ? (a.v >= b.v ? a : b) : (a ?? b);
      if (pick) used.push(pick.occ);
    }
  } else {
    for (const m of perUnit) {
      let pick: { v: number; occ: Occurrence } | undefined;
      for (const x of m.values()) if (!pick || x.v > pick.v || (x.v === pick.v && x.occ.from < pick.occ.from)) pick = x;
      if (pick) used.push(pick.occ);
    }
  }
  return { ...(useWindow ? window : spread), used };
}

const curve = (x: number, c: { lo: number; hi: number }) => Math.max(0, Math.min(1, (x - c.lo) / (c.hi - c.lo)));

/** An accept phrase's words must sit this close: at most this many tokens per word of the phrase. */
const ACCEPT_SPAN_PER_UNIT = 3;

/**
 * The weighted share of an accept phrase's units found close together (a phrase, not words
 * scattered over two sentences), with the occurrences that made the best span.
 */
export function phraseCoverage(phrase: Phrase, answer: AnalysedAnswer): { cov: number; damp: number; used: Occurrence[] } {
  if (phrase.total <= 0) return { cov: 0, damp: 1, used: [] };
  const hits: { unit: number; v: number; occ: Occurrence }[] = [];
  phrase.units.forEach((u, unit) => {
    for (const k of u.soft ? [...u.keys, u.soft] : u.keys) {
      const credit = k === u.soft ? PREFIX_CREDIT : 1;
      for (const occ of answer.postings.get(k) ?? []) {
        if (occ.negated && !u.negated) continue;
        hits.push({ unit, v: occ.damp * credit, occ });
      }
    }
  });
  hits.sort((a, b) => a.occ.from - b.occ.from);
  const maxSpan = ACCEPT_SPAN_PER_UNIT * phrase.units.length;
  let best = { damped: 0, raw: 0, used: [] as Occurrence[] };
  for (let i = 0; i < hits.length; i++) {
    const v = new Array<number>(phrase.units.length).fill(0);
    const occ = new Array<Occurrence | undefined>(phrase.units.length);
    for (let j = i; j < hits.length && hits[j]!.occ.from - hits[i]!.occ.from <= maxSpan; j++) {
      const h = hits[j]!;
      if (h.v > v[h.unit]!) {
        v[h.unit] = h.v;
        occ[h.unit] = h.occ;
      }
    }
    let damped = 0;
    let raw = 0;
    phrase.units.forEach((u, k) => {
      damped += u.weight * v[k]!;
      if (v[k]! > 0) raw += u.weight;
    });
    if (damped > best.damped) best = { damped, raw, used: occ.filter((o): o is Occurrence => o !== undefined) };
  }
  return { cov: best.raw / phrase.total, damp: best.raw ? best.damped / best.raw : 1, used: best.used };
}

/** A word-for-word phrase: found at a token not in a negated clause, in full; else nothing. */
function literalMatch(phrase: Phrase, answer: AnalysedAnswer): { cov: number; damp: number; used: Occurrence[] } {
  const needle = ` ${phrase.literal} `;
  for (let at = answer.joined.indexOf(needle); at >= 0; at = answer.joined.indexOf(needle, at + 1)) {
    let index = 0;
    for (let i = 0; i < at; i++) if (answer.joined.charCodeAt(i) === 32) index++;
    // `index` spaces precede the match (the leading one and one after each earlier word): it starts at token `index`.
    const first = answer.tokens[index];
    if (!first || first.negated) continue;
    const n = phrase.literal!.split(' ').length;
    return { cov: 1, damp: answer.segDamp[first.segment]!, used: [{ from: index, to: index + n, sentence: first.sentence, negated: false, damp: 1 }] };
  }
  return { cov: 0, damp: 1, used: [] };
}

/** How strongly the answer makes a key point (0..1), with the occurrences that showed it. */
export function matchPoint(point: PreparedPoint, answer: AnalysedAnswer): PhraseMatch {
  const text = coverage(point.text, answer);
  let best: PhraseMatch = { strength: curve(text.cov, TUNING.text) * text.damp, used: text.used };
  for (const a of point.accepts) {
    const m = a.literal ? literalMatch(a, answer) : phraseCoverage(a, answer);
    let strength = curve(m.cov, TUNING.accept) * m.damp;
    if (a.onlyPrompt && !a.literal) strength = Math.min(strength, PROMPT_ONLY_ACCEPT_CAP);
    if (strength > best.strength) best = { strength, used: m.used };
  }
  return best;
}

/** The answer's own words that showed a point: the segments holding the matched words, cut to length. */
export function quoteEvidence(answer: AnalysedAnswer, used: readonly Occurrence[]): string {
  if (used.length === 0) return '';
  const toks = answer.tokens;
  const from = Math.min(...used.map((o) => o.from));
  const to = Math.max(...used.map((o) => o.to)) - 1;
  const segStart = answer.segments[toks[from]!.segment]!.start;
  const segEnd = answer.segments[toks[to]!.segment]!.end;
  let quote = answer.text.slice(segStart, segEnd);
  if (quote.length > MAX_EVIDENCE_CHARS) {
    quote = answer.text.slice(toks[from]!.start, toks[to]!.end);
    if (quote.length > MAX_EVIDENCE_CHARS) quote = `${quote.slice(0, MAX_EVIDENCE_CHARS - 1).trimEnd()}…`;
  }
  // eslint-disable-next-line no-control-regex
  return quote.replace(/[\x00-\x1f\x7f]+/g, ' ').replace(/\s+/g, ' ').trim();
}
