import type { Catalog } from '../core/bank/catalog.js';
import { parseBankText, type ParsedFile } from '../core/bank/parse.js';
import { BankError } from '../core/errors.js';
import { cachedBuiltinFiles, findBankFiles, joinCatalog, readBankText } from './bank-files.js';

/** Reads and parses one file, refusing oversized, non-UTF-8 and unreadable files with a located issue. */
export function loadBankFile(file: string, cwd: string): ParsedFile {
  const read = readBankText(file, cwd);
  return 'text' in read ? parseBankText(read.text, read.shown) : read;
}

/** Loads every bank under `paths` into a catalog; problems are in `catalog.issues`. */
export function loadCatalog(paths: readonly string[], cwd: string): Catalog {
  const found = findBankFiles(paths, cwd);
  return joinCatalog(found, cachedBuiltinFiles(found.files, cwd), (f) => loadBankFile(f, cwd));
}

/** Like `loadCatalog`, but any problem is a `BankError` (every command refuses broken banks). */
export function loadCatalogOrThrow(paths: readonly string[], cwd: string): Catalog {
  const catalog = loadCatalog(paths, cwd);
  if (catalog.issues.length) throw new BankError(catalog.issues);
  return catalog;
}
