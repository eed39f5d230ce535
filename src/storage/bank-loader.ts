import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { buildCatalog, type Catalog } from '../core/bank/catalog.js';
import { parseBankText, type ParsedFile } from '../core/bank/parse.js';
import { BankError, type Issue } from '../core/errors.js';
import { readPrecompiled } from './bank-cache.js';
import { builtinBanksDir, packageRoot } from './paths.js';

/** Larger files are refused before they are read. */
export const MAX_BANK_BYTES = 5 * 1024 * 1024;
const BANK_EXT = new Set(['.yaml', '.yml']);

/** How a file is named in messages: relative to the working folder when inside it. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/** The bank files under each path (a file, or a folder searched recursively), sorted. */
export function findBankFiles(paths: readonly string[], cwd: string): { files: string[]; issues: Issue[] } {
  const files: string[] = [];
  const issues: Issue[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && BANK_EXT.has(extname(entry.name).toLowerCase())) files.push(full);
    }
  };
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

/** Reads and parses one file, refusing oversized, non-UTF-8 and unreadable files with a located issue. */
export function loadBankFile(file: string, cwd: string): ParsedFile {
  const shown = displayPath(file, cwd);
  const refuse = (message: string): ParsedFile => ({ kind: 'invalid', file: shown, issues: [{ file: shown, line: 1, col: 1, path: '', message }] });
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > MAX_BANK_BYTES) return refuse(`refused: file is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_BANK_BYTES / 1024 / 1024} MB limit for a bank`);
    bytes = readFileSync(file);
  } catch (err) {
    return refuse(`cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return { kind: 'invalid', file: shown, issues: [{ file: shown, line: at.line, col: at.col, path: '', message: 'refused: not UTF-8 text (save the file as UTF-8)' }] };
  }
  return parseBankText(text, shown);
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

/** Loads every bank under `paths` into a catalog; problems are in `catalog.issues`. */
export function loadCatalog(paths: readonly string[], cwd: string): Catalog {
  const found = findBankFiles(paths, cwd);
  const catalog = buildCatalog(parseFiles(found.files, cwd));
  if (found.issues.length) catalog.issues.unshift(...found.issues);
  return catalog;
}

/** Parses files, taking the built-in banks' build-time parse when their content is unchanged. */
function parseFiles(files: readonly string[], cwd: string): ParsedFile[] {
  const builtin = builtinBanksDir() + sep;
  const own = files.filter((f) => f.startsWith(builtin));
  const pre = own.length ? readPrecompiled(join(packageRoot(), 'dist'), packageRoot(), own, (p) => displayPath(p, cwd)) : undefined;
  if (!pre) return files.map((f) => loadBankFile(f, cwd));
  const byFile = new Map(own.map((f, i) => [f, pre[i]!]));
  return files.map((f) => byFile.get(f) ?? loadBankFile(f, cwd));
}

/** Like `loadCatalog`, but any problem is a `BankError` (every command refuses broken banks). */
export function loadCatalogOrThrow(paths: readonly string[], cwd: string): Catalog {
  const catalog = loadCatalog(paths, cwd);
  if (catalog.issues.length) throw new BankError(catalog.issues);
  return catalog;
}
