import { describe, expect, it } from 'vitest';
import { toAsks, toGroups, toQuestion } from '../../../src/core/bank/normalise.js';

const source = { file: 'b.yaml', line: 3, col: 5, index: 0 };

describe('normalising a valid file', () => {
  it('trims every text, spells the category one way and reads the time limit in seconds', () => {
    const q = toQuestion(
      {
        id: 'q',
        category: 'behavioral',
        prompt: ' Tell me about an outage. ',
        topics: ['incidents'],
        difficulty: 2,
        time_limit: ' 1m30s ',
        key_points: [' A point ', { point: 'Another\n', accept: [' one ', 'two'] }],
        model_answer: 'The answer.\n',
        hints: ['  a hint'],
        follow_ups: ['As written'],
      },
      undefined,
      source,
    );
    expect(q).toMatchObject({ category: 'behavioural', prompt: 'Tell me about an outage.', timeLimit: 90, modelAnswer: 'The answer.', hints: ['a hint'], followUps: ['As written'], references: [] });
    expect(q.keyPoints).toEqual([
      { point: 'A point', accept: [], weight: 1 },
      { point: 'Another', accept: ['one', 'two'], weight: 1 },
    ]);
  });

  it('takes the file’s category, then the category’s time limit, when the question sets neither', () => {
    const q = toQuestion({ id: 'q', prompt: 'Design a queue', topics: ['queues'], difficulty: 3, ungraded: true }, 'system-design', source);
    expect(q).toMatchObject({ category: 'system-design', timeLimit: 1200, keyPoints: [], modelAnswer: '', ungraded: true });
  });

  it('reads glossary groups written either way, and trims asks', () => {
    expect(toGroups({ glossary: [['SLO ', 'service level objective'], { terms: ['LB', ' load balancer'], note: 'x' }] })).toEqual([
      ['SLO', 'service level objective'],
      ['LB', 'load balancer'],
    ]);
    expect(toAsks([{ id: 'a', ask: ' What is on-call like? ', why: 'Load.\n' }])).toEqual([{ id: 'a', ask: 'What is on-call like?', why: 'Load.' }]);
  });
});
