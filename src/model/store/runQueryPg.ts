// RunQuery -> PostgreSQL over the runs relation (pgRunsSql.ts), meaning
// exactly what runQuerySql.ts means for SQLite and runListQuery.ts in memory:
// the same filters (a metadata key must lead through objects to a scalar;
// id text is matched case-insensitively for ASCII, as SQLite's lower() does),
// text sorted by code point (COLLATE "C", SQLite's BINARY), nulls last either
// way, then the store's order (kind, table, save time, id) in the sort's
// direction. Pages are keyset pages: the cursor is the last row's sort value
// and place, so no page re-reads the ones before it (OFFSET remains only for
// a jump to a page whose predecessor was never fetched). Every value is a
// bound parameter; column names come from fixed lists. Pure.
import { metadataPath, QueryError } from './runQuerySql.ts';
import { type RunQuery, SORT_COLUMNS, type SortColumn } from './storeTypes.ts';

export interface PgStatement {
  readonly text: string;
  readonly values: unknown[];
}

/** Where a page ends: the last row's sort value and its place in the store's order. */
export interface RunCursor {
  readonly value: number | string | null;
  readonly rank: number;
  readonly table: string;
  /** The row's created_at as PostgreSQL writes it (DateStyle ISO), or -infinity. */
  readonly saved: string;
  readonly id: string;
}

class Params {
  readonly values: unknown[] = [];
  add(v: unknown, cast: string): string {
    this.values.push(v);
    return `$${this.values.length}::${cast}`;
  }
}

/** PostgreSQL text cannot hold NUL, so no stored value has one: a filter value with one matches nothing. */
const holdsNul = (s: string): boolean => s.includes('\u0000');

const lowerAscii = (e: string): string =>
  `translate(${e}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;

/** `strict $."a"."b"`: the value there only when every step is an object member. */
function jsonPathOf(key: string): string {
  return `strict $${key
    .split('.')
    .map((p) => `."${p.replaceAll('\\', '\\\\')}"`)
    .join('')}`;
}

function conditions(q: RunQuery, p: Params): string[] {
  const parts: string[] = [];
  const equals = (column: string, value: string) =>
    parts.push(holdsNul(value) ? 'FALSE' : `${column} = ${p.add(value, 'text')}`);
  if (q.fsm) equals('fsm_name', q.fsm);
  if (q.status) equals('status', q.status);
  if (q.failures === 'with') parts.push('failed > 0');
  else if (q.failures === 'without') parts.push('coalesce(failed, 0) = 0');
  if (typeof q.since === 'number' && Number.isFinite(q.since))
    parts.push(`start_time >= ${p.add(q.since, 'float8')}`);
  if (typeof q.until === 'number' && Number.isFinite(q.until))
    parts.push(`start_time <= ${p.add(q.until, 'float8')}`);
  for (const c of q.metadata ?? []) {
    const key = c.key.trim();
    if (key === '') continue;
    if (metadataPath(key) === null)
      throw new QueryError(`metadata key ${JSON.stringify(c.key)} is not a dotted key`);
    if (holdsNul(key) || holdsNul(c.value)) {
      parts.push('FALSE');
      continue;
    }
    const at = `jsonb_path_query_first(metadata, ${p.add(jsonPathOf(key), 'jsonpath')}, '{}', true)`;
    parts.push(
      `(CASE WHEN jsonb_typeof(${at}) IN ('string', 'number', 'boolean') THEN ${at} #>> '{}' END) = ${p.add(c.value, 'text')}`,
    );
  }
  const text = q.text?.trim().toLowerCase();
  if (text) {
    if (holdsNul(text)) parts.push('FALSE');
    else {
      const needle = p.add(text, 'text');
      parts.push(
        `(strpos(${lowerAscii('id')}, ${needle}) > 0 OR strpos(${lowerAscii("coalesce(execution_id, '')")}, ${needle}) > 0)`,
      );
    }
  }
  return parts;
}

const TEXT_COLUMNS = new Set<SortColumn>(['fsm_name', 'execution_id', 'status', 'kind', 'table_name']);

function sortColumn(s: SortColumn): SortColumn {
  return (SORT_COLUMNS as readonly string[]).includes(s) ? s : 'start_time';
}

/** The store's order: what breaks every tie, so pages never overlap. */
const PLACE = ['kind_rank', 'table_name COLLATE "C"', 'saved_at', 'id COLLATE "C"'];

function placeAfter(c: RunCursor, op: '<' | '>', p: Params): string {
  const values = [
    p.add(c.rank, 'int'),
    p.add(c.table, 'text'),
    p.add(c.saved, 'timestamp'),
    p.add(c.id, 'text'),
  ];
  return `(${PLACE.join(', ')}) ${op} (${values.join(', ')})`;
}

/** Rows after the cursor in the query's order (nulls last, then the place). */
function afterCursor(column: SortColumn, desc: boolean, c: RunCursor, p: Params): string {
  const op = desc ? '<' : '>';
  if (c.value === null) return `(${column} IS NULL AND ${placeAfter(c, op, p)})`;
  const text = TEXT_COLUMNS.has(column);
  if (typeof c.value !== (text ? 'string' : 'number'))
    throw new QueryError('the page cursor does not fit the sort');
  if (typeof c.value === 'string' && holdsNul(c.value)) throw new QueryError('the page cursor is not valid');
  const v = p.add(c.value, text ? 'text' : 'float8');
  const sorted = text ? `${column} COLLATE "C"` : column;
  return `(${column} IS NULL OR ${sorted} ${op} ${v} OR (${column} = ${v} AND ${placeAfter(c, op, p)}))`;
}

function orderBy(column: SortColumn, desc: boolean): string {
  const dir = desc ? 'DESC' : 'ASC';
  const sorted = TEXT_COLUMNS.has(column) ? `${column} COLLATE "C"` : column;
  return `ORDER BY ${column} IS NULL, ${sorted} ${dir}, ${PLACE.map((c) => `${c} ${dir}`).join(', ')}`;
}

/** The columns a page reads (StoreRun's, the row's place for the next cursor). */
export const PAGE_COLUMNS = `kind_rank, kind, table_name, id, execution_id, fsm_name, status, data_mode, start_time,
  end_time, duration, steps, failed, skipped, compressed, metadata::text AS metadata, saved_at::text AS saved, step_rows`;

export interface PageRequest {
  /** Where the previous page ended; null for the first page (or a jump, with offset). */
  readonly after: RunCursor | null;
  readonly offset: number;
  readonly limit: number;
}

/** One page of the runs matching `q`. Throws QueryError for a bad metadata key or cursor. */
export function pageStatement(runs: string, q: RunQuery, page: PageRequest): PgStatement {
  const p = new Params();
  const column = sortColumn(q.sort);
  const where = conditions(q, p);
  if (page.after !== null) where.push(afterCursor(column, q.desc, page.after, p));
  const limit = p.add(Math.max(0, Math.floor(page.limit)), 'bigint');
  const offset =
    page.after === null && page.offset > 0 ? ` OFFSET ${p.add(Math.floor(page.offset), 'bigint')}` : '';
  return {
    text: `SELECT ${PAGE_COLUMNS} FROM ${runs} AS runs${whereSql(where)} ${orderBy(column, q.desc)} LIMIT ${limit}${offset}`,
    values: p.values,
  };
}

/** How many runs match `q`. */
export function countStatement(runs: string, q: RunQuery): PgStatement {
  const p = new Params();
  return { text: `SELECT count(*) AS n FROM ${runs} AS runs${whereSql(conditions(q, p))}`, values: p.values };
}

/** The runs a store-order walk takes: filtered by `q`, and by execution id or id when `ids` is given. */
function selected(q: Omit<RunQuery, 'sort' | 'desc'>, ids: readonly string[] | null, p: Params): string[] {
  const where = conditions({ ...q, sort: 'start_time', desc: false }, p);
  if (ids !== null) {
    const list = p.add(
      ids.filter((id) => !holdsNul(id)),
      'text[]',
    );
    where.push(`(execution_id = ANY(${list}) OR id = ANY(${list}))`);
  }
  return where;
}

/**
 * Runs in the store's order (the order the other backends give keys in),
 * after `after`'s place, optionally only those whose execution id or id is in `ids`.
 */
export function storeOrderStatement(
  runs: string,
  q: Omit<RunQuery, 'sort' | 'desc'>,
  ids: readonly string[] | null,
  after: RunCursor | null,
  limit: number,
): PgStatement {
  const p = new Params();
  const where = selected(q, ids, p);
  if (after !== null) where.push(placeAfter(after, '>', p));
  return {
    text: `SELECT ${PAGE_COLUMNS} FROM ${runs} AS runs${whereSql(where)} ORDER BY ${PLACE.join(', ')} LIMIT ${p.add(limit, 'bigint')}`,
    values: p.values,
  };
}

/** How many runs storeOrderStatement would go through. */
export function selectedCountStatement(
  runs: string,
  q: Omit<RunQuery, 'sort' | 'desc'>,
  ids: readonly string[] | null,
): PgStatement {
  const p = new Params();
  return {
    text: `SELECT count(*) AS n FROM ${runs} AS runs${whereSql(selected(q, ids, p))}`,
    values: p.values,
  };
}

function whereSql(parts: readonly string[]): string {
  return parts.length > 0 ? ` WHERE ${parts.join(' AND ')}` : '';
}

/**
 * The filter values to offer, in one pass over the runs: rows (facet, value,
 * n) for fsm names and statuses (500 each at most) and for the dotted
 * metadata keys that lead through objects to a scalar (200 at most), each
 * with how many runs have it, most first, then by code point.
 */
export function facetsSql(runs: string): string {
  const counted = (facet: string, column: string, limit: number) =>
    `(SELECT '${facet}' AS facet, ${column} AS value, count(*) AS n FROM r WHERE ${column} IS NOT NULL
      GROUP BY ${column} ORDER BY n DESC, ${column} COLLATE "C" LIMIT ${limit})`;
  return `WITH RECURSIVE r AS MATERIALIZED (SELECT row_number() OVER () AS run, fsm_name, status, metadata FROM ${runs} AS runs),
    m(run, path, v) AS (
      SELECT run, ARRAY[]::text[], metadata FROM r WHERE jsonb_typeof(metadata) = 'object'
      UNION ALL
      SELECT m.run, m.path || e.key, e.value FROM m CROSS JOIN LATERAL jsonb_each(m.v) AS e
      WHERE jsonb_typeof(m.v) = 'object'
    )
    ${counted('fsm', 'fsm_name', 500)}
    UNION ALL ${counted('status', 'status', 500)}
    UNION ALL (SELECT 'metadata', array_to_string(path, '.'), count(DISTINCT run) AS n FROM m
      WHERE jsonb_typeof(v) NOT IN ('object', 'array') AND cardinality(path) > 0
      GROUP BY array_to_string(path, '.') ORDER BY n DESC, array_to_string(path, '.') COLLATE "C" LIMIT 200)`;
}

/** Where a run is in the store: what names it for good (its key is only a number given out by the server). */
export interface RunPlace {
  readonly rank: number;
  readonly table: string;
  readonly id: string;
}

/** A run's place as a StoreRun tells it. */
export function placeOf(run: {
  readonly kind: string;
  readonly table: string;
  readonly id: string;
}): RunPlace {
  return { rank: run.kind === 'steps' ? 1 : 0, table: run.table, id: run.id };
}

/**
 * A run's key: a 53-bit hash of its place (two FNV-1a passes), so the same
 * run has the same key wherever and whenever it is listed; 1 or more.
 */
export function runKey(place: RunPlace): number {
  const text = `${place.rank}\u0000${place.table}\u0000${place.id}`;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 2 ** 21 + ((b >>> 0) >>> 11) || 1;
}

/** The one run at `place`. */
export function runAtStatement(runs: string, place: RunPlace): PgStatement {
  return {
    text: `SELECT ${PAGE_COLUMNS} FROM ${runs} AS runs WHERE kind_rank = $1::int AND table_name = $2::text AND id = $3::text`,
    values: [place.rank, place.table, place.id],
  };
}

/** The cursor that continues after `row` (a row of PAGE_COLUMNS) in a query sorted by `sort`. */
export function cursorAfter(row: Readonly<Record<string, unknown>>, sort: SortColumn): RunCursor {
  const v = row[sortColumn(sort)];
  return {
    value: typeof v === 'number' || typeof v === 'string' ? v : null,
    rank: Number(row.kind_rank),
    table: String(row.table_name),
    saved: String(row.saved),
    id: String(row.id),
  };
}
