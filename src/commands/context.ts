import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Catalog } from '../core/bank/catalog.js';
import type { Config } from '../core/config.js';
import { makeTheme, colorWanted, type Theme } from '../ui/theme.js';

/** The streams a command talks through; tests pass their own. */
export interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Options every command takes, before or after its name. */
export interface GlobalOptions {
  bank?: string[];
  dataDir?: string;
  color: boolean;
  debug: boolean;
}

/** What a command handler gets: the world, made once by the command layer. */
export interface Context {
  io: Io;
  env: NodeJS.ProcessEnv;
  cwd: string;
  globals: GlobalOptions;
  theme: Theme;
  /** The clock: commands read it and pass the time down to the core. */
  now(): Date;
  /** Writes lines (or a string as is) to stdout. */
  out(text: string | readonly string[]): void;
  /** Writes lines to stderr. */
  err(text: string | readonly string[]): void;
  /** The banks in use (`--bank` paths, else the built-in ones), loaded once; broken banks throw. */
  catalog(): Promise<Catalog>;
  /** The bank paths in use: `--bank` paths, else the built-in banks plus the config's `banks`. */
  bankPaths(): string[];
  /** The user's config.yaml (empty when there is none); a broken file throws a located error. */
  config(): Config;
  /** Where config.yaml lives. */
  configDir(): string;
  /** The data folder (`--data-dir`, `SRE_DRILL_HOME`, or the platform default). */
  dataDir(): Promise<string>;
}

export interface ContextInit {
  io: Io;
  env: NodeJS.ProcessEnv;
  cwd: string;
  globals: GlobalOptions;
  now?: () => Date;
}

export function write(stream: NodeJS.WritableStream, text: string | readonly string[]): void {
  if (typeof text === 'string') stream.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
  else if (text.length) stream.write(`${text.join('\n')}\n`);
}

export async function createContext(init: ContextInit): Promise<Context> {
  const [{ loadCatalogLazily }, { builtinBanksDir, resolveDataDir, resolveConfigDir, CONFIG_FILE }, { BankError }] = await Promise.all([
    import('../storage/bank-files.js'),
    import('../storage/paths.js'),
    import('../core/errors.js'),
  ]);
  let config: Config | undefined;
  const configDir = () => resolveConfigDir(init.env);
  // Most runs have no config file; its parser (yaml and zod) loads only when there is one.
  const configReader = mayExist(join(configDir(), CONFIG_FILE)) ? (await import('../storage/config-file.js')).readConfig : () => ({});
  const home = init.env.HOME ?? '';
  const expand = (p: string) => (p === '~' || p.startsWith('~/') ? home + p.slice(1) : resolve(configDir(), p));
  const color = colorWanted(init.globals.color, init.env, init.io.stdout.isTTY);
  let catalog: Promise<Catalog> | undefined;
  const ctx: Context = {
    io: init.io,
    env: init.env,
    cwd: init.cwd,
    globals: init.globals,
    theme: makeTheme(color),
    now: init.now ?? (() => new Date()),
    out: (text) => write(init.io.stdout, text),
    err: (text) => write(init.io.stderr, text),
    bankPaths: () => (init.globals.bank?.length ? init.globals.bank : [builtinBanksDir(), ...(ctx.config().banks ?? []).map(expand)]),
    config: () => (config ??= configReader(configDir())),
    configDir,
    catalog: () =>
      (catalog ??= loadCatalogLazily(ctx.bankPaths(), init.cwd).then((c) => {
        if (c.issues.length) throw new BankError(c.issues);
        return c;
      })),
    dataDir: () => resolveDataDir(init.globals.dataDir, init.env),
  };
  return ctx;
}

/** False only when the file certainly does not exist; an unreadable one is left to its reader to report. */
function mayExist(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return true;
  }
}
