// The package a user installs: `npm pack` holds the built CLI, the banks, the glossary and the schema
// and nothing else; installed into a temp prefix it runs. Installing compiles better-sqlite3 from
// source (about a minute), hence the long timeout.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_loglevel: 'error', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' } });

describe('the installable package', () => {
  let dir: string;
  let files: string[];
  let tarball: string;

  beforeAll(() => {
    dir = tempDir('sre-drill-pack-');
    // dist/ was built by `npm test`; --ignore-scripts keeps pack from rebuilding it under other tests.
    const out = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT)) as { filename: string; files: { path: string }[] }[];
    files = out[0]!.files.map((f) => f.path).sort();
    tarball = join(dir, out[0]!.filename);
  });

  it('holds the built CLI, the banks, the glossary and the schema, and nothing else', () => {
    expect(files).toContain('bin/sre-drill');
    expect(files).toContain('dist/sre-drill.js');
    expect(files).toContain('questions/schema.json');
    expect(files).toContain('questions/glossary.yaml');
    expect(files).toContain('questions/definitions.yaml');
    expect(files.filter((f) => !/^(bin\/|dist\/|questions\/|package\.json$|README\.md$|LICENSE$)/.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map') || f.endsWith('.ts'))).toEqual([]);
  });

  it('installs into a prefix and runs --version, banks validate and a plain drill', () => {
    const prefix = join(dir, 'prefix');
    npm(['install', '-g', '--prefix', prefix, '--allow-scripts=better-sqlite3', '--no-audit', '--no-fund', tarball], dir);
    const bin = join(prefix, 'bin', 'sre-drill');
    expect(existsSync(bin)).toBe(true);
    const lib = join(prefix, 'lib', 'node_modules', 'sre-drill');
    expect(readdirSync(lib).sort()).toEqual(expect.arrayContaining(['bin', 'dist', 'questions', 'package.json']));
    const env = { PATH: process.env.PATH, HOME: dir, NO_COLOR: '1', SRE_DRILL_HOME: join(dir, 'data'), SRE_DRILL_CONFIG_DIR: join(dir, 'config') };
    const run = (args: string[], input = '') => spawnSync(bin, args, { cwd: dir, env, input, encoding: 'utf8', timeout: 60_000 });

    const version = run(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);

    const validate = run(['banks', 'validate']);
    expect(validate.stderr).toBe('');
    expect(validate.status).toBe(0);
    expect(validate.stdout).toMatch(/no problems found/);

    const drill = run(['drill', '--count', '1', '--seed', '7', '--plain'], 'An SLO is a target for an SLI.\n.\n');
    expect(drill.stderr).toBe('');
    expect(drill.status).toBe(0);
    expect(drill.stdout).toMatch(/Score/);
    expect(existsSync(join(dir, 'data', 'sre-drill.db'))).toBe(true);
  }, 600_000);
});
