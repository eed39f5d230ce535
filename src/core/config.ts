import * as z from 'zod';
import { MOCK_FORMATS } from './session/plan.js';
import { STRICTNESS } from './grading/types.js';
import { didYouMean } from './suggest.js';
import { UsageError } from './errors.js';

/**
 * The user's defaults, kept in `<config-dir>/config.yaml`. Command-line options win over these,
 * and these win over the built-in defaults.
 */
export const configSchema = z.strictObject({
  banks: z.array(z.string().min(1)).optional(),
  strictness: z.enum(STRICTNESS).optional(),
  retention: z.number().min(0.7).max(0.99).optional(),
  new_per_day: z.number().int().min(0).max(1000).optional(),
  mock_format: z.enum(MOCK_FORMATS).optional(),
  editor: z.string().min(1).optional(),
});
export type Config = z.output<typeof configSchema>;
export type ConfigKey = keyof Config;

export const CONFIG_KEYS: Readonly<Record<ConfigKey, string>> = {
  banks: 'extra bank files or folders, used together with the built-in banks (a list; `set` adds one, `unset` clears)',
  strictness: `how readily a key point counts as made: ${STRICTNESS.join(' | ')}`,
  retention: 'desired retention for spaced repetition, 0.7 to 0.99',
  new_per_day: 'new questions introduced by `review` per day',
  mock_format: `default mock interview format: ${MOCK_FORMATS.join(' | ')}`,
  editor: 'the editor opened for long answers (default: $VISUAL, $EDITOR, then vim)',
};

/** Checks a key typed on the command line. */
export function configKey(key: string): ConfigKey {
  if (key in CONFIG_KEYS) return key as ConfigKey;
  throw new UsageError(`unknown config key "${key}"${didYouMean(key, Object.keys(CONFIG_KEYS))}; keys: ${Object.keys(CONFIG_KEYS).join(', ')}`);
}

/** The config after `set KEY VALUE`, validated; a bad value is a usage error naming the key. */
export function setConfigValue(config: Config, key: ConfigKey, raw: string): Config {
  let value: unknown = raw;
  if (key === 'banks') value = [...(config.banks ?? []), raw];
  else if (key === 'retention' || key === 'new_per_day') value = raw.trim() === '' ? NaN : Number(raw);
  const next = { ...config, [key]: value };
  const r = configSchema.safeParse(next);
  if (!r.success) throw new UsageError(`config ${key}: ${r.error.issues[0]!.message} (${CONFIG_KEYS[key]})`);
  return r.data;
}

export function unsetConfigValue(config: Config, key: ConfigKey): Config {
  const next = { ...config };
  delete next[key];
  return next;
}
