// `summary` on store files (SQLite and DuckDB databases written by
// dataknobs_fsm's UnifiedDatabaseStorage), run as a real child process: the
// real fixtures against their JSON twins and against DATABASE_FORMAT.md §3,
// DuckDB against SQLite, --run, and broken stores made in a temp folder.
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, FIXTURES, runCli } from './runCli.ts';
import {
  DUCKDB_RECORDS_DDL,
  historyRow,
  SQLITE_RECORDS_DDL,
  stepRow,
  writeDuckdbStore,
  writeSqliteStore,
} from './storeFiles.ts';

const DB = join(FIXTURES, 'db');
const SQLITE = join(DB, 'sqlite-histories.db');
const SPLIT = join(DB, 'sqlite-histories-split-tables.db');
const DUCKDB = join(DB, 'duckdb-histories.duckdb');

interface JsonRun {
  execution_id: string;
  fsm_name: string;
  data_mode: string;
  form: string;
  start_time: string | null;
  end_time: string | null;
  open: boolean;
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
type Doc = Record<string, JsonRun[]>;

/** The six executions of the main fixture, in the store's order (history rows, then step-only executions). */
const EXECUTIONS = [
  'conv-7f3a',
  'etl-2025-09-20-001',
  'inv-2025-0917',
  'ingest-0042',
  'b1e2c3d4-0000-4000-8000-000000000001',
  'batch-17',
];

function only(doc: Doc, key: string): JsonRun {
  const runs = doc[key];
  expect(runs, key).toHaveLength(1);
  return (runs as JsonRun[])[0] as JsonRun;
}

const hash = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('summary --json on the real store fixtures', () => {
  let result: CliResult;
  let doc: Doc;
  const before = new Map<string, string>();
  beforeAll(async () => {
    for (const f of [SQLITE, SPLIT, DUCKDB]) before.set(f, hash(f));
    result = await runCli([
      'summary',
      '--json',
      SQLITE,
      SPLIT,
      DUCKDB,
      join(FIXTURES, 'llm-branching.json'),
      join(FIXTURES, 'etl-linear.json'),
      join(FIXTURES, 'stream-direct.json'),
      join(FIXTURES, 'advanced-open-run.json'),
    ]);
    doc = JSON.parse(result.stdout) as Doc;
  });

  it('exits 0, nothing on stderr, one key per store run named store › table › id', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(Object.keys(doc)).toEqual([
      ...EXECUTIONS.map((id) => `sqlite-histories.db › records › ${id}`),
      'sqlite-histories-split-tables.db › fsm_histories › conv-7f3a',
      'sqlite-histories-split-tables.db › fsm_histories › etl-2025-09-20-001',
      ...EXECUTIONS.map((id) => `duckdb-histories.duckdb › records › ${id}`),
      'llm-branching.json',
      'etl-linear.json',
      'stream-direct.json',
      'advanced-open-run.json',
    ]);
    for (const id of EXECUTIONS)
      expect(only(doc, `sqlite-histories.db › records › ${id}`).execution_id).toBe(id);
  });

  it.each([
    ['conv-7f3a', 'llm-branching.json'],
    ['etl-2025-09-20-001', 'etl-linear.json'],
    ['ingest-0042', 'stream-direct.json'],
  ])('%s: the same steps, statuses and resources as its JSON twin %s', (id, twin) => {
    const fromStore = only(doc, `sqlite-histories.db › records › ${id}`);
    const fromJson = only(doc, twin);
    expect(fromStore.execution_id).toBe(fromJson.execution_id);
    expect(fromStore.fsm_name).toBe(fromJson.fsm_name);
    expect(fromStore.unique_steps).toBe(fromJson.unique_steps);
    expect(fromStore.status_counts).toEqual(fromJson.status_counts);
    expect(fromStore.resources).toEqual(fromJson.resources);
  });

  it('the open run: the same steps and statuses as advanced-open-run.json (its in-progress step also used http)', () => {
    const fromStore = only(doc, 'sqlite-histories.db › records › b1e2c3d4-0000-4000-8000-000000000001');
    const fromJson = only(doc, 'advanced-open-run.json');
    expect(fromStore.unique_steps).toBe(fromJson.unique_steps);
    expect(fromStore.status_counts).toEqual(fromJson.status_counts);
    // DATABASE_FORMAT.md §4: the store's in-progress `ship` step carries resource_usage
    // {"http": {"duration": 0.1, ...}}; the JSON fixture's open run (another generator run) has none.
    expect(fromStore.resources).toEqual({ http: { calls: 1, duration: 0.1 } });
    expect(fromJson.resources).toEqual({});
  });

  it('the facts DATABASE_FORMAT.md §3 gives for each execution', () => {
    const get = (id: string) => only(doc, `sqlite-histories.db › records › ${id}`);
    expect(get('conv-7f3a')).toMatchObject({
      fsm_name: 'support_agent',
      data_mode: 'reference',
      form: 'plain',
      unique_steps: 10,
      leaves: 4,
      status_counts: { completed: 7, failed: 1, skipped: 2 },
    });
    expect(Object.keys(get('conv-7f3a').resources).sort()).toEqual(['llm', 'vector_store']);
    expect(get('etl-2025-09-20-001')).toMatchObject({
      fsm_name: 'customer_etl',
      data_mode: 'copy',
      unique_steps: 6,
      status_counts: { completed: 6 },
    });
    expect(get('etl-2025-09-20-001').resources.database?.calls).toBe(2);
    expect(get('inv-2025-0917')).toMatchObject({
      fsm_name: 'invoice_approval',
      unique_steps: 5,
      leaves: 2,
      status_counts: { completed: 4, skipped: 1 },
    });
    expect(get('ingest-0042')).toMatchObject({
      fsm_name: 'log_ingest',
      data_mode: 'direct',
      form: 'compressed-wrapper',
      unique_steps: 15,
      chunks: 12,
      status_counts: { completed: 15 },
    });
    expect(get('b1e2c3d4-0000-4000-8000-000000000001')).toMatchObject({
      fsm_name: 'order_workflow',
      open: true,
      end_time: null,
      unique_steps: 5,
      status_counts: { completed: 4, in_progress: 1 },
    });
    // Steps only: one root with three children.
    expect(get('batch-17')).toMatchObject({
      form: 'store-steps',
      unique_steps: 4,
      tree_steps: 4,
      detached_steps: 0,
      roots: 1,
      leaves: 3,
      max_depth: 2,
      status_counts: { completed: 4 },
    });
  });

  it('DuckDB gives exactly the facts SQLite gives (the same 45 rows)', () => {
    for (const id of EXECUTIONS) {
      const sqlite = only(doc, `sqlite-histories.db › records › ${id}`);
      const duck = only(doc, `duckdb-histories.duckdb › records › ${id}`);
      const names = (w: string) => w.replace(`${DUCKDB} › `, 'STORE › ').replace(`${SQLITE} › `, 'STORE › ');
      expect({ ...duck, warnings: duck.warnings.map(names) }).toEqual({
        ...sqlite,
        warnings: sqlite.warnings.map(names),
      });
    }
  });

  it('the split-tables store gives the same facts for its two runs', () => {
    for (const id of ['conv-7f3a', 'etl-2025-09-20-001']) {
      const main = only(doc, `sqlite-histories.db › records › ${id}`);
      const split = only(doc, `sqlite-histories-split-tables.db › fsm_histories › ${id}`);
      expect(split.unique_steps).toBe(main.unique_steps);
      expect(split.status_counts).toEqual(main.status_counts);
      expect(split.resources).toEqual(main.resources);
      expect(split.max_depth).toBe(main.max_depth);
    }
  });

  it('leaves the store files as they were, with no -wal, -shm or .wal files next to them', () => {
    for (const [file, sum] of before) expect(hash(file), file).toBe(sum);
    expect(readdirSync(DB).filter((f) => /-wal$|-shm$|\.wal$|-journal$/.test(f))).toEqual([]);
  });
});

describe('summary as text on the store fixtures', () => {
  let result: CliResult;
  beforeAll(async () => {
    result = await runCli(['summary', SQLITE, SPLIT, DUCKDB]);
  });

  it('prints a heading per store, then each run as a file of its own', () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`${SQLITE}: SQLite store, 6 runs (table records)`);
    expect(lines).toContain(`${SPLIT}: SQLite store, 2 runs (tables fsm_histories, fsm_steps)`);
    expect(lines).toContain(`${DUCKDB}: DuckDB store, 6 runs (table records)`);
    for (const id of EXECUTIONS) {
      expect(lines).toContain(`${SQLITE} › records › ${id}: 1 run`);
      expect(lines).toContain(`${DUCKDB} › records › ${id}: 1 run`);
    }
    const conv = result.stdout.split(`${SQLITE} › records › conv-7f3a: 1 run`)[1]?.split(`${SQLITE} › `)[0];
    expect(conv).toMatch(/^run 1 of 1$/m);
    expect(conv).toMatch(/^ {2}execution id {4}conv-7f3a$/m);
    expect(conv).toMatch(/^ {2}unique steps {4}10$/m);
    expect(conv).toMatch(/^ {2}statuses {8}completed 7, failed 1, skipped 2$/m);
    const open = result.stdout.split(`${SQLITE} › records › b1e2c3d4-0000-4000-8000-000000000001: 1 run`)[1];
    expect(open).toMatch(/^ {2}end {13}open$/m);
  });
});

describe('summary --run', () => {
  it('reports only the runs asked for, from every store and file', async () => {
    const result = await runCli([
      'summary',
      '--json',
      SQLITE,
      '--run',
      'conv-7f3a',
      DUCKDB,
      '--run=batch-17',
      join(FIXTURES, 'file-storage-db.json'),
      join(FIXTURES, 'fanout-2k.json'),
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as Doc;
    expect(Object.keys(doc)).toEqual([
      'sqlite-histories.db › records › conv-7f3a',
      'sqlite-histories.db › records › batch-17',
      'duckdb-histories.duckdb › records › conv-7f3a',
      'duckdb-histories.duckdb › records › batch-17',
      'file-storage-db.json',
    ]);
    expect(doc['file-storage-db.json']?.map((r) => r.execution_id)).toEqual(['conv-7f3a']);
  });

  it('says how many runs were selected, in text', async () => {
    const result = await runCli(['summary', SQLITE, '--run', 'inv-2025-0917']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(
      `${SQLITE}: SQLite store, 6 runs, 1 selected by --run (table records)`,
    );
    expect(result.stdout).toContain(`${SQLITE} › records › inv-2025-0917: 1 run`);
    expect(result.stdout).not.toContain('conv-7f3a');
  });

  it('an id that matches nothing is an error naming it; the others are still reported', async () => {
    const result = await runCli([
      'summary',
      '--json',
      SQLITE,
      '--run',
      'no-such-run',
      '--run',
      'etl-2025-09-20-001',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      `fsm-history-explorer: --run no-such-run: no run with this execution id (or row id) in ${SQLITE}`,
    );
    expect(Object.keys(JSON.parse(result.stdout) as Doc)).toEqual([
      'sqlite-histories.db › records › etl-2025-09-20-001',
    ]);
  });
});

describe('summary on broken and unusual stores', () => {
  let dir: string;
  const file = (name: string) => join(dir, name);
  const conv = readFileSync(join(FIXTURES, 'llm-branching.json'), 'utf8').trim();
  const batch = [
    stepRow('s1', 'batch-9', 'root', 'start', 100, null),
    stepRow('s2', 'batch-9', 'kid', 'work', 101, 'root'),
  ];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fsm-store-cli-'));
    await writeFile(file('x.db'), 'hello, this is not a database\n');
    await writeSqliteStore(file('norecords.db'), [
      'CREATE TABLE users (id TEXT, name TEXT)',
      'CREATE TABLE events (a, b, c)',
    ]);
    await writeSqliteStore(
      file('badrow.db'),
      [SQLITE_RECORDS_DDL('records', false)],
      [
        historyRow('conv-7f3a', 'support_agent', conv),
        { id: 'broken-1', data: '{"id": "broken-1", "execution_id": "broken-1", "status": ' },
        ...batch,
      ],
    );
    await writeSqliteStore(file('empty.db'), [SQLITE_RECORDS_DDL('records')]);
    await writeSqliteStore(
      file('shared.db'),
      [SQLITE_RECORDS_DDL('records')],
      [historyRow('conv-7f3a', 'support_agent', conv), { id: 'settings', data: '{"theme": "dark"}' }],
    );
    copyFileSync(SQLITE, file('wrecked.db'));
    // Page 12 is a leaf in the middle of the records table: wreck its header.
    const fd = openSync(file('wrecked.db'), 'r+');
    writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, 12 * 4096);
    closeSync(fd);

    const etl = readFileSync(join(FIXTURES, 'etl-linear.json'), 'utf8')
      .trim()
      .replaceAll('"rows_read": 12000', '"rows_read": NaN');
    await writeDuckdbStore(
      file('nan.duckdb'),
      [DUCKDB_RECORDS_DDL('records')],
      [historyRow('etl-nan', 'customer_etl', etl)],
    );
    await writeDuckdbStore(
      file('badrow.duckdb'),
      [DUCKDB_RECORDS_DDL('records', false)],
      [
        historyRow('conv-7f3a', 'support_agent', conv),
        { id: 'broken-1', data: '{"id": "broken-1", ' },
        ...batch,
      ],
    );
    await writeDuckdbStore(file('empty.duckdb'), [DUCKDB_RECORDS_DDL('records')]);
    await writeDuckdbStore(file('norecords.duckdb'), ['CREATE TABLE users (id VARCHAR, name VARCHAR)']);
    copyFileSync(DUCKDB, file('wrecked.duckdb'));
    // The block holding the records table's rows (DuckDB checks each block's checksum).
    const dfd = openSync(file('wrecked.duckdb'), 'r+');
    writeSync(dfd, Buffer.alloc(4096, 0xff), 0, 4096, 300_000);
    closeSync(dfd);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('x.db that is not a database is read as a history file, and the message says so', async () => {
    const result = await runCli(['summary', file('x.db'), join(FIXTURES, 'orphan-step.json')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('orphan-step.json: 1 run');
    const line = result.stderr.trim();
    expect(line).toContain(file('x.db'));
    expect(line).toMatch(/line 1, column 1/);
    expect(line).toMatch(/not an SQLite or DuckDB database/);
    expect(line).toMatch(/read as a history file/);
  });

  it.each([
    ['norecords.db', 'tables found: users, events'],
    ['norecords.duckdb', 'tables found: users'],
  ])('%s: no table of the record shape; the message lists the tables found', async (name, tables) => {
    const result = await runCli(['summary', file(name), SQLITE, '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file(name)}: no table of execution-history records`);
    expect(result.stderr).toContain(tables);
    expect(Object.keys(JSON.parse(result.stdout) as Doc)).toHaveLength(6);
  });

  it.each([
    // SQLite rowids start at 1, DuckDB's at 0: the broken row is the second either way.
    ['badrow.db', 2],
    ['badrow.duckdb', 1],
  ])(
    '%s: the row that is not JSON fails naming table and row; the others load; exit 2',
    async (name, row) => {
      const result = await runCli(['summary', '--json', file(name)]);
      expect(result.code).toBe(2);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(
        `fsm-history-explorer: ${file(name)}: table records row ${row} (id broken-1)`,
      );
      expect(lines[0]).toMatch(/line 1, column \d+/);
      const doc = JSON.parse(result.stdout) as Doc;
      expect(Object.keys(doc)).toEqual([`${name} › records › conv-7f3a`, `${name} › records › batch-9`]);
      expect(only(doc, `${name} › records › conv-7f3a`)).toMatchObject({ unique_steps: 10 });
      expect(only(doc, `${name} › records › batch-9`)).toMatchObject({
        unique_steps: 2,
        roots: 1,
        leaves: 1,
      });
    },
  );

  it('--run takes a row id too: the broken row alone', async () => {
    const result = await runCli(['summary', file('badrow.db'), '--run', 'broken-1']);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('3 runs, 1 selected by --run');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('(id broken-1)');
    expect(result.stderr).not.toContain('--run broken-1');
  });

  it.each(['empty.db', 'empty.duckdb'])(
    '%s: the record table with no rows says "no runs", exit 0',
    async (name) => {
      const text = await runCli(['summary', file(name)]);
      expect(text.stderr).toBe('');
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/: (SQLite|DuckDB) store, no runs \(table records, 0 rows\)\n$/);
      const json = await runCli(['summary', '--json', file(name)]);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual({ [name]: [] });
    },
  );

  it('a row of another kind in a shared records table is skipped with a warning, exit 0', async () => {
    const result = await runCli(['summary', file('shared.db')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${file('shared.db')}: SQLite store, 1 run (table records)`);
    expect(result.stderr.trim()).toBe(
      `fsm-history-explorer: warning: ${file('shared.db')}: table records row 2 (id settings): neither a history (history_data) nor a step (step_data); skipped`,
    );
  });

  it('a corrupt SQLite page: the runs still readable are listed and the problem is named; exit 2', async () => {
    const result = await runCli(['summary', '--json', file('wrecked.db')]);
    expect(result.code).toBe(2);
    const doc = JSON.parse(result.stdout) as Doc;
    // conv-7f3a and its steps are in the pages before the wrecked one.
    expect(only(doc, 'wrecked.db › records › conv-7f3a')).toMatchObject({ unique_steps: 10 });
    expect(result.stderr).toMatch(
      new RegExp(
        `${file('wrecked.db').replaceAll('.', '\\.')}: table records: .*could not be read \\(database disk image is malformed\\)`,
      ),
    );
  });

  it('a corrupt DuckDB block: the problem is named; exit 2', async () => {
    const result = await runCli(['summary', file('wrecked.duckdb')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file('wrecked.duckdb')}: table records: could not be read`);
    expect(result.stderr).toMatch(/checksum/i);
  });

  it("DuckDB's JSON may hold Python's NaN: the run loads and the warning says so", async () => {
    const result = await runCli(['summary', '--json', file('nan.duckdb')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const run = only(JSON.parse(result.stdout) as Doc, 'nan.duckdb › records › etl-nan');
    expect(run).toMatchObject({ unique_steps: 6, status_counts: { completed: 6 } });
    expect(run.warnings.join('\n')).toMatch(/non-finite number/);
  });

  it('opening the stores wrote nothing next to them', () => {
    expect(readdirSync(dir).filter((f) => /-wal$|-shm$|\.wal$|-journal$/.test(f))).toEqual([]);
    expect(existsSync(join(dir, 'wrecked.duckdb.wal'))).toBe(false);
  });
});
