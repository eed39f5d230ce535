import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ParsedFile } from '../core/bank/parse.js';
import type { BankStats } from '../core/grading/index.js';

/**
 * The built-in banks, parsed and validated at build time (`dist/builtin-banks.json`). At start-up
 * the bank files are hashed; when the hash matches, the parsed form is read instead of parsing
 * ~700 KB of YAML and validating it, which was most of a drill's start-up. Any edit to a bank file
 * changes the hash and falls back to parsing. The grader's statistics over those banks come with
 * them, so that a drill over the built-in banks does not read every question to grade one answer.
 */
export const PRECOMPILED_FILE = 'builtin-banks.json';
/** Bump when the parsed shape (ParsedFile, Question) or `BankStats` changes. */
export const PRECOMPILED_FORMAT = 2;

interface Precompiled {
  format: number;
  digest: string;
  /** ParsedFile with `file` and `source.file` relative to the package root, `/`-separated. */
  files: ParsedFile[];
  /** `bankStats` of these files' questions and the glossary the grader uses with them (`graderInput`). */
  grader?: PackedStats;
}

/**
 * `BankStats` with each list as one space-separated string (words, stems and concept keys hold no
 * spaces): JSON.parse reads a string about 25 times faster than an array of 12,000 short ones, and
 * every command reads this file while only grading needs the lists.
 */
export interface PackedStats {
  questions: number;
  /** "key count key count ...". */
  df: string;
  words: string;
  stems: string;
  /** `BankStats.glossary` as JSON. */
  glossary: string;
}

export function packStats(stats: BankStats): PackedStats {
  return { questions: stats.questions, df: stats.df.flat().join(' '), words: stats.words.join(' '), stems: stats.stems.join(' '), glossary: JSON.stringify(stats.glossary) };
}

export function unpackStats(packed: PackedStats): BankStats {
  const split = (list: string) => (list ? list.split(' ') : []);
  const flat = split(packed.df);
  const df: [string, number][] = [];
  for (let i = 0; i < flat.length; i += 2) df.push([flat[i]!, Number(flat[i + 1])]);
  return { questions: packed.questions, df, words: split(packed.words), stems: split(packed.stems), glossary: JSON.parse(packed.glossary) as string[][][] };
}

/** What the build parsed and derived from the built-in banks. */
export interface PrecompiledBanks {
  files: ParsedFile[];
  grader?: PackedStats;
}

/**
 * sha256 over each file's path (relative to `root`) and bytes, in order. node:crypto is loaded
 * here, on first use, not with the module: importing it loads some twenty internal modules, about
 * 9 ms that a command reading only the user's banks (`banks validate b/`) never needs.
 */
export function digestFiles(root: string, files: readonly string[]): string {
  const h = process.getBuiltinModule('node:crypto').createHash('sha256');
  for (const f of files) {
    h.update(relative(root, f).split(sep).join('/'));
    h.update('\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex');
}

/**
 * Rewrites the paths of a file just read from JSON, in place (nothing else holds it). Each path is
 * worked out once: path.relative for every question was ~5 ms of start-up.
 */
function mapPaths(file: ParsedFile, to: (p: string) => string): ParsedFile {
  const shown = new Map<string, string>();
  const show = (p: string) => {
    let s = shown.get(p);
    if (s === undefined) shown.set(p, (s = to(p)));
    return s;
  };
  file.file = show(file.file);
  if (file.kind === 'questions') for (const q of file.questions) q.source.file = show(q.source.file);
  return file;
}

/** The text of the precompiled file for `files` parsed with paths relative to `root`, with their grader statistics. */
export function precompiledText(root: string, files: readonly string[], parsed: readonly ParsedFile[], grader?: BankStats): string {
  const data: Precompiled = { format: PRECOMPILED_FORMAT, digest: digestFiles(root, files), files: [...parsed], grader: grader && packStats(grader) };
  // ASCII only (the rest as \u escapes): Node reads an ASCII file into a string faster (~3 ms here).
  return JSON.stringify(data).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The parsed files (and grader statistics) from `<distDir>/builtin-banks.json` when they were made
 * from exactly these files, with paths shown via `display`; undefined otherwise.
 */
export function readPrecompiled(distDir: string, root: string, files: readonly string[], display: (absolute: string) => string): PrecompiledBanks | undefined {
  let data: Precompiled;
  try {
    data = JSON.parse(readFileSync(join(distDir, PRECOMPILED_FILE), 'utf8')) as Precompiled;
  } catch {
    return undefined;
  }
  if (data.format !== PRECOMPILED_FORMAT || data.files.length !== files.length) return undefined;
  if (data.digest !== digestFiles(root, files)) return undefined;
  return { files: data.files.map((f) => mapPaths(f, (p) => display(join(root, p)))), grader: data.grader };
}
