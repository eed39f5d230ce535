// Start-up and bank validation: `sre-drill --version` against `node -e 0`, and `banks validate`
// over 10,000 generated questions (time and peak memory).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { atMost, BIN, info, nodeFloor, runNode, timeNode, vsFloor, withTempDir, writeFile, type BenchModule, type Figure } from './lib.js';

/** A bank file of `n` questions shaped like real ones (4 key points, a model answer, hints). */
export function generatedBank(prefix: string, n: number): string {
  const lines = ['# yaml-language-server: $schema=./schema.json', 'category: definitions', 'questions:'];
  for (let i = 0; i < n; i++) {
    lines.push(
      `  - id: ${prefix}-q${i}`,
      `    prompt: What does component ${i} of subsystem ${prefix} do when the upstream dependency slows down?`,
      `    topics: [topic-${i % 50}, area-${i % 7}]`,
      `    difficulty: ${(i % 3) + 1}`,
      '    time_limit: 2m',
      '    key_points:',
      `      - point: It sheds load with a queue limit of ${i} requests`,
      '        accept: [load shedding, drops excess work]',
      '        weight: 2',
      `      - It retries with exponential backoff and jitter, capped at ${i % 10} attempts`,
      '      - It opens a circuit breaker after repeated failures',
      '      - It reports saturation through a metric and an alert',
      '    model_answer: |',
      `      Component ${i} sheds load once its queue holds ${i} requests, retries with exponential backoff`,
      `      and jitter up to ${i % 10} times, opens a circuit breaker after repeated failures, and reports`,
      '      saturation through a metric with an alert on it.',
      '    hints: [Think about what protects the dependency]',
      '    follow_ups: [How would you test it?]',
    );
  }
  return `${lines.join('\n')}\n`;
}

const bench: BenchModule = {
  title: 'start-up',
  async run(): Promise<Figure[]> {
    const version = timeNode([BIN, '--version'], 21);
    // Issue 2 asked for ≤ 1.5× the floor, issue 8 for ≤ 1.3×: the stricter one is the target.
    const figures: Figure[] = [vsFloor('sre-drill --version', version.ms, 1.3), info('sre-drill --version peak RSS', version.rssMb, 'MB')];
    await withTempDir((dir) => {
      const banks = join(dir, 'banks');
      mkdirSync(banks);
      for (let f = 0; f < 10; f++) writeFile(join(banks, `bank-${f}.yaml`), generatedBank(`b${f}`, 1000));
      // Eleven runs: on a shared machine the median of five moved by a tenth from run to run.
      const validate = timeNode([BIN, 'banks', 'validate', banks], 11);
      if (validate.last.status !== 0) throw new Error(`validate failed: ${validate.last.stderr}`);
      // Issue 2 asks for the time as a ratio to the floor too; its target is in milliseconds.
      const floor = nodeFloor();
      figures.push({ ...atMost('banks validate, 10,000 questions', validate.ms, 'ms', 500), floor, ratio: validate.ms / floor }, atMost('banks validate, 10,000 questions: peak RSS', validate.rssMb, 'MB', 150));
      // A whole phone-screen mock in plain mode, every question answered: the memory a session needs.
      const answers = 'I would check the error rate and latency dashboards, then roll back the last deploy.\n.\n'.repeat(40);
      const mock = runNode([BIN, 'mock', '--plain', '--seed', '3'], { input: answers, env: { ...process.env, NO_COLOR: '1', SRE_DRILL_HOME: join(dir, 'data'), SRE_DRILL_CONFIG_DIR: join(dir, 'config') } });
      if (mock.status !== 0) throw new Error(`mock failed: ${mock.stderr}`);
      figures.push(atMost('mock interview (phone, plain): peak RSS', mock.rssMb, 'MB', 120));
    });
    return figures;
  },
};
export default bench;
