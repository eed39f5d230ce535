import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ParsedFile } from '../core/bank/parse.js';

/**
 * The built-in banks, parsed and validated at build time (`dist/builtin-banks.json`). At start-up
 * the bank files are hashed; when the hash matches, the parsed form is read instead of parsing
 * ~700 KB of YAML and validating it, which was most of a drill's start-up. Any edit to a bank file
 * changes the hash and falls back to parsing.
 */
export const PRECOMPILED_FILE = 'builtin-banks.json';
/** Bump when the parsed shape (ParsedFile, Question) changes. */
export const PRECOMPILED_FORMAT = 1;

interface Precompiled {
  format: number;
  digest: string;
  /** ParsedFile with `file` and `source.file` relative to the package root, `/`-separated. */
  files: ParsedFile[];
}

/** sha256 over each file's path (relative to `root`) and bytes, in order. */
export function digestFiles(root: string, files: readonly string[]): string {
  const h = createHash('sha256');
  for (const f of files) {
    h.update(relative(root, f).split(sep).join('/'));
    h.update('\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex');
}

function mapPaths(file: ParsedFile, to: (p: string) => string): ParsedFile {
  const out = { ...file, file: to(file.file) } as ParsedFile;
  if (out.kind === 'questions') out.questions = out.questions.map((q) => ({ ...q, source: { ...q.source, file: to(q.source.file) } }));
  return out;
}

/** The text of the precompiled file for `files` parsed with paths relative to `root`. */
export function precompiledText(root: string, files: readonly string[], parsed: readonly ParsedFile[]): string {
  const data: Precompiled = { format: PRECOMPILED_FORMAT, digest: digestFiles(root, files), files: [...parsed] };
  return JSON.stringify(data);
}

/**
 * The parsed files from `<distDir>/builtin-banks.json` when they were made from exactly these
 * files, with paths shown via `display`; undefined otherwise.
 */
export function readPrecompiled(distDir: string, root: string, files: readonly string[], display: (absolute: string) => string): ParsedFile[] | undefined {
  let data: Precompiled;
  try {
    data = JSON.parse(readFileSync(join(distDir, PRECOMPILED_FILE), 'utf8')) as Precompiled;
  } catch {
    return undefined;
  }
  if (data.format !== PRECOMPILED_FORMAT || data.files.length !== files.length) return undefined;
  if (data.digest !== digestFiles(root, files)) return undefined;
  return data.files.map((f) => mapPaths(f, (p) => display(join(root, p))));
}
