import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createGrader } from '../../../src/core/grading/index.js';
import { stemWord } from '../../../src/core/grading/normalise.js';
import { singularStem } from '../../../src/core/grading/plurals.js';
import { pluralsFile, pluralsText } from '../../../src/storage/write-plurals.js';
import { ALL, question } from './fixtures.js';

describe('irregular plurals', () => {
  it('src/core/grading/plurals-data.ts is what english-plurals-list generates (run `npm run plurals` when this fails)', () => {
    expect(readFileSync(pluralsFile(), 'utf8')).toBe(pluralsText());
  });

  it('gives the singular stem of a plural the stemmer misses, and nothing for other words', () => {
    expect(singularStem('leaves')).toBe(stemWord('leaf'));
    expect(singularStem('children')).toBe(stemWord('child'));
    expect(singularStem('indices')).toBe(stemWord('index'));
    expect(singularStem('nodes')).toBeUndefined();
    expect(singularStem('leaf')).toBeUndefined();
  });

  it('lets a plural make a point in the singular, and the other way round, keeping its own stem', () => {
    const q = question('tree-leaf', 'What is a leaf of a tree?', ['A node without children']);
    const q2 = question('tree-leaves', 'Which nodes does a traversal visit last?', ['The leaves of the tree']);
    const g = createGrader({ questions: [q, q2, ...ALL], glossary: [] });
    expect(g.grade(q2, 'Each leaf is visited last.').points[0]!.matched).toBe(true);
    expect(g.grade(q2, 'Threads that leave early are visited last.').points[0]!.strength).toBeGreaterThan(0);
    const strength = (answer: string) => g.grade(q, answer).points[0]!.strength;
    expect(strength('A node that has no child below it.')).toBeGreaterThan(strength('A node that has no parent below it.'));
  });
});
