import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGrader } from '../../src/core/grading/index.js';
import { loadCatalog } from '../../src/storage/bank-loader.js';
import { FIXTURES, ROOT, runCli, spawnCli, tempDir, testEnv } from '../helpers/cli.js';

const SOURCE = join(FIXTURES, 'import');

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out[p.slice(dir.length + 1)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

describe('sre-drill import-bank', () => {
  it('writes one valid bank per source file and summarises what it did (spawned)', () => {
    const out = tempDir();
    const r = spawnCli(['import-bank', SOURCE, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Read 7 files; imported 20 questions (15 graded, 5 ungraded practice prompts) into 6 bank files');
    expect(Object.keys(tree(out)).sort()).toEqual(['anki/deck.yaml', 'anki/sre-prep.yaml', 'details/linux.yaml', 'headings/kubernetes/probes.yaml', 'numbered/mock_1_questions.yaml', 'qa/networking.yaml']);
    const check = spawnCli(['banks', 'validate', out]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('20 questions: no problems found');
  });

  it('starts each bank with the yaml-language-server modeline pointing at the schema', () => {
    const out = tempDir();
    spawnCli(['import-bank', join(SOURCE, 'qa'), '--out', out]);
    const text = readFileSync(join(out, 'networking.yaml'), 'utf8');
    const ref = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)![1]!;
    expect(statSync(join(out, ref)).isFile()).toBe(true);
    expect(join(out, ref)).toBe(join(ROOT, 'questions', 'schema.json'));
  });

  it('derives ids, topics and key points from the source', async () => {
    const out = tempDir();
    await runCli(['import-bank', SOURCE, '--out', out]);
    const c = loadCatalog([out], ROOT);
    const q = c.byId.get('readiness-probe')!;
    expect(q.prompt).toBe('What is a readiness probe?');
    expect(q.topics).toEqual(['probes', 'kubernetes', 'headings']);
    expect(q.keyPoints.map((k) => k.point)).toEqual([
      'A readiness probe tells Kubernetes whether a pod may receive traffic',
      'When it fails, the pod is removed from the Service endpoints but the container keeps running',
    ]);
    expect(c.byId.get('canary-release')!.topics).toEqual(['deployment', 'ci-cd', 'canary', 'anki']);
    expect(c.byId.get('signal-cannot-caught')!.ungraded).toBe(true);
  });

  it("gives each imported model answer a score of at least 0.9 against its own key points", async () => {
    const out = tempDir();
    await runCli(['import-bank', SOURCE, '--out', out]);
    const c = loadCatalog([out], ROOT);
    const grader = createGrader({ questions: c.questions, glossary: c.glossary });
    const low = c.questions.filter((q) => !q.ungraded).map((q) => [q.id, grader.grade(q, q.modelAnswer).score] as const).filter(([, s]) => s < 0.9);
    expect(low).toEqual([]);
  });

  it('is idempotent: importing twice gives the same files', async () => {
    const out = tempDir();
    await runCli(['import-bank', SOURCE, '--out', out]);
    const first = tree(out);
    await runCli(['import-bank', SOURCE, '--out', out]);
    expect(tree(out)).toEqual(first);
  });

  it('never modifies the source', async () => {
    const src = tempDir();
    cpSync(SOURCE, src, { recursive: true });
    const before = tree(src);
    await runCli(['import-bank', src, '--out', join(src, 'banks')]);
    const after = tree(src);
    for (const k of Object.keys(after)) if (k.startsWith('banks/')) delete after[k];
    expect(after).toEqual(before);
  });

  it('skips unanswered questions with --skip-unanswered and says how many', async () => {
    const out = tempDir();
    const r = await runCli(['import-bank', SOURCE, '--out', out, '--skip-unanswered']);
    expect(r.stdout).toContain('imported 15 questions (15 graded, 0 ungraded practice prompts)');
    expect(r.stdout).toContain('Skipped 5: 5 no answer (--skip-unanswered).');
    expect(r.stdout).toMatch(/warning: details\/linux\.md:16 {2}skipped: no answer/);
  });

  it('applies --category and --topic to every question, and honours --format', async () => {
    const out = tempDir();
    const r = await runCli(['import-bank', join(SOURCE, 'anki', 'deck.txt'), '--out', out, '--format', 'anki', '--category', 'behavioral', '--topic', 'flashcards']);
    expect(r.code).toBe(0);
    const c = loadCatalog([out], ROOT);
    expect(c.questions.every((q) => q.category === 'behavioural' && q.topics[0] === 'flashcards')).toBe(true);
  });

  it('refuses an unknown format or a missing --out with exit 2', async () => {
    const bad = await runCli(['import-bank', SOURCE, '--out', tempDir(), '--format', 'detals']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown format "detals" (did you mean `details`?)');
    const noOut = await runCli(['import-bank', SOURCE]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out');
  });

  it('warns about files with no questions', async () => {
    const src = tempDir();
    cpSync(join(SOURCE, 'qa'), src, { recursive: true });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(src, 'notes.md'), 'Just some notes, no questions here.\n');
    const r = await runCli(['import-bank', src, '--out', tempDir()]);
    expect(r.stdout).toContain('warning: notes.md:1  no questions found');
  });

  describe('never writes over what it did not write', () => {
    const QA = 'Q: What does TTL mean for a DNS record?\nA: How long resolvers may cache the record.\n';

    it('refuses a SOURCE whose bank would be the source itself, and leaves it alone', async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'notes.yaml'), QA);
      const r = await runCli(['import-bank', 'notes.yaml', '--out', '.'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('refusing to write notes.yaml: it is a source file');
      expect(readFileSync(join(dir, 'notes.yaml'), 'utf8')).toBe(QA);
      // --force does not make a source file fair game.
      expect((await runCli(['import-bank', 'notes.yaml', '--out', '.', '--force'], { cwd: dir })).code).toBe(2);
      expect(readFileSync(join(dir, 'notes.yaml'), 'utf8')).toBe(QA);
    });

    it('refuses an output that reaches a source file through a symbolic link', async () => {
      const dir = tempDir();
      mkdirSync(join(dir, 'src'));
      mkdirSync(join(dir, 'out'));
      writeFileSync(join(dir, 'src', 'dns.md'), QA);
      symlinkSync(join(dir, 'src', 'dns.md'), join(dir, 'out', 'dns.yaml'));
      const r = await runCli(['import-bank', 'src', '--out', 'out', '--force'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('refusing to write out/dns.yaml: it is a source file');
      expect(readFileSync(join(dir, 'src', 'dns.md'), 'utf8')).toBe(QA);
    });

    it('refuses to overwrite a file in --out it did not write, unless --force', async () => {
      const out = tempDir();
      const mine = '# my own bank\nquestions: []\n';
      writeFileSync(join(out, 'networking.yaml'), mine);
      const r = await runCli(['import-bank', join(SOURCE, 'qa'), '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/refusing to overwrite \S*networking\.yaml: not written by import-bank \(pass --force to overwrite\)/);
      expect(readFileSync(join(out, 'networking.yaml'), 'utf8')).toBe(mine);
      expect((await runCli(['import-bank', join(SOURCE, 'qa'), '--out', out, '--force'])).code).toBe(0);
      expect(readFileSync(join(out, 'networking.yaml'), 'utf8')).toContain('# Imported by sre-drill import-bank from networking.md');
    });
  });

  it('keeps imported ids apart from the banks in use, so adding --out to the config banks breaks nothing; re-importing keeps them', async () => {
    const dir = tempDir();
    const env = testEnv({ SRE_DRILL_CONFIG_DIR: join(dir, 'config') });
    writeFileSync(join(dir, 'flags.md'), '## Feature flags?\n\nThey let you turn a feature on or off without a deploy.\n');
    expect((await runCli(['import-bank', 'flags.md', '--out', 'banks'], { cwd: dir, env })).code).toBe(0);
    const first = tree(join(dir, 'banks'));
    expect(first['flags.yaml']).toContain('id: feature-flags-2\n');
    expect((await runCli(['config', 'set', 'banks', join(dir, 'banks')], { cwd: dir, env })).code).toBe(0);
    const check = await runCli(['banks', 'validate'], { cwd: dir, env });
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect((await runCli(['import-bank', 'flags.md', '--out', 'banks'], { cwd: dir, env })).code).toBe(0);
    expect(tree(join(dir, 'banks'))).toEqual(first);
  });

  it('reads an Anki 2.1.50+ export with GUID, notetype and deck columns', async () => {
    const out = tempDir();
    expect((await runCli(['import-bank', join(SOURCE, 'anki', 'sre-prep.txt'), '--out', out])).code).toBe(0);
    const c = loadCatalog([out], ROOT);
    expect(c.questions.map((q) => [q.id, q.topics])).toEqual([
      ['slo', ['slo', 'reliability', 'slos', 'observability']],
      ['kill-9-send', ['linux', 'signals', 'sre-prep']],
      ['toil', ['sre-prep']],
      ['owns-incident-timeline', ['incidents', 'sre-prep']],
    ]);
    expect(c.byId.get('slo')!.keyPoints.map((k) => k.point)).toEqual([
      'An SLO is a target for a service level indicator over a window, e.g. 99.9% of requests succeed over 30 days',
      'Missing it spends the error budget',
    ]);
  });

  it('warns, with file:line, about questions whose answer scores under 0.9 against its own key points', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'brokers.md'), '# Messaging\n\n## Which brokers are common?\n\n- Kafka\n- RabbitMQ\n- NATS\n\n## What does a broker do?\n\nIt stores messages until consumers take them.\n');
    const r = await runCli(['import-bank', 'brokers.md', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning: brokers\.md:3 {2}"brokers-common": its answer scores 0\.\d\d against its own key points \(under 0\.9\)/);
    expect(r.stdout).toContain('1 imported question scores under 0.9 against its own key points (warnings above).');
    expect(r.stdout).not.toContain('broker-do');
  });
});
