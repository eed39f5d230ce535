import Fuse from 'fuse.js';

/**
 * The candidates closest to what the user typed, best first: the 'did you mean' of every
 * 'not found'. Example: `suggest('keypoints', ['key_points', 'prompt'])` → `['key_points']`.
 */
export function suggest(input: string, candidates: readonly string[], limit = 3): string[] {
  if (candidates.length === 0 || input.length === 0) return [];
  const fuse = new Fuse(candidates as string[], {
    includeScore: true,
    threshold: 0.45,
    ignoreLocation: true,
  });
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of fuse.search(input)) {
    if (!seen.has(r.item)) {
      seen.add(r.item);
      out.push(r.item);
    }
    if (out.length >= limit) break;
  }
  return out;
}

/** ` (did you mean `a`, `b`?)` or the empty string. */
export function didYouMean(input: string, candidates: readonly string[], limit = 3): string {
  const s = suggest(input, candidates, limit);
  return s.length ? ` (did you mean ${s.map((x) => `\`${x}\``).join(', ')}?)` : '';
}
