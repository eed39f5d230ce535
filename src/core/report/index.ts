export { summarise, mastery, trendOf, dayKey, isScored, joinFollowUps } from './summarise.js';
export { relevantSentences, splitSentences } from './sentences.js';
export * from './types.js';
