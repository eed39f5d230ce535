import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir, testEnv } from '../helpers/cli.js';

function setup() {
  const dir = tempDir();
  return { dir, env: testEnv({ SRE_DRILL_CONFIG_DIR: dir }) };
}

describe('sre-drill config', () => {
  it('prints the config path', async () => {
    const { dir, env } = setup();
    const r = await runCli(['config', 'path'], { env });
    expect(r.stdout.trim()).toBe(join(dir, 'config.yaml'));
  });

  it('sets, shows and unsets values, written as YAML', async () => {
    const { dir, env } = setup();
    expect((await runCli(['config', 'set', 'strictness', 'strict'], { env })).code).toBe(0);
    expect((await runCli(['config', 'set', 'retention', '0.85'], { env })).code).toBe(0);
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toContain('strictness: strict\nretention: 0.85\n');
    const shown = await runCli(['config', 'show', '--json'], { env });
    expect(JSON.parse(shown.stdout)).toEqual({ strictness: 'strict', retention: 0.85 });
    await runCli(['config', 'unset', 'retention'], { env });
    expect(JSON.parse((await runCli(['config', 'show', '--json'], { env })).stdout)).toEqual({ strictness: 'strict' });
  });

  it('refuses a bad value or an unknown key with exit 2 and a suggestion', async () => {
    const { env } = setup();
    const bad = await runCli(['config', 'set', 'retention', '1.5'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('config retention:');
    const unknown = await runCli(['config', 'set', 'strictnes', 'strict'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('did you mean `strictness`');
    const missing = await runCli(['config', 'set', 'banks', '/nonexistent/sre-drill-banks'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('config banks: no such file or folder: /nonexistent/sre-drill-banks');
    expect(JSON.parse((await runCli(['config', 'show', '--json'], { env })).stdout)).toEqual({});
  });

  it('adds bank folders from the config to the built-in banks', async () => {
    const { env } = setup();
    await runCli(['config', 'set', 'banks', join(FIXTURES, 'banks', 'valid')], { env });
    const r = await runCli(['banks', 'show', 'disk-full'], { env });
    expect(r.code).toBe(0);
    const all = JSON.parse((await runCli(['banks', 'list', '--json'], { env })).stdout) as { files: { file: string }[] };
    expect(all.files.some((f) => f.file.startsWith('questions/'))).toBe(true);
    expect(all.files.some((f) => f.file.includes('fixtures/banks/valid'))).toBe(true);
  });

  it('reports a broken config file by line and field', async () => {
    const { dir, env } = setup();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.yaml'), 'strictness: strict\nnew_per_day: lots\n');
    const r = await runCli(['config', 'show'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'config.yaml')}:2:14  new_per_day:`);
  });
});
