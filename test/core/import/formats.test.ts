import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveKeyPoints, deriveQuestion, slugify } from '../../../src/core/import/derive.js';
import { splitSentences } from '../../../src/core/sentences.js';
import { parseAnki, parseDetails, parseHeadings, parseNumberedPair, parseQa, sniffFormat } from '../../../src/core/import/formats.js';
import { importCollection, isImportedBank } from '../../../src/core/import/index.js';
import { markdownToText } from '../../../src/core/import/markdown.js';
import { FIXTURES } from '../../helpers/cli.js';

const fixture = (p: string) => readFileSync(join(FIXTURES, 'import', p), 'utf8');

describe('the details format', () => {
  const items = parseDetails(fixture('details/linux.md'));

  it('finds every <details> block with its line and enclosing headings, nearest first', () => {
    expect(items.map((i) => [i.question, i.line, i.topics])).toEqual([
      ['What is a zombie process?', 5, ['Processes', 'Linux interview questions']],
      ['What does the nice value change?', 11, ['Processes', 'Linux interview questions']],
      ['Which signal cannot be caught?', 16, ['Processes', 'Linux interview questions']],
      ['What is an inode?', 21, ['Files', 'Linux interview questions']],
    ]);
  });

  it('handles <b> wrappers, <br> after the summary, </details></br> and empty answers', () => {
    expect(items[0]!.answer).toMatch(/^A zombie is a process that has exited/);
    expect(items[1]!.answer).toBe('It changes the scheduling priority of a process; a higher nice value means a lower priority.');
    expect(items[2]!.answer).toBe('');
  });

  it('reduces links and images to their words', () => {
    expect(items[3]!.answer).toContain('- See the man page and diagram');
    expect(items[3]!.answer).not.toMatch(/https?:|\.png|\]\(/);
  });
});

describe('the headings format', () => {
  const items = parseHeadings(fixture('headings/kubernetes/probes.md'));

  it('takes question headings and leaf headings with text, parents as topics (nearest first)', () => {
    expect(items.map((i) => [i.question, i.topics])).toEqual([
      ['What is a readiness probe?', ['Probes', 'Kubernetes']],
      ['What is a liveness probe?', ['Probes', 'Kubernetes']],
      ['How does the Horizontal Pod Autoscaler decide the replica count?', ['Scaling', 'Kubernetes']],
    ]);
  });

  it('keeps code block contents as text without the fences', () => {
    expect(items[1]!.answer).toContain('livenessProbe:');
    expect(items[1]!.answer).not.toContain('```');
  });
});

describe('the qa format', () => {
  it('pairs Q: and A: lines, bold variants and multi-line answers', () => {
    const items = parseQa(fixture('qa/networking.md'));
    expect(items.map((i) => i.question)).toEqual(['What does TTL mean for a DNS record?', 'Why does TCP have a TIME_WAIT state?', 'What port does HTTPS use by default?']);
    expect(items[1]!.answer).toMatch(/^It keeps the connection's port pair reserved[\s\S]*maximum segment lifetime\.$/);
    expect(items[2]!.answer).toBe('');
  });

  it('pairs a numbered questions file with its answers file', () => {
    const items = parseNumberedPair(fixture('numbered/mock_1_questions.md'), fixture('numbered/mock_1_answers.md'));
    expect(items.map((i) => i.question)).toEqual(['What is an error budget?', 'What is the difference between a rolling and a blue/green deployment?', 'Name one benefit of chaos engineering.']);
    expect(items[0]!.answer).toMatch(/^The error budget is the amount of failure/);
    expect(items[2]!.answer).toBe('');
  });
});

describe('the anki format', () => {
  it('reads the headers, quoted fields with doubled quotes, HTML and hierarchical tags', () => {
    const items = parseAnki(fixture('anki/deck.txt'));
    expect(items.map((i) => [i.question, i.topics])).toEqual([
      ['What is a canary release?', ['deployment', 'ci-cd', 'canary']],
      ['What does "idempotent" mean?', ['retries']],
      ['What is MTTR?', ['incident-response']],
    ]);
    expect(items[0]!.answer).toBe('Shipping a new version to a small share of traffic first.\nCompare its error rate and latency with the baseline before going further.');
    expect(items[2]!.answer).toBe('');
  });

  it('reads an Anki 2.1.50+ export: GUID and notetype columns dropped, the deck as topics, quoted fields with newlines and tabs', () => {
    const items = parseAnki(fixture('anki/sre-prep.txt'));
    expect(items.map((i) => [i.question, i.line, i.topics])).toEqual([
      ['What is an SLO?', 7, ['slo', 'reliability', 'SLOs', 'Observability', 'SRE Prep']],
      ['What does kill -9 send?', 8, ['linux', 'signals', 'Linux', 'SRE Prep']],
      ['What is "toil"?', 10, []],
      ['Who owns the incident timeline?', 11, ['Incidents', 'SRE Prep']],
    ]);
    expect(items[1]!.answer).toBe('SIGKILL, which the process cannot catch or ignore.\nThe kernel ends the process at once, so it gets no chance to clean up.');
    expect(items[2]!.answer).toBe('Manual, repetitive work that grows with the size of the service.');
    expect(items[3]!.answer).toBe('');
  });

  it.each([
    ['comma', ','],
    ['Comma', ','],
    ['semicolon', ';'],
    ['Pipe', '|'],
    ['space', ' '],
    ['colon', ':'],
    [';', ';'],
  ])('honours #separator:%s', (name, sep) => {
    const text = `#separator:${name}\n#html:false\n#deck:Ops::On-call\n#tags:pager\n${['"What pages?"', '"Only symptoms, never causes"'].join(sep)}\n`;
    expect(parseAnki(text)).toEqual([{ question: 'What pages?', answer: 'Only symptoms, never causes', line: 5, topics: ['pager', 'On-call', 'Ops'] }]);
  });
});

describe('sniffing the format', () => {
  it.each([
    ['details/linux.md', 'details'],
    ['headings/kubernetes/probes.md', 'headings'],
    ['qa/networking.md', 'qa'],
    ['numbered/mock_1_questions.md', 'numbered'],
    ['anki/deck.txt', 'anki'],
  ])('%s is %s', (file, format) => {
    expect(sniffFormat(file, fixture(file))).toBe(format);
  });
});

describe('deriving questions', () => {
  it('splits an answer into one idea per key point, at most 8', () => {
    expect(deriveKeyPoints('First idea here. Second idea; third idea.\n\n- a listed item\n- another listed item')).toEqual(['First idea here', 'Second idea', 'Third idea', 'A listed item', 'Another listed item']);
    const long = Array.from({ length: 12 }, (_, i) => `Idea number ${i} about ${'word '.repeat(i % 4)}things.`).join(' ');
    expect(deriveKeyPoints(long)).toHaveLength(8);
  });

  it('keeps abbreviations, decimals, file names and URLs inside one sentence', () => {
    expect(deriveKeyPoints('An SLO is a target for an SLI over a window, e.g. 99.9% of requests succeed over 30 days. Alert on the burn rate.')).toEqual([
      'An SLO is a target for an SLI over a window, e.g. 99.9% of requests succeed over 30 days',
      'Alert on the burn rate',
    ]);
    expect(splitSentences('Edit config.yaml (i.e. the main file) in v1.2.3. Compare Kafka vs. RabbitMQ. Read https://sre.google/book.html. Then retry.')).toEqual([
      'Edit config.yaml (i.e. the main file) in v1.2.3.',
      'Compare Kafka vs. RabbitMQ.',
      'Read https://sre.google/book.html.',
      'Then retry.',
    ]);
    // "etc." ends a sentence only when a capitalised word follows.
    expect(splitSentences('Logs, metrics, traces etc. are signals. Use them, etc. Then page.')).toEqual(['Logs, metrics, traces etc. are signals.', 'Use them, etc.', 'Then page.']);
  });

  it('splits a long sentence where two clauses that stand alone are joined, and no shorter one', () => {
    expect(
      deriveKeyPoints('The load balancer checks each backend every few seconds with a health probe request, and it removes any backend that fails three probes in a row from the pool until it recovers.'),
    ).toEqual(['The load balancer checks each backend every few seconds with a health probe request', 'It removes any backend that fails three probes in a row from the pool until it recovers']);
    expect(deriveKeyPoints('Watch latency, traffic, errors and saturation.')).toEqual(['Watch latency, traffic, errors and saturation']);
    // A long list joined by "and" has no side that stands alone: it stays whole.
    const list = 'It covers latency, traffic, errors, saturation, availability, durability, freshness, correctness, coverage, throughput, queue depth, memory and disk pressure for every service.';
    expect(deriveKeyPoints(list)).toHaveLength(1);
  });

  it('leaves the id as the slug of the question', () => {
    const d = deriveQuestion({ question: 'What is a Pod?', answer: 'A group of containers.', line: 1, topics: [] }, 'k8s.md', { topics: [], skipUnanswered: false });
    expect(d.kind === 'question' && d.question.id).toBe('pod');
    expect(slugify('Qu’est-ce qu’un café?')).toBe('qu-est-ce-qu-un-cafe');
  });

  it('imports a question without an answer as ungraded, or skips it when asked', () => {
    const item = { question: 'Why?', answer: '', line: 3, topics: [] };
    const kept = deriveQuestion(item, 'a.md', { topics: [], skipUnanswered: false });
    expect(kept.kind === 'question' && kept.question.ungraded).toBe(true);
    expect(deriveQuestion(item, 'a.md', { topics: [], skipUnanswered: true })).toEqual({ kind: 'skipped', reason: 'no answer (--skip-unanswered)' });
  });

  it('reduces HTML and Markdown without running anything', () => {
    expect(markdownToText('<script>alert(1)</script>Use **bold** and `code` &amp; <i>tags</i>')).toBe('Use bold and code & tags');
  });
});

describe('importing a collection', () => {
  const opts = { format: 'auto' as const, topics: [], skipUnanswered: false, schemaRef: () => 'schema.json' };
  const ids = (r: ReturnType<typeof importCollection>) => [...r.origins.keys()];
  const pods = [{ path: 'a.md', text: '## What is a Pod?\nA group of containers.\n\n## What is a pod?\nThe unit Kubernetes schedules.\n' }];

  it('makes ids unique within the import and against the banks in use', () => {
    expect(ids(importCollection(pods, opts))).toEqual(['pod', 'pod-2']);
    // "pod" is a built-in id; "pod-3" is held by a bank in --out that this import does not rewrite.
    const reservedIds = new Map([['pod', ''], ['pod-3', 'other.yaml']]);
    expect(ids(importCollection(pods, { ...opts, reservedIds }))).toEqual(['pod-2', 'pod-4']);
  });

  it('gives the same ids again when the ids in use are those of its own earlier output', () => {
    const first = importCollection(pods, { ...opts, reservedIds: new Map([['pod', '']]) });
    const reservedIds = new Map([['pod', ''], ...ids(first).map((id) => [id, 'a.yaml'] as [string, string])]);
    expect(importCollection(pods, { ...opts, reservedIds }).outputs).toEqual(first.outputs);
  });

  it('marks what it writes, and writes a.md and a.txt to different banks', () => {
    const r = importCollection([...pods, { path: 'a.txt', text: 'Q: What is a node?\nA: A machine in the cluster.\n' }], opts);
    expect(r.outputs.map((o) => o.path)).toEqual(['a.yaml', 'a.txt.yaml']);
    expect(r.outputs.every((o) => isImportedBank(o.text))).toBe(true);
    expect(isImportedBank('# yaml-language-server: $schema=schema.json\nquestions: []\n')).toBe(false);
  });
});
