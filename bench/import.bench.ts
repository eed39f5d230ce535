// import-bank over a generated 3,000-question Markdown collection (details, headings and Q/A files).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { atMost, BIN, info, runNode, withTempDir, writeFile, type BenchModule, type Figure } from './lib.js';

function collection(dir: string, total: number): void {
  const perFile = 100;
  for (let f = 0; f < total / perFile; f++) {
    const topic = join(dir, `topic-${f % 6}`);
    mkdirSync(topic, { recursive: true });
    const lines: string[] = [`# Topic ${f}`];
    for (let i = 0; i < perFile; i++) {
      const n = f * perFile + i;
      const answer = `Component ${n} retries with exponential backoff and jitter. It sheds load when its queue holds ${n} items; alerts fire on saturation.`;
      if (f % 3 === 0) lines.push(`<details>\n<summary>What does component ${n} do under load?</summary><br><b>\n${answer}\n</b></details>\n`);
      else if (f % 3 === 1) lines.push(`## What does component ${n} do under load?\n\n${answer}\n`);
      else lines.push(`Q: What does component ${n} do under load?\nA: ${answer}\n`);
    }
    writeFile(join(topic, `part-${f}.md`), lines.join('\n'));
  }
}

const bench: BenchModule = {
  title: 'import-bank',
  async run(): Promise<Figure[]> {
    return withTempDir((dir) => {
      const src = join(dir, 'src');
      collection(src, 3000);
      const r = runNode([BIN, 'import-bank', src, '--out', join(dir, 'out')]);
      if (r.status !== 0) throw new Error(`import-bank failed: ${r.stderr}`);
      if (!/imported 3000 questions/.test(r.stdout)) throw new Error(`unexpected summary: ${r.stdout}`);
      return [atMost('import 3,000 questions (30 files), end to end', r.ms, 'ms', 5000), info('import 3,000 questions: peak RSS', r.rssMb, 'MB')];
    });
  },
};
export default bench;
