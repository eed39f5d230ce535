import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { configSchema, type Config } from '../core/config.js';
import { BankError, StoreError } from '../core/errors.js';
import { formatPath } from '../core/bank/parse.js';
import { CONFIG_FILE } from './paths.js';
import { makeDirs } from './dirs.js';


/** Reads `<dir>/config.yaml`; a missing file is an empty config, a broken one a located error. */
export function readConfig(dir: string): Config {
  const file = join(dir, CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new StoreError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (text.trim() === '') return {};
  const doc = parseDocument(text, { prettyErrors: false });
  const at = (path: PropertyKey[]) => {
    const node = doc.getIn(path as unknown[], true) as { range?: [number, number] } | undefined;
    const offset = node?.range?.[0] ?? 0;
    const before = text.slice(0, offset).split('\n');
    return { line: before.length, col: before[before.length - 1]!.length + 1 };
  };
  if (doc.errors.length) throw new BankError(doc.errors.map((e) => ({ file, ...at([]), path: '', message: `YAML: ${e.message.split('\n')[0]}` })));
  const r = configSchema.safeParse(doc.toJS() ?? {});
  if (!r.success) throw new BankError(r.error.issues.map((i) => ({ file, ...at(i.path as PropertyKey[]), path: formatPath(i.path), message: i.message })));
  return r.data;
}

/** Writes the config atomically (temp file + rename), so a crash never leaves half a file. */
export function writeConfig(dir: string, config: Config): string {
  makeDirs(dir);
  const file = join(dir, CONFIG_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `# sre-drill settings: \`sre-drill config show\` lists the keys\n${Object.keys(config).length ? stringify(config) : ''}`);
  renameSync(tmp, file);
  return file;
}
