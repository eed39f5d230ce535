import { tokenize, type Token } from './normalise.js';

/**
 * Acronyms, expansions and synonyms: each glossary group is one concept ("SLO", "service level
 * objective"). Phrases are matched on the stems of their content words, so "load balancing" and
 * "load balancer" meet, and "time to live" ignores its "to".
 */

export interface ConceptHit {
  /** Indexes into the content-token list the phrase covers: [from, to). */
  from: number;
  to: number;
  /** Concept keys ("#3") of every group whose term matched here. */
  keys: string[];
}

interface Term {
  stems: readonly string[];
  group: number;
}

export interface GlossaryIndex {
  /** Every concept key with the terms that spell it. */
  readonly groups: readonly (readonly string[])[];
  /** Concept phrases found in a run of content tokens, longest first at each position. */
  find(content: readonly Token[]): ConceptHit[];
  /** The key of group `i`. */
  key(i: number): string;
  /** The stems of every term of a concept ("#3" → sli, servic, level, indic). */
  stemsOf(key: string): readonly string[];
}

export const conceptKey = (group: number): string => `#${group}`;

/** The stems of each term's content words, group by group: what the phrase index is made of. */
export function glossaryStems(groups: readonly (readonly string[])[]): string[][][] {
  return groups.map((terms) =>
    terms.map((term) =>
      tokenize(term)
        .filter((t) => !t.stop)
        .map((t) => t.stem),
    ),
  );
}

/**
 * Builds the phrase index once from glossary groups (each a list of equivalent terms), from their
 * `glossaryStems` when these are at hand (the build computes them for the built-in glossary).
 */
export function buildGlossary(groups: readonly (readonly string[])[], termStems: readonly (readonly (readonly string[])[])[] = glossaryStems(groups)): GlossaryIndex {
  const byFirst = new Map<string, Term[]>();
  const seen = new Set<string>();
  const stemsOf = new Map<string, Set<string>>();
  termStems.forEach((terms, group) => {
    const all = new Set<string>();
    stemsOf.set(conceptKey(group), all);
    for (const stems of terms) {
      for (const s of stems) all.add(s);
      if (stems.length === 0) continue;
      const id = `${group}:${stems.join(' ')}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const list = byFirst.get(stems[0]!) ?? [];
      list.push({ stems, group });
      byFirst.set(stems[0]!, list);
    }
  });
  for (const list of byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);

  return {
    groups,
    key: conceptKey,
    stemsOf: (key) => [...(stemsOf.get(key) ?? [])],
    find(content) {
      const hits: ConceptHit[] = [];
      for (let i = 0; i < content.length; i++) {
        const candidates = byFirst.get(content[i]!.stem);
        if (!candidates) continue;
        let best = 0;
        const keys = new Set<string>();
        for (const term of candidates) {
          const n = term.stems.length;
          if (n < best) break;
          if (i + n > content.length) continue;
          let ok = true;
          for (let k = 1; k < n && ok; k++) {
            const t = content[i + k]!;
            ok = t.stem === term.stems[k] && t.sentence === content[i]!.sentence;
          }
          if (!ok) continue;
          best = n;
          keys.add(conceptKey(term.group));
        }
        if (best) hits.push({ from: i, to: i + best, keys: [...keys] });
      }
      return hits;
    },
  };
}
