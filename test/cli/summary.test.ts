// The `summary` command run as a real child process on every fixture, as text
// and as JSON, and on a mix of good and broken files.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED, type ExpectedRun } from './expectedFacts.ts';
import { type CliResult, FIXTURES, runCli } from './runCli.ts';

const FIXTURE_NAMES = Object.keys(EXPECTED).sort();
const fixturePaths = FIXTURE_NAMES.map((name) => `test/fixtures/${name}`);

interface JsonRun {
  execution_id: string;
  fsm_name: string;
  data_mode: string;
  unique_steps: number;
  tree_steps: number;
  detached_steps: number;
  roots: number;
  leaves: number;
  max_depth: number;
  status_counts: Record<string, number>;
  resources: Record<string, { calls: number; duration: number }>;
  chunks: number;
  records: number;
  warnings: string[];
}

function byId<T extends { execution_id: string }>(runs: readonly T[]): T[] {
  return [...runs].sort((a, b) => a.execution_id.localeCompare(b.execution_id));
}

describe('summary --json on every fixture', () => {
  let result: CliResult;
  let doc: Record<string, JsonRun[]>;
  beforeAll(async () => {
    result = await runCli(['summary', '--json', ...fixturePaths]);
    doc = JSON.parse(result.stdout) as Record<string, JsonRun[]>;
  });

  it('exits 0 with nothing on stderr and one key per file, named without its folder', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(Object.keys(doc).sort()).toEqual(FIXTURE_NAMES);
  });

  it.each(FIXTURE_NAMES)('%s: counts, statuses, resources and streams match the file', (name) => {
    const runs = doc[name] as JsonRun[];
    const expected = EXPECTED[name] as readonly ExpectedRun[];
    expect(runs).toHaveLength(expected.length);
    const got = byId(runs);
    const want = byId(expected);
    got.forEach((run, i) => {
      const exp = want[i] as ExpectedRun;
      expect(run.execution_id).toBe(exp.execution_id);
      expect(run.fsm_name).toBe(exp.fsm_name);
      expect(run.unique_steps).toBe(exp.unique_steps);
      expect(run.tree_steps).toBe(exp.tree_steps);
      expect(run.detached_steps).toBe(exp.detached_steps);
      expect(run.leaves).toBe(exp.leaves);
      expect(run.max_depth).toBe(exp.max_depth);
      expect(run.status_counts).toEqual(exp.status_counts);
      const calls = Object.fromEntries(Object.entries(run.resources).map(([type, r]) => [type, r.calls]));
      expect(calls).toEqual(exp.resource_calls);
      expect(run.chunks).toBe(exp.chunks);
      expect(run.records).toBe(exp.records);
      expect(['copy', 'reference', 'direct']).toContain(run.data_mode);
      expect(Array.isArray(run.warnings)).toBe(true);
      for (const w of run.warnings) expect(typeof w).toBe('string');
    });
  });

  it('reports the exact facts the brief names', () => {
    const fanout = doc['fanout-2k.json']?.[0];
    expect(fanout).toMatchObject({ unique_steps: 1809, leaves: 620, max_depth: 5, roots: 1 });
    expect(doc['orphan-step.json']?.[0]).toMatchObject({ unique_steps: 5, detached_steps: 1 });
    expect(doc['direct-pruned.json']?.[0]).toMatchObject({ unique_steps: 9, detached_steps: 4 });
    expect(doc['file-storage-db.json']).toHaveLength(3);
  });

  it('sums resource durations over the unique steps', () => {
    const support = doc['llm-branching.json']?.[0];
    expect(support?.resources.llm?.duration).toBeCloseTo(6.21, 6);
    expect(support?.resources.vector_store?.duration).toBeCloseTo(0.31, 6);
    // The round-tripped copy lists shared steps once per path; they still count once.
    expect(doc['llm-branching-roundtrip.json']?.[0]?.resources.llm).toMatchObject({ calls: 4 });
  });

  it('warns about the pruned tree and the open run', () => {
    expect(doc['direct-pruned.json']?.[0]?.warnings.join('\n')).toMatch(/prun/i);
    expect(doc['advanced-open-run.json']?.[0]?.warnings.join('\n')).toMatch(/open|end_time|running/i);
  });
});

describe('summary as text on every fixture', () => {
  let result: CliResult;
  beforeAll(async () => {
    result = await runCli(['summary', ...fixturePaths]);
  });

  it('exits 0 and has one heading per file with its run count', () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    for (const [name, runs] of Object.entries(EXPECTED)) {
      const count = `${runs.length} run${runs.length === 1 ? '' : 's'}`;
      expect(result.stdout).toContain(`test/fixtures/${name}: ${count}`);
    }
  });

  it('prints aligned labelled lines with the counts', () => {
    const block =
      result.stdout.split('test/fixtures/fanout-2k.json: 1 run')[1]?.split('test/fixtures/')[0] ?? '';
    expect(block).toMatch(/^ {2}fsm name {8}enrichment_pipeline$/m);
    expect(block).toMatch(/^ {2}execution id {4}pipe-2k$/m);
    expect(block).toMatch(/^ {2}unique steps {4}1,809$/m);
    expect(block).toMatch(/^ {2}leaves {10}620$/m);
    expect(block).toMatch(/^ {2}max depth {7}5$/m);
    expect(block).toMatch(/^ {2}statuses {8}completed 1,745, failed 32, skipped 32$/m);
    expect(block).toMatch(/^ {2}start {11}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/m);
    expect(block).toMatch(/^ {2}streams {9}568 chunks, 14,091 records/m);
    // The resource table: a header row, then one row per type with calls right-aligned.
    expect(block).toMatch(/^ {2}resources {7}type +calls +total duration$/m);
    expect(block).toMatch(/^ {18}http +600 +47\.039 s$/m);
  });

  it('says "open" for the end of a run that has not ended', () => {
    const block = result.stdout.split('test/fixtures/advanced-open-run.json: 1 run')[1] ?? '';
    expect(block).toMatch(/^ {2}end {13}open$/m);
  });

  it('marks detached steps of a pruned tree', () => {
    const block = result.stdout.split('test/fixtures/direct-pruned.json: 1 run')[1] ?? '';
    expect(block).toMatch(/^ {2}detached steps {2}4 \(the tree was pruned\)$/m);
  });

  it('lists the three runs of the FileStorage database', () => {
    const block = result.stdout
      .split('test/fixtures/file-storage-db.json: 3 runs')[1]
      ?.split('test/fixtures/')[0];
    expect(block?.match(/^run \d of 3$/gm)).toEqual(['run 1 of 3', 'run 2 of 3', 'run 3 of 3']);
  });
});

describe('summary with broken files among good ones', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fsm-cli-'));
    await writeFile(
      join(dir, 'truncated.json'),
      '{\n  "summary": {\n    "fsm_name": "x",\n    "execution_id": ',
    );
    await writeFile(join(dir, 'empty.json'), '');
    await writeFile(
      join(dir, 'binary.json'),
      Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x10]),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports the good files, names each bad file on stderr with line and column, and exits 2', async () => {
    const truncated = join(dir, 'truncated.json');
    const empty = join(dir, 'empty.json');
    const binary = join(dir, 'binary.json');
    const good1 = join(FIXTURES, 'etl-linear.json');
    const good2 = join(FIXTURES, 'orphan-step.json');
    const result = await runCli(['summary', '--json', good1, truncated, empty, binary, good2]);
    expect(result.code).toBe(2);
    const doc = JSON.parse(result.stdout) as Record<string, JsonRun[]>;
    expect(Object.keys(doc)).toEqual(['etl-linear.json', 'orphan-step.json']);
    expect(doc['orphan-step.json']?.[0]?.unique_steps).toBe(5);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain(truncated);
    expect(lines[0]).toMatch(/line 4, column \d+/);
    expect(lines[1]).toContain(empty);
    expect(lines[2]).toContain(binary);
  });

  it('does the same in text mode', async () => {
    const truncated = join(dir, 'truncated.json');
    const result = await runCli(['summary', truncated, join(FIXTURES, 'direct-pruned.json')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('direct-pruned.json: 1 run');
    expect(result.stdout).toMatch(/^ {2}unique steps {4}9$/m);
    expect(result.stderr).toContain(truncated);
    expect(result.stderr).toMatch(/line \d+, column \d+/);
  });

  it('names a file that does not exist', async () => {
    const missing = join(dir, 'nope.json');
    const result = await runCli(['summary', missing, join(FIXTURES, 'empty.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${missing}: no such file`);
    expect(result.stdout).toContain('empty.json: 1 run');
  });

  it('loads a gzip-compressed copy of a fixture', async () => {
    const { gzipSync } = await import('node:zlib');
    const { readFile } = await import('node:fs/promises');
    const gz = join(dir, 'orphan.json.gz');
    await writeFile(gz, gzipSync(await readFile(join(FIXTURES, 'orphan-step.json'))));
    const result = await runCli(['summary', '--json', gz]);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as Record<string, JsonRun[]>;
    expect(doc['orphan.json.gz']?.[0]).toMatchObject({ unique_steps: 5, detached_steps: 1 });
  });
});

describe('usage', () => {
  it('prints help and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('fsm-history-explorer summary FILE... [--json]');
  });

  it('prints the package version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('0.1.0');
  });

  it('rejects an unknown option with the usage on stderr and exit 1', async () => {
    const result = await runCli(['summary', '--frobnicate', 'x.json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('unknown option --frobnicate');
    expect(result.stderr).toContain('Usage:');
  });

  it('rejects summary without files', async () => {
    const result = await runCli(['summary', '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('summary needs at least one FILE');
  });
});
