import type { GlossaryIndex } from './glossary.js';
import { LIST_ITEM_MAX_WORDS, stemWord, tokenize, VERB_CUES, type Token } from './normalise.js';
import { singularStem } from './plurals.js';
import type { TypoIndex } from './typos.js';

/**
 * Key-point matching. A key point (its text, and each `accept` phrase) becomes a list of units:
 * content words (by stem) or glossary concepts, each weighted by how informative it is. An answer
 * becomes postings: for every stem and concept, where it occurs, in which sentence, whether it is
 * negated, and whether it sits in prose or in a bare list of terms. A point's strength is the
 * weighted share of its units found, not under a negation, inside the best window of two
 * sentences, rising linearly to full strength at half of the weight (a full point rarely needs every word).
 */

/**
 * Matched words in a run without a verb or function word (a bare list of terms) count this much,
 * except towards a key point that is itself a list of terms (`isTermList`).
 */
export const BUZZWORD_DAMPING = 0.3;
/**
 * The matcher's tuning, measured on the labelled set and the Mohler benchmark (bench/grader.bench.ts).
 * spread: a point spread over the whole answer counts this much of what it would in one place.
 * text: coverage → strength for a point's own text: below `lo` nothing, from `hi` on everything.
 * accept: the same for `accept` phrases, which are short and exact, so nearly all must be there.
 * prompt: words a point shares with its question, the prompt's own first of all (`sharedKeys`). Found
 * in an answer they earn `evidence` of their weight in a point's text (restating the question shows
 * little), while the point still counts them at `size` of it; and a match, of a point's text or of an
 * accept phrase, that found nothing but such words keeps `evidence` of its strength.
 */
export const TUNING = Object.freeze({
  spread: 0.8,
  text: Object.freeze({ lo: 0, hi: 0.5 }),
  accept: Object.freeze({ lo: 0.5, hi: 0.9 }),
  prompt: Object.freeze({ evidence: 0.25, size: 0.5 }),
});
/** A word in more than this share of a question's key points (and in three or more) does not tell them apart. */
const SHARED_POINTS_SHARE = 0.5;
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
  /** A word the point shares with its question: it does not tell this point apart. */
  shared: boolean;
}

export interface Phrase {
  units: Unit[];
  /** The phrase's size: what finding all of it would earn, counting shared words at `TUNING.prompt.size`. */
  total: number;
  /**
   * Set for an accept phrase of several words but one content word ("retry-after", "why it was
   * possible"): it must appear word for word, or its one common word would match alone.
   */
  literal?: string;
  /**
   * A word-for-word phrase with words beyond its one unit: found, it tells the point apart even when
   * that unit is shared ("it was my mistake" for "describe a mistake"; not "service level indicator"
   * for "what is an SLI?").
   */
  wordy: boolean;
  /** A key point that is itself a list of terms ("push and pop"): a list in the answer makes it undamped. */
  termList: boolean;
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

/** A unit as read from a phrase, before the question decides which of its words are shared. */
interface ReadUnit {
  keys: string[];
  /** The stems of the words it covers (several for a glossary phrase). */
  stems: string[];
  soft?: string;
  negated: boolean;
  /** Informativeness (`Lexicon.weight`). */
  weight: number;
}

/** A phrase as read: its units, and for a word-for-word accept phrase `literal` and `wordy` (see `Phrase`). */
interface ReadPhrase {
  units: ReadUnit[];
  literal?: string;
  wordy: boolean;
  termList: boolean;
}

const COORDINATORS: ReadonlySet<string> = new Set(['and', 'or']);

/**
 * A key point that is a short list of terms joined by "and" / "or", with no other function word:
 * "push and pop", "private and public", "data members and member functions". A list of terms in
 * the answer is that point's own shape, so it is not damped as a buzzword list.
 */
function isTermList(tokens: readonly Token[], units: readonly ReadUnit[]): boolean {
  return units.length >= 2 && tokens.length <= LIST_ITEM_MAX_WORDS && tokens.some((t) => COORDINATORS.has(t.word)) && tokens.every((t) => !t.stop || COORDINATORS.has(t.word));
}

/** A point text or accept phrase read into units: content words by stem, glossary phrases as one concept. */
function readPhrase(text: string, lexicon: Lexicon, kind: 'point' | 'accept'): ReadPhrase {
  const tokens = tokenize(text);
  const { content, hits } = contentWithConcepts(tokens, lexicon);
  const units: ReadUnit[] = [];
  const seen = new Set<string>();
  let hi = 0;
  /** Tokens the units span (a glossary phrase spans its inner stop words: "time to live"). */
  let spanned = 0;
  for (let i = 0; i < content.length; i++) {
    const hit = hits.find((h) => h.from === i);
    if (hit && hit.to > i) {
      const stems = content.slice(hit.from, hit.to).map((t) => t.stem);
      const id = hit.keys.join(',');
      spanned += content[hit.to - 1]!.index + 1 - content[i]!.index;
      if (!seen.has(id)) {
        seen.add(id);
        const keys = stems.length === 1 ? [...hit.keys, stems[0]!] : hit.keys;
        units.push({ keys, stems, negated: content[i]!.negated, weight: Math.max(...hit.keys.map((k) => lexicon.weight(k))) });
      }
      i = hit.to - 1;
      hi = hit.to;
      continue;
    }
    if (i < hi) continue;
    const t = content[i]!;
    spanned++;
    if (seen.has(t.stem)) continue;
    seen.add(t.stem);
    const singular = singularStem(t.word);
    units.push({ keys: singular ? [t.stem, singular] : [t.stem], stems: [t.stem], soft: prefixKey(t.stem), negated: t.negated, weight: lexicon.weight(t.stem) });
  }
  const literal = kind === 'accept' && units.length === 1 && tokens.length > 1 ? tokens.map((t) => t.word).join(' ') : undefined;
  return { units, literal, wordy: literal !== undefined && tokens.length > spanned, termList: kind === 'point' && isTermList(tokens, units) };
}

const isShared = (u: ReadUnit, shared: ReadonlySet<string>) => u.stems.every((s) => shared.has(s)) || u.keys.some((k) => shared.has(k));

/**
 * Turns a read phrase into weighted units. In a point's text, shared words earn and count less
 * (`TUNING.prompt`); an accept phrase, short and exact, keeps full weights. Either way shared units
 * are marked, and a match that finds only them is held down (`matchPoint`).
 */
function weighPhrase(read: ReadPhrase, shared: ReadonlySet<string>, kind: 'point' | 'accept'): Phrase {
  let total = 0;
  const units = read.units.map((u): Unit => {
    const common = isShared(u, shared);
    const demote = common && kind === 'point';
    total += u.weight * (demote ? TUNING.prompt.size : 1);
    return { keys: u.keys, soft: u.soft, negated: u.negated, shared: common, weight: u.weight * (demote ? TUNING.prompt.evidence : 1) };
  });
  return { units, total, literal: read.literal, wordy: read.wordy, termList: read.termList };
}

/**
 * The words a question's key points share with it, which do not tell one point from another: the
 * prompt's words and glossary concepts, the words of those concepts' other spellings ("service",
 * "level", "indicator" when the prompt says "SLI"), and words found in more than `SHARED_POINTS_SHARE`
 * of the key points (texts and accept phrases), and in three or more ("kubectl" in three of five).
 */
function sharedKeys(prompt: string, points: readonly { text: ReadPhrase; accepts: ReadPhrase[] }[], lexicon: Lexicon): Set<string> {
  const shared = new Set<string>();
  const promptContent = tokenize(prompt).filter((t) => !t.stop);
  for (const t of promptContent) shared.add(t.stem);
  for (const h of lexicon.glossary.find(promptContent)) {
    for (const k of h.keys) {
      shared.add(k);
      for (const s of lexicon.glossary.stemsOf(k)) shared.add(s);
    }
  }
  const inPoints = new Map<string, number>();
  for (const p of points) {
    const keys = new Set<string>();
    for (const phrase of [p.text, ...p.accepts]) for (const u of phrase.units) for (const k of u.keys) keys.add(k);
    for (const k of keys) inPoints.set(k, (inPoints.get(k) ?? 0) + 1);
  }
  // Three at least: two points of two or three naming the same thing is what such an answer is about.
  const need = Math.max(3, Math.floor(points.length * SHARED_POINTS_SHARE) + 1);
  for (const [k, n] of inPoints) if (n >= need) shared.add(k);
  return shared;
}

/**
 * A question's key points made ready for matching, each unit marked when the point shares it with
 * the question (`sharedKeys`). Example: for "What is the difference between an SLI, an SLO and an
 * SLA?", the "indicator" of "An SLI is a quantitative indicator" is shared (SLI spelt out).
 */
export function prepareQuestion(prompt: string, points: readonly { point: string; accept: readonly string[] }[], lexicon: Lexicon): PreparedPoint[] {
  const read = points.map((k) => ({ text: readPhrase(k.point, lexicon, 'point'), accepts: k.accept.map((a) => readPhrase(a, lexicon, 'accept')) }));
  const shared = sharedKeys(prompt, read, lexicon);
  return read.map((r) => ({ text: weighPhrase(r.text, shared, 'point'), accepts: r.accepts.map((a) => weighPhrase(a, shared, 'accept')) }));
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
    const singular = singularStem(t.word);
    if (singular) post(singular, occ);
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

/**
 * What a phrase found in an answer: coverage (weighted share of units), damping, the occurrences
 * used, and whether any of them is a unit the point does not share with its question.
 */
interface Coverage {
  cov: number;
  damp: number;
  used: Occurrence[];
  distinct: boolean;
}

const nothing = (): Coverage => ({ cov: 0, damp: 1, used: [], distinct: false });

/** An occurrence's damping towards a phrase: none towards a key point that is itself a list of terms. */
const damping = (phrase: Phrase, occ: Occurrence): number => (phrase.termList ? 1 : occ.damp);

/** The weighted share of a phrase's units present (not negated) in the best two-sentence window. */
function coverage(phrase: Phrase, answer: AnalysedAnswer): Coverage {
  if (phrase.total <= 0) return nothing();
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
        const v = damping(phrase, occ) * credit;
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
  let distinct = false;
  perUnit.forEach((m, i) => {
    let pick: { v: number; occ: Occurrence } | undefined;
    if (useWindow) {
      const a = m.get(bestStart);
      const b = m.get(bestStart + 1);
      pick = a && b ? (a.v >= b.v ? a : b) : (a ?? b);
    } else {
      for (const x of m.values()) if (!pick || x.v > pick.v || (x.v === pick.v && x.occ.from < pick.occ.from)) pick = x;
    }
    if (!pick) return;
    used.push(pick.occ);
    if (!phrase.units[i]!.shared) distinct = true;
  });
  return { ...(useWindow ? window : spread), used, distinct };
}

const curve = (x: number, c: { lo: number; hi: number }) => Math.max(0, Math.min(1, (x - c.lo) / (c.hi - c.lo)));

/** An accept phrase's words must sit this close: at most this many tokens per word of the phrase. */
const ACCEPT_SPAN_PER_UNIT = 3;

/**
 * The weighted share of an accept phrase's units found close together (a phrase, not words
 * scattered over two sentences), with the occurrences that made the best span.
 */
function phraseCoverage(phrase: Phrase, answer: AnalysedAnswer): Coverage {
  if (phrase.total <= 0) return nothing();
  const hits: { unit: number; v: number; occ: Occurrence }[] = [];
  phrase.units.forEach((u, unit) => {
    for (const k of u.soft ? [...u.keys, u.soft] : u.keys) {
      const credit = k === u.soft ? PREFIX_CREDIT : 1;
      for (const occ of answer.postings.get(k) ?? []) {
        if (occ.negated && !u.negated) continue;
        hits.push({ unit, v: damping(phrase, occ) * credit, occ });
      }
    }
  });
  hits.sort((a, b) => a.occ.from - b.occ.from);
  const maxSpan = ACCEPT_SPAN_PER_UNIT * phrase.units.length;
  let best = { damped: 0, raw: 0, used: [] as Occurrence[], distinct: false };
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
    let distinct = false;
    phrase.units.forEach((u, k) => {
      damped += u.weight * v[k]!;
      if (v[k]! > 0) {
        raw += u.weight;
        if (!u.shared) distinct = true;
      }
    });
    if (damped > best.damped) best = { damped, raw, used: occ.filter((o): o is Occurrence => o !== undefined), distinct };
  }
  return { cov: best.raw / phrase.total, damp: best.raw ? best.damped / best.raw : 1, used: best.used, distinct: best.distinct };
}

/** A word-for-word phrase: found at a token not in a negated clause, in full; else nothing. */
function literalMatch(phrase: Phrase, answer: AnalysedAnswer): Coverage {
  const needle = ` ${phrase.literal} `;
  for (let at = answer.joined.indexOf(needle); at >= 0; at = answer.joined.indexOf(needle, at + 1)) {
    let index = 0;
    for (let i = 0; i < at; i++) if (answer.joined.charCodeAt(i) === 32) index++;
    // `index` spaces precede the match (the leading one and one after each earlier word): it starts at token `index`.
    const first = answer.tokens[index];
    if (!first || first.negated) continue;
    const n = phrase.literal!.split(' ').length;
    return { cov: 1, damp: answer.segDamp[first.segment]!, used: [{ from: index, to: index + n, sentence: first.sentence, negated: false, damp: 1 }], distinct: phrase.wordy || !phrase.units[0]!.shared };
  }
  return nothing();
}

/** A match's strength: coverage on its curve, damped, and held down when it found only shared words. */
const strengthOf = (m: Coverage, c: { lo: number; hi: number }) => curve(m.cov, c) * m.damp * (m.distinct ? 1 : TUNING.prompt.evidence);

/** How strongly the answer makes a key point (0..1), with the occurrences that showed it. */
export function matchPoint(point: PreparedPoint, answer: AnalysedAnswer): PhraseMatch {
  const text = coverage(point.text, answer);
  let best: PhraseMatch = { strength: strengthOf(text, TUNING.text), used: text.used };
  for (const a of point.accepts) {
    const m = a.literal ? literalMatch(a, answer) : phraseCoverage(a, answer);
    const strength = strengthOf(m, TUNING.accept);
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
