import { stringify } from 'yaml';
import type { Category } from '../bank/schema.js';
import { deriveQuestion, uniqueId, type ImportedQuestion } from './derive.js';
import { answersFileFor, parseAnki, parseDetails, parseHeadings, parseNumberedPair, parseQa, sniffFormat, type ImportFormat, type SourceItem } from './formats.js';

export { IMPORT_FORMATS, type ImportFormat } from './formats.js';

/** Each imported model answer should score at least this against its own key points (issue 9); lower ones are reported. */
export const SELF_SCORE_MIN = 0.9;

export interface SourceFile {
  /** Path relative to the import source, with `/` separators. */
  path: string;
  text: string;
}

export interface ImportOptions {
  format: ImportFormat;
  category?: Category;
  topics: readonly string[];
  skipUnanswered: boolean;
  /** The `$schema=` reference written in each bank's modeline, relative to the output file. */
  schemaRef: (outPath: string) => string;
  /**
   * Ids the other banks in use already hold, each with the bank file holding it: its output path
   * (relative to the output folder) when that is a file this import may overwrite, else ''.
   * Imported ids avoid them, except those of files this import rewrites, so importing twice gives the same ids.
   */
  reservedIds?: ReadonlyMap<string, string>;
}

export interface ImportWarning {
  file: string;
  line: number;
  message: string;
}

export interface ImportResult {
  outputs: { path: string; text: string; questions: number }[];
  /** Where each imported question came from, by id. */
  origins: Map<string, { file: string; line: number }>;
  summary: {
    filesRead: number;
    imported: number;
    graded: number;
    ungraded: number;
    skipped: Record<string, number>;
    warnings: ImportWarning[];
  };
}

function itemsOf(file: SourceFile, format: ImportFormat, byPath: Map<string, SourceFile>): { items: SourceItem[]; format: string } {
  const chosen = format === 'auto' ? sniffFormat(file.path, file.text) : format;
  switch (chosen) {
    case 'details':
      return { items: parseDetails(file.text), format: chosen };
    case 'qa': {
      const items = parseQa(file.text);
      if (items.length || sniffFormat(file.path, file.text) !== 'numbered') return { items, format: chosen };
      return itemsOf(file, 'auto', byPath);
    }
    case 'anki':
      return { items: parseAnki(file.text), format: chosen };
    case 'numbered': {
      const answers = answersFileFor(file.path);
      return { items: parseNumberedPair(file.text, answers ? byPath.get(answers)?.text : undefined), format: chosen };
    }
    default:
      return { items: parseHeadings(file.text), format: 'headings' };
  }
}

/** The bank file path an import writes for a source file: same place, `.yaml` ending. */
export function outputPathFor(sourcePath: string): string {
  return sourcePath.replace(/\.[^./]+$/, '') + '.yaml';
}

/** The second line of every bank an import writes: it marks a file an import may overwrite. */
const IMPORT_MARKER = '# Imported by sre-drill import-bank from ';

/** True when a bank file's text starts as an import writes it (its marker in the first lines). */
export function isImportedBank(text: string): boolean {
  return text.split('\n', 3).some((l) => l.startsWith(IMPORT_MARKER));
}

/**
 * Turns a collection of Markdown / Anki files into bank files (as text). Pure and deterministic:
 * the same input gives byte-identical output, so importing twice changes nothing.
 */
export function importCollection(files: readonly SourceFile[], opts: ImportOptions): ImportResult {
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
  const byPath = new Map(sorted.map((f) => [f.path, f]));
  // An answers file read as the partner of a numbered questions file is not imported on its own.
  const partners = new Set(
    sorted
      .filter((f) => (opts.format === 'auto' || opts.format === 'qa') && sniffFormat(f.path, f.text) === 'numbered')
      .map((f) => answersFileFor(f.path))
      .filter((p): p is string => Boolean(p && byPath.has(p))),
  );
  const summary: ImportResult['summary'] = { filesRead: 0, imported: 0, graded: 0, ungraded: 0, skipped: {}, warnings: [] };
  const banks: { file: SourceFile; out: string; questions: { q: ImportedQuestion; line: number }[] }[] = [];
  const outPaths = new Set<string>();
  for (const file of sorted) {
    summary.filesRead++;
    if (partners.has(file.path)) continue;
    const { items } = itemsOf(file, opts.format, byPath);
    if (items.length === 0) {
      summary.warnings.push({ file: file.path, line: 1, message: 'no questions found' });
      continue;
    }
    const questions: { q: ImportedQuestion; line: number }[] = [];
    for (const item of items) {
      const d = deriveQuestion(item, file.path, { category: opts.category, topics: opts.topics, skipUnanswered: opts.skipUnanswered });
      if (d.kind === 'skipped') {
        summary.skipped[d.reason] = (summary.skipped[d.reason] ?? 0) + 1;
        summary.warnings.push({ file: file.path, line: item.line, message: `skipped: ${d.reason}` });
        continue;
      }
      questions.push({ q: d.question, line: item.line });
      summary.imported++;
      if (d.graded) summary.graded++;
      else summary.ungraded++;
    }
    if (questions.length === 0) continue;
    // a.md and a.txt side by side would both become a.yaml: the second keeps its ending (a.txt.yaml).
    let out = outputPathFor(file.path);
    if (outPaths.has(out)) out = `${file.path}.yaml`;
    outPaths.add(out);
    banks.push({ file, out, questions });
  }
  // Ids are given once every output is known: an id held by a bank this import rewrites is free.
  const usedIds = new Set<string>();
  const reserved = opts.reservedIds ?? new Map<string, string>();
  const taken = (id: string) => {
    if (usedIds.has(id)) return true;
    const holder = reserved.get(id);
    return holder !== undefined && !outPaths.has(holder);
  };
  const origins: ImportResult['origins'] = new Map();
  const outputs = banks.map(({ file, out, questions }) => {
    for (const { q, line } of questions) {
      q.id = uniqueId(q.id, taken);
      usedIds.add(q.id);
      origins.set(q.id, { file: file.path, line });
    }
    const body = stringify({ ...(opts.category ? { category: opts.category } : { category: 'definitions' }), questions: questions.map(({ q: { category: _c, ...q } }) => q) }, { lineWidth: 0, blockQuote: 'literal' });
    return { path: out, text: `# yaml-language-server: $schema=${opts.schemaRef(out)}\n${IMPORT_MARKER}${file.path}\n${body}`, questions: questions.length };
  });
  return { outputs, origins, summary };
}
