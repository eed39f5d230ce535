import { Command, Option } from 'commander';
import type { Context, ContextInit, GlobalOptions, Io } from './commands/context.js';

/** A command handler: options and arguments in, exit code out. Handlers live in `commands/`. */
export type Handler<O = Record<string, unknown>> = (ctx: Context, opts: O, args: string[]) => Promise<number>;

export interface ProgramInit extends Omit<ContextInit, 'globals'> {
  version: string;
  /** Receives the handler's exit code. */
  setExitCode(code: number): void;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export const EXAMPLES = `
Examples:
  $ sre-drill mock                         a mock interview on the built-in banks
  $ sre-drill drill --topic slo --count 5  five questions on one topic
  $ sre-drill grade sli-slo-sla --answer "An SLI measures ..."
  $ sre-drill banks validate my-bank.yaml  check a bank you wrote
  $ sre-drill --bank ./my-banks banks list use your own banks instead of the built-in ones`;

/**
 * The command line: commands and options only. Each action lazy-imports its handler so that
 * `--version` and `--help` load nothing else.
 */
export function buildProgram(init: ProgramInit): Command {
  const program = new Command('sre-drill');
  // Every command loads the banks in use first and refuses to run on a broken one (exit 2, the
  // located report), except those that must work while a bank is broken: `banks validate` reports
  // the problems itself, and `config` is how a broken bank folder is taken out again.
  const run =
    <O>(load: () => Promise<Handler<O>>, { banks = true }: { banks?: boolean } = {}) =>
    async (...params: unknown[]) => {
      const cmd = params[params.length - 1] as Command;
      const opts = cmd.opts() as O;
      const args = cmd.args;
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const globals: GlobalOptions = { bank: g.bank, dataDir: g.dataDir, color: g.color !== false, debug: Boolean(g.debug) };
      const [{ createContext }, handler] = await Promise.all([import('./commands/context.js'), load()]);
      const ctx = await createContext({ io: init.io, env: init.env, cwd: init.cwd, now: init.now, globals });
      if (banks) await ctx.catalog();
      init.setExitCode(await handler(ctx, opts, args));
    };

  program
    .description('Practise site reliability engineering interviews in the terminal: timed questions, key-point grading, spaced repetition and study reports.')
    .version(init.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addOption(new Option('--bank <path>', 'use the banks in this file or folder instead of the built-in ones (repeatable)').argParser(collect))
    .addOption(new Option('--data-dir <dir>', 'where progress is kept (also SRE_DRILL_HOME; default: the platform data folder)'))
    .option('--no-color', 'no colour (also NO_COLOR)')
    .option('--debug', 'show stack traces for errors (also SRE_DRILL_DEBUG=1)')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void init.io.stdout.write(s),
      writeErr: (s) => void init.io.stderr.write(s),
    });

  const sessions = async () => import('./commands/sessions.js');
  program
    .command('drill')
    .description('timed questions one after another, with feedback and a rating after each')
    .addOption(new Option('--category <c>', 'only this category (repeatable)').argParser(collect))
    .addOption(new Option('--topic <t>', 'only this topic (repeatable)').argParser(collect))
    .option('--difficulty <n>', '1 (entry), 2 (mid) or 3 (senior)')
    .option('--count <n>', 'how many questions (default 5)')
    .option('--seed <n>', 'a seeded shuffle instead of weak topics first (repeatable order)')
    .option('--no-timer', 'no time limits')
    .option('--overtime <mode>', 'allow: keep counting past zero instead of submitting')
    .option('--strictness <s>', 'lenient | normal | strict')
    .option('--pair', 'pair mode: answer out loud, the interviewer ticks the key points')
    .option('--plain', 'line by line, no colour or cursor movement (also when stdin is not a terminal)')
    .action(run(async () => (await sessions()).drill));
  program
    .command('mock')
    .description('a mock interview loop with an overall clock; feedback and the report at the end')
    .option('--format <f>', 'phone (about 30 min) or onsite (about 75 min); default: config mock_format, else phone')
    .option('--minutes <n>', 'fit the loop to this many minutes (5-180)')
    .option('--seed <n>', 'a seeded shuffle instead of weak topics first')
    .option('--overtime <mode>', 'allow: keep counting past zero instead of submitting')
    .option('--strictness <s>', 'lenient | normal | strict')
    .option('--pair', 'pair mode: answer out loud, the interviewer ticks the key points')
    .option('--plain', 'line by line, no colour or cursor movement')
    .action(run(async () => (await sessions()).mock));
  program
    .command('resume')
    .description('continue the last interrupted session, with the time that was left')
    .option('--plain', 'line by line, no colour or cursor movement')
    .action(run(async () => (await sessions()).resume));
  program.command('menu', { hidden: true }).action(run(async () => (await sessions()).menu));
  program
    .command('grade')
    .description('grade an answer: score, each key point with the words that showed it, missed points, the model answer')
    .argument('[id]', 'question id')
    .option('--answer <text>', 'the answer (default: read standard input)')
    .option('--answer-file <file>', 'read the answer from this file')
    .option('--answers <file>', 'batch: a JSON-lines file of {"id": ..., "answer": ...}; writes one JSON result a line, exit 2 if any line is bad')
    .option('--strictness <s>', 'lenient | normal | strict (default normal)')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./commands/grade.js')).grade));
  program
    .command('report')
    .description('where you stand and what to study next: scores, topic mastery, missed points, forecast, study plan')
    .option('--last', 'the last session only')
    .option('--session <id>', 'one session')
    .option('--since <when>', 'a span back from now (7d, 12h, 2w) or a day (2026-11-01); default: the last 30 days')
    .option('--category <c>', 'only this category')
    .option('--format <f>', 'text | md | html | json (default: text)')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--open', 'write the HTML report and open it in the browser (or print its path)')
    .action(run(async () => (await import('./commands/report.js')).report));

  const banks = program.command('banks').description('list, check and show question banks');
  banks
    .command('list')
    .description('a table of bank files: category, question count, topics')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./commands/banks.js')).banksList));
  banks
    .command('validate')
    .description('check bank files or folders (default: the banks in use); exit 2 with located errors')
    .argument('[path...]', 'bank files or folders')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./commands/banks.js')).banksValidate, { banks: false }));
  banks
    .command('show')
    .description('one question in full')
    .argument('<id>', 'question id')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./commands/banks.js')).banksShow));
  banks
    .command('prune')
    .description('questions with history that left the banks: list them (--dry-run) or remove their cards (history is kept)')
    .option('--dry-run', 'only list them')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./commands/prune.js')).prune));

  program
    .command('review')
    .description('review the cards that are due, most at risk first (--list: every scheduled card)')
    .option('--list', 'list every scheduled card by due date instead of reviewing')
    .option('--json', 'with --list: machine-readable output')
    .option('--limit <n>', 'at most this many questions')
    .option('--cram', 'drill the weakest topics even when nothing is due')
    .option('--plain', 'line by line, no colour or cursor movement (also when stdin is not a terminal)')
    .action(run(async () => (await import('./commands/review.js')).review));
  program
    .command('undo')
    .description('take back the last rating (the card returns to its previous state)')
    .action(run(async () => (await import('./commands/undo.js')).undo));
  program
    .command('export')
    .description('export your history (json), the banks as Anki notes (anki) or attempts for spreadsheets (csv)')
    .option('--format <format>', 'json | anki | csv', 'json')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(run(async () => (await import('./commands/export.js')).exportCommand));
  program
    .command('import')
    .description('merge a history exported with `export --format json` (importing twice changes nothing)')
    .argument('<file>', 'a JSON Lines export')
    .action(run(async () => (await import('./commands/import.js')).importCommand));
  const config = program.command('config').description('your defaults in config.yaml: bank folders, strictness, retention, new cards per day, mock format, editor');
  config
    .command('path')
    .description('print where the config file lives')
    .action(run(async () => (await import('./commands/config.js')).configPath, { banks: false }));
  config
    .command('show')
    .description('every setting, its value and what it does')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./commands/config.js')).configShow, { banks: false }));
  config
    .command('set')
    .description('set a value (for `banks`, add a folder)')
    .argument('<key>', 'banks | strictness | retention | new_per_day | mock_format | editor')
    .argument('<value>')
    .action(run(async () => (await import('./commands/config.js')).configSet, { banks: false }));
  config
    .command('unset')
    .description('remove a value, back to the default')
    .argument('<key>')
    .action(run(async () => (await import('./commands/config.js')).configUnset, { banks: false }));
  program
    .command('completion')
    .description('print a shell completion script (commands, options, question ids, topics, categories)')
    .argument('<shell>', 'bash | zsh | fish')
    .addHelpText('after', '\nInstall:\n  bash: sre-drill completion bash > ~/.local/share/bash-completion/completions/sre-drill\n  zsh:  sre-drill completion zsh > "${fpath[1]}/_sre-drill"\n  fish: sre-drill completion fish > ~/.config/fish/completions/sre-drill.fish')
    .action(run(async () => (await import('./commands/completion.js')).completion));
  program
    .command('import-bank')
    .description('turn Markdown question collections or an Anki notes export into banks (the source is never modified)')
    .argument('<source>', 'a file or a folder (walked recursively)')
    .option('--out <dir>', 'the folder to write bank files to (required)')
    .option('--format <format>', 'auto | details | headings | qa | anki', 'auto')
    .option('--category <category>', 'category of the imported questions (default: definitions)')
    .addOption(new Option('--topic <topic>', 'add this topic to every imported question (repeatable)').argParser(collect))
    .option('--skip-unanswered', 'skip questions without an answer instead of importing them as ungraded prompts')
    .option('--force', 'overwrite files in --out that import-bank did not write (a source file never is)')
    .option('--json', 'machine-readable summary')
    .addHelpText('after', '\nEach imported model answer is graded against its own key points; one under 0.9 is a warning.\n\nExamples:\n  $ sre-drill import-bank ~/interview-repo --out my-banks\n  $ sre-drill import-bank deck.txt --format anki --out my-banks --category definitions')
    .action(run(async () => (await import('./commands/import-bank.js')).importBank));

  return program;
}

export type { Io };
