import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, spawnCli } from '../helpers/cli.js';

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('sre-drill --version and --help', () => {
  it('prints the package version, spawned as a process', () => {
    const r = spawnCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it('shows help with examples and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: sre-drill');
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('banks');
  });

  it('prints help when run with no arguments outside a terminal', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: sre-drill');
  });

  it('treats global options alone like no arguments: help outside a terminal; a missing value is a usage error', async () => {
    const r = await runCli(['--data-dir', '/nonexistent/sre-drill', '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: sre-drill');
    const missing = await runCli(['--bank']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("option '--bank <path>' argument missing");
  });

  it('turns an unknown command into a usage error, exit 2, without a stack trace', () => {
    const r = spawnCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
