// The runs of a PostgreSQL store as one SQL relation, so that the database
// lists, filters, sorts and pages them: runGrouping.ts's rules written in SQL
// over dataknobs_data's `data jsonb` column, reading the same small fields
// (FIELD_PATHS) with the same typing (rowFieldsOf: strings only as strings,
// finite numbers only as numbers):
// - a row whose history_data is an object or a JSON string is a history run,
//   named by its execution_id (or its row id);
// - step rows (step_data, and no history_data) of an execution that has no
//   history row in any record table are one run: each step_id counts once,
//   its last save (latest created_at, then physical order) decides its
//   status, the run is in_progress while any step is open, and its table,
//   metadata and data mode come from its first row.
// Every run also carries its place in the store's order (kind_rank,
// table_name, saved_at, id), the order the other backends give keys in, and
// the tie-breaker of every sort. Table names are checked plain identifiers
// (pgIdent.ts), quoted here; nothing else is spliced into the SQL. Pure.
import type { FIELD_PATHS } from './runGrouping.ts';

/** A record table: how messages name it, and how SQL names it (quoted, schema-qualified). */
export interface PgTable {
  readonly name: string;
  readonly sql: string;
}

type FieldPath = (typeof FIELD_PATHS)[number];

/** `d -> 'a' -> 'b'` for `$.a.b` (the paths are fixed; none holds a quote). */
export function jsonPath(d: string, path: FieldPath): string {
  return `${d}${path
    .slice(2)
    .split('.')
    .map((p) => ` -> '${p}'`)
    .join('')}`;
}

const str = (e: string): string => `(CASE WHEN jsonb_typeof(${e}) = 'string' THEN ${e} #>> '{}' END)`;

/** A JSON number as float8; null for anything else, or one too large for a double (JSON.parse would give Infinity). */
const num = (e: string): string =>
  `(CASE WHEN jsonb_typeof(${e}) = 'number' THEN CASE WHEN abs((${e})::numeric) <= 1.7976931348623157e308 THEN (${e})::float8 END END)`;

/** An SQL string literal of a table's display name (a checked identifier, perhaps `schema.table`). */
export function sqlLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * The row's data read once: each `r.data -> ...` would decompress a TOASTed
 * row again, so each row's data is copied into memory once (`|| '{}'` keeps
 * an object as it is; an array or scalar stays one, without fields) and
 * every field is read from the copy, `alias.d`.
 */
export const readOnce = (r: string, alias: string): string =>
  `CROSS JOIN LATERAL (SELECT ${r}.data || '{}'::jsonb AS d OFFSET 0) AS ${alias}`;

/** `d` (a row's data) is a history: history_data is an object (containment reads it in place) or a JSON string. */
export const isHistory = (d: string): string =>
  `(${d} @> '{"history_data": {}}' OR coalesce(jsonb_typeof(${d} -> 'history_data') = 'string', false))`;

/** `d` is a step row's data: step_data is an object or a JSON string, and it is not a history. */
export const isStep = (d: string): string =>
  `(NOT ${isHistory(d)} AND (${d} @> '{"step_data": {}}' OR coalesce(jsonb_typeof(${d} -> 'step_data') = 'string', false)))`;

const f = (d: string, p: FieldPath): string => jsonPath(d, p);

/** A history row's execution id: data.execution_id when it is a string, else the row id. */
const historyExecution = (r: string, d: string): string =>
  `coalesce(${str(f(d, '$.execution_id'))}, ${r}.id)`;

/** The columns every run has, in this order, in every branch of the relation. */
export const RUN_COLUMNS = [
  'kind_rank',
  'kind',
  'table_name',
  'id',
  'execution_id',
  'fsm_name',
  'status',
  'data_mode',
  'start_time',
  'end_time',
  'duration',
  'steps',
  'failed',
  'skipped',
  'compressed',
  'metadata',
  'saved_at',
  'step_rows',
] as const;

function historiesOf(t: PgTable): string {
  const start = num(f('x.d', '$.start_time'));
  const end = num(f('x.d', '$.end_time'));
  // rowFieldsOf takes true, or SQLite's 1 for it.
  const compressed = `(x.d @> '{"history_data": {"compressed": true}}' OR x.d @> '{"history_data": {"compressed": 1}}')`;
  return `SELECT 0 AS kind_rank, 'history'::text AS kind, ${sqlLiteral(t.name)}::text AS table_name, r.id,
    ${historyExecution('r', 'x.d')} AS execution_id, ${str(f('x.d', '$.fsm_name'))} AS fsm_name,
    ${str(f('x.d', '$.status'))} AS status, ${str(f('x.d', '$.data_mode'))} AS data_mode,
    ${start} AS start_time, ${end} AS end_time, ${end} - ${start} AS duration,
    ${num(f('x.d', '$.total_steps'))} AS steps, ${num(f('x.d', '$.failed_steps'))} AS failed,
    ${num(f('x.d', '$.skipped_steps'))} AS skipped, ${compressed} AS compressed,
    r.metadata, coalesce(r.created_at, '-infinity'::timestamp) AS saved_at, NULL::bigint AS step_rows
  FROM ${t.sql} r ${readOnce('r', 'x')} WHERE ${isHistory('x.d')}`;
}

/** Every step row's small fields, with its table's position (tables in the store's order) and its physical place. */
function stepRowsOf(tables: readonly PgTable[]): string {
  return tables
    .map(
      (t, i) => `SELECT ${i} AS t, ${sqlLiteral(t.name)}::text AS table_name, r.ctid AS row_tid,
    coalesce(r.created_at, '-infinity'::timestamp) AS saved_at, ${str(f('x.d', '$.execution_id'))} AS exec,
    ${str(f('x.d', '$.step_data.step_id'))} AS step_id, ${str(f('x.d', '$.status'))} AS status,
    ${num(f('x.d', '$.step_data.timestamp'))} AS ts, ${num(f('x.d', '$.step_data.end_time'))} AS end_t,
    ${str(f('x.d', '$.step_data.data_mode'))} AS mode, r.metadata
  FROM ${t.sql} r ${readOnce('r', 'x')} WHERE r.data ? 'step_data' AND ${isStep('x.d')}`,
    )
    .join('\n  UNION ALL\n  ');
}

/** The execution id of every history row of every record table: what step-only executions are told apart from. */
function historyExecutions(tables: readonly PgTable[]): string {
  return tables
    .map(
      (t) =>
        `SELECT ${historyExecution('h', 'hx.d')} FROM ${t.sql} h ${readOnce('h', 'hx')} WHERE ${isHistory('hx.d')}`,
    )
    .join(' UNION ALL ');
}

const FIRST = 'ORDER BY s.t, s.saved_at, s.row_tid';

function stepRuns(tables: readonly PgTable[]): string {
  // The latest save of each step (a step without a step_id is a step of its own row).
  const last = `row_number() OVER (PARTITION BY x.exec, x.step_id,
      CASE WHEN x.step_id IS NULL THEN x.t END, CASE WHEN x.step_id IS NULL THEN x.row_tid END
      ORDER BY x.t DESC, x.saved_at DESC, x.row_tid DESC) = 1`;
  return `SELECT 1 AS kind_rank, 'steps'::text AS kind, g.table_name, g.exec AS id, g.exec AS execution_id,
    NULL::text AS fsm_name, CASE WHEN g.open THEN 'in_progress' ELSE 'completed' END AS status,
    g.mode AS data_mode, g.start_time, CASE WHEN g.open THEN NULL ELSE g.end_time END AS end_time,
    CASE WHEN g.open THEN NULL ELSE g.end_time - g.start_time END AS duration,
    g.steps::float8 AS steps, g.failed::float8 AS failed, g.skipped::float8 AS skipped,
    false AS compressed, g.metadata, g.saved_at, g.step_rows
  FROM (
    SELECT s.exec,
      (array_agg(s.table_name ${FIRST}))[1] AS table_name,
      (array_agg(s.metadata ${FIRST}))[1] AS metadata,
      (array_agg(s.saved_at ${FIRST}))[1] AS saved_at,
      (array_agg(s.mode ${FIRST}) FILTER (WHERE s.mode IS NOT NULL))[1] AS mode,
      min(s.ts) AS start_time, max(s.end_t) AS end_time, count(*) AS step_rows,
      count(*) FILTER (WHERE s.is_last) AS steps,
      count(*) FILTER (WHERE s.is_last AND s.status = 'failed') AS failed,
      count(*) FILTER (WHERE s.is_last AND s.status = 'skipped') AS skipped,
      coalesce(bool_or(s.is_last AND s.status IN ('pending', 'in_progress')), false) AS open
    FROM (SELECT x.*, ${last} AS is_last FROM (
  ${stepRowsOf(tables)}
    ) x WHERE x.exec IS NOT NULL) s
    GROUP BY s.exec
  ) g
  WHERE g.exec NOT IN (${historyExecutions(tables)})`;
}

/** Every run of the store: one row per run, with RUN_COLUMNS (step_rows is null for history runs). */
export function runsRelation(tables: readonly PgTable[]): string {
  return `(${[...tables.map(historiesOf), stepRuns(tables)].join('\n  UNION ALL\n  ')})`;
}

/** How many step rows each of the executions in the text[] parameter `param` has, in any record table. */
export function stepRowCounts(tables: readonly PgTable[], param: string): string {
  const counts = tables
    .map(
      (t) =>
        `(SELECT count(*) FROM ${t.sql} r WHERE r.data @> jsonb_build_object('execution_id', p.exec) AND ${isStep('r.data')})`,
    )
    .join(' + ');
  return `SELECT p.exec, ${counts} AS n FROM unnest(${param}::text[]) AS p(exec)`;
}

/** Per table: its rows, history rows, step rows, and rows the store skips (neither kind, or a step without an execution id). */
export function tableFactsSql(t: PgTable): string {
  const neither = `NOT ${isHistory('x.d')} AND NOT ${isStep('x.d')}`;
  const noExecution = `${isStep('x.d')} AND ${str(f('x.d', '$.execution_id'))} IS NULL`;
  return `SELECT count(*) AS rows,
      count(*) FILTER (WHERE ${isHistory('x.d')}) AS history_rows,
      count(*) FILTER (WHERE ${isStep('x.d')}) AS step_rows,
      count(*) FILTER (WHERE ${neither}) AS neither,
      (array_agg(r.id ORDER BY r.id COLLATE "C") FILTER (WHERE ${neither}))[1:3] AS neither_ids,
      count(*) FILTER (WHERE ${noExecution}) AS no_execution,
      (array_agg(r.id ORDER BY r.id COLLATE "C") FILTER (WHERE ${noExecution}))[1:3] AS no_execution_ids
    FROM ${t.sql} r ${readOnce('r', 'x')}`;
}

/**
 * history_data as JSON text. jsonb keeps no key order (it writes shorter keys
 * first: paths, summary, mode_storage), so the to_dict form is written back
 * in the producer's order, which the streaming loader reads as it comes; a
 * JSON string (the wrapper kept as text) is its content.
 */
const HISTORY_TEXT = `CASE
  WHEN jsonb_typeof(r.data -> 'history_data') = 'string' THEN r.data ->> 'history_data'
  WHEN r.data -> 'history_data' ?& array['summary', 'paths', 'mode_storage']
    AND (SELECT count(*) FROM jsonb_object_keys(r.data -> 'history_data')) = 3
  THEN '{"summary": ' || (r.data -> 'history_data' -> 'summary')::text
    || ', "paths": ' || (r.data -> 'history_data' -> 'paths')::text
    || ', "mode_storage": ' || (r.data -> 'history_data' -> 'mode_storage')::text || '}'
  ELSE (r.data -> 'history_data')::text END`;

/** history_data's bytes of the history row `$1` (its id), in pieces of `$2` bytes, in order (none: no such row). */
export function historyChunksSql(t: PgTable): string {
  return `WITH h AS MATERIALIZED (
      SELECT convert_to(${HISTORY_TEXT}, 'UTF8') AS b FROM ${t.sql} r WHERE r.id = $1::text AND ${isHistory('r.data')})
    SELECT substring(h.b FROM i FOR $2::int) AS chunk FROM h, generate_series(1, octet_length(h.b), $2::int) AS i ORDER BY i`;
}

/** The step rows of execution `$1` in one table, in save order (created_at, then physical order). */
export function stepRowsSql(t: PgTable): string {
  return `SELECT r.id, r.data::text AS data FROM ${t.sql} r
    WHERE r.data @> jsonb_build_object('execution_id', $1::text) AND ${isStep('r.data')}
    ORDER BY coalesce(r.created_at, '-infinity'::timestamp), r.ctid`;
}
