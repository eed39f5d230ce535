import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import envPaths from 'env-paths';

let root: string | undefined;

/** The installed package's folder (holding package.json, questions/), from source or the bundle. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'sre-drill') {
      root = dir;
      return dir;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('sre-drill: cannot find the package folder');
    dir = up;
  }
}

/** The built-in banks' folder. */
export function builtinBanksDir(): string {
  return join(packageRoot(), 'questions');
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Where progress is kept: `--data-dir`, then `SRE_DRILL_HOME`, then the platform data folder
 * (env-paths, loaded only when needed).
 */
export async function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  if (flag) return resolve(flag);
  if (env.SRE_DRILL_HOME) return resolve(env.SRE_DRILL_HOME);
  return envPaths('sre-drill', { suffix: '' }).data;
}

/** The user's settings file, in the config folder. */
export const CONFIG_FILE = 'config.yaml';

/** The config folder (config.yaml lives there): `SRE_DRILL_CONFIG_DIR`, else the platform config folder. */
export function resolveConfigDir(env: NodeJS.ProcessEnv): string {
  if (env.SRE_DRILL_CONFIG_DIR) return resolve(env.SRE_DRILL_CONFIG_DIR);
  return envPaths('sre-drill', { suffix: '' }).config;
}
