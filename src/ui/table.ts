/** `1 question`, `2 questions`: a count and its noun, plural when it is not one. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Display width of a string, ignoring colour codes; wide (CJK, emoji) characters count as 2. */
export function width(text: string): number {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\x1b\[[0-9;]*m/g, '');
  let w = 0;
  for (const ch of plain) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
    w += cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd)) ? 2 : 1;
  }
  return w;
}

export function padEnd(text: string, size: number): string {
  return text + ' '.repeat(Math.max(0, size - width(text)));
}

/** Cuts plain text to `size` columns with an ellipsis. */
export function truncate(text: string, size: number): string {
  if (width(text) <= size) return text;
  let out = '';
  for (const ch of text) {
    if (width(out + ch) > size - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * Word-wraps text to `size` columns. Single newlines inside a paragraph are folded (YAML block
 * text), blank lines and list items (`- `, `* `, `1. `) start new lines. `indent` begins the first
 * line, `hang` the following ones (defaults to `indent`).
 */
export function wrap(text: string, size: number, indent = '', hang = indent): string[] {
  const lines: string[] = [];
  const paragraphs: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const prev = paragraphs.length ? paragraphs[paragraphs.length - 1]! : undefined;
    if (line === '' || prev === undefined || prev === '' || /^([-*•]|\d+[.)])\s/.test(line)) paragraphs.push(line);
    else paragraphs[paragraphs.length - 1] = `${prev} ${line}`;
  }
  let first = true;
  for (const para of paragraphs) {
    if (para === '') {
      lines.push('');
      continue;
    }
    let line = '';
    // The line's width is kept as words are added: measuring the whole line again for every word
    // was most of drawing a model answer (issue 5: feedback printed quickly).
    let lineWidth = 0;
    const pad = () => (first ? indent : hang);
    const room = () => Math.max(10, size - width(pad()));
    const flush = () => {
      lines.push(pad() + line);
      first = false;
      line = '';
      lineWidth = 0;
    };
    for (const word of para.split(/\s+/).filter(Boolean)) {
      let w = word;
      let wWidth = width(w);
      if (line && lineWidth + 1 + wWidth > room()) flush();
      while (wWidth > room()) {
        line = w.slice(0, room());
        flush();
        w = w.slice(line.length || room());
        wWidth = width(w);
      }
      lineWidth = line ? lineWidth + 1 + wWidth : wWidth;
      line = line ? `${line} ${w}` : w;
    }
    if (line) flush();
  }
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * A table drawn with box characters (they survive NO_COLOR), fitted to `maxWidth` by
 * truncating the last column. Cells are plain text; `style` may colour the header.
 */
export function table(header: string[], rows: string[][], maxWidth: number, style: (s: string) => string = (s) => s): string[] {
  const cols = header.length;
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const total = () => widths.reduce((a, b) => a + b, 0) + 3 * (cols - 1) + 4;
  for (let i = cols - 1; i >= 0 && total() > maxWidth; i--) {
    widths[i] = Math.max(width(header[i]!), widths[i]! - (total() - maxWidth));
  }
  const line = (cells: string[]) => `│ ${cells.map((c, i) => padEnd(truncate(c, widths[i]!), widths[i]!)).join(' │ ')} │`;
  const rule = (l: string, m: string, r: string) => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}`;
  return [rule('┌', '┬', '┐'), style(line(header)), rule('├', '┼', '┤'), ...rows.map(line), rule('└', '┴', '┘')];
}
