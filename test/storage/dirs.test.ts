import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirs } from '../../src/storage/dirs.js';
import { tempDir } from '../helpers/cli.js';

describe('makeDirs', () => {
  it('makes every missing folder and accepts one that exists', () => {
    const root = tempDir();
    const deep = join(root, 'a', 'b', 'c');
    makeDirs(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    makeDirs(deep);
    makeDirs(root);
  });

  it('fails at once where a folder cannot be made (Node 20 recursive mkdir spins on /proc)', () => {
    expect(() => makeDirs('/proc/sre-drill-test/x')).toThrow(/ENOENT|EACCES|EPERM/);
    expect(existsSync('/proc/sre-drill-test')).toBe(false);
  });

  it('refuses a path through a file', () => {
    const root = tempDir();
    writeFileSync(join(root, 'f'), '');
    expect(() => makeDirs(join(root, 'f', 'sub'))).toThrow(/ENOTDIR/);
  });
});
