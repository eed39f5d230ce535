import { compareSlugs } from '../bank/schema.js';
import type { PointResult } from '../grading/types.js';
import type { CardState } from './fsrs.js';
import { retrievability } from './fsrs.js';

/**
 * The topic rule. Each topic carries a weakness in 0..1 (0 = untouched or always answered in
 * full). Every attempt moves the weakness of each of the question's topics towards the share of
 * key-point weight the answer missed (a skipped answer missed everything):
 *
 *     weakness ← weakness × (1 − TOPIC_ALPHA) + missed × TOPIC_ALPHA
 *
 * so one miss raises it at once and a run of good answers brings it back down. The review queue
 * brings a scheduled card forward by up to TOPIC_PULL of its interval in proportion to the weakest
 * topic it shares, and orders new cards by that same weakness, so questions sharing a weak topic
 * come up sooner than untouched ones.
 */

/** How far one attempt moves a topic's weakness: half way, so the last two answers dominate. */
export const TOPIC_ALPHA = 0.5;
/** At weakness 1 a scheduled card comes up after half of its interval. */
export const TOPIC_PULL = 0.5;

export interface TopicStat {
  topic: string;
  /** 0..1: see the topic rule above. */
  weakness: number;
  attempts: number;
  /** Key points missed over all attempts. */
  missedPoints: number;
  lastSeen: Date;
}

/** The share of key-point weight an answer missed, 0..1 (1 when skipped; 0 when there were no points). */
export function missedShare(points: readonly PointResult[], skipped: boolean): number {
  if (skipped) return 1;
  const total = points.reduce((s, p) => s + p.weight, 0);
  if (total <= 0) return 0;
  return points.reduce((s, p) => s + (p.matched ? 0 : p.weight), 0) / total;
}

/** A topic's stat after one more attempt. Pure. */
export function updateTopic(stat: TopicStat | undefined, topic: string, points: readonly PointResult[], skipped: boolean, at: Date): TopicStat {
  const missed = missedShare(points, skipped);
  const prev = stat?.weakness ?? 0;
  return {
    topic,
    weakness: prev * (1 - TOPIC_ALPHA) + missed * TOPIC_ALPHA,
    attempts: (stat?.attempts ?? 0) + 1,
    missedPoints: (stat?.missedPoints ?? 0) + (skipped ? points.length : points.filter((p) => !p.matched).length),
    lastSeen: stat && stat.lastSeen > at ? stat.lastSeen : at,
  };
}

/** The weakest of a question's topics, 0 when none of them has a stat. */
export function questionWeakness(topics: readonly string[], weakness: ReadonlyMap<string, number>): number {
  let w = 0;
  for (const t of topics) w = Math.max(w, weakness.get(t) ?? 0);
  return w;
}

export interface TopicMastery {
  topic: string;
  /** 0..1: how well the topic is held now. */
  mastery: number;
  weakness: number;
  /** Mean recall probability of the topic's reviewed cards, or null when none was reviewed. */
  recall: number | null;
  attempts: number;
  cards: number;
}

/**
 * Topic mastery: the mean of (1 − weakness) from recent scores and the mean recall probability
 * of the topic's cards now; a topic with no reviewed card is judged by its scores alone, and a
 * topic never attempted has mastery 0. Sorted weakest first.
 */
export function topicMastery(
  stats: readonly TopicStat[],
  cards: readonly { topics: readonly string[]; card: CardState }[],
  now: Date,
): TopicMastery[] {
  const recall = new Map<string, number[]>();
  for (const c of cards) {
    if (c.card.state === 'new') continue;
    const r = retrievability(c.card, now);
    for (const t of c.topics) {
      const list = recall.get(t) ?? [];
      list.push(r);
      recall.set(t, list);
    }
  }
  const out = stats.map((s): TopicMastery => {
    const rs = recall.get(s.topic);
    const mean = rs?.length ? rs.reduce((a, b) => a + b, 0) / rs.length : null;
    const fromScores = 1 - s.weakness;
    return {
      topic: s.topic,
      mastery: mean === null ? fromScores : (fromScores + mean) / 2,
      weakness: s.weakness,
      recall: mean,
      attempts: s.attempts,
      cards: rs?.length ?? 0,
    };
  });
  return out.sort((a, b) => a.mastery - b.mastery || compareSlugs(a.topic, b.topic));
}
