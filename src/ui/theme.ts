import { Chalk, type ChalkInstance } from 'chalk';

export interface Theme {
  color: boolean;
  c: ChalkInstance;
}

/**
 * Colour is on only for a terminal, without `--no-color` and without `NO_COLOR`;
 * `FORCE_COLOR` turns it on for pipes (tests read coloured output that way).
 */
export function colorWanted(flag: boolean, env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return Boolean(isTTY) && env.TERM !== 'dumb';
}

export function makeTheme(color: boolean): Theme {
  return { color, c: new Chalk({ level: color ? 2 : 0 }) };
}
