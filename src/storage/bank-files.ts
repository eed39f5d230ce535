import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { buildCatalog, type Catalog } from '../core/bank/catalog.js';
import type { Keep } from '../core/bank/parse-clean.js';
import type { ParsedFile } from '../core/bank/parse.js';
import { BankError, type Issue } from '../core/errors.js';
import type { GraderInput } from '../core/grading/index.js';
import { readPrecompiled, unpackStats, type PackedStats } from './bank-cache.js';
import { builtinBanksDir, packageRoot } from './paths.js';

/**
 * Finding and reading bank files, and the built-in banks' build-time parse. The YAML parser and
 * the schema are not imported here: with the built-in banks unchanged, a command needs neither,
 * and loading them was a third of a drill's start-up (issues 5 and 8). `bank-loader.ts` parses.
 */

/** Larger files are refused before they are read. */
export const MAX_BANK_BYTES = 5 * 1024 * 1024;
const BANK_EXT = new Set(['.yaml', '.yml']);

/** How a file is named in messages: relative to the working folder when inside it. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}

export interface FoundFiles {
  files: string[];
  /** Paths that do not exist. */
  issues: Issue[];
}

/**
 * The files under `dir` whose extension (lower-cased, with the dot) is in `exts`, searched
 * recursively in name order, skipping hidden entries and node_modules; appended to `into`.
 */
export function walkFiles(dir: string, exts: ReadonlySet<string>, into: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => byName(a.name, b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walkFiles(full, exts, into);
    else if (entry.isFile() && exts.has(extname(entry.name).toLowerCase())) into.push(full);
  }
  return into;
}

/**
 * Alphabetical, ignoring case, then by code point. Not `localeCompare`: its first call loads the
 * collation data, several milliseconds of every command's start-up.
 */
function byName(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** The bank files under each path (a file, or a folder searched recursively), sorted. */
export function findBankFiles(paths: readonly string[], cwd: string): FoundFiles {
  const files: string[] = [];
  const issues: Issue[] = [];
  const walk = (dir: string) => walkFiles(dir, BANK_EXT, files);
  for (const p of paths) {
    const full = resolve(cwd, p);
    let st;
    try {
      st = statSync(full);
    } catch {
      issues.push({ file: displayPath(full, cwd), line: 1, col: 1, path: '', message: 'no such file or folder' });
      continue;
    }
    if (st.isDirectory()) walk(full);
    else files.push(full);
  }
  return { files: [...new Set(files)], issues };
}

/** One buffer that every bank file is read into in turn, grown as needed up to MAX_BANK_BYTES. */
let readBuffer: Buffer | undefined;

/** The bytes of a file up to `limit`, in the shared buffer (valid until the next call), or its size when larger. */
function readBytes(file: string, limit: number): Buffer | number {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > limit) return size;
    if (!readBuffer || readBuffer.length < size) readBuffer = Buffer.allocUnsafeSlow(Math.max(size, 1 << 20));
    let got = 0;
    for (let n; got < size && (n = readSync(fd, readBuffer, got, size - got, got)) > 0; ) got += n;
    return readBuffer.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/**
 * A file's bytes (without a byte-order mark), or the refusal of an oversized, non-UTF-8 or
 * unreadable file as a located issue. The bytes are the shared read buffer: valid until the next
 * read.
 */
export function readBankBytes(file: string, cwd: string): { bytes: Buffer; shown: string } | ParsedFile {
  const shown = displayPath(file, cwd);
  const refuse = (message: string): ParsedFile => ({ kind: 'invalid', file: shown, issues: [{ file: shown, line: 1, col: 1, path: '', message }] });
  let bytes: Buffer;
  try {
    const read = readBytes(file, MAX_BANK_BYTES);
    if (typeof read === 'number') return refuse(`refused: file is ${(read / 1024 / 1024).toFixed(1)} MB, over the ${MAX_BANK_BYTES / 1024 / 1024} MB limit for a bank`);
    bytes = read;
  } catch (err) {
    return refuse(`cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    return { kind: 'invalid', file: shown, issues: [{ file: shown, line: at.line, col: at.col, path: '', message: 'refused: not UTF-8 text (save the file as UTF-8)' }] };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { bytes: bom ? bytes.subarray(3) : bytes, shown };
}

/** A file's text, or the refusal of an oversized, non-UTF-8 or unreadable file as a located issue. */
export function readBankText(file: string, cwd: string): { text: string; shown: string } | ParsedFile {
  const read = readBankBytes(file, cwd);
  // isUtf8 and toString are several times faster than a fatal TextDecoder.
  return 'bytes' in read ? { text: read.bytes.toString('utf8'), shown: read.shown } : read;
}

function firstInvalidUtf8(bytes: Buffer): { line: number; col: number } {
  let line = 1;
  let start = 0;
  const dec = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      try {
        dec.decode(bytes.subarray(start, i));
      } catch {
        return { line, col: 1 };
      }
      line++;
      start = i + 1;
    }
  }
  return { line, col: 1 };
}

/** The build-time parse of some bank files, and the grader's statistics over all the built-in banks. */
export interface CachedBuiltins {
  files: Map<string, ParsedFile>;
  grader?: PackedStats;
}

/** The build-time parse of those of `files` that are built-in banks, when their content is unchanged. */
export function cachedBuiltinFiles(files: readonly string[], cwd: string): CachedBuiltins {
  const builtin = builtinBanksDir() + sep;
  const own = files.filter((f) => f.startsWith(builtin));
  const pre = own.length ? readPrecompiled(join(packageRoot(), 'dist'), packageRoot(), own, (p) => displayPath(p, cwd)) : undefined;
  return { files: new Map(pre ? own.map((f, i) => [f, pre.files[i]!]) : []), grader: pre?.grader };
}

/** Catalogs of exactly the built-in banks, joined from their build-time parse: the grader statistics made with it. */
const builtinStats = new WeakMap<Catalog, PackedStats>();

/** Joins files into a catalog, each from the build-time parse when there is one, else `parse(file)`. */
export function joinCatalog(found: FoundFiles, cached: CachedBuiltins, parse: (file: string) => ParsedFile): Catalog {
  const catalog = buildCatalog(found.files.map((f) => cached.files.get(f) ?? parse(f)));
  if (found.issues.length) catalog.issues.unshift(...found.issues);
  // The statistics count every question, so they hold for the built-in banks alone: one more bank changes them.
  if (cached.grader && cached.files.size === found.files.length) builtinStats.set(catalog, cached.grader);
  return catalog;
}

/**
 * `loadCatalog` for commands, loading only the parsing it needs: none while the built-in banks
 * match their build-time parse; the compiled check and the simple reader for clean files in plain YAML
 * (a `--bank` folder, `banks validate`); the YAML libraries and the located parser only for the
 * rest. Problems are in `catalog.issues`.
 */
export async function loadCatalogLazily(paths: readonly string[], cwd: string, keep: Keep = 'questions'): Promise<Catalog> {
  const found = findBankFiles(paths, cwd);
  const cached = cachedBuiltinFiles(found.files, cwd);
  const parsed = await parseLazily(found.files.filter((f) => !cached.files.has(f)), cwd, keep);
  return joinCatalog(found, cached, (f) => parsed.get(f)!);
}

/**
 * What `banks validate` reports: how many files and questions were read, and every problem. It
 * loads as `loadCatalogLazily` does, but keeps only each valid question's id and place (for the
 * duplicate check), which makes checking a large set about a sixth faster than loading it.
 */
export async function validateBanks(paths: readonly string[], cwd: string): Promise<{ files: number; questions: number; issues: Issue[] }> {
  const catalog = await loadCatalogLazily(paths, cwd, 'ids');
  return { files: catalog.files.length, questions: catalog.questions.length, issues: catalog.issues };
}

async function parseLazily(files: readonly string[], cwd: string, keep: Keep = 'questions'): Promise<Map<string, ParsedFile>> {
  const out = new Map<string, ParsedFile>();
  if (!files.length) return out;
  const [{ parseCleanBank }, { readSimpleYaml }] = await Promise.all([import('../core/bank/parse-clean.js'), import('../core/bank/simple-yaml.js')]);
  let parseBankText: typeof import('../core/bank/parse.js').parseBankText | undefined;
  for (const file of files) {
    const read = readBankBytes(file, cwd);
    if (!('bytes' in read)) {
      out.set(file, read);
      continue;
    }
    // The simple reader takes the bytes; only a file it does not take is decoded, for the parsers,
    // which try js-yaml only when the reader declined the file (a file it read but that failed the
    // check goes straight to the located parse).
    let declined = false;
    let parsed = parseCleanBank(read.bytes, read.shown, (src, sink) => readSimpleYaml(src, sink) ?? void (declined = true), keep);
    if (!parsed) {
      const text = read.bytes.toString('utf8');
      parseBankText ??= (await import('../core/bank/parse.js')).parseBankText;
      parsed = parseBankText(text, read.shown, declined ? 'js-yaml' : 'none');
    }
    out.set(file, parsed);
  }
  return out;
}

/**
 * The built-in glossary's groups: the grader applies them with any banks. Taken from `catalog`
 * when the built-in banks are in use, else read from its one file (not the whole build-time cache,
 * which would mean hashing every built-in bank).
 */
export async function builtinGlossary(catalog: Catalog, cwd: string): Promise<string[][]> {
  const file = join(builtinBanksDir(), 'glossary.yaml');
  const shown = displayPath(file, cwd);
  const parsed = catalog.files.find((f) => f.file === shown) ?? (await parseLazily([file], cwd)).get(file)!;
  if (parsed.issues.length) throw new BankError(parsed.issues);
  return parsed.kind === 'glossary' ? parsed.groups : [];
}

/**
 * What the grader reads from the banks in `catalog`: their questions; the built-in glossary always
 * (it holds the SRE vocabulary, and applies with `--bank` too) plus any glossary files among the
 * banks; and the statistics computed at build time when these are exactly the built-in banks.
 */
export async function graderInput(catalog: Catalog, cwd: string): Promise<GraderInput> {
  const glossary = [...(await builtinGlossary(catalog, cwd))];
  const seen = new Set(glossary.map((g) => JSON.stringify(g)));
  for (const g of catalog.glossary) if (!seen.has(JSON.stringify(g))) glossary.push(g);
  const packed = builtinStats.get(catalog);
  return { questions: catalog.questions, glossary, stats: packed && unpackStats(packed) };
}
