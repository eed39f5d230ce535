import { CONFIG_KEYS, configKey, setConfigValue, unsetConfigValue, type ConfigKey } from '../core/config.js';
import { EXIT, UsageError } from '../core/errors.js';
import { writeConfig } from '../storage/config-file.js';
import { CONFIG_FILE } from '../storage/paths.js';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Context } from './context.js';

/** `config path`: where the config file is (it may not exist yet). */
export async function configPath(ctx: Context): Promise<number> {
  ctx.out(join(ctx.configDir(), CONFIG_FILE));
  return EXIT.ok;
}

/** `config show [--json]`: every key, its value (or "not set") and what it does. */
export async function configShow(ctx: Context, opts: { json?: boolean }): Promise<number> {
  const config = ctx.config();
  if (opts.json) {
    ctx.out(`${JSON.stringify(config, null, 2)}\n`);
    return EXIT.ok;
  }
  const { c } = ctx.theme;
  ctx.out([
    c.dim(`# ${join(ctx.configDir(), CONFIG_FILE)}`),
    ...(Object.keys(CONFIG_KEYS) as ConfigKey[]).flatMap((k) => {
      const v = config[k];
      const shown = v === undefined ? c.dim('(not set)') : Array.isArray(v) ? v.join(', ') : String(v);
      return [`${c.bold(k)}: ${shown}`, c.dim(`  ${CONFIG_KEYS[k]}`)];
    }),
  ]);
  return EXIT.ok;
}

/** `config set KEY VALUE`: validated, written atomically. */
export async function configSet(ctx: Context, _opts: unknown, args: string[]): Promise<number> {
  const [rawKey, value] = args;
  if (rawKey === undefined || value === undefined) throw new UsageError('usage: sre-drill config set KEY VALUE');
  const key = configKey(rawKey);
  // A bank folder is stored as an absolute path so it means the same from any working folder.
  const stored = key === 'banks' ? resolve(ctx.cwd, value) : value;
  // A bank path that does not exist would break every later command: refuse it now.
  if (key === 'banks' && !existsSync(stored)) throw new UsageError(`config banks: no such file or folder: ${stored}`);
  const file = writeConfig(ctx.configDir(), setConfigValue(ctx.config(), key, stored));
  ctx.out(`${key} set in ${file}`);
  return EXIT.ok;
}

/** `config unset KEY`: back to the built-in default. */
export async function configUnset(ctx: Context, _opts: unknown, args: string[]): Promise<number> {
  const key = configKey(args[0]!);
  const file = writeConfig(ctx.configDir(), unsetConfigValue(ctx.config(), key));
  ctx.out(`${key} unset in ${file}`);
  return EXIT.ok;
}
