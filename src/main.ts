import type { Command } from 'commander';
import type { Io } from './commands/context.js';
import { BankError, EXIT, SreDrillError } from './core/errors.js';

export interface MainInit {
  io: Io;
  env: NodeJS.ProcessEnv;
  cwd: string;
  now?: () => Date;
}

/**
 * Runs the CLI and returns its exit code: 0 success, 1 runtime failure, 2 usage error or
 * invalid input, 130 interrupted. The one place where errors become text.
 */
export async function main(argv: readonly string[], init: MainInit): Promise<number> {
  const debug = argv.includes('--debug') || init.env.SRE_DRILL_DEBUG === '1';
  let code: number = EXIT.ok;
  try {
    // `--version` alone answers before the command line is loaded: it is the start-up floor
    // users feel (issue 8: within 1.3× of `node -e 0`). Any other use of it goes to commander.
    if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
      init.io.stdout.write(`${await version()}\n`);
      return EXIT.ok;
    }
    const { buildProgram } = await import('./cli.js');
    const program = buildProgram({ ...init, version: await version(), setExitCode: (c) => (code = c) });
    if (onlyGlobalOptions(argv, program)) {
      // No command (perhaps `--data-dir X` alone): the menu in a terminal, else the help text.
      const menu = init.io.stdin.isTTY && init.io.stdout.isTTY && program.commands.some((c) => c.name() === 'menu');
      argv = [...argv, menu ? 'menu' : '--help'];
    }
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    // Commander is loaded by now if it threw; this import only takes it from the module cache.
    return report(err, init.io, debug, (await import('commander')).CommanderError);
  }
}

/** Set by the bundler from package.json (esbuild.config.mjs); from source it is read there. */
declare const SRE_DRILL_VERSION: string | undefined;

async function version(): Promise<string> {
  return typeof SRE_DRILL_VERSION === 'string' ? SRE_DRILL_VERSION : (await import('./storage/paths.js')).packageVersion();
}

/**
 * True when argv holds nothing but the program's own options (`--bank X`, `--no-color`, ...): no
 * command, no help or version request. The options are read off the program, not listed again.
 */
function onlyGlobalOptions(argv: readonly string[], program: Command): boolean {
  const options = new Map(program.options.filter((o) => o.long && o.long !== '--help' && o.long !== '--version').map((o) => [o.long!, o]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const option = options.get(a.split('=', 1)[0]!);
    if (!option) return false;
    if ((option.required || option.optional) && !a.includes('=') && ++i >= argv.length) return false;
  }
  return true;
}

function report(err: unknown, io: Io, debug: boolean, CommanderError: typeof import('commander').CommanderError): number {
  if (err instanceof CommanderError) {
    // Commander has printed its own message; help and version are successes.
    if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version') return EXIT.ok;
    return EXIT.usage;
  }
  if (err instanceof BankError) {
    // Located lines as editors and terminals link them: `file:line:col  field: problem`.
    const files = new Set(err.issues.map((i) => i.file)).size;
    io.stderr.write(`${err.lines().join('\n')}\nsre-drill: ${err.issues.length} problem${err.issues.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}\n`);
    if (debug && err.stack) io.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  if (err instanceof SreDrillError) {
    io.stderr.write(`${err.lines().map((l) => `sre-drill: ${l}`).join('\n')}\n`);
    if (debug && err.stack) io.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err as Error;
  io.stderr.write(`sre-drill: unexpected error: ${e?.message ?? String(err)}\n`);
  io.stderr.write(debug ? `${e?.stack ?? ''}\n` : 'Run again with --debug for details, and please report it.\n');
  return EXIT.failure;
}
