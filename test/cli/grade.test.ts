import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli, spawnCli, tempDir, testEnv } from '../helpers/cli.js';

const BANK = `# yaml-language-server: $schema=./schema.json
questions:
  - id: deploy-broke-latency
    category: troubleshooting
    prompt: Latency doubled right after a deploy. What do you do first?
    topics: [incident-response]
    difficulty: 1
    key_points:
      - Roll back the deploy to restore service before debugging
      - point: Tell the stakeholders what is happening in the incident channel
        accept: [post an update]
    model_answer: Roll back the deploy to restore service, then debug. Post an update in the incident channel for the stakeholders.
  - id: slo-basics
    category: definitions
    prompt: What is an objective for a service?
    topics: [slo]
    difficulty: 1
    key_points:
      - An SLO is a target for an indicator over a time window
    model_answer: An SLO is a target for an indicator over a time window.
  - id: tough-incident
    category: behavioural
    prompt: Tell me about an incident you led.
    topics: [incident-response]
    difficulty: 2
    key_points:
      - You coordinated the response and kept people informed
    model_answer: At my previous company I led the response, coordinated the teams and kept people informed. As a result we recovered in 20 minutes.
`;

const GOOD = 'First I roll back the deploy to restore service, and only then start debugging.';

let dir: string;
let bank: string[];
beforeEach(() => {
  dir = tempDir();
  writeFileSync(join(dir, 'bank.yaml'), BANK);
  bank = ['--bank', dir];
});

describe('sre-drill grade (spawned)', () => {
  it('grades one answer given with --answer: score, ✓/✗ with evidence, missed points, model answer', () => {
    const r = spawnCli([...bank, 'grade', 'deploy-broke-latency', '--answer', GOOD]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Score \d+%/);
    expect(r.stdout).toMatch(/✓ 1\. Roll back the deploy/);
    expect(r.stdout).toContain('“First I roll back the deploy to restore service');
    expect(r.stdout).toMatch(/✗ 2\. Tell the stakeholders/);
    expect(r.stdout).toMatch(/Missed\n\s+• Tell the stakeholders/);
    expect(r.stdout).toMatch(/Model answer\n\s+Roll back the deploy to restore service, then debug/);
  });

  it('reads the answer from standard input and writes JSON with --json', () => {
    const r = spawnCli([...bank, 'grade', 'deploy-broke-latency', '--json'], { input: `${GOOD}\nThen I post an update for everyone.\n` });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { id: string; score: number; points: { point: string; matched: boolean; strength: number; evidence: string }[]; star?: unknown };
    expect(json.id).toBe('deploy-broke-latency');
    expect(json.points.map((p) => p.matched)).toEqual([true, true]);
    expect(json.points[1]!.evidence).toContain('post an update');
    expect(json.score).toBeGreaterThan(0.9);
    expect(json.star).toBeUndefined();
  });

  it('grades a JSON-lines batch in order, reports bad lines as error objects and exits 2', () => {
    const file = join(dir, 'answers.jsonl');
    const lines = [
      JSON.stringify({ id: 'deploy-broke-latency', answer: GOOD }),
      '{not json',
      JSON.stringify({ id: 'slo-basic', answer: 'x' }),
      '',
      JSON.stringify({ id: 'slo-basics', answer: 'I have no idea.' }),
      JSON.stringify({ id: 'slo-basics' }),
    ];
    writeFileSync(file, lines.join('\n'));
    const r = spawnCli([...bank, 'grade', '--answers', file, '--json']);
    expect(r.code).toBe(2);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.line)).toEqual([1, 2, 3, 5, 6]);
    expect(out[0]).toMatchObject({ id: 'deploy-broke-latency' });
    expect((out[0]!.points as { matched: boolean }[])[0]!.matched).toBe(true);
    expect(out[1]!.error).toMatch(/not valid JSON/);
    expect(out[2]!.error).toMatch(/no question with id "slo-basic".*slo-basics/);
    expect(out[3]).toMatchObject({ id: 'slo-basics', score: 0 });
    expect(out[4]!.error).toMatch(/"answer" must be a string/);
    expect(r.stderr).toMatch(/3 of 5 lines could not be graded/);
  });
});

describe('sre-drill grade', () => {
  it('exits 2 for an unknown id and names the closest ids', async () => {
    const r = await runCli([...bank, 'grade', 'deploy-broke-latncy', '--answer', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no question with id "deploy-broke-latncy".*deploy-broke-latency/);
  });

  it('reads --answer-file, and exits 2 when the file is missing', async () => {
    const file = join(dir, 'answer.txt');
    writeFileSync(file, GOOD);
    const ok = await runCli([...bank, 'grade', 'deploy-broke-latency', '--answer-file', file, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).points[0].matched).toBe(true);
    const missing = await runCli([...bank, 'grade', 'deploy-broke-latency', '--answer-file', join(dir, 'nope.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read answer file .*nope\.txt.*ENOENT/);
  });

  it('refuses --answer together with --answer-file, and no id at all', async () => {
    expect((await runCli([...bank, 'grade', 'slo-basics', '--answer', 'a', '--answer-file', 'b'])).code).toBe(2);
    const none = await runCli([...bank, 'grade', '--answer', 'a']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/which question/);
  });

  it('checks --strictness and suggests the closest level', async () => {
    const r = await runCli([...bank, 'grade', 'slo-basics', '--answer', 'a', '--strictness', 'strcit']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--strictness must be one of lenient, normal, strict.*strict/);
  });

  it('moves the threshold with --strictness', async () => {
    const answer = 'It is a target.';
    const lenient = JSON.parse((await runCli([...bank, 'grade', 'slo-basics', '--answer', answer, '--json', '--strictness', 'lenient'])).stdout);
    const strict = JSON.parse((await runCli([...bank, 'grade', 'slo-basics', '--answer', answer, '--json', '--strictness', 'strict'])).stdout);
    expect(lenient.points[0].strength).toBe(strict.points[0].strength);
    expect(lenient.points[0].matched).toBe(true);
    expect(strict.points[0].matched).toBe(false);
  });

  it('takes strictness from the config file unless --strictness is given', async () => {
    const configDir = tempDir('sre-drill-config-');
    writeFileSync(join(configDir, 'config.yaml'), 'strictness: lenient\n');
    const env = testEnv({ SRE_DRILL_CONFIG_DIR: configDir });
    const fromConfig = JSON.parse((await runCli([...bank, 'grade', 'slo-basics', '--answer', 'It is a target.', '--json'], { env })).stdout);
    expect(fromConfig.points[0].matched).toBe(true);
    const flag = JSON.parse((await runCli([...bank, 'grade', 'slo-basics', '--answer', 'It is a target.', '--json', '--strictness', 'normal'], { env })).stdout);
    expect(flag.points[0].matched).toBe(false);
  });

  it('applies the built-in glossary with --bank (service level objective for SLO)', async () => {
    const r = await runCli([...bank, 'grade', 'slo-basics', '--answer', 'A service level objective is a target for an indicator over a time window.', '--json']);
    expect(JSON.parse(r.stdout).points[0].matched).toBe(true);
  });

  it('reports STAR parts for a behavioural question', async () => {
    const r = await runCli([...bank, 'grade', 'tough-incident', '--answer', 'At my previous company I led the response. As a result we recovered fast.']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/STAR/);
    expect(r.stdout).toMatch(/✓ situation: “at my previous company”/i);
    expect(r.stdout).toMatch(/✗ task: not found/);
  });

  it('strips terminal escapes from the answer before showing it', async () => {
    const r = await runCli([...bank, 'grade', 'deploy-broke-latency', '--answer', `\u001b]0;pwned\u0007\u001b[2J${GOOD}\u001b[31m`]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('roll back the deploy');
  });

  it('says when only the first 20,000 characters were graded', async () => {
    const r = await runCli([...bank, 'grade', 'deploy-broke-latency', '--answer', `${GOOD} ${'word '.repeat(5000)}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/only the first 20,000 were graded/);
  });

  it('grades a built-in question without --bank', async () => {
    const r = await runCli(['grade', 'sli-slo-sla', '--json'], { input: 'An SLA is a contract with customers that carries penalties when it is broken.' });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.points[2].matched).toBe(true);
    expect(json.points[0].matched).toBe(false);
  });
});
