// `npm run bench [-- --json] [-- --only NAME]`: runs every bench/*.bench.ts and prints one table of
// figures, targets and ratios to floors measured in this same run. It never fails on a missed target.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchModule, Figure } from './lib.js';
import { ROOT } from './lib.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

const files = readdirSync(join(ROOT, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.includes(only))
  .sort();

const results: { title: string; figures: Figure[]; error?: string }[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(join(ROOT, 'bench', f)).href)) as { default: BenchModule };
  if (!json) process.stderr.write(`running ${f} ...\n`);
  try {
    results.push({ title: mod.default.title, figures: await mod.default.run() });
  } catch (err) {
    results.push({ title: mod.default.title, figures: [], error: (err as Error).stack ?? String(err) });
  }
}

const fmt = (n: number | undefined, unit = '') => (n === undefined || Number.isNaN(n) ? '' : `${Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toFixed(3)}${unit ? ` ${unit}` : ''}`);
if (json) {
  process.stdout.write(`${JSON.stringify({ node: process.version, date: new Date().toISOString(), results }, null, 2)}\n`);
} else {
  const rows = [['benchmark', 'figure', 'value', 'floor', 'ratio', 'target', 'met']];
  for (const r of results) {
    if (r.error) rows.push([r.title, 'ERROR', r.error.split('\n')[0]!, '', '', '', '✗']);
    for (const f of r.figures) {
      rows.push([r.title, f.name + (f.note ? ` (${f.note})` : ''), fmt(f.value, f.unit), fmt(f.floor, f.floor !== undefined ? 'ms' : ''), f.ratio !== undefined ? `${f.ratio.toFixed(2)}×` : '', f.target ?? '', f.met === undefined ? '' : f.met ? '✓' : '✗']);
    }
  }
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const [n, r] of rows.entries()) {
    console.log(r.map((c, i) => c.padEnd(w[i]!)).join('  ').trimEnd());
    if (n === 0) console.log(w.map((x) => '-'.repeat(x)).join('  '));
  }
}
