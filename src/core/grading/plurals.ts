import { IRREGULAR_PLURALS } from './plurals-data.js';

/**
 * Irregular plurals the Porter stemmer keeps apart from their singular ("leaves" / "leaf",
 * "children" / "child", "indices" / "index", "halves" / "half"). Such a word also makes a unit
 * of its singular's stem, beside its own (so "leaves" still meets "leave"). Read on first use:
 * plural → the stem of its singular.
 */
let singularStems: Map<string, string> | undefined;

/** The stem of `word`'s singular when `word` is an irregular plural the stemmer misses, else undefined. */
export function singularStem(word: string): string | undefined {
  if (!singularStems) {
    singularStems = new Map();
    for (const pair of IRREGULAR_PLURALS.split(',')) {
      const space = pair.indexOf(' ');
      singularStems.set(pair.slice(0, space), pair.slice(space + 1));
    }
  }
  return singularStems.get(word);
}
