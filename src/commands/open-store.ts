import { UsageError } from '../core/errors.js';
import { checkRetention, DEFAULT_RETENTION } from '../core/scheduling/fsrs.js';
import { DEFAULT_NEW_PER_DAY } from '../core/scheduling/queue.js';
import type { Config } from '../core/config.js';
import type { Context } from './context.js';
import type { Store } from '../storage/store.js';

/** Scheduling settings: desired retention and new cards per day. */
export interface StudySettings {
  retention: number;
  newPerDay: number;
}

/**
 * Settings from the environment (`SRE_DRILL_RETENTION`, `SRE_DRILL_NEW_PER_DAY`), else the config
 * file (`retention`, `new_per_day`), else the defaults (0.9, 10). An environment value that is not
 * a number in range is a usage error naming the variable (the config file is checked when read).
 */
export function studySettings(env: NodeJS.ProcessEnv, config: Config = {}): StudySettings {
  let retention = config.retention ?? DEFAULT_RETENTION;
  let newPerDay = config.new_per_day ?? DEFAULT_NEW_PER_DAY;
  const r = env.SRE_DRILL_RETENTION?.trim();
  if (r) {
    const n = Number(r);
    try {
      retention = checkRetention(n);
    } catch {
      throw new UsageError(`SRE_DRILL_RETENTION must be a number between 0.7 and 0.99 (e.g. 0.9), got "${r}"`);
    }
  }
  const p = env.SRE_DRILL_NEW_PER_DAY?.trim();
  if (p) {
    if (!/^\d+$/.test(p)) throw new UsageError(`SRE_DRILL_NEW_PER_DAY must be a whole number of new questions per day (e.g. 10), got "${p}"`);
    newPerDay = Number(p);
  }
  return { retention, newPerDay };
}

/** The study settings for a command: its environment, then the user's config file. */
export function contextSettings(ctx: Context): StudySettings {
  return studySettings(ctx.env, ctx.config());
}

/** Opens the progress store in the context's data folder with the context's settings. */
export async function openContextStore(ctx: Context): Promise<Store> {
  const settings = contextSettings(ctx);
  const [{ openStore }, dir] = await Promise.all([import('../storage/store.js'), ctx.dataDir()]);
  return openStore(dir, { retention: settings.retention });
}

/** Local midnight before `now`: the daily new-card limit counts from here. */
export function dayStart(now: Date): Date {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d;
}
