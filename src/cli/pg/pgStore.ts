// A PostgreSQL store (dataknobs_data's Postgres backend, as
// UnifiedDatabaseStorage writes it) for the CLI and its HTTP API: the
// database does the work. Listing, filtering, sorting and keyset paging are
// SQL over the runs relation (pgRunsSql.ts, runQueryPg.ts); a page reads
// only its rows' small fields, and a count is a query of its own, so the
// first page never waits for it. Nothing holds the list of runs: a run is
// named by its place (kind, table, id), and its key is a hash of that place,
// the same for the same run in every process (a page keeps its runs' keys
// across a restart of the server). Opening a run
// goes through loadStoreRun like the other backends: history_data in 1 MiB
// pieces through a cursor (historyChunks, which the HTTP API streams as they
// come), step rows in save order. Every statement is read-only (pgConnection.ts).

import {
  type LoadRunOptions,
  loadStoreRun,
  type RunRows,
  storeRunFileName,
} from '../../model/store/loadStoreRun.ts';
import { identifierProblem, timeoutProblem } from '../../model/store/pgIdent.ts';
import {
  historyChunksSql,
  type PgTable,
  runsRelation,
  stepRowCounts,
  stepRowsSql,
} from '../../model/store/pgRunsSql.ts';
import {
  countStatement,
  cursorAfter,
  facetsSql,
  type PageRequest,
  pageStatement,
  type RunCursor,
  type RunPlace,
  runAtStatement,
  runKey,
  selectedCountStatement,
  storeOrderStatement,
} from '../../model/store/runQueryPg.ts';
import type { StepRowInput } from '../../model/store/stepRowsRun.ts';
import type { RunQuery, StoreFacets, StoreInfo, StoreRun, ValueCount } from '../../model/store/storeTypes.ts';
import type { FileLoadResult } from '../../model/types.ts';
import { PgDatabase, type Reader, type Row } from './pgConnection.ts';
import { PgFailure } from './pgErrors.ts';
import { describeStore } from './pgTables.ts';

export interface PgStoreOptions {
  readonly url: string;
  readonly schema: string;
  /** Only this table; null: every table of the record shape in the schema. */
  readonly table: string | null;
  readonly statementTimeout: string;
}

/** Runs per page when going through the store in its order (summary). */
const STORE_ORDER_PAGE = 2000;

/** Bytes of history_data per piece read from the server. */
const CHUNK_BYTES = 1 << 20;

export interface RunsPage {
  readonly rows: StoreRun[];
  /** Where the next page starts; null after the last. */
  readonly next: RunCursor | null;
}

/** Why the options cannot be used, before anything is asked of a server; null when they can. */
export function optionsProblem(
  o: Pick<PgStoreOptions, 'schema' | 'table' | 'statementTimeout'>,
): string | null {
  return (
    identifierProblem('schema', o.schema) ??
    (o.table === null ? null : identifierProblem('table', o.table)) ??
    timeoutProblem(o.statementTimeout)
  );
}

const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export class PgStore implements RunRows {
  private readonly runs: string;
  private readonly byName: ReadonlyMap<string, PgTable>;

  private constructor(
    private readonly db: PgDatabase,
    readonly info: StoreInfo,
    private readonly tables: readonly PgTable[],
  ) {
    this.runs = runsRelation(tables);
    this.byName = new Map(tables.map((t) => [t.name, t]));
  }

  /** Connects, finds the record tables and counts the runs. Throws PgFailure (a safe message). */
  static async open(o: PgStoreOptions): Promise<PgStore> {
    const problem = optionsProblem(o);
    if (problem !== null) throw new PgFailure('refused', problem);
    const db = new PgDatabase({ url: o.url, statementTimeout: o.statementTimeout });
    try {
      const found = await describeStore(db, o.schema, o.table);
      const runs = runsRelation(found.record);
      const [count] = await db.query(countStatement(runs, DEFAULT_QUERY).text);
      const info: StoreInfo = {
        fileName: db.label,
        engine: 'postgres',
        size: 0,
        tables: found.tables,
        otherTables: found.other,
        runs: Number(count?.n ?? 0),
        problems: found.problems,
      };
      return new PgStore(db, info, found.record);
    } catch (err) {
      await db.close();
      throw db.failure(err);
    }
  }

  /** StoreRuns of page rows, with the step rows of history runs counted (in the same transaction). */
  private async toRuns(r: Reader, rows: readonly Row[]): Promise<StoreRun[]> {
    const execs = rows.filter((x) => x.kind === 'history').map((x) => String(x.execution_id));
    const counts = new Map<string, number>();
    if (execs.length > 0) {
      for (const c of await r.query(stepRowCounts(this.tables, '$1'), [execs]))
        counts.set(String(c.exec), Number(c.n));
    }
    return rows.map((x): StoreRun => {
      const kind = x.kind === 'steps' ? 'steps' : 'history';
      const id = String(x.id);
      const table = String(x.table_name);
      const executionId = strOrNull(x.execution_id);
      return {
        key: runKey({ rank: Number(x.kind_rank), table, id }),
        kind,
        table,
        rowId: -1,
        id,
        executionId,
        fsmName: strOrNull(x.fsm_name),
        status: strOrNull(x.status),
        dataMode: strOrNull(x.data_mode),
        startTime: numOrNull(x.start_time),
        endTime: numOrNull(x.end_time),
        duration: numOrNull(x.duration),
        steps: numOrNull(x.steps),
        failed: numOrNull(x.failed),
        skipped: numOrNull(x.skipped),
        stepRows: kind === 'steps' ? Number(x.step_rows ?? 0) : (counts.get(executionId ?? id) ?? 0),
        compressed: x.compressed === true,
        metadata: strOrNull(x.metadata),
        problem: null,
      };
    });
  }

  /** One page of the runs matching `q`. Rejects with PgFailure, or QueryError for a bad key or cursor. */
  async page(q: RunQuery, req: PageRequest): Promise<RunsPage> {
    const s = pageStatement(this.runs, q, req);
    return this.db.read(async (r) => {
      const rows = await r.query(s.text, s.values);
      const last = rows.at(-1);
      return {
        rows: await this.toRuns(r, rows),
        next: last !== undefined && rows.length >= req.limit ? cursorAfter(last, q.sort) : null,
      };
    });
  }

  /** How many runs match `q`. */
  async count(q: RunQuery): Promise<number> {
    const s = countStatement(this.runs, q);
    const [row] = await this.db.query(s.text, s.values);
    return Number(row?.n ?? 0);
  }

  async facets(): Promise<StoreFacets> {
    const rows = await this.db.query(facetsSql(this.runs));
    const of = (facet: string): ValueCount[] =>
      rows.filter((x) => x.facet === facet).map((x) => ({ value: String(x.value), count: Number(x.n) }));
    return { fsmNames: of('fsm'), statuses: of('status'), metadataKeys: of('metadata') };
  }

  /** The run at `place` as the store has it now; undefined when it is gone. */
  async run(place: RunPlace): Promise<StoreRun | undefined> {
    const s = runAtStatement(this.runs, place);
    return this.db.read(async (r) => (await this.toRuns(r, await r.query(s.text, s.values)))[0]);
  }

  /**
   * Every run in the store's order (histories, then executions kept only as
   * step rows), a page at a time: filtered by `q`, and by execution id or id when `ids` is given.
   */
  async *storeOrder(
    q: Omit<RunQuery, 'sort' | 'desc'>,
    ids: readonly string[] | null,
  ): AsyncGenerator<StoreRun> {
    let after: RunCursor | null = null;
    for (;;) {
      const s = storeOrderStatement(this.runs, q, ids, after, STORE_ORDER_PAGE);
      const { rows, last } = await this.db.read(async (r) => {
        const found = await r.query(s.text, s.values);
        return { rows: await this.toRuns(r, found), last: found.at(-1) };
      });
      yield* rows;
      if (last === undefined || rows.length < STORE_ORDER_PAGE) return;
      after = cursorAfter(last, 'start_time');
    }
  }

  /** How many runs storeOrder(q, ids) goes through. */
  async selectedCount(q: Omit<RunQuery, 'sort' | 'desc'>, ids: readonly string[] | null): Promise<number> {
    const s = selectedCountStatement(this.runs, q, ids);
    const [row] = await this.db.query(s.text, s.values);
    return Number(row?.n ?? 0);
  }

  runFileName(run: StoreRun): string {
    return storeRunFileName(this.info.fileName, run);
  }

  /** Loads a listed run with the explorer's loaders. Never throws: failures name the store, table and row. */
  loadRun(run: StoreRun, opts: LoadRunOptions = {}): Promise<FileLoadResult> {
    return loadStoreRun(this.info.fileName, run.key, run, this, opts);
  }

  private table(name: string): PgTable {
    const t = this.byName.get(name);
    if (!t) throw new PgFailure('missing', `no record table ${name}`);
    return t;
  }

  /** history_data's JSON text (an object as jsonb renders it, a JSON string's content), in pieces as they come. */
  async *historyChunks(run: StoreRun): AsyncGenerator<Uint8Array> {
    const t = this.table(run.table);
    const text = historyChunksSql(t);
    for await (const rows of this.db.cursor(text, [run.id, CHUNK_BYTES], 4)) {
      for (const row of rows) yield row.chunk as Uint8Array;
    }
  }

  /** history_data as JSON bytes, or null when the row has none (any more). */
  async historyBytes(run: StoreRun): Promise<Uint8Array | null> {
    const chunks: Uint8Array[] = [];
    for await (const c of this.historyChunks(run)) chunks.push(c);
    return chunks.length === 0 ? null : Buffer.concat(chunks);
  }

  /** The run's step rows in every record table, in save order (rowId -n..-1: PostgreSQL has no row numbers). */
  async stepRows(run: StoreRun): Promise<StepRowInput[]> {
    const exec = run.executionId ?? run.id;
    const found = await this.db.read(async (r) => {
      const all: Array<{ table: string; id: string; data: string }> = [];
      for (const t of this.tables) {
        const rows = await r.query(stepRowsSql(t), [exec]);
        for (const x of rows) all.push({ table: t.name, id: String(x.id), data: String(x.data) });
      }
      return all;
    });
    return found.map((x, i) => ({ ...x, rowId: i - found.length }));
  }

  /** Runs one statement as this store runs its own (tests: a write is refused). */
  query(text: string, values: readonly unknown[] = []): Promise<Row[]> {
    return this.db.query(text, values);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

const DEFAULT_QUERY: RunQuery = { sort: 'start_time', desc: true };
