import Fuse from 'fuse.js';

/**
 * Typo repair for hurried answers ("kubernets", "latncy", "rollbak"): an unknown answer word is
 * mapped to the known bank word it most likely misspells.
 *
 * Searching the whole vocabulary with fuse.js for every unknown word costs ~0.2 ms a word, far
 * over the grading budget, so a deletion index (every known word with one letter dropped) picks
 * the few candidates within about one edit first, and fuse.js scores only those. Short words are
 * never repaired: with four letters or fewer one edit turns most words into other real words.
 */

/** Words shorter than this are matched exactly. */
export const MIN_TYPO_LENGTH = 5;
/** Longer "words" (pasted hashes, runs of one letter) are never repaired. */
const MAX_TYPO_LENGTH = 24;
/** Fuse.js score (0 exact … 1 anything) a candidate must beat. */
const FUSE_THRESHOLD = 0.3;
const CACHE_MAX = 20_000;

export interface TypoIndex {
  /** The known word `word` misspells, or undefined when it is known, short, or nothing is close. */
  correct(word: string): string | undefined;
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * The index over the known words (lower-case). The deletion index is built at the first word that
 * needs a look-up: most answers hold none (their words' stems are known), and building it for the
 * built-in banks was about 6% of a one-question drill.
 */
export function buildTypoIndex(known: Iterable<string>): TypoIndex {
  const words = new Set<string>(known);
  let deletionIndex: Map<string, string[]> | undefined;
  const byDeletionIndex = (): Map<string, string[]> => {
    if (deletionIndex) return deletionIndex;
    const index = new Map<string, string[]>();
    const add = (key: string, word: string) => {
      const list = index.get(key);
      if (!list) index.set(key, [word]);
      else if (!list.includes(word)) list.push(word);
    };
    for (const w of words) {
      if (w.length < MIN_TYPO_LENGTH || !/^[a-z]+$/.test(w)) continue;
      add(w, w);
      for (const d of deletions(w)) add(d, w);
    }
    return (deletionIndex = index);
  };
  const cache = new Map<string, string | undefined>();

  const lookup = (word: string): string | undefined => {
    // Candidates: a known word with one letter more (omission), one less (insertion), or the
    // same length differing in one place (substitution, and transposition from seven letters).
    const byDeletion = byDeletionIndex();
    const candidates = new Set<string>(byDeletion.get(word) ?? []);
    for (const d of deletions(word)) {
      if (words.has(d) && d.length >= MIN_TYPO_LENGTH) candidates.add(d);
      for (const c of byDeletion.get(d) ?? []) {
        if (c.length !== word.length) continue;
        if (word.length < 7 && !oneSubstitution(word, c)) continue;
        candidates.add(c);
      }
    }
    if (candidates.size === 0) return undefined;
    const fuse = new Fuse([...candidates], { includeScore: true, threshold: FUSE_THRESHOLD, ignoreLocation: true, isCaseSensitive: true });
    const best = fuse.search(word)[0];
    return best && (best.score ?? 1) <= FUSE_THRESHOLD ? best.item : undefined;
  };

  return {
    correct(word) {
      if (word.length < MIN_TYPO_LENGTH || word.length > MAX_TYPO_LENGTH || words.has(word) || !/^[a-z]+$/.test(word)) return undefined;
      if (cache.has(word)) return cache.get(word);
      const hit = lookup(word);
      if (cache.size >= CACHE_MAX) cache.clear();
      cache.set(word, hit);
      return hit;
    },
  };
}

function oneSubstitution(a: string, b: string): boolean {
  let diff = 0;
  for (let i = 0; i < a.length && diff < 2; i++) if (a[i] !== b[i]) diff++;
  return diff === 1;
}
