import { CORE_SCHEMA, load as fastLoad } from 'js-yaml';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import type { Issue } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { idOnlyQuestion, toAsks, toGroups, toQuestion } from './normalise.js';
import { parseCleanBank } from './parse-clean.js';
import { readSimpleYaml } from './simple-yaml.js';
import { FILE_KIND_KEYS, type AskQuestion, type FileKind, type Question, type RawBank, type RawGlossary } from './schema.js';
import { FILE_KINDS } from './validation.js';

/** YAML aliases allowed in one file: enough for any real bank, far too few for an alias bomb. */
export const MAX_ALIASES = 100;

export type ParsedFile =
  | { kind: 'questions'; file: string; questions: Question[]; issues: Issue[] }
  | { kind: 'glossary'; file: string; groups: string[][]; issues: Issue[] }
  | { kind: 'ask_the_interviewer'; file: string; asks: AskQuestion[]; issues: Issue[] }
  | { kind: 'invalid'; file: string; issues: Issue[] };

type Path = ReadonlyArray<PropertyKey>;

/** `questions[3].key_points` from `['questions', 3, 'key_points']`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

class Locator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    readonly file: string,
  ) {}

  pos(offset: number): { line: number; col: number } {
    const p = this.lines.linePos(offset);
    return { line: p.line, col: p.col };
  }

  /** The node at `path`, or the deepest ancestor that exists. */
  node(path: Path): Node | undefined {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n) as unknown[], true) as Node | undefined;
      if (node && (node as Node).range) return node;
    }
    return this.doc.contents ?? undefined;
  }

  lineCol(node: Node | undefined): { line: number; col: number } {
    return node?.range ? this.pos(node.range[0]) : { line: 1, col: 1 };
  }

  has(path: Path): boolean {
    return this.doc.hasIn(path as unknown[]);
  }

  /** The key node of `key` inside the mapping at `path`. */
  keyNode(path: Path, key: string): Node | undefined {
    const map = this.doc.getIn(path as unknown[], true);
    if (!isMap(map)) return undefined;
    for (const pair of map.items) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === key) return pair.key;
    }
    return undefined;
  }

  issueAt(node: Node | undefined, path: Path, message: string): Issue {
    const { line, col } = node?.range ? this.pos(node.range[0]) : { line: 1, col: 1 };
    return { file: this.file, line, col, path: formatPath(path), message };
  }
}

function zodIssues(error: z.ZodError, loc: Locator, allowedKeys: (path: Path) => string[]): Issue[] {
  const out: Issue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = allowedKeys(issue.path);
      for (const key of issue.keys) {
        out.push(loc.issueAt(loc.keyNode(issue.path, key) ?? loc.node(issue.path), [...issue.path, key], `unknown field${didYouMean(key, known, 1)}`));
      }
      continue;
    }
    if (issue.code === 'invalid_union') {
      // Report the branch that got furthest: a key point given as an object says which of its fields is wrong.
      const branches = issue.errors.filter((b) => b.length > 0);
      const best = branches.sort((a, b) => depth(b) - depth(a))[0];
      if (best && depth(best) > 0) {
        out.push(...zodIssues({ issues: best.map((i) => ({ ...i, path: [...issue.path, ...i.path] })) } as z.ZodError, loc, allowedKeys));
        continue;
      }
    }
    const node = loc.node(issue.path);
    let message = issue.message;
    if (issue.code === 'invalid_type' && !loc.has(issue.path)) message = 'is required';
    out.push(loc.issueAt(node, issue.path, message));
  }
  return out;
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}

const QUESTION_KEYS = ['id', 'category', 'prompt', 'topics', 'difficulty', 'time_limit', 'key_points', 'model_answer', 'ungraded', 'hints', 'follow_ups', 'references'];
const KEY_POINT_KEYS = ['point', 'accept', 'weight'];

function allowedKeysFor(kind: FileKind): (path: Path) => string[] {
  return (path) => {
    if (kind === 'questions') {
      if (path.length === 0) return ['category', 'questions'];
      if (path.length === 2) return QUESTION_KEYS;
      if (path[2] === 'key_points') return KEY_POINT_KEYS;
    }
    if (kind === 'glossary') return path.length === 0 ? ['glossary'] : ['terms', 'note'];
    return path.length === 0 ? ['ask_the_interviewer'] : ['id', 'ask', 'why', 'topics'];
  };
}

/**
 * How much of the fast path is left to try on a file: all of it; js-yaml alone, when the simple
 * reader already declined the file; or none, when the file was read and failed the compiled check
 * (js-yaml would read the same data and fail it again).
 */
export type FastPath = 'simple-reader' | 'js-yaml' | 'none';

/**
 * Parses one bank, glossary or ask-the-interviewer file from its text. Never throws: a broken
 * file gives `kind: 'invalid'` or a partial result, with every problem located by line and column.
 * `fast` says what a caller that has already tried the fast path leaves of it.
 */
export function parseBankText(text: string, file: string, fast: FastPath = 'simple-reader'): ParsedFile {
  const invalid = (issues: Issue[]): ParsedFile => ({ kind: 'invalid', file, issues });
  const at = (line: number, col: number, message: string, path = ''): Issue => ({ file, line, col, path, message });

  if (text.trim() === '') return invalid([at(1, 1, 'file is empty: a bank needs a `questions:` list')]);

  const clean = fast === 'none' ? undefined : parseFast(text, file, fast);
  if (clean) return clean;

  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  const loc = new Locator(doc, lines, file);

  const syntax = [...doc.errors, ...doc.warnings.filter((w) => w.code === 'DUPLICATE_KEY')];
  if (syntax.length) {
    return invalid(
      syntax.map((e) => {
        const p = loc.pos(e.pos[0]);
        return at(p.line, p.col, `YAML: ${e.message.split('\n')[0]}`);
      }),
    );
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    return invalid([at(1, 1, `refused: ${(err as Error).message.includes('alias') ? `too many YAML aliases (more than ${MAX_ALIASES}); an alias bomb?` : (err as Error).message}`)]);
  }
  if (data === null || data === undefined) return invalid([at(1, 1, 'file is empty: a bank needs a `questions:` list')]);
  if (typeof data !== 'object' || Array.isArray(data)) {
    return invalid([loc.issueAt(loc.node([]), [], 'top level must be a mapping with a `questions:` list')]);
  }

  const keys = Object.keys(data as object);
  const kind = FILE_KIND_KEYS.find((k) => keys.includes(k));
  if (!kind) {
    const guess = keys.map((k) => didYouMean(k, FILE_KIND_KEYS, 1)).find(Boolean) ?? '';
    return invalid([loc.issueAt(loc.node([]), [], `top level must be a mapping with a \`questions:\` list${guess}`)]);
  }

  const result = FILE_KINDS[kind].safeParse(data);
  const issues = result.success ? [] : zodIssues(result.error, loc, allowedKeysFor(kind));
  if (!result.success) {
    // Keep what is valid so one bad question does not hide the others' duplicate ids.
    if (kind !== 'questions') return invalid(issues);
    return { kind: 'questions', file, questions: salvageQuestions(data as Record<string, unknown>, loc), issues };
  }

  if (kind === 'glossary') {
    return { kind, file, groups: toGroups(result.data as RawGlossary), issues };
  }
  if (kind === 'ask_the_interviewer') {
    return { kind, file, asks: toAsks((result.data as { ask_the_interviewer: AskQuestion[] }).ask_the_interviewer), issues };
  }
  const bank = result.data as RawBank;
  return {
    kind,
    file,
    questions: bank.questions.map((q, i) => toQuestion(q, bank.category, { file, ...loc.lineCol(loc.node(['questions', i])), index: i })),
    issues,
  };
}

// Anchors and aliases send a file down the careful path, which caps alias expansion. (The simple
// reader reads neither.)
const ANCHOR_OR_ALIAS = /(?:^|[\s[{,])[&*][A-Za-z0-9_]/;

/** The fast path: the simple reader, or js-yaml for YAML outside its subset without anchors. */
function parseFast(text: string, file: string, from: 'simple-reader' | 'js-yaml'): ParsedFile | undefined {
  const jsYaml = () => (ANCHOR_OR_ALIAS.test(text) ? undefined : fastLoad(text, { schema: CORE_SCHEMA }));
  return parseCleanBank(Buffer.from(text, 'utf8'), file, from === 'js-yaml' ? jsYaml : (src, sink) => readSimpleYaml(src, sink) ?? jsYaml());
}

/** The ids (with locations) of the questions in a file that failed validation, for duplicate checks. */
function salvageQuestions(data: Record<string, unknown>, loc: Locator): Question[] {
  const list = Array.isArray(data.questions) ? data.questions : [];
  const out: Question[] = [];
  list.forEach((q, i) => {
    if (q && typeof q === 'object' && typeof (q as { id?: unknown }).id === 'string') {
      const node = loc.node(['questions', i]);
      out.push(idOnlyQuestion((q as { id: string }).id, { file: loc.file, ...loc.lineCol(node), index: i }, true));
    }
  });
  return out;
}
