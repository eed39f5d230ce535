import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';

const BANK = join(FIXTURES, 'banks', 'valid');

/** Runs the bash completion function for a command line (the cursor at its end) in a real bash. */
function complete(script: string, line: string): string[] {
  const dir = tempDir();
  const file = join(dir, 'c.bash');
  writeFileSync(file, script);
  const words = line.split(' ');
  const program = `source ${JSON.stringify(file)}; COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')}); COMP_CWORD=${words.length - 1}; _sre_drill; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['-c', program], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean);
}

describe('sre-drill completion', () => {
  it('bash: completes commands, subcommands, options, ids, topics and categories', async () => {
    const r = await runCli(['completion', 'bash', '--bank', BANK]);
    expect(r.code).toBe(0);
    expect(complete(r.stdout, 'sre-drill ba')).toEqual(['banks']);
    expect(complete(r.stdout, 'sre-drill banks ')).toEqual(expect.arrayContaining(['list', 'validate', 'show']));
    expect(complete(r.stdout, 'sre-drill banks show dis')).toEqual(['disk-full']);
    expect(complete(r.stdout, 'sre-drill grade wh')).toEqual(['what-is-a-probe']);
    expect(complete(r.stdout, 'sre-drill banks list --j')).toEqual(['--json']);
    expect(complete(r.stdout, 'sre-drill banks list --ba')).toEqual(['--bank']);
    expect(complete(r.stdout, 'sre-drill drill --topic kub')).toEqual(['kubernetes']);
    expect(complete(r.stdout, 'sre-drill drill --category sys')).toEqual(['system-design']);
  });

  it('zsh: wraps the bash completion through bashcompinit', async () => {
    const r = await runCli(['completion', 'zsh', '--bank', BANK]);
    expect(r.stdout.split('\n')[0]).toBe('#compdef sre-drill');
    expect(r.stdout).toContain('bashcompinit');
    expect(r.stdout).toContain('complete -o default -F _sre_drill sre-drill');
  });

  it('fish: one complete line per command and option, with ids for grade', async () => {
    const r = await runCli(['completion', 'fish', '--bank', BANK]);
    expect(r.stdout).toContain("complete -c sre-drill -n '__fish_use_subcommand' -a drill");
    expect(r.stdout).toContain("complete -c sre-drill -n '__fish_seen_subcommand_from grade' -xa 'disk-full star-outage ungraded-prompt what-is-a-probe'");
    expect(r.stdout).toMatch(/-l topic -xa '[^']*kubernetes/);
  });

  it('refuses an unknown shell with a suggestion, exit 2', async () => {
    const r = await runCli(['completion', 'bsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean `bash`');
  });
});
