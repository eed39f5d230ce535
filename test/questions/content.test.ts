// Quality gates for the built-in banks (issue 7): counts, difficulty spread, topic coverage and
// no near-duplicate prompts. The grader's self-consistency gate lives in self-consistency.test.ts.
import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Category } from '../../src/core/bank/schema.js';
import { loadCatalogOrThrow } from '../../src/storage/bank-loader.js';
import { builtinBanksDir } from '../../src/storage/paths.js';
import { ROOT, spawnCli } from '../helpers/cli.js';

const catalog = loadCatalogOrThrow([builtinBanksDir()], ROOT);

const MINIMUM: Record<Category, number> = { definitions: 55, troubleshooting: 45, 'system-design': 30, behavioural: 40 };

/** The topics the banks must cover, each with at least two questions. */
const REQUIRED_TOPICS = [
  'slo', 'error-budget', 'toil', 'observability', 'metrics', 'logging', 'tracing', 'monitoring', 'alerting',
  'alert-fatigue', 'runbooks', 'postmortems', 'incident-response', 'on-call', 'mttr', 'load-balancing',
  'health-checks', 'dns', 'tcp-ip', 'http', 'tls', 'cdn', 'linux', 'processes', 'memory', 'filesystems', 'signals',
  'system-calls', 'containers', 'kubernetes', 'probes', 'hpa', 'pdb', 'statefulsets', 'crashloopbackoff',
  'infrastructure-as-code', 'terraform', 'ansible', 'configuration-management', 'ci-cd', 'deployment-strategies',
  'canary', 'blue-green', 'feature-flags', 'rollback', 'change-management', 'schema-migrations', 'replication',
  'caching', 'queues', 'capacity-planning', 'high-availability', 'disaster-recovery', 'multi-region',
  'circuit-breakers', 'bulkheads', 'rate-limiting', 'retries', 'blast-radius', 'cascading-failures',
  'chaos-engineering', 'security', 'secrets', 'least-privilege', 'patching', 'cost', 'scripting', 'llm-inference',
];

const STOP = new Set('a an and are as at be by can do does for from how i in is it its of on or the this to what when which who why with would you your me about tell describe explain'.split(' '));
const words = (text: string) => new Set(text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 1 && !STOP.has(w)));
function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

describe('the built-in banks', () => {
  it.each(CATEGORIES)('have enough %s questions', (category) => {
    expect(catalog.questions.filter((q) => q.category === category).length).toBeGreaterThanOrEqual(MINIMUM[category]);
  });

  it('have at least 15 questions to ask the interviewer, each saying why', () => {
    expect(catalog.asks.length).toBeGreaterThanOrEqual(15);
    for (const a of catalog.asks) expect(a.why.length, a.id).toBeGreaterThan(20);
  });

  it.each(CATEGORIES)('spread %s across entry, mid and senior (none under a fifth)', (category) => {
    const qs = catalog.questions.filter((q) => q.category === category);
    for (const d of [1, 2, 3]) {
      const share = qs.filter((q) => q.difficulty === d).length / qs.length;
      expect(share, `difficulty ${d}`).toBeGreaterThanOrEqual(0.2);
    }
  });

  it('cover every required topic with at least two questions', () => {
    const counts = new Map<string, number>();
    for (const q of catalog.questions) for (const t of q.topics) counts.set(t, (counts.get(t) ?? 0) + 1);
    const thin = REQUIRED_TOPICS.filter((t) => (counts.get(t) ?? 0) < 2).map((t) => `${t} (${counts.get(t) ?? 0})`);
    expect(thin).toEqual([]);
  });

  it('use no topic only once', () => {
    const counts = new Map<string, number>();
    for (const q of catalog.questions) for (const t of q.topics) counts.set(t, (counts.get(t) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n < 2).map(([t]) => t)).toEqual([]);
  });

  it('give every question 3 to 8 key points, and follow-ups for troubleshooting and system design', () => {
    const bad: string[] = [];
    for (const q of catalog.questions) {
      if (q.keyPoints.length < 3 || q.keyPoints.length > 8) bad.push(`${q.id}: ${q.keyPoints.length} key points`);
      if ((q.category === 'troubleshooting' || q.category === 'system-design') && q.followUps.length === 0) bad.push(`${q.id}: no follow-up`);
      if (q.category === 'system-design' && q.keyPoints.length < 6) bad.push(`${q.id}: system design needs ≥ 6 key points`);
      if (q.hints.length === 0) bad.push(`${q.id}: no hint`);
    }
    expect(bad).toEqual([]);
  });

  it('have no near-duplicate prompts', () => {
    const sets = catalog.questions.map((q) => ({ id: q.id, w: words(q.prompt) }));
    const pairs: string[] = [];
    for (let i = 0; i < sets.length; i++) {
      for (let j = i + 1; j < sets.length; j++) {
        const s = similarity(sets[i]!.w, sets[j]!.w);
        if (s >= 0.6) pairs.push(`${sets[i]!.id} ~ ${sets[j]!.id} (${s.toFixed(2)})`);
      }
    }
    expect(pairs).toEqual([]);
  });

  it('are listed by `banks list` with their counts', () => {
    const r = spawnCli(['banks', 'list', '--json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as { total: number; categories: Record<string, number> };
    for (const c of CATEGORIES) expect(data.categories[c]).toBeGreaterThanOrEqual(MINIMUM[c]);
    expect(data.total).toBe(catalog.questions.length);
  });
});
