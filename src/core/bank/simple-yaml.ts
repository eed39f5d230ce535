/**
 * A reader for the plain YAML that banks are written in: block mappings with simple keys, block
 * sequences (also at their key's indentation), one-line plain, quoted and flow-list scalars, and
 * literal or folded block scalars. It reads a 1,000-question bank several times faster than
 * js-yaml, whose event stream and construction were most of `banks validate` (issue 2).
 *
 * It reads the file's bytes (UTF-8), not a decoded text: only keys and values become strings.
 * Decoding a whole file made a string as large as the file in fresh memory, kept until the end of
 * the command; over many files that grew the heap, and first touches of memory (page faults) were
 * a large part of `banks validate`.
 *
 * It returns exactly what js-yaml's core schema gives, or `undefined` for anything outside that
 * subset (anchors, tags, multi-line plain or quoted scalars, flow mappings, numbers other than
 * plain integers, tabs, CRLF, duplicate keys, ...), and the caller then asks js-yaml. A test
 * compares the two on generated documents.
 */

/** A scalar or collection, or NO when the text leaves the subset. */
const NO = Symbol('not simple');
type No = typeof NO;

/** Plain scalars that any YAML schema might read as a number (the plain integers in INT aside). */
const NUMBER_LIKE =
  /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?$|^[-+]?0[box][0-9a-fA-F_]+$|^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$|^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const WORD_LIKE = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const INT = /^-?(?:0|[1-9][0-9]{0,14})$/;
/** Starts a plain scalar may not have: an indicator, or `-`, `?`, `:` before a space or the end. */
const INDICATOR = /^(?:[,\]{}#&*!|>%@`]|[-?:](?: |$))/;
/** The escapes a double-quoted scalar may use (besides `\u` and four hex digits), by the code of the letter after `\`. */
const ESCAPES: Readonly<Record<number, string>> = { 92: '\\', 34: '"', 47: '/', 110: '\n', 116: '\t' };

/**
 * Called with each mapping written as an item of a top-level key's sequence (`- key: ...`: a
 * bank's questions), the key, and where the item starts (its first key's line and column); what
 * it returns takes the item's place. A caller can so check and reduce each question as it is
 * read, instead of holding the whole file's tree.
 */
export type ItemSink = (item: Record<string, unknown>, key: string, line: number, col: number) => unknown;

/**
 * The data of the UTF-8 bytes `src` as js-yaml would give it, or undefined when they are outside
 * the subset. With `sink`, each item of a top-level key's sequence that is a mapping (a bank's
 * question) is handed to it as soon as it is read.
 */
export function readSimpleYaml(src: Buffer, sink?: ItemSink): unknown {
  const size = src.length;
  if (src.indexOf(13) !== -1 || src.indexOf(9) !== -1 || (src[0] === 0xef && src[1] === 0xbb && src[2] === 0xbf)) return undefined;
  // The last line break ends the last line; it does not start an empty one.
  const broken = src[size - 1] === 10;
  const lines = scanLines(src, broken ? size - 1 : size);
  const reader = new Reader(new Source(src, lines.highLines), lines.starts, lines.count, broken, sink);
  const first = reader.next();
  if (first === -1 || reader.ind !== 0) return undefined;
  const value = reader.block(0);
  return value === NO || reader.next() !== -1 ? undefined : value;
}

/**
 * Where each line of the first `body` bytes starts (line k runs from starts[k] to
 * starts[k + 1] - 1: offsets, not a string per line), how many lines there are, and where the
 * lines holding bytes other than ASCII start and end (pairs of offsets). A function of its own:
 * V8 compiles its loop alone, and it stays compiled from one file to the next.
 */
function scanLines(src: Buffer, body: number): { starts: Uint32Array; count: number; highLines: number[] } {
  let starts = new Uint32Array(Math.max(64, body >> 5));
  let count = 1;
  let high = 0;
  const highLines: number[] = [];
  for (let p = 0; p < body; p++) {
    const c = src[p]!;
    high |= c;
    if (c !== 10) continue;
    if (high > 127) highLines.push(starts[count - 1]!, p);
    high = 0;
    if (count + 1 >= starts.length) {
      const more = new Uint32Array(starts.length * 2);
      more.set(starts);
      starts = more;
    }
    starts[count++] = p + 1;
  }
  if (high > 127) highLines.push(starts[count - 1]!, body);
  starts[count] = body + 1;
  return { starts, count, highLines };
}

/** The bytes of ASCII text decoded at once, as one string, for the values in them. */
const WINDOW = 16 * 1024;

/**
 * A file's bytes and the text of any run of them. Runs of ASCII lines (most of a bank, often all)
 * are decoded a window of up to 16 KB at a time and values are cut from that string: one call into
 * Node for hundreds of values instead of one each, which was the larger part of reading a value. A
 * value on a line with other characters is decoded on its own, as a UTF-8 character's bytes must
 * be read together (a window ends before such a line).
 */
class Source {
  private start = 0;
  private end = 0;
  private window = '';
  /** The first of `highLines`' pairs that ends after `asked`, the start of the last run looked up. */
  private next = 0;
  private asked = 0;
  constructor(
    readonly bytes: Buffer,
    private readonly highLines: readonly number[],
  ) {}

  /** The text of bytes `from` to `to`. */
  text(from: number, to: number): string {
    if (from >= this.start && to <= this.end) return this.window.slice(from - this.start, to - this.start);
    const high = this.highLines;
    let k = from < this.asked ? 0 : this.next;
    while (k < high.length && high[k + 1]! <= from) k += 2;
    this.next = k;
    this.asked = from;
    const stop = k < high.length ? high[k]! : this.bytes.length;
    if (stop < to) return this.bytes.toString('utf8', from, to);
    this.start = from;
    this.end = Math.min(stop, Math.max(to, from + WINDOW));
    this.window = this.bytes.toString('latin1', from, this.end);
    return this.window.slice(0, to - from);
  }
}

/**
 * The colon of a simple key (`[A-Za-z_][A-Za-z0-9_-]*`) written at offset `at` of `src` and
 * followed by a space or the end of its line (at `end`), or -1. A scan, not a regular expression:
 * it runs on every line. The line break after a line stops every scan here, as the end would.
 */
function keyColon(src: Buffer, at: number, end: number): number {
  let c = src[at]!;
  if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95)) return -1;
  let k = at + 1;
  for (c = src[k]!; (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45; c = src[++k]!);
  return c === 58 && (k + 1 === end || src[k + 1] === 32) ? k : -1;
}

/** Where the last scalar `quoted` or `flowList` read ends: the offset just past it. */
let scanned = 0;

class Reader {
  /** The current line. */
  i = 0;
  /**
   * What `next` found, kept until the reader moves: where that line starts, where it ends (its
   * line break, or the end of the text) and its indentation. Every line is looked at several times
   * (is it blank, how far is it indented, does it continue the value before it); this measures it once.
   */
  s = 0;
  e = 0;
  ind = 0;
  /** The line `next` last started from: while the reader stays there, `next` has its answer. */
  private from = -1;
  /** The top-level key whose value is being read, while one is. */
  private topKey = '';
  /** How many mappings the current line is inside. */
  private depth = 0;
  /** The file's bytes (`source.bytes`), which the reader scans. */
  readonly src: Buffer;
  /** `count`: how many lines there are; `finalBreak`: the text ends with a line break. */
  constructor(
    readonly source: Source,
    readonly starts: Uint32Array,
    readonly count: number,
    readonly finalBreak: boolean,
    readonly sink?: ItemSink,
  ) {
    this.src = source.bytes;
  }

  /** The spaces at the start of line `k`. */
  indent(k: number): number {
    const s = this.starts[k]!;
    let p = s;
    while (this.src[p] === 32) p++;
    return p - s;
  }

  /**
   * The index of the next line that is not blank or only a comment (and moves there), or -1 at
   * the end; `s`, `e` and `ind` describe it.
   */
  next(): number {
    if (this.from === this.i) return this.i < this.count ? this.i : -1;
    const { src, starts, count } = this;
    let i = this.i;
    for (; i < count; i++) {
      const s = starts[i]!;
      const e = starts[i + 1]! - 1;
      let p = s;
      while (src[p] === 32) p++;
      if (p !== e && src[p] !== 35 /* # */) {
        this.s = s;
        this.e = e;
        this.ind = p - s;
        break;
      }
    }
    this.i = i;
    this.from = i;
    return i < count ? i : -1;
  }

  /** The mapping or sequence whose lines start at column `indent`, on the line `next` found. */
  block(indent: number): unknown {
    const { src, s, e } = this;
    if (src[s + indent] === 45 /* - */ && (e === s + indent + 1 || src[s + indent + 1] === 32)) return this.sequence(indent);
    return keyColon(src, s + indent, e) !== -1 ? this.mapping(indent) : NO;
  }

  /** A mapping at column `indent`; its first line may be `first`, a `- key: value` line. */
  mapping(indent: number, first = -1): Record<string, unknown> | No {
    const { src } = this;
    const out: Record<string, unknown> = {};
    for (let at = this.next(); at !== -1; at = this.next()) {
      const { s, e } = this;
      const ind = at === first ? indent : this.ind;
      if (ind < indent) break;
      if (ind > indent) return NO;
      const colon = keyColon(src, s + ind, e);
      if (colon === -1) {
        if (src[s + ind] === 45 /* - */) break; // a sequence at its parent key's indentation ends here
        return NO;
      }
      const key = this.source.text(s + ind, colon);
      if (Object.hasOwn(out, key) || key === '__proto__') return NO;
      let from = colon + 1;
      while (src[from] === 32) from++;
      if (this.depth === 0) this.topKey = key;
      this.depth++;
      const value = this.value(from, e, indent, true);
      this.depth--;
      if (value === NO) return NO;
      out[key] = value;
    }
    return out;
  }

  sequence(indent: number): unknown[] | No {
    const { src } = this;
    const out: unknown[] = [];
    for (let at = this.next(); at !== -1; at = this.next()) {
      const { s, e, ind } = this;
      if (ind < indent) break;
      if (ind > indent) return NO;
      if (src[s + ind] !== 45 /* - */) break;
      if (s + ind + 1 < e && src[s + ind + 1] !== 32) return NO;
      let col = ind + 1;
      while (src[s + col] === 32) col++;
      let value: unknown;
      if (keyColon(src, s + col, e) !== -1) {
        // `- key: value`: a mapping whose keys line up with this first one.
        const item = this.mapping(col, at);
        value = item !== NO && this.sink && this.depth === 1 ? this.sink(item, this.topKey, at + 1, col + 1) : item;
      } else if (src[s + col] === 45 && (s + col + 1 === e || src[s + col + 1] === 32)) {
        return NO;
      } else {
        value = this.value(s + col, e, indent, false);
      }
      if (value === NO) return NO;
      out.push(value);
    }
    return out;
  }

  /**
   * The value written from offset `from` (its first non-space) to `e`, the end of the current
   * line, after `key: ` or `- `, reading on when it is a nested block or a block scalar.
   * `parent` is the indentation of the key or the dash.
   */
  value(from: number, e: number, parent: number, inMapping: boolean): unknown {
    this.i++;
    const { src } = this;
    const c = src[from];
    if (from === e || c === 35 /* # */) {
      if (this.next() === -1) return null;
      const { ind } = this;
      if (ind > parent) return this.block(ind);
      // A sequence may sit at its key's own indentation.
      if (inMapping && ind === parent && src[this.s + ind] === 45 /* - */) return this.sequence(ind);
      return null;
    }
    if (c === 124 /* | */ || c === 62 /* > */) return this.blockScalar(from, e, parent);
    let value: unknown;
    if (c === 39 /* ' */ || c === 34 /* " */) {
      value = quoted(this.source, from, e);
      if (value === undefined || !endsClean(src, scanned, e)) return NO;
    } else if (c === 91 /* [ */) {
      value = flowList(this.source, from, e);
      if (value === undefined || !endsClean(src, scanned, e)) return NO;
    } else {
      value = plainLine(this.source, from, e);
      if (value === NO) return NO;
    }
    // A more indented line after a one-line scalar continues it: multi-line scalars are left to js-yaml.
    return this.next() !== -1 && this.ind > parent ? NO : value;
  }

  /** `|`, `|-`, `|+`, `>`, `>-` or `>+` written from `from` to `e`, with its lines indented past `parent`. */
  blockScalar(from: number, e: number, parent: number): string | No {
    // The header: `|` or `>`, then `-` (strip) or `+` (keep) the final line breaks.
    let style = this.src[from] === 124 ? '|' : '>';
    let chomp = '';
    if (e > from + 1) {
      const m = /^([|>])([-+]?)(?: +#.*| *)$/.exec(this.source.text(from, e));
      if (!m) return NO;
      [, style = '', chomp = ''] = m;
    }
    const lines: string[] = [];
    let indent = -1;
    for (; this.i < this.count; this.i++) {
      const s = this.starts[this.i]!;
      const len = this.starts[this.i + 1]! - 1 - s;
      const ind = this.indent(this.i);
      if (ind === len) {
        if (indent !== -1 && ind > indent) return NO; // trailing spaces that would be content
        if (indent === -1 && ind > parent + 1) return NO;
        lines.push('');
        continue;
      }
      if (indent === -1) {
        if (ind <= parent) break;
        indent = ind;
      }
      if (ind < indent) break;
      lines.push(this.source.text(s + indent, s + len));
    }
    // At the end of a file without a final line break, clipping differs: left to js-yaml.
    if (indent === -1 || (this.i === this.count && !this.finalBreak)) return NO;
    let end = lines.length;
    while (end > 0 && lines[end - 1] === '') end--;
    // Trailing blank lines belong to the text only with `+`, which keeps them.
    const trailing = lines.length - end;
    lines.length = end;
    let text: string;
    if (style === '|') text = lines.join('\n');
    else {
      if (lines.some((l) => l.charCodeAt(0) === 32)) return NO; // more-indented lines fold differently
      text = '';
      let blank = 0;
      for (const [k, l] of lines.entries()) {
        if (l === '') {
          blank++;
          continue;
        }
        text += k === 0 ? l : blank ? '\n'.repeat(blank) + l : ` ${l}`;
        blank = 0;
      }
    }
    if (chomp === '-') return text;
    if (chomp === '+') return `${text}\n${'\n'.repeat(trailing)}`;
    return `${text}\n`;
  }
}

/** Nothing from `at` to the line's end `e` but spaces and a comment (after at least one space). */
function endsClean(src: Buffer, at: number, e: number): boolean {
  let k = at;
  while (k < e && src[k] === 32) k++;
  return k === e || (src[k] === 35 && k > at);
}

/**
 * A one-line quoted scalar starting at `from`, before the line's end `e`: its value (and in
 * `scanned`, the offset after the closing quote), or undefined.
 */
function quoted(source: Source, from: number, e: number): string | undefined {
  const src = source.bytes;
  const q = src[from];
  let value = '';
  // The characters from `run` on are copied as they are, up to the next quote or escape.
  let run = from + 1;
  for (let k = run; k < e; k++) {
    const ch = src[k];
    if (ch === q) {
      if (q === 39 && src[k + 1] === 39) {
        value += source.text(run, k + 1); // '' is one '
        run = ++k + 1;
        continue;
      }
      scanned = k + 1;
      return value + source.text(run, k);
    }
    if (q === 34 && ch === 92 /* \ */) {
      value += source.text(run, k);
      const esc = src[k + 1] ?? 0;
      if (esc === 117 /* u */) {
        const hex = source.text(k + 2, Math.min(k + 6, e));
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
        const code = parseInt(hex, 16);
        if (code >= 0xd800 && code <= 0xdfff) return undefined;
        value += String.fromCharCode(code);
        k += 5;
      } else {
        const to = ESCAPES[esc];
        if (to === undefined || k + 1 >= e) return undefined;
        value += to;
        k++;
      }
      run = k + 1;
    }
  }
  return undefined;
}

/** A one-line `[a, 'b', c]` of scalars starting at `from`, before the line's end `e` (and in `scanned`, the offset after `]`), or undefined. */
/**
 * The items of the flow list being read: one list reused (flow lists do not nest here), and each
 * value copied out at its exact length. A list grown by push took room for 17 items, about 200
 * bytes for a bank's typical one or two; four lists a question made them a fifth of what reading
 * a bank allocated.
 */
const items: unknown[] = [];

function flowList(source: Source, from: number, e: number): unknown[] | undefined {
  const src = source.bytes;
  let n = 0;
  let k = from + 1;
  for (;;) {
    while (src[k] === 32) k++;
    if (k >= e) return undefined;
    let c = src[k];
    if (c === 93 /* ] */) {
      scanned = k + 1;
      return items.slice(0, n);
    }
    let item: unknown;
    if (c === 39 || c === 34) {
      item = quoted(source, k, e);
      if (item === undefined) return undefined;
      k = scanned;
    } else {
      let end = k;
      for (c = src[end]; c !== 44 /* , */ && c !== 93 /* ] */; c = src[++end]) {
        // The end of the line, or `#`, `[`, `{`, `}` inside an item: left to js-yaml.
        if (end >= e || c === 35 || c === 91 || c === 123 || c === 125) return undefined;
      }
      let last = end;
      while (last > k && src[last - 1] === 32) last--;
      if (last === k) return undefined;
      const plain = source.text(k, last);
      // `a: b` or `a:` in a flow list is a mapping, to js-yaml.
      if (plain.includes(': ') || plain.endsWith(':')) return undefined;
      item = plainScalar(plain);
      if (item === NO) return undefined;
      k = end;
    }
    items[n++] = item;
    while (src[k] === 32) k++;
    if (k >= e) return undefined;
    if (src[k] === 44) k++;
    else if (src[k] !== 93) return undefined;
  }
}

/**
 * A plain scalar written from `from` to the line's end `e`, where it may be followed by a comment
 * (` #...`). NO when it holds `: ` or ends in `:` (YAML reads a mapping there).
 */
function plainLine(source: Source, from: number, e: number): unknown {
  const src = source.bytes;
  let stop = e;
  for (let k = from; k < e; k++) {
    const c = src[k];
    if (c === 32) {
      if (src[k + 1] === 35 /* # */) {
        stop = k;
        break;
      }
    } else if (c === 58 /* : */ && (k + 1 === e || src[k + 1] === 32)) return NO;
  }
  while (src[stop - 1] === 32) stop--;
  return plainScalar(source.text(from, stop));
}

/** A plain scalar's value (a non-empty text with no `: ` or comment in it): a string, a plain integer, true, false or null; NO for anything subtler. */
function plainScalar(text: string): unknown {
  const c = text.charCodeAt(0);
  // Most scalars start with a letter and are longer than any word a schema reads: only strings.
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  if (letter && text.length > 5) return text;
  if (INDICATOR.test(text) || c === 39 || c === 34 || c === 91) return NO;
  if (INT.test(text)) return Number(text);
  if (NUMBER_LIKE.test(text)) return NO;
  if (WORD_LIKE.test(text)) {
    if (text === 'true') return true;
    if (text === 'false') return false;
    if (text === 'null' || text === '~') return null;
    return NO;
  }
  return text;
}
