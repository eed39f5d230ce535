import type { Catalog } from '../core/bank/catalog.js';
import { findQuestion, topicCounts } from '../core/bank/catalog.js';
import { CATEGORIES, DIFFICULTY_NAMES, type Question } from '../core/bank/schema.js';
import { BankError, EXIT } from '../core/errors.js';
import { displayPath, validateBanks } from '../storage/bank-files.js';
import { sanitise, sanitiseLine } from '../ui/sanitise.js';
import { plural, table, wrap } from '../ui/table.js';
import type { Theme } from '../ui/theme.js';
import type { Context } from './context.js';

interface JsonOpt {
  json?: boolean;
}

export interface BankFileSummary {
  file: string;
  kind: string;
  category: string;
  questions: number;
  topics: string[];
}

export function summariseFiles(catalog: Catalog, cwd: string): BankFileSummary[] {
  return catalog.files.map((f) => {
    const file = displayPath(f.file, cwd);
    if (f.kind === 'questions') {
      const cats = [...new Set(f.questions.map((q) => q.category))];
      return { file, kind: 'questions', category: cats.join(', ') || '-', questions: f.questions.length, topics: [...topicCounts(f.questions).keys()] };
    }
    if (f.kind === 'glossary') return { file, kind: 'glossary', category: 'glossary', questions: 0, topics: [] };
    if (f.kind === 'ask_the_interviewer') return { file, kind: 'ask_the_interviewer', category: 'ask the interviewer', questions: f.asks.length, topics: [] };
    return { file, kind: 'invalid', category: '-', questions: 0, topics: [] };
  });
}

export async function banksList(ctx: Context, opts: JsonOpt): Promise<number> {
  const catalog = await ctx.catalog();
  const files = summariseFiles(catalog, ctx.cwd);
  if (opts.json) {
    ctx.out(JSON.stringify({ files, total: catalog.questions.length, categories: countBy(catalog.questions, (q) => q.category) }, null, 2) + '\n');
    return EXIT.ok;
  }
  const cols = ctx.io.stdout.columns ?? 100;
  const rows = files.map((f) => [f.file, f.category, String(f.questions), f.topics.map(sanitiseLine).join(', ')]);
  const counts = countBy(catalog.questions, (q) => q.category);
  const cats = CATEGORIES.filter((c) => counts[c]).map((c) => `${c} ${counts[c]}`);
  ctx.out([
    ...table(['file', 'category', 'questions', 'topics'], rows, cols, ctx.theme.c.bold),
    `${catalog.questions.length} questions (${cats.join(', ')}), ${topicCounts(catalog.questions).size} topics, ${catalog.asks.length} questions to ask the interviewer`,
  ]);
  return EXIT.ok;
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}

export async function banksValidate(ctx: Context, opts: JsonOpt, args: string[]): Promise<number> {
  const paths = args.length ? args : ctx.bankPaths();
  const v = await validateBanks(paths, ctx.cwd);
  if (opts.json) {
    ctx.out(JSON.stringify({ ok: v.issues.length === 0, files: v.files, questions: v.questions, issues: v.issues }, null, 2) + '\n');
    return v.issues.length ? EXIT.usage : EXIT.ok;
  }
  if (v.issues.length) throw new BankError(v.issues);
  ctx.out(`${ctx.theme.c.green('✓')} ${plural(v.files, 'file')}, ${plural(v.questions, 'question')}: no problems found`);
  return EXIT.ok;
}

export async function banksShow(ctx: Context, opts: JsonOpt, args: string[]): Promise<number> {
  const q = findQuestion(await ctx.catalog(), args[0]!);
  if (opts.json) {
    ctx.out(JSON.stringify(q, null, 2) + '\n');
    return EXIT.ok;
  }
  ctx.out(renderQuestion(q, ctx.theme, Math.min(ctx.io.stdout.columns ?? 80, 100), ctx.cwd));
  return EXIT.ok;
}

/** A question in full, as lines; every bank string goes through the sanitiser. */
export function renderQuestion(q: Question, theme: Theme, cols: number, cwd: string): string[] {
  const { c } = theme;
  const s = sanitise;
  const mins = `${Math.floor(q.timeLimit / 60)}:${String(q.timeLimit % 60).padStart(2, '0')}`;
  const list = (title: string, items: string[]) => (items.length ? ['', c.bold(title), ...items.flatMap((i) => wrap(s(i), cols, '  • ', '    '))] : []);
  return [
    `${c.bold(q.id)}  ${c.dim(`${q.category} · ${DIFFICULTY_NAMES[q.difficulty]} · ${mins} · ${q.topics.map(sanitiseLine).join(', ')}`)}`,
    c.dim(`${displayPath(q.source.file, cwd)}:${q.source.line}`),
    '',
    ...wrap(s(q.prompt), cols),
    ...(q.ungraded
      ? ['', c.dim('(ungraded practice prompt: no key points)')]
      : ['', c.bold('Key points'), ...q.keyPoints.flatMap((k, i) => [
          ...wrap(`${s(k.point)}${k.weight !== 1 ? ` (weight ${k.weight})` : ''}`, cols, `  ${i + 1}. `, '     '),
          ...(k.accept.length ? wrap(c.dim(`accepts: ${k.accept.map(sanitiseLine).join('; ')}`), cols, '     ') : []),
        ])]),
    ...(q.modelAnswer ? ['', c.bold('Model answer'), ...wrap(s(q.modelAnswer), cols, '  ')] : []),
    ...list('Hints', q.hints),
    ...list('Follow-ups', q.followUps),
    ...list('References', q.references),
  ];
}
