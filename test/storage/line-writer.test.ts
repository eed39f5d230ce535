import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineWriter } from '../../src/storage/line-writer.js';
import { tempDir } from '../helpers/cli.js';

describe('LineWriter', () => {
  it('writes every line in order across chunk boundaries, multi-byte text and lines larger than a chunk included', () => {
    const file = join(tempDir(), 'out.txt');
    const lines = Array.from({ length: 30_000 }, (_, i) => `${i} ünïcödé 🚀 ${'x'.repeat(i % 97)}`);
    lines.splice(12_345, 0, 'y'.repeat(3 << 20));
    const w = new LineWriter('\r\n', file);
    for (const l of lines) w.line(l);
    w.close();
    expect(w.count).toBe(lines.length);
    expect(readFileSync(file, 'utf8')).toBe(`${lines.join('\r\n')}\r\n`);
  });

  it('hands chunks to the sink when there is no file, and names a file it cannot create', () => {
    const chunks: Buffer[] = [];
    const w = new LineWriter('\n', undefined, (c) => chunks.push(c));
    w.line('a');
    w.line('b');
    w.close();
    expect(Buffer.concat(chunks).toString()).toBe('a\nb\n');
    expect(() => new LineWriter('\n', join(tempDir(), 'missing', 'x.txt'))).toThrow(/cannot write .*x\.txt: its folder does not exist/);
  });
});
