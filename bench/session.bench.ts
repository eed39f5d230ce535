// A one-question drill in plain mode with the built-in banks, as a ratio to `node -e 0`: from
// process start to the first question on screen, to the feedback printed, and to exit.
import { spawn } from 'node:child_process';
import { BIN, median, nodeFloor, vsFloor, withTempDir, type BenchModule, type Figure } from './lib.js';

const ANSWER = 'An SLO is a target for an SLI over a window.\n.\n';

interface Marks {
  question: number;
  feedback: number;
  exit: number;
}

/** One run, timed from spawn to the first question, the feedback and the exit. */
function once(dataDir: string): Promise<Marks> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
    const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'drill', '--count', '1', '--seed', '7'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', LANG: 'C.UTF-8' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const marks: Partial<Marks> = {};
    child.stdout.on('data', (d: Buffer) => {
      out += String(d);
      if (marks.question === undefined && out.includes('Answer below')) {
        marks.question = ms();
        child.stdin.end(ANSWER);
      }
      if (marks.feedback === undefined && out.includes('Model answer')) marks.feedback = ms();
    });
    child.stderr.on('data', (d: Buffer) => (err += String(d)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 || marks.question === undefined || marks.feedback === undefined) reject(new Error(`drill failed (exit ${code}): ${err || out}`));
      else resolve({ question: marks.question, feedback: marks.feedback, exit: ms() });
    });
  });
}

const bench: BenchModule = {
  title: 'session',
  async run(): Promise<Figure[]> {
    const floor = nodeFloor();
    return withTempDir(async (dir) => {
      await once(dir); // warm-up: creates the database
      const runs: Marks[] = [];
      for (let i = 0; i < 11; i++) runs.push(await once(dir));
      return [
        vsFloor('plain drill: start to first question', median(runs.map((r) => r.question)), 3, floor),
        // Issue 5: from process start to the feedback printed within 3× `node -e 0`.
        vsFloor('plain drill: start to feedback printed', median(runs.map((r) => r.feedback)), 3, floor),
        // Issue 8: a one-question plain-mode drill end to end within 2× the floor.
        vsFloor('plain drill: start to exit (summary, store closed)', median(runs.map((r) => r.exit)), 2, floor),
      ];
    });
  },
};
export default bench;
