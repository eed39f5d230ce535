import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Flags for a quiet, offline headless browser: nothing phones home while a test runs. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/**
 * Debian's chromium, installed with apt when missing (never a browser download). Throws, so the
 * test fails, when it cannot be installed.
 */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const steps = [
    ['apt-get', ['update', '-qq']],
    ['apt-get', ['install', '-y', '-qq', 'chromium']],
  ] as const;
  const log: string[] = [];
  for (const [cmd, args] of steps) {
    const r = spawnSync(cmd, args, { env, encoding: 'utf8', timeout: 600_000 });
    log.push(`$ ${cmd} ${args.join(' ')} → ${r.error ? r.error.message : `exit ${r.status}`}`, (r.stderr ?? '').slice(-2000));
    if (r.error || r.status !== 0) break;
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`chromium could not be installed (apt-get install -y chromium), so the HTML report cannot be checked in a real browser:\n${log.join('\n')}`);
  }
  return CHROMIUM;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
}
