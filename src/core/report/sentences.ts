import { splitSentences as splitProse } from '../sentences.js';
import type { KeyPoint } from '../bank/schema.js';

// Words that say nothing about which sentence makes a point.
const STOP = new Set(
  'a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those there their they them we our you your he she his her which who whom what when where why how than then so such not no can could should would will may might must do does did done has have had into over under about more most less least very also just only each every any all some one two per via'.split(
    ' ',
  ),
);

/** Lower-case content words cut to a crude stem, so "releases" meets "release" and "freezing" meets "freeze". */
export function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().split(/[^a-z0-9%]+/)) {
    if (word.length < 2 || STOP.has(word)) continue;
    out.add(word.length > 5 ? word.slice(0, 5) : word.replace(/s$/, ''));
  }
  return out;
}

/** Splits prose into sentences (the core's one rule), folding the line breaks of YAML block text. */
export function splitSentences(text: string): string[] {
  return splitProse(text.replace(/\s+/g, ' ').trim());
}

/**
 * The one or two sentences of a model answer that best make a key point: most shared content
 * words with the point and its accepted phrasings. A second sentence is kept only when it is
 * nearly as close (≥ 75 % of the best), so the report quotes what matters and no more.
 * Example: `relevantSentences(['SLOs are targets.', 'SLAs are contracts.'], {point: 'An SLA is a contract', accept: [], weight: 1})` → `['SLAs are contracts.']`.
 */
export function relevantSentences(sentences: readonly string[], keyPoint: KeyPoint, sentenceStems?: readonly Set<string>[]): string[] {
  const wanted = stems([keyPoint.point, ...keyPoint.accept].join(' '));
  if (wanted.size === 0) return [];
  const scored = sentences.map((s, i) => {
    const have = sentenceStems?.[i] ?? stems(s);
    let hits = 0;
    for (const w of wanted) if (have.has(w)) hits++;
    return { i, hits };
  });
  const ranked = scored.filter((s) => s.hits > 0).sort((a, b) => b.hits - a.hits || a.i - b.i);
  if (ranked.length === 0) return [];
  const best = ranked[0]!;
  const keep = [best];
  const second = ranked[1];
  if (second && second.hits >= best.hits * 0.75 && best.hits >= 2) keep.push(second);
  return keep.sort((a, b) => a.i - b.i).map((s) => sentences[s.i]!);
}
