/**
 * A reader for the plain YAML that banks are written in: block mappings with simple keys, block
 * sequences (also at their key's indentation), one-line plain, quoted and flow-list scalars, and
 * literal or folded block scalars. It reads a 1,000-question bank several times faster than
 * js-yaml, whose event stream and construction were most of `banks validate` (issue 2).
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
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t' };

/** Where a mapping written as a sequence item (`- key: ...`) starts: its first key's line and column. */
export type ItemPositions = Map<object, { line: number; col: number }>;

/**
 * The data of `text` as js-yaml would give it, or undefined when `text` is outside the subset.
 * With `positions`, also records where each mapping that is a sequence item starts (a bank's
 * questions), which saves the caller scanning the text for them.
 */
export function readSimpleYaml(text: string, positions?: ItemPositions): unknown {
  if (text.includes('\r') || text.includes('\t') || text.charCodeAt(0) === 0xfeff) return undefined;
  // The last line break ends the last line; it does not start an empty one.
  const broken = text.endsWith('\n');
  const body = broken ? text.length - 1 : text.length;
  // Line k runs from starts[k] to starts[k + 1] - 1: offsets, not a string per line, which for a
  // large bank was hundreds of thousands of strings to allocate and collect.
  const starts = [0];
  for (let p = text.indexOf('\n'); p !== -1 && p < body; p = text.indexOf('\n', p + 1)) starts.push(p + 1);
  starts.push(body + 1);
  const reader = new Reader(text, starts, broken, positions);
  const first = reader.next();
  if (first === -1 || reader.indent(first) !== 0) return undefined;
  const value = reader.block(0);
  return value === NO || reader.next() !== -1 ? undefined : value;
}

/**
 * The colon of a simple key (`[A-Za-z_][A-Za-z0-9_-]*`) written at offset `at` of `src` and
 * followed by a space or the end of its line (at `end`), or -1. A scan, not a regular expression:
 * it runs on every line. The line break after a line stops every scan here, as the end would.
 */
function keyColon(src: string, at: number, end: number): number {
  let c = src.charCodeAt(at);
  if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95)) return -1;
  let k = at + 1;
  for (c = src.charCodeAt(k); (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45; c = src.charCodeAt(++k));
  return c === 58 && (k + 1 === end || src.charCodeAt(k + 1) === 32) ? k : -1;
}

class Reader {
  /** The current line. */
  i = 0;
  readonly count: number;
  /** `finalBreak`: the text ends with a line break. */
  constructor(
    readonly src: string,
    readonly starts: readonly number[],
    readonly finalBreak: boolean,
    readonly positions?: ItemPositions,
  ) {
    this.count = starts.length - 1;
  }

  start(k: number): number {
    return this.starts[k]!;
  }

  /** The offset just past line `k` (its line break, or the end of the text). */
  end(k: number): number {
    return this.starts[k + 1]! - 1;
  }

  /** The spaces at the start of line `k`. */
  indent(k: number): number {
    const s = this.starts[k]!;
    let p = s;
    while (this.src.charCodeAt(p) === 32) p++;
    return p - s;
  }

  /** Line `k` is blank, or only a comment. */
  blank(k: number): boolean {
    const p = this.starts[k]! + this.indent(k);
    return p === this.end(k) || this.src.charCodeAt(p) === 35; /* # */
  }

  /** The index of the next line that is not blank or a comment (and moves there), or -1 at the end. */
  next(): number {
    while (this.i < this.count && this.blank(this.i)) this.i++;
    return this.i < this.count ? this.i : -1;
  }

  /** The mapping or sequence whose lines start at column `indent`. */
  block(indent: number): unknown {
    const { src } = this;
    const s = this.start(this.i);
    const e = this.end(this.i);
    if (src.charCodeAt(s + indent) === 45 /* - */ && (e === s + indent + 1 || src.charCodeAt(s + indent + 1) === 32)) return this.sequence(indent);
    return keyColon(src, s + indent, e) !== -1 ? this.mapping(indent) : NO;
  }

  /** A mapping at column `indent`; its first line may be `first`, a `- key: value` line. */
  mapping(indent: number, first = -1): Record<string, unknown> | No {
    const { src } = this;
    const out: Record<string, unknown> = {};
    for (let at = this.next(); at !== -1; at = this.next()) {
      const s = this.start(at);
      const e = this.end(at);
      const ind = at === first ? indent : this.indent(at);
      if (ind < indent) break;
      if (ind > indent) return NO;
      const colon = keyColon(src, s + ind, e);
      if (colon === -1) {
        if (src.charCodeAt(s + ind) === 45 /* - */) break; // a sequence at its parent key's indentation ends here
        return NO;
      }
      const key = src.slice(s + ind, colon);
      if (Object.hasOwn(out, key) || key === '__proto__') return NO;
      let from = colon + 1;
      while (src.charCodeAt(from) === 32) from++;
      const value = this.value(src.slice(from, e), indent, true);
      if (value === NO) return NO;
      out[key] = value;
    }
    return out;
  }

  sequence(indent: number): unknown[] | No {
    const { src } = this;
    const out: unknown[] = [];
    for (let at = this.next(); at !== -1; at = this.next()) {
      const s = this.start(at);
      const e = this.end(at);
      const ind = this.indent(at);
      if (ind < indent) break;
      if (ind > indent) return NO;
      if (src.charCodeAt(s + ind) !== 45 /* - */) break;
      if (s + ind + 1 < e && src.charCodeAt(s + ind + 1) !== 32) return NO;
      let col = ind + 1;
      while (src.charCodeAt(s + col) === 32) col++;
      let value: unknown;
      if (keyColon(src, s + col, e) !== -1) {
        // `- key: value`: a mapping whose keys line up with this first one.
        const item = this.mapping(col, at);
        if (item !== NO) this.positions?.set(item, { line: at + 1, col: col + 1 });
        value = item;
      } else if (src.charCodeAt(s + col) === 45 && (s + col + 1 === e || src.charCodeAt(s + col + 1) === 32)) {
        return NO;
      } else {
        value = this.value(src.slice(s + col, e), indent, false);
      }
      if (value === NO) return NO;
      out.push(value);
    }
    return out;
  }

  /**
   * The value written after `key: ` or `- ` on the current line (`text`, from its first
   * non-space), reading on when it is a nested block or a block scalar. `parent` is the
   * indentation of the key or the dash.
   */
  value(text: string, parent: number, inMapping: boolean): unknown {
    this.i++;
    const c = text.charCodeAt(0);
    if (text === '' || c === 35 /* # */) {
      const at = this.next();
      if (at === -1) return null;
      const ind = this.indent(at);
      if (ind > parent) return this.block(ind);
      // A sequence may sit at its key's own indentation.
      if (inMapping && ind === parent && this.src.charCodeAt(this.start(at) + ind) === 45 /* - */) return this.sequence(ind);
      return null;
    }
    let value: unknown;
    let after = '';
    if (c === 124 /* | */ || c === 62 /* > */) return this.blockScalar(text, parent);
    if (c === 39 /* ' */ || c === 34 /* " */) {
      const q = quoted(text, 0);
      if (!q) return NO;
      value = q.value;
      after = text.slice(q.end);
    } else if (c === 91 /* [ */) {
      const f = flowList(text);
      if (!f) return NO;
      value = f.value;
      after = text.slice(f.end);
    } else {
      const cut = text.indexOf(' #');
      const plain = (cut === -1 ? text : text.slice(0, cut)).trimEnd();
      value = plainScalar(plain, false);
    }
    if (value === NO || !endsClean(after)) return NO;
    // A more indented line after a one-line scalar continues it: multi-line scalars are left to js-yaml.
    const at = this.next();
    return at !== -1 && this.indent(at) > parent ? NO : value;
  }

  /** `|`, `|-`, `|+`, `>`, `>-` or `>+`, with its lines indented past `parent`. */
  blockScalar(header: string, parent: number): string | No {
    const m = /^([|>])([-+]?)(?: +#.*| *)$/.exec(header);
    if (!m) return NO;
    const lines: string[] = [];
    let indent = -1;
    for (; this.i < this.count; this.i++) {
      const s = this.start(this.i);
      const len = this.end(this.i) - s;
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
      lines.push(this.src.slice(s + indent, s + len));
    }
    // At the end of a file without a final line break, clipping differs: left to js-yaml.
    if (indent === -1 || (this.i === this.count && !this.finalBreak)) return NO;
    let end = lines.length;
    while (end > 0 && lines[end - 1] === '') end--;
    // Trailing blank lines belong to the text (and `+` keeps them); the reader moves back over them.
    const trailing = lines.length - end;
    const body = lines.slice(0, end);
    let text: string;
    if (m[1] === '|') text = body.join('\n');
    else {
      if (body.some((l) => l.charCodeAt(0) === 32)) return NO; // more-indented lines fold differently
      text = '';
      let blank = 0;
      for (const [k, l] of body.entries()) {
        if (l === '') {
          blank++;
          continue;
        }
        text += k === 0 ? l : blank ? '\n'.repeat(blank) + l : ` ${l}`;
        blank = 0;
      }
    }
    if (m[2] === '-') return text;
    if (m[2] === '+') return `${text}\n${'\n'.repeat(trailing)}`;
    return `${text}\n`;
  }
}

/** Nothing after a scalar but spaces and a comment. */
function endsClean(after: string): boolean {
  const t = after.trimStart();
  return t === '' || (t.charCodeAt(0) === 35 && t.length < after.length);
}

/** A one-line quoted scalar starting at `from`: its value and the index after the closing quote. */
function quoted(text: string, from: number): { value: string; end: number } | undefined {
  const q = text[from]!;
  let value = '';
  for (let k = from + 1; k < text.length; k++) {
    const ch = text[k]!;
    if (ch === q) {
      if (q === "'" && text[k + 1] === "'") {
        value += "'";
        k++;
        continue;
      }
      return { value, end: k + 1 };
    }
    if (q === '"' && ch === '\\') {
      const e = text[k + 1]!;
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(k + 2, k + 6))) {
        const code = parseInt(text.slice(k + 2, k + 6), 16);
        if (code >= 0xd800 && code <= 0xdfff) return undefined;
        value += String.fromCharCode(code);
        k += 5;
        continue;
      }
      if (!(e in ESCAPES)) return undefined;
      value += ESCAPES[e];
      k++;
      continue;
    }
    value += ch;
  }
  return undefined;
}

/** A one-line `[a, 'b', c]` of scalars: its value and the index after `]`. */
function flowList(text: string): { value: unknown[]; end: number } | undefined {
  const out: unknown[] = [];
  let k = 1;
  for (;;) {
    while (text.charCodeAt(k) === 32) k++;
    if (text[k] === ']') return { value: out, end: k + 1 };
    let item: unknown;
    if (text[k] === "'" || text[k] === '"') {
      const q = quoted(text, k);
      if (!q) return undefined;
      item = q.value;
      k = q.end;
    } else {
      let e = k;
      for (let c = text.charCodeAt(e); c !== 44 /* , */ && c !== 93 /* ] */; c = text.charCodeAt(++e)) {
        // The end of the line, or `#`, `[`, `{`, `}` inside an item: left to js-yaml.
        if (Number.isNaN(c) || c === 35 || c === 91 || c === 123 || c === 125) return undefined;
      }
      const plain = text.slice(k, e).trimEnd();
      if (plain === '') return undefined;
      item = plainScalar(plain, true);
      if (item === NO) return undefined;
      k = e;
    }
    out.push(item);
    while (text.charCodeAt(k) === 32) k++;
    if (text[k] === ',') k++;
    else if (text[k] !== ']') return undefined;
  }
}

/** A plain scalar's value: a string, a plain integer, true, false or null; NO for anything subtler. */
function plainScalar(text: string, inFlow: boolean): unknown {
  if (text === '') return inFlow ? NO : null;
  if (text.includes(': ') || text.endsWith(':') || text.includes(' #')) return NO;
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
