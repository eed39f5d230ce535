import { describe, expect, it } from 'vitest';
import { stemWord, tokenize } from '../../../src/core/grading/normalise.js';

describe('normalise', () => {
  it('gives scale, scaling and scaled one stem', () => {
    expect(new Set(['scale', 'scaling', 'scaled', 'scales'].map(stemWord)).size).toBe(1);
  });

  it('gives British and American spellings one stem', () => {
    expect(stemWord('utilisation')).toBe(stemWord('utilization'));
    expect(stemWord('behaviour')).toBe(stemWord('behavior'));
    expect(stemWord('optimised')).toBe(stemWord('optimized'));
  });

  it('lower-cases words and drops punctuation, keeping offsets into the text', () => {
    const text = 'Roll BACK, now!';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.word)).toEqual(['roll', 'back', 'now']);
    expect(text.slice(tokens[1]!.start, tokens[1]!.end)).toBe('BACK');
  });

  it('marks stop words', () => {
    expect(tokenize('the idempotent request').map((t) => t.stop)).toEqual([true, false, false]);
  });

  it('splits sentences at full stops but not inside numbers', () => {
    const tokens = tokenize('Target 99.9 percent. Then alert.');
    expect(tokens.map((t) => t.word)).toEqual(['target', '99.9', 'percent', 'then', 'alert']);
    expect(tokens.map((t) => t.sentence)).toEqual([0, 0, 0, 1, 1]);
  });

  it('does not end a sentence at "e.g.", "i.e.", "etc." or "vs."', () => {
    const sentences = (text: string) => new Set(tokenize(text).map((t) => t.sentence)).size;
    expect(sentences('Pick an SLI, e.g. the success ratio, i.e. good over total requests.')).toBe(1);
    expect(sentences('Logs, metrics etc. are kept for 30 days.')).toBe(1);
    expect(sentences('Push vs. pull is a trade-off, cf. the Prometheus docs.')).toBe(1);
    expect(sentences('See incident no. 42 for the details.')).toBe(1);
    // "etc." before a capital, and a full stop after an ordinary word, still end the sentence.
    expect(sentences('We keep logs, metrics etc. Then we alert.')).toBe(2);
    expect(sentences('Roll back. Then look.')).toBe(2);
    expect(sentences('Latency was 300 ms. Then it fell.')).toBe(2);
  });

  it('reads decimals and digit groups as one word ("0.5", ".5", "10,000")', () => {
    const t = tokenize('Timeouts of .5 s and 0.25 s at 10,000 requests per second.');
    expect(t.map((x) => x.word)).toEqual(['timeouts', 'of', '.5', 's', 'and', '0.25', 's', 'at', '10,000', 'requests', 'per', 'second']);
    expect(new Set(t.map((x) => x.sentence)).size).toBe(1);
    expect(new Set(t.map((x) => x.segment)).size).toBe(1);
  });

  it('reads a line break after a long line as a wrapped line: a new segment, not a new item, clause or sentence', () => {
    const t = tokenize('We would not roll back the broken deploy\nof the checkout service');
    const checkout = t.find((x) => x.word === 'checkout')!;
    expect(checkout.segment).toBe(1);
    expect(checkout.item).toBe(0);
    expect(checkout.sentence).toBe(0);
    expect(checkout.negated).toBe(true);
  });

  it('reads a short line as an item of its own (terms one to a line)', () => {
    const t = tokenize('manual work\nno enduring value\ncap at fifty percent');
    expect(t.map((x) => x.item)).toEqual([0, 0, 1, 1, 1, 2, 2, 2, 2]);
    expect(new Set(t.map((x) => x.sentence))).toEqual(new Set([0]));
    expect(t.find((x) => x.word === 'cap')!.negated).toBe(false);
  });

  it('puts a word after "not" in the scope of the negation', () => {
    const t = tokenize('I would not roll back');
    expect(t.find((x) => x.word === 'roll')!.negated).toBe(true);
  });

  it('negates the whole clause of "is not" ("restarting is not the fix")', () => {
    const t = tokenize('restarting is not the fix');
    expect(t.find((x) => x.word === 'restarting')!.negated).toBe(true);
  });

  it('ends negation scope at a connective such as "but"', () => {
    const t = tokenize('I would not restart it but roll back');
    expect(t.find((x) => x.word === 'restart')!.negated).toBe(true);
    expect(t.find((x) => x.word === 'roll')!.negated).toBe(false);
  });

  it('ends negation scope at a relative clause ("the borrower that never returns it")', () => {
    const t = tokenize('leak detection finds the borrower that never returns it');
    expect(t.find((x) => x.word === 'leak')!.negated).toBe(false);
    expect(t.find((x) => x.word === 'returns')!.negated).toBe(true);
  });

  it('does not treat "not only" or "whether or not" as negation', () => {
    expect(tokenize('not only retries but backoff').find((x) => x.word === 'retries')!.negated).toBe(false);
    expect(tokenize('check whether or not the pod restarts').find((x) => x.word === 'restarts')!.negated).toBe(false);
  });

  it('negates forward from "without" and "instead of"', () => {
    const t = tokenize('we deploy without a canary');
    expect(t.find((x) => x.word === 'deploy')!.negated).toBe(false);
    expect(t.find((x) => x.word === 'canary')!.negated).toBe(true);
    expect(tokenize('instead of rolling back we scale').find((x) => x.word === 'rolling')!.negated).toBe(true);
  });

  it('negates forward from every form of "avoid" ("it avoids making copies")', () => {
    for (const verb of ['avoid', 'avoids', 'avoided', 'avoiding']) {
      const t = tokenize(`it ${verb} making copies`);
      expect(t.find((x) => x.word === 'copies')!.negated, verb).toBe(true);
    }
  });
});
