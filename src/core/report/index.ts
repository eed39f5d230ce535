export { summarise, mastery, trendOf, dayKey, isScored } from './summarise.js';
export { joinFollowUps, latestScored } from './scored.js';
export { relevantSentences, splitSentences } from './sentences.js';
export * from './types.js';
