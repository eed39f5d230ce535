import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One measured figure. `ratio` is value / floor when a floor was measured in the same run. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** What we aim for, as text: '≤ 1.5× floor', '≥ 0.60'. */
  target?: string;
  floor?: number;
  ratio?: number;
  /** Whether the target was met (undefined when there is none). */
  met?: boolean;
  note?: string;
}

export interface BenchModule {
  title: string;
  run(): Promise<Figure[]>;
}

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'sre-drill');
const RSS_HOOK = join(ROOT, 'bench', 'rss-hook.mjs');

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

export interface RunResult {
  ms: number;
  rssMb: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node args` once; wall time and peak RSS (reported by a preloaded hook). */
export function runNode(args: string[], opts: SpawnSyncOptions = {}): RunResult {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', RSS_HOOK, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const stderr = String(r.stderr ?? '');
  const m = /__RSS_KB=(\d+)/.exec(stderr);
  return { ms, rssMb: m ? Number(m[1]) / 1024 : NaN, status: r.status, stdout: String(r.stdout ?? ''), stderr: stderr.replace(/__RSS_KB=\d+\n?/, '') };
}

/** Median wall time of `n` runs (after one warm-up) and the largest peak RSS seen. */
export function timeNode(args: string[], n = 15, opts: SpawnSyncOptions = {}): { ms: number; rssMb: number; last: RunResult } {
  runNode(args, opts);
  const runs = Array.from({ length: n }, () => runNode(args, opts));
  return { ms: median(runs.map((r) => r.ms)), rssMb: Math.max(...runs.map((r) => r.rssMb)), last: runs[runs.length - 1]! };
}

let floorMs: number | undefined;
/** `node -e 0`, measured once per run: the floor start-up figures are divided by. */
export function nodeFloor(): number {
  floorMs ??= timeNode(['-e', '0'], 21).ms;
  return floorMs;
}

/** A figure that is a ratio to the floor: `value` in ms, `ratio` = value / floor. */
export function vsFloor(name: string, ms: number, maxRatio: number, floor = nodeFloor()): Figure {
  const ratio = ms / floor;
  return { name, value: ms, unit: 'ms', floor, ratio, target: `≤ ${maxRatio}× floor`, met: ratio <= maxRatio };
}

export function atMost(name: string, value: number, unit: string, max: number, note?: string): Figure {
  return { name, value, unit, target: `≤ ${max} ${unit}`, met: value <= max, note };
}

export function atLeast(name: string, value: number, unit: string, min: number, note?: string): Figure {
  return { name, value, unit, target: `≥ ${min}${unit ? ` ${unit}` : ''}`, met: value >= min, note };
}

export function info(name: string, value: number, unit: string, note?: string): Figure {
  return { name, value, unit, note };
}

/** A temp folder removed when `fn` settles. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T> | T): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'sre-drill-bench-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function writeFile(path: string, text: string): string {
  writeFileSync(path, text);
  return path;
}
