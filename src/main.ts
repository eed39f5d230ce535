import { CommanderError } from 'commander';
import { buildProgram } from './cli.js';
import type { Io } from './commands/context.js';
import { BankError, EXIT, SreDrillError } from './core/errors.js';
import { packageVersion } from './storage/paths.js';

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
    const program = buildProgram({ ...init, version: packageVersion(), setExitCode: (c) => (code = c) });
    if (onlyGlobalOptions(argv)) {
      // No command (perhaps `--data-dir X` alone): the menu in a terminal, else the help text.
      const menu = init.io.stdin.isTTY && init.io.stdout.isTTY && program.commands.some((c) => c.name() === 'menu');
      argv = [...argv, menu ? 'menu' : '--help'];
    }
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    return report(err, init.io, debug);
  }
}

/** Options every command takes that are followed by a value. */
const GLOBAL_WITH_VALUE = new Set(['--bank', '--data-dir']);
const GLOBAL_FLAGS = new Set(['--no-color', '--debug']);

/** True when argv holds nothing but global options: no command, no help or version request. */
export function onlyGlobalOptions(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const name = a.split('=', 1)[0]!;
    if (GLOBAL_WITH_VALUE.has(name)) {
      if (!a.includes('=') && ++i >= argv.length) return false;
    } else if (!GLOBAL_FLAGS.has(a)) return false;
  }
  return true;
}

function report(err: unknown, io: Io, debug: boolean): number {
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
