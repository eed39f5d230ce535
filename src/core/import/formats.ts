import { decodeEntities, inlineText, markdownToText, stripHtml } from './markdown.js';

/** What a source format yields: a question, its answer (may be empty) and where it was found. */
export interface SourceItem {
  question: string;
  answer: string;
  /** 1-based line of the question in the source file. */
  line: number;
  /** Topic words found around the question, most specific first: enclosing headings (nearest first), Anki tags. */
  topics: string[];
}

export const IMPORT_FORMATS = ['auto', 'details', 'headings', 'qa', 'anki'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const lineAt = (text: string, index: number) => {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

/**
 * `<details><summary>Question</summary> answer </details>`, with the variants interview
 * repositories use: `<b>` wrappers, `<br>` after the summary, `</details></br>`, empty answers.
 * Headings above a block become its topics.
 */
export function parseDetails(text: string): SourceItem[] {
  const items: SourceItem[] = [];
  const re = /<details\b[^>]*>\s*<summary\b[^>]*>([\s\S]*?)<\/summary>([\s\S]*?)<\/details\s*>/gi;
  const headings = headingsIndex(text);
  for (const m of text.matchAll(re)) {
    const question = inlineText(stripHtml(m[1]!));
    if (!question) continue;
    const answer = markdownToText(m[2]!);
    items.push({ question, answer, line: lineAt(text, m.index), topics: headings(m.index) });
  }
  return items;
}

/** For each offset, the text of the headings that enclose it, nearest first. */
function headingsIndex(text: string): (offset: number) => string[] {
  const marks: { at: number; level: number; title: string }[] = [];
  for (const m of text.matchAll(/^(#{1,6})\s+(.+?)\s*#*\s*$/gm)) marks.push({ at: m.index, level: m[1]!.length, title: inlineText(m[2]!) });
  return (offset) => {
    const stack: { level: number; title: string }[] = [];
    for (const h of marks) {
      if (h.at > offset) break;
      while (stack.length && stack[stack.length - 1]!.level >= h.level) stack.pop();
      stack.push(h);
    }
    return stack.map((h) => h.title).reverse();
  };
}

/**
 * A heading per question with the answer below it. A heading is a question when it ends with `?`,
 * or when it has text under it and no sub-headings; the headings above it become topics.
 */
export function parseHeadings(text: string): SourceItem[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const heads: { line: number; level: number; title: string }[] = [];
  let fence = false;
  lines.forEach((l, i) => {
    if (/^\s*(```|~~~)/.test(l)) fence = !fence;
    const m = !fence && /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(l);
    if (m) heads.push({ line: i, level: m[1]!.length, title: inlineText(m[2]!) });
  });
  const items: SourceItem[] = [];
  heads.forEach((h, n) => {
    const next = heads[n + 1];
    const body = lines.slice(h.line + 1, next ? next.line : lines.length).join('\n');
    const hasChild = next !== undefined && next.level > h.level;
    const isQuestion = h.title.endsWith('?') || (!hasChild && body.trim() !== '');
    if (!isQuestion) return;
    const parents: string[] = [];
    for (let k = n - 1, level = h.level; k >= 0; k--) {
      if (heads[k]!.level < level) {
        parents.push(heads[k]!.title);
        level = heads[k]!.level;
      }
    }
    items.push({ question: h.title, answer: markdownToText(body), line: h.line + 1, topics: parents });
  });
  return items;
}

const Q_LINE = /^\s*(?:[*_]{0,2})(?:Q|Question)\s*(?:\d+)?\s*[:.)](?:[*_]{0,2})\s*(.*)$/i;
const A_LINE = /^\s*(?:[*_]{0,2})(?:A|Answer)\s*(?:\d+)?\s*[:.)](?:[*_]{0,2})\s*(.*)$/i;

/** `Q:` / `A:` pairs (also `Question:` / `Answer:`, bold or numbered); answers run to the next `Q:`. */
export function parseQa(text: string): SourceItem[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const headings = headingsIndex(text);
  const offsets: number[] = [];
  lines.reduce((at, l) => (offsets.push(at), at + l.length + 1), 0);
  const items: SourceItem[] = [];
  let current: { q: string[]; a: string[]; line: number; inAnswer: boolean } | undefined;
  const flush = () => {
    if (current) items.push({ question: inlineText(current.q.join(' ')), answer: markdownToText(current.a.join('\n')), line: current.line + 1, topics: headings(offsets[current.line]!) });
  };
  lines.forEach((l, i) => {
    const q = Q_LINE.exec(l);
    const a = A_LINE.exec(l);
    if (q) {
      flush();
      current = { q: [q[1]!], a: [], line: i, inAnswer: false };
    } else if (a && current) {
      current.inAnswer = true;
      current.a.push(a[1]!);
    } else if (current) {
      if (/^\s{0,3}#{1,6}\s/.test(l)) {
        flush();
        current = undefined;
      } else if (current.inAnswer) current.a.push(l);
      else if (l.trim()) current.q.push(l);
    }
  });
  flush();
  return items.filter((i) => i.question);
}

/** Numbered items (`1. text` or `1) text`) and what follows each up to the next number. */
export function numberedItems(text: string): Map<number, { text: string; line: number }> {
  const out = new Map<number, { text: string; line: number }>();
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let cur: { n: number; lines: string[]; line: number } | undefined;
  const flush = () => cur && out.set(cur.n, { text: cur.lines.join('\n'), line: cur.line });
  lines.forEach((l, i) => {
    const m = /^\s{0,3}(?:#{1,6}\s*)?(?:\*\*)?(\d+)[.)](?:\*\*)?\s+(.*)$/.exec(l);
    if (m && !out.has(Number(m[1])) && (!cur || Number(m[1]) !== cur.n)) {
      flush();
      cur = { n: Number(m[1]), lines: [m[2]!], line: i + 1 };
    } else if (cur) cur.lines.push(l);
  });
  flush();
  return out;
}

/** A numbered questions file paired with its answers file (`mock_N_questions.md` + `mock_N_answers.md`). */
export function parseNumberedPair(questions: string, answers: string | undefined): SourceItem[] {
  const qs = numberedItems(questions);
  const as = answers ? numberedItems(answers) : new Map<number, { text: string; line: number }>();
  return [...qs].map(([n, q]) => ({ question: inlineText(q.text.split(/\n\s*\n/)[0]!), answer: markdownToText(as.get(n)?.text ?? ''), line: q.line, topics: [] }));
}

/** The answers file that goes with a numbered questions file, by name; undefined when the name has no `questions`. */
export function answersFileFor(questionsFile: string): string | undefined {
  return /questions/i.test(questionsFile) ? questionsFile.replace(/questions/i, (m) => (m === 'QUESTIONS' ? 'ANSWERS' : m[0] === 'Q' ? 'Answers' : 'answers')) : undefined;
}

/** Splits one line of an Anki export, honouring "quoted" fields with doubled quotes and embedded separators. */
function splitRecords(text: string, sep: string): { fields: string[]; line: number }[] {
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      fields.push(field);
      field = '';
    } else if (ch === '\n') {
      fields.push(field);
      records.push({ fields, line: start });
      fields = [];
      field = '';
      line++;
      start = line;
    } else if (ch !== '\r') field += ch;
  }
  if (field !== '' || fields.length) {
    fields.push(field);
    records.push({ fields, line: start });
  }
  return records;
}

/** Anki's `#separator:` names; the character itself is accepted too. */
const ANKI_SEPARATORS: Record<string, string> = { comma: ',', semicolon: ';', tab: '\t', space: ' ', pipe: '|', colon: ':' };

interface AnkiHeader {
  sep: string;
  html: boolean;
  /** 0-based columns holding the note's GUID, notetype, deck and tags, when the header names them. */
  columns: { guid?: number; notetype?: number; deck?: number; tags?: number };
  /** `#tags:` (or a first line `tags:`): tags for every note. */
  tags: string[];
  /** `#deck:`: the deck of every note. */
  deck?: string;
  /** Header lines before the notes. */
  lines: number;
}

/**
 * The header Anki writes and reads (Anki manual, "Importing text files": file headers): leading
 * lines starting with `#` (`#key:value`, or a comment), and a first line `tags:`.
 */
function ankiHeader(lines: readonly string[]): AnkiHeader {
  const header: AnkiHeader = { sep: '\t', html: true, columns: {}, tags: [], lines: 0 };
  for (const [i, l] of lines.entries()) {
    const first = i === 0 && /^tags:/i.exec(l);
    if (!first && !l.startsWith('#')) break;
    header.lines++;
    const colon = l.indexOf(':');
    if (colon === -1) continue;
    const key = l.slice(first ? 0 : 1, colon).trim().toLowerCase();
    const raw = l.slice(colon + 1);
    const value = raw.trim();
    const column = /^\d+$/.test(value) && Number(value) >= 1 ? Number(value) - 1 : undefined;
    if (key === 'separator') header.sep = ANKI_SEPARATORS[value.toLowerCase()] ?? (raw.length === 1 ? raw : header.sep);
    else if (key === 'html' && /^(true|false)$/i.test(value)) header.html = value.toLowerCase() === 'true';
    else if (key === 'tags') header.tags = value.split(/\s+/).filter(Boolean);
    else if (key === 'deck') header.deck = value;
    else if (/^(guid|notetype|deck|tags) column$/.test(key) && column !== undefined) header.columns[key.split(' ')[0] as keyof AnkiHeader['columns']] = column;
  }
  return header;
}

/** Deck `SRE::Kubernetes::Probes` as topic words, most specific first (Anki's catch-all `Default` left out). */
const deckTopics = (deck: string) => deck.split('::').map((d) => d.trim()).filter((d) => d && d.toLowerCase() !== 'default').reverse();
const tagTopics = (tags: string) => tags.split(/\s+/).filter(Boolean).flatMap((t) => t.split('::'));

/**
 * An Anki notes export (File → Export → Notes in Plain Text), honouring its header: `#separator`,
 * `#html`, `#tags`, `#deck`, and the `#guid`, `#notetype`, `#deck` and `#tags column` lines of
 * Anki 2.1.50+ exports. The first field column is the question, the others the answer; the deck and
 * tags give topics. Fields may be double-quoted with newlines, separators and doubled quotes inside.
 */
export function parseAnki(text: string): SourceItem[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const header = ankiHeader(lines);
  const { columns } = header;
  // Without column headers (older exports), a third column or later is the tags.
  const legacyTags = Object.keys(columns).length === 0;
  const meta = new Set(Object.values(columns));
  const clean = (s: string) => (header.html ? markdownToText(decodeEntities(stripHtml(s.replace(/<\/?(div|p)\b[^>]*>/gi, '\n')))) : s.trim());
  return splitRecords(lines.slice(header.lines).join('\n'), header.sep)
    .filter((r) => r.fields.some((f) => f.trim()))
    .map((r) => {
      const tagIdx = columns.tags ?? (legacyTags && r.fields.length >= 3 ? r.fields.length - 1 : -1);
      const content = r.fields.filter((_, i) => i !== tagIdx && !meta.has(i));
      const deck = columns.deck !== undefined ? r.fields[columns.deck] : header.deck;
      return {
        question: inlineText(clean(content[0] ?? '')),
        answer: clean(content.slice(1).filter((f) => f.trim()).join('\n\n')),
        line: r.line + header.lines,
        topics: [...tagTopics(r.fields[tagIdx] ?? ''), ...header.tags.flatMap(tagTopics), ...deckTopics(deck ?? '')],
      };
    })
    .filter((i) => i.question);
}

/** Guesses the format of one file from its name and content. */
export function sniffFormat(fileName: string, text: string): Exclude<ImportFormat, 'auto'> | 'numbered' {
  if (/\.(txt|tsv)$/i.test(fileName) && (/^#separator:/im.test(text) || /^[^\n\t]+\t[^\n]+/m.test(text)) && !/^#{1,6}\s/m.test(text)) return 'anki';
  if (/<details\b/i.test(text) && /<summary\b/i.test(text)) return 'details';
  const qa = (text.match(/^\s*(?:[*_]{0,2})(?:Q|Question)\s*\d*\s*[:.)]/gim) ?? []).length;
  if (qa >= 1 && (text.match(/^\s*(?:[*_]{0,2})(?:A|Answer)\s*\d*\s*[:.)]/gim) ?? []).length >= 1) return 'qa';
  if (/questions/i.test(fileName) && numberedItems(text).size >= 2) return 'numbered';
  return 'headings';
}
