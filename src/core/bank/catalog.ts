import { UsageError, type Issue } from '../errors.js';
import { didYouMean } from '../suggest.js';
import type { ParsedFile } from './parse.js';
import { compareSlugs, type AskQuestion, type Category, type Question } from './schema.js';

/** Everything loaded from the banks in use. */
export interface Catalog {
  questions: Question[];
  byId: ReadonlyMap<string, Question>;
  /** Groups of equivalent phrases from every glossary file. */
  glossary: string[][];
  asks: AskQuestion[];
  files: ParsedFile[];
  issues: Issue[];
}

/** Joins parsed files into one catalog, reporting duplicate ids with both locations. */
export function buildCatalog(files: ParsedFile[]): Catalog {
  const issues: Issue[] = files.flatMap((f) => f.issues);
  const byId = new Map<string, Question>();
  const questions: Question[] = [];
  const glossary: string[][] = [];
  const asks: AskQuestion[] = [];
  const askIds = new Set<string>();
  for (const f of files) {
    if (f.kind === 'questions') {
      for (const q of f.questions) {
        const first = byId.get(q.id);
        if (first) {
          issues.push({
            file: q.source.file,
            line: q.source.line,
            col: q.source.col,
            path: `questions[${q.source.index}].id`,
            message: `duplicate id "${q.id}": already used at ${first.source.file}:${first.source.line}`,
          });
          continue;
        }
        byId.set(q.id, q);
        if (!(f.issues.length && q.ungraded && q.prompt === '')) questions.push(q);
      }
    } else if (f.kind === 'glossary') {
      glossary.push(...f.groups);
    } else if (f.kind === 'ask_the_interviewer') {
      for (const a of f.asks) {
        if (askIds.has(a.id)) {
          issues.push({ file: f.file, line: 1, col: 1, path: 'ask_the_interviewer', message: `duplicate id "${a.id}"` });
          continue;
        }
        askIds.add(a.id);
        asks.push(a);
      }
    }
  }
  issues.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
  return { questions, byId, glossary, asks, files, issues };
}

/** The question with this id, or a usage error naming the closest ids. */
export function findQuestion(catalog: Catalog, id: string): Question {
  const q = catalog.byId.get(id);
  if (q) return q;
  throw new UsageError(`no question with id "${id}"${didYouMean(id, [...catalog.byId.keys()])}`);
}

/** Every topic in the catalog with its question count, most used first. */
export function topicCounts(questions: readonly Question[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const q of questions) for (const t of q.topics) counts.set(t, (counts.get(t) ?? 0) + 1);
  return new Map([...counts].sort((a, b) => b[1] - a[1] || compareSlugs(a[0], b[0])));
}

/** Checks a topic or category given on the command line, suggesting the closest known one. */
export function checkName(kind: string, value: string, known: readonly string[]): string {
  if (known.includes(value)) return value;
  throw new UsageError(`unknown ${kind} "${value}"${didYouMean(value, known)}`);
}

export type { Category };
