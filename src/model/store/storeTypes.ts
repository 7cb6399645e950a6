// What the explorer knows about a store (a database written by
// dataknobs_fsm's UnifiedDatabaseStorage: SQLite, DuckDB or PostgreSQL)
// before any run is opened: its tables of the five-column record shape, and
// one StoreRun per execution, from the history row's summary fields or from
// the step rows' own fields, never from the steps' JSON. Shared by the store
// worker, the page's run browser and the CLI. Pure types, and how messages
// name a row.

/** How a run is kept: a history row (maybe with step rows too), step rows only, or a row that cannot be read. */
export type StoreRunKind = 'history' | 'steps' | 'broken';

/** One execution in a store, as the run browser lists it. */
export interface StoreRun {
  /** Stable while the store is open; what openRuns() takes. */
  readonly key: number;
  readonly kind: StoreRunKind;
  /** The table the run's history row (or first step row) is in. */
  readonly table: string;
  /** SQLite rowid (or row number) of that row; negative where the engine has none (PostgreSQL: rows are named by id). */
  readonly rowId: number;
  /** The row's `id` column: the execution id for a history row. */
  readonly id: string;
  readonly executionId: string | null;
  readonly fsmName: string | null;
  /** As stored: `completed` or `in_progress` for a history row; for step rows, `in_progress` while any step is open. */
  readonly status: string | null;
  readonly dataMode: string | null;
  /** Epoch seconds. */
  readonly startTime: number | null;
  readonly endTime: number | null;
  /** Seconds (end - start), null while open or unknown. */
  readonly duration: number | null;
  readonly steps: number | null;
  readonly failed: number | null;
  readonly skipped: number | null;
  /** Step rows with this execution id, in any table of the store. */
  readonly stepRows: number;
  /** history_data is the compressed wrapper. */
  readonly compressed: boolean;
  /** The metadata column's JSON text as stored, or null (SQL NULL). */
  readonly metadata: string | null;
  /** Why the run cannot be opened (kind 'broken'), naming the table and row. */
  readonly problem: string | null;
}

/** How messages name a row: `table T row N (id X)`, or `table T (id X)` when the engine has no row numbers (rowId < 0). */
export function rowPlace(table: string, rowId: number, id: string): string {
  return rowId < 0 ? `table ${table} (id ${id})` : `table ${table} row ${rowId} (id ${id})`;
}

/** A table of the record shape (id, data, metadata, created_at, updated_at). */
export interface StoreTable {
  readonly name: string;
  readonly rows: number;
  readonly historyRows: number;
  readonly stepRows: number;
}

export interface StoreInfo {
  readonly fileName: string;
  /** 'files': runs already loaded from files (a FileStorage database, many dropped files), listed in memory. */
  readonly engine: 'sqlite' | 'duckdb' | 'postgres' | 'files';
  /** Size of the store file in bytes (0 for a server). */
  readonly size: number;
  readonly tables: readonly StoreTable[];
  /** Tables that do not have the record shape (listed when none does). */
  readonly otherTables: readonly string[];
  readonly runs: number;
  /** Problems met while listing (unreadable rows, a corrupt page), each naming the table and row. */
  readonly problems: readonly string[];
}

export const SORT_COLUMNS = [
  'start_time',
  'end_time',
  'duration',
  'fsm_name',
  'execution_id',
  'status',
  'steps',
  'failed',
  'skipped',
  'kind',
  'table_name',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

/** A metadata condition: `key` may be a dotted path into nested metadata (`user.id`). */
export interface MetadataCondition {
  readonly key: string;
  readonly value: string;
}

/** What the run browser asks for. Every field is optional but the sort. */
export interface RunQuery {
  /** Exact fsm name. */
  readonly fsm?: string | null;
  /** Exact stored status (`completed`, `in_progress`). */
  readonly status?: string | null;
  /** `with`: failed steps > 0; `without`: none. */
  readonly failures?: 'with' | 'without' | null;
  /** Start time bounds, epoch seconds, inclusive. */
  readonly since?: number | null;
  readonly until?: number | null;
  readonly metadata?: readonly MetadataCondition[];
  /** Case-insensitive text in the row id or execution id. */
  readonly text?: string | null;
  readonly sort: SortColumn;
  readonly desc: boolean;
}

export const DEFAULT_RUN_QUERY: RunQuery = { sort: 'start_time', desc: true };

export interface RunPage {
  /** Runs matching the query (while `counted` is pending: the runs known so far, a lower bound). */
  readonly total: number;
  /** A server's store counts apart from the page, so the page need not wait: the total, when it comes. */
  readonly counted?: Promise<number>;
  readonly offset: number;
  readonly rows: readonly StoreRun[];
}

export interface ValueCount {
  readonly value: string;
  readonly count: number;
}

/** Values to offer in the run browser's filters, with how many runs have each. */
export interface StoreFacets {
  readonly fsmNames: readonly ValueCount[];
  readonly statuses: readonly ValueCount[];
  /** Dotted metadata keys with scalar values. */
  readonly metadataKeys: readonly ValueCount[];
}
