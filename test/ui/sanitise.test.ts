import { describe, expect, it } from 'vitest';
import { sanitise, sanitiseLine } from '../../src/ui/sanitise.js';

describe('sanitise', () => {
  it('removes OSC 0 (window title) with BEL or ST terminators', () => {
    expect(sanitise('a\x1b]0;pwned\x07b')).toBe('ab');
    expect(sanitise('a\x1b]2;pwned\x1b\\b')).toBe('ab');
  });

  it('removes OSC 52 clipboard writes', () => {
    expect(sanitise('copy\x1b]52;c;cm0gLXJmIH4=\x07 me')).toBe('copy me');
  });

  it('removes CSI sequences: colours, cursor moves, screen clears', () => {
    expect(sanitise('\x1b[31mred\x1b[0m \x1b[2J\x1b[H\x1b[?25lhidden')).toBe('red hidden');
  });

  it('removes BEL and other C0 controls but keeps newlines and tabs', () => {
    expect(sanitise('ding\x07\x00\x08\x0b\x0c!\n\tx')).toBe('ding!\n\tx');
  });

  it('removes 8-bit C1 controls, including CSI (0x9b) and OSC (0x9d) sequences', () => {
    expect(sanitise('a\x9b31mb\x9d0;title\x9cc\x85d')).toBe('abcd');
  });

  it('removes DCS and APC strings and an unterminated OSC', () => {
    expect(sanitise('x\x1bPq#0;2\x1b\\y\x1b_apc\x1b\\z')).toBe('xyz');
    expect(sanitise('safe\x1b]0;never ends')).toBe('safe');
  });

  it('turns carriage returns into newlines so text cannot overwrite a line', () => {
    expect(sanitise('fake prompt\rreal')).toBe('fake prompt\nreal');
  });

  it('keeps ordinary Unicode: accents, emoji, right-to-left text', () => {
    const text = 'café ✓ 🚀 שלום مرحبا';
    expect(sanitise(text)).toBe(text);
  });

  it('sanitiseLine folds whitespace to one line', () => {
    expect(sanitiseLine('  a\n\tb  \x1b[1mc ')).toBe('a b c');
  });
});
