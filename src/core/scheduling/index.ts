/** Spaced repetition: FSRS cards, rating suggestion, topic weakness and the review queue. */
export * from './fsrs.js';
export * from './queue.js';
export * from './rating.js';
export * from './topics.js';
