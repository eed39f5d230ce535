import type { Command } from 'commander';
import { CATEGORIES } from '../core/bank/schema.js';
import { topicCounts } from '../core/bank/catalog.js';
import { EXIT } from '../core/errors.js';
import { checkName } from '../core/bank/catalog.js';
import { bashScript, fishScript, zshScript, type CompletionCommand, type CompletionData } from '../ui/completion.js';
import type { Context } from './context.js';

const SHELLS = { bash: bashScript, zsh: zshScript, fish: fishScript } as const;
/** Commands whose bare argument is a question id. */
const ID_COMMANDS = new Set(['grade', 'banks show']);

function describe(cmd: Command, path: string[], out: CompletionCommand[]): void {
  const visible = cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden && c.name() !== 'help');
  out.push({
    path: path.join(' '),
    description: cmd.description(),
    subcommands: visible.map((c) => c.name()),
    options: cmd.options.filter((o) => o.long).map((o) => ({ flag: o.long!, description: o.description, takesValue: o.required || o.optional })),
    takesId: ID_COMMANDS.has(path.join(' ')),
  });
  for (const c of visible) describe(c, [...path, c.name()], out);
}

/** The choices an option takes, read from commander's `.choices()` or its help text (`a | b | c`). */
function choices(commands: CompletionCommand[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of commands) {
    for (const o of c.options) {
      const m = /^([a-z0-9-]+(?: \| [a-z0-9-]+)+)/.exec(o.description);
      if (m && !out[o.flag]) out[o.flag] = m[1]!.split(' | ');
    }
  }
  return out;
}

export async function completion(ctx: Context, _opts: unknown, args: string[]): Promise<number> {
  const shell = checkName('shell', args[0] ?? '', Object.keys(SHELLS)) as keyof typeof SHELLS;
  const { buildProgram } = await import('../cli.js');
  const program = buildProgram({ io: ctx.io, env: ctx.env, cwd: ctx.cwd, version: '', setExitCode: () => {} });
  const commands: CompletionCommand[] = [];
  describe(program, [], commands);
  const catalog = await ctx.catalog();
  const data: CompletionData = {
    commands,
    ids: catalog.questions.map((q) => q.id).sort(),
    topics: [...topicCounts(catalog.questions).keys()].sort(),
    categories: [...CATEGORIES],
    choices: choices(commands),
  };
  ctx.out(SHELLS[shell](data));
  return EXIT.ok;
}
