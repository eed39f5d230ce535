/**
 * Shell completion scripts, generated from the command tree (so they never drift from the CLI)
 * and the banks in use (question ids, topics, categories).
 */

export interface CompletionCommand {
  /** Space-separated path, e.g. 'banks show'; '' for the program itself. */
  path: string;
  description: string;
  subcommands: string[];
  /** Long option flags, e.g. '--topic'. */
  options: { flag: string; description: string; takesValue: boolean }[];
  /** Whether a bare argument is a question id. */
  takesId: boolean;
}

export interface CompletionData {
  commands: CompletionCommand[];
  ids: string[];
  topics: string[];
  categories: string[];
  /** Values for options with a fixed set, by flag. */
  choices: Record<string, string[]>;
}

/** Options whose value is a file or folder path. */
const PATH_OPTIONS = ['--bank', '--data-dir', '--out', '--answer-file', '--answers'];

const shellWords = (words: string[]) => words.map((w) => w.replace(/[^A-Za-z0-9_./:@%+=,-]/g, '')).join(' ');
const fishQuote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function bashScript(data: CompletionData): string {
  const cmds = data.commands;
  const names = new Set(cmds.flatMap((c) => c.path.split(' ')).filter(Boolean));
  const caseFor = (pick: (c: CompletionCommand) => string) => cmds.map((c) => `    '${c.path}') echo ${JSON.stringify(pick(c))} ;;`).join('\n');
  return `# sre-drill completion for bash. Install: sre-drill completion bash > ~/.local/share/bash-completion/completions/sre-drill
_sre_drill_subcommands() {
  case "$1" in
${caseFor((c) => shellWords(c.subcommands))}
  esac
}
_sre_drill_options() {
  case "$1" in
${caseFor((c) => shellWords(c.options.map((o) => o.flag)))}
  esac
}
_sre_drill_takes_id() {
  case "$1" in
${cmds.filter((c) => c.takesId).map((c) => `    '${c.path}') return 0 ;;`).join('\n') || "    '__none__') return 0 ;;"}
  esac
  return 1
}
_sre_drill() {
  local cur prev path="" w i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case " ${shellWords([...names])} " in
      *" $w "*) if [[ -n "$(_sre_drill_subcommands "$path")" ]]; then path="\${path:+$path }$w"; fi ;;
    esac
  done
  case "$prev" in
    ${PATH_OPTIONS.join('|')}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --topic) COMPREPLY=($(compgen -W "${shellWords(data.topics)}" -- "$cur")); return ;;
    --category) COMPREPLY=($(compgen -W "${shellWords(data.categories)}" -- "$cur")); return ;;
${Object.entries(data.choices).map(([flag, values]) => `    ${flag}) COMPREPLY=($(compgen -W "${shellWords(values)}" -- "$cur")); return ;;`).join('\n')}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_sre_drill_options "$path") $(_sre_drill_options '')" -- "$cur"))
  elif _sre_drill_takes_id "$path"; then
    COMPREPLY=($(compgen -W "${shellWords(data.ids)}" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$(_sre_drill_subcommands "$path")" -- "$cur"))
  fi
}
complete -o default -F _sre_drill sre-drill
`;
}

export function zshScript(data: CompletionData): string {
  return `#compdef sre-drill
# sre-drill completion for zsh. Install: sre-drill completion zsh > "\${fpath[1]}/_sre-drill" (or source it from ~/.zshrc)
autoload -U +X bashcompinit && bashcompinit
${bashScript(data).split('\n').slice(1).join('\n')}`;
}

export function fishScript(data: CompletionData): string {
  const lines = ['# sre-drill completion for fish. Install: sre-drill completion fish > ~/.config/fish/completions/sre-drill.fish', 'complete -c sre-drill -f'];
  const top = data.commands.find((c) => c.path === '')!;
  for (const o of top.options) lines.push(`complete -c sre-drill -l ${o.flag.slice(2)}${o.takesValue ? ' -r' : ''} -d ${fishQuote(o.description)}`);
  for (const c of data.commands) {
    const words = c.path.split(' ').filter(Boolean);
    const here = words.length === 0 ? '__fish_use_subcommand' : `__fish_seen_subcommand_from ${words[words.length - 1]}`;
    for (const s of c.subcommands) {
      const sub = data.commands.find((x) => x.path === [...words, s].join(' '));
      lines.push(`complete -c sre-drill -n ${fishQuote(here)} -a ${s} -d ${fishQuote(sub?.description ?? '')}`);
    }
    if (!words.length) continue;
    for (const o of c.options) {
      const flag = o.flag.slice(2);
      const values = o.flag === '--topic' ? data.topics : o.flag === '--category' ? data.categories : data.choices[o.flag];
      const arg = values ? ` -xa ${fishQuote(values.join(' '))}` : PATH_OPTIONS.includes(o.flag) ? ' -rF' : o.takesValue ? ' -r' : '';
      lines.push(`complete -c sre-drill -n ${fishQuote(here)} -l ${flag}${arg} -d ${fishQuote(o.description)}`);
    }
    if (c.takesId) lines.push(`complete -c sre-drill -n ${fishQuote(here)} -xa ${fishQuote(data.ids.join(' '))}`);
  }
  return `${lines.join('\n')}\n`;
}
