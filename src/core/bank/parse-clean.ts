import * as check from './check-file.generated.js';
import { idOnlyQuestion, toAsks, toGroups, toQuestion } from './normalise.js';
import type { ParsedFile } from './parse.js';
import type { ItemPositions } from './simple-yaml.js';
import { FILE_KIND_KEYS, type AskQuestion, type Question, type RawBank, type RawGlossary } from './schema.js';

/** How a valid question is kept: in full, or (`banks validate`) by its id and place alone. */
export type Keep = 'questions' | 'ids';

const ID_LINES = /^([ \t]*(?:-[ \t]+)?)id:[ \t]*["']?([a-z0-9-]+)["']?[ \t]*(?:#.*)?$/gm;

/**
 * The fast path for a clean file, with `load` reading the YAML (the simple reader, or js-yaml):
 * both read large banks many times faster than the yaml package's document model. They give no
 * source positions beyond where the simple reader saw each question start, so this answers only
 * when the file loads and validates cleanly and every question's place is known (from the reader,
 * or else a line scan for its `id:`); for anything else (errors to locate, anchors, unusual
 * layouts) it gives undefined and `parseBankText` takes the located path.
 * Validity is decided by the check compiled from the schema, so neither zod nor a YAML library
 * is loaded for a clean file (kept apart from `parse.ts` for that).
 */
export function parseCleanBank(text: string, file: string, load: (text: string, positions: ItemPositions) => unknown, keep: Keep = 'questions'): ParsedFile | undefined {
  let data: unknown;
  const positions: ItemPositions = new Map();
  try {
    data = load(text, positions);
  } catch {
    return undefined;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const keys = Object.keys(data);
  const kind = FILE_KIND_KEYS.find((k) => keys.includes(k));
  if (!kind || !check[kind](data)) return undefined;
  if (kind === 'glossary') return { kind, file, groups: toGroups(data as RawGlossary), issues: [] };
  if (kind === 'ask_the_interviewer') return { kind, file, asks: toAsks((data as { ask_the_interviewer: AskQuestion[] }).ask_the_interviewer), issues: [] };

  const bank = data as RawBank;
  let where: Map<string, { line: number; col: number }> | undefined;
  const questions: Question[] = [];
  for (const [index, q] of bank.questions.entries()) {
    // The reader says where each question starts; a reader that cannot (js-yaml) leaves a scan.
    const pos = positions.get(q) ?? (where ??= idLines(text)).get(q.id);
    if (!pos) return undefined;
    const source = { file, line: pos.line, col: pos.col, index };
    questions.push(keep === 'ids' ? idOnlyQuestion(q.id, source) : toQuestion(q, bank.category, source));
  }
  return { kind, file, questions, issues: [] };
}

/** Where each id is first written, found by a line scan. */
function idLines(text: string): Map<string, { line: number; col: number }> {
  const where = new Map<string, { line: number; col: number }>();
  let line = 1;
  let counted = 0;
  for (const m of text.matchAll(ID_LINES)) {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
    counted = m.index;
    if (!where.has(m[2]!)) where.set(m[2]!, { line, col: m[1]!.length + 1 });
  }
  return where;
}
