import { closeSync, openSync, readFileSync, readSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CATEGORY_ALIASES, type Category } from '../core/bank/schema.js';
import { checkName } from '../core/bank/catalog.js';
import { CATEGORIES } from '../core/bank/schema.js';
import { EXIT, UsageError } from '../core/errors.js';
import { createGrader } from '../core/grading/index.js';
import { importCollection, IMPORT_FORMATS, isImportedBank, SELF_SCORE_MIN, type ImportFormat, type ImportResult, type SourceFile } from '../core/import/index.js';
import { displayPath, graderInput, loadCatalogLazily, walkFiles } from '../storage/bank-files.js';
import { builtinBanksDir } from '../storage/paths.js';
import { sanitise } from '../ui/sanitise.js';
import type { Catalog } from '../core/bank/catalog.js';
import type { Question } from '../core/bank/schema.js';
import type { Context } from './context.js';
import { formatIssue } from '../core/errors.js';
import { makeDirs } from '../storage/dirs.js';

export interface ImportBankOptions {
  out?: string;
  format: string;
  category?: string;
  topic?: string[];
  skipUnanswered?: boolean;
  /** Overwrite existing files in --out that an import did not write (never a source file). */
  force?: boolean;
  json?: boolean;
}

const SOURCE_EXT = new Set(['.md', '.markdown', '.txt', '.tsv', '.html', '.htm']);
/** Larger source files are skipped with a warning. */
const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

function readSources(source: string): { root: string; files: SourceFile[]; paths: string[]; warnings: string[] } {
  const warnings: string[] = [];
  let st;
  try {
    st = statSync(source);
  } catch {
    throw new UsageError(`${source}: no such file or folder`);
  }
  const root = st.isDirectory() ? source : dirname(source);
  const paths = st.isDirectory() ? walkFiles(source, SOURCE_EXT) : [source];
  // A single questions file brings its answers file along (mock_1_questions.md + mock_1_answers.md).
  if (!st.isDirectory() && /questions/i.test(source)) {
    const partner = source.replace(/questions/i, (m) => (m[0] === 'Q' ? 'Answers' : 'answers'));
    try {
      if (statSync(partner).isFile()) paths.push(partner);
    } catch {
      /* no answers file: questions import as ungraded */
    }
  }
  const files: SourceFile[] = [];
  for (const p of paths) {
    const rel = relative(root, p).split(sep).join('/');
    const size = statSync(p).size;
    if (size > MAX_SOURCE_BYTES) {
      warnings.push(`${rel}:1  skipped: larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MB`);
      continue;
    }
    const bytes = readFileSync(p);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('utf-8').decode(bytes);
      warnings.push(`${rel}:1  not valid UTF-8: undecodable bytes were replaced`);
    }
    files.push({ path: rel, text: text.replace(/^\uFEFF/, '') });
  }
  return { root, files, paths, warnings };
}

/** The real path of a file that may not exist yet: its nearest existing folder resolved, the rest appended. */
function realPath(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPath(parent), basename(path));
  }
}

/** The first bytes of a file: enough for an imported bank's modeline and marker. */
function head(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1024);
    return buf.toString('utf8', 0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuses, before anything is written, an output that would land on a source file (compared as
 * real paths, so symlinks and `..` do not hide it), and one that would replace a file an import
 * did not write, unless `--force`.
 */
function checkTargets(targets: readonly string[], sources: readonly string[], force: boolean, cwd: string): void {
  const sourceReal = new Set(sources.map(realPath));
  const foreign: string[] = [];
  for (const target of targets) {
    if (sourceReal.has(realPath(target))) throw new UsageError(`refusing to write ${displayPath(target, cwd)}: it is a source file of this import, and the source is never modified (choose another --out)`);
    const st = statSync(target, { throwIfNoEntry: false });
    if (st?.isDirectory()) throw new UsageError(`refusing to write ${displayPath(target, cwd)}: it is a folder`);
    if (st && !force && !isImportedBank(head(target))) foreign.push(displayPath(target, cwd));
  }
  if (foreign.length) throw new UsageError(`refusing to overwrite ${foreign[0]}${foreign.length > 1 ? ` (and ${foreign.length - 1} more)` : ''}: not written by import-bank (pass --force to overwrite)`);
}

/**
 * The ids the banks in use (and the banks already in --out) hold, each with its file's path
 * relative to --out when it is there, else '' (see `ImportOptions.reservedIds`).
 */
async function reservedIds(ctx: Context, outDir: string): Promise<Map<string, string>> {
  // The banks in use are loaded once, by the context; only --out is read here.
  const inUse = (await ctx.catalog()).byId;
  const inOut = statSync(outDir, { throwIfNoEntry: false })?.isDirectory() ? (await loadCatalogLazily([outDir], ctx.cwd)).byId : new Map<string, Question>();
  const outReal = realPath(outDir);
  const holders = new Map<string, string>();
  const holder = (file: string) => {
    let h = holders.get(file);
    if (h === undefined) {
      const rel = relative(outReal, realPath(resolve(ctx.cwd, file)));
      h = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : '';
      holders.set(file, h);
    }
    return h;
  };
  return new Map([...inUse, ...inOut].map(([id, q]) => [id, holder(q.source.file)]));
}

/**
 * Imported questions whose model answer scores under `SELF_SCORE_MIN` against their own key points,
 * graded as `sre-drill --bank OUT grade` would (the built-in glossary included).
 */
async function lowSelfScores(check: Catalog, origins: ImportResult['origins'], cwd: string): Promise<string[]> {
  const grader = createGrader(await graderInput(check, cwd));
  const low: { file: string; line: number; text: string }[] = [];
  for (const q of check.questions) {
    const origin = origins.get(q.id);
    if (q.ungraded || !origin) continue;
    const score = grader.grade(q, q.modelAnswer).score;
    if (score < SELF_SCORE_MIN) low.push({ ...origin, text: `${origin.file}:${origin.line}  "${q.id}": its answer scores ${score.toFixed(2)} against its own key points (under ${SELF_SCORE_MIN}); edit its key points` });
  }
  return low.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line).map((l) => l.text);
}

export async function importBank(ctx: Context, opts: ImportBankOptions, args: string[]): Promise<number> {
  const source = resolve(ctx.cwd, args[0]!);
  if (!opts.out) throw new UsageError('import-bank needs --out DIR: the folder to write bank files to');
  const format = checkName('format', opts.format, IMPORT_FORMATS) as ImportFormat;
  let category: Category | undefined;
  if (opts.category) category = CATEGORY_ALIASES[opts.category] ?? (checkName('category', opts.category, CATEGORIES) as Category);
  const outDir = resolve(ctx.cwd, opts.out);
  if (relative(source, outDir) === '') throw new UsageError('--out must not be the source folder: the source is never modified');

  const { files, paths, warnings } = readSources(source);
  const schemaFile = join(builtinBanksDir(), 'schema.json');
  const result = importCollection(files, {
    format,
    category,
    topics: opts.topic ?? [],
    skipUnanswered: Boolean(opts.skipUnanswered),
    schemaRef: (out) => relative(dirname(join(outDir, out)), schemaFile).split(sep).join('/'),
    reservedIds: await reservedIds(ctx, outDir),
  });
  const written = result.outputs.map((o) => join(outDir, o.path));
  checkTargets(written, paths, Boolean(opts.force), ctx.cwd);
  result.outputs.forEach((o, i) => {
    makeDirs(dirname(written[i]!));
    writeFileSync(written[i]!, o.text);
  });
  const check = written.length ? await loadCatalogLazily(written, ctx.cwd) : undefined;
  const low = check ? await lowSelfScores(check, result.origins, ctx.cwd) : [];
  const s = result.summary;
  const allWarnings = [...warnings, ...s.warnings.map((w) => `${w.file}:${w.line}  ${w.message}`), ...low];
  if (opts.json) {
    ctx.out(`${JSON.stringify({ ...s, warnings: allWarnings, lowSelfScores: low.length, files: result.outputs.map((o) => ({ path: displayPath(join(outDir, o.path), ctx.cwd), questions: o.questions })), issues: check?.issues ?? [] }, null, 2)}\n`);
  } else {
    const skipped = Object.entries(s.skipped);
    ctx.out([
      ...allWarnings.map((w) => ctx.theme.c.yellow(`warning: ${sanitise(w).replace(/\n/g, ' ')}`)),
      `Read ${s.filesRead} file${s.filesRead === 1 ? '' : 's'}; imported ${s.imported} question${s.imported === 1 ? '' : 's'} (${s.graded} graded, ${s.ungraded} ungraded practice prompt${s.ungraded === 1 ? '' : 's'}) into ${result.outputs.length} bank file${result.outputs.length === 1 ? '' : 's'} in ${displayPath(outDir, ctx.cwd)}.`,
      skipped.length ? `Skipped ${skipped.reduce((a, [, n]) => a + n, 0)}: ${skipped.map(([r, n]) => `${n} ${r}`).join(', ')}.` : 'Skipped none.',
      ...(low.length ? [`${low.length} imported question${low.length === 1 ? '' : 's'} score${low.length === 1 ? 's' : ''} under ${SELF_SCORE_MIN} against ${low.length === 1 ? 'its' : 'their'} own key points (warnings above).`] : []),
      ...(result.outputs.length ? [`Try them: sre-drill --bank ${displayPath(outDir, ctx.cwd)} drill`] : []),
    ]);
  }
  if (check?.issues.length) {
    ctx.err(check.issues.map(formatIssue));
    return EXIT.failure;
  }
  return EXIT.ok;
}
