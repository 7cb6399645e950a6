// Finds a PostgreSQL store's record tables by their shape, as the other
// backends do: the five columns dataknobs_data's Postgres backend creates
// (id, data jsonb, metadata, created_at, updated_at), in one schema, looked up
// in information_schema (so only tables this user may see), and counts what
// each holds. With --table only that table is taken, and it must have the
// shape. Rows the store skips are reported per table, not per row.
import { quoteIdent } from '../../model/store/pgIdent.ts';
import { type PgTable, tableFactsSql } from '../../model/store/pgRunsSql.ts';
import { RECORD_COLUMNS } from '../../model/store/storeTables.ts';
import type { StoreTable } from '../../model/store/storeTypes.ts';
import type { PgDatabase, Reader } from './pgConnection.ts';
import { PgFailure } from './pgErrors.ts';

export interface FoundTables {
  readonly record: PgTable[];
  readonly other: string[];
}

const SHAPE = `${RECORD_COLUMNS.join(', ')}, with data of type jsonb`;

/** The record tables of `schema` (only `table`, when given). Throws PgFailure naming what is missing. */
export async function findRecordTables(
  r: Reader,
  label: string,
  schema: string,
  table: string | null,
): Promise<FoundTables> {
  const schemas = await r.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [schema]);
  const columns = await r.query(
    `SELECT c.table_name, c.column_name, c.data_type
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE'
     ORDER BY c.table_name COLLATE "C", c.ordinal_position`,
    [schema],
  );
  if (schemas.length === 0 && columns.length === 0)
    throw new PgFailure('missing', `${label}: no schema ${schema} (or no access to it)`);
  const byTable = new Map<string, Map<string, string>>();
  for (const c of columns) {
    const name = String(c.table_name);
    let cols = byTable.get(name);
    if (!cols) {
      cols = new Map();
      byTable.set(name, cols);
    }
    cols.set(String(c.column_name), String(c.data_type));
  }
  const shown = (name: string) => (schema === 'public' ? name : `${schema}.${name}`);
  const record: PgTable[] = [];
  const other: string[] = [];
  for (const [name, cols] of byTable) {
    if (table !== null && name !== table) continue;
    const shaped = RECORD_COLUMNS.every((c) => cols.has(c)) && cols.get('data') === 'jsonb';
    if (shaped) record.push({ name: shown(name), sql: `${quoteIdent(schema)}.${quoteIdent(name)}` });
    else other.push(shown(name));
  }
  if (table !== null && record.length === 0) {
    throw new PgFailure(
      'missing',
      other.length > 0
        ? `${label}: table ${shown(table)} is not a table of execution-history records (it lacks ${SHAPE})`
        : `${label}: no table ${shown(table)} (or no access to it)`,
    );
  }
  if (record.length === 0) {
    const listed = other.length === 0 ? 'it has no tables you can read' : `tables found: ${other.join(', ')}`;
    throw new PgFailure(
      'missing',
      `${label}: no table of execution-history records in schema ${schema} (columns ${SHAPE}, as UnifiedDatabaseStorage writes them); ${listed}`,
    );
  }
  return { record, other };
}

export interface TableFacts {
  readonly tables: StoreTable[];
  readonly problems: string[];
}

const ids = (v: unknown, count: number): string =>
  Array.isArray(v) && v.length > 0 ? ` (ids ${v.join(', ')}${count > v.length ? ', …' : ''})` : '';

/** Rows per table and what the listing skips. */
export async function tableFacts(r: Reader, tables: readonly PgTable[]): Promise<TableFacts> {
  const facts: StoreTable[] = [];
  const problems: string[] = [];
  for (const t of tables) {
    const [row] = await r.query(tableFactsSql(t));
    const n = (k: string) => Number(row?.[k] ?? 0);
    facts.push({ name: t.name, rows: n('rows'), historyRows: n('history_rows'), stepRows: n('step_rows') });
    if (n('neither') > 0)
      problems.push(
        `table ${t.name}: ${n('neither')} rows are neither a history (history_data) nor a step (step_data); skipped${ids(row?.neither_ids, n('neither'))}`,
      );
    if (n('no_execution') > 0)
      problems.push(
        `table ${t.name}: ${n('no_execution')} step rows without an execution_id; skipped${ids(row?.no_execution_ids, n('no_execution'))}`,
      );
  }
  return { tables: facts, problems };
}

/** Opens nothing itself: the record tables and their facts, in one read-only transaction. */
export function describeStore(
  db: PgDatabase,
  schema: string,
  table: string | null,
): Promise<FoundTables & TableFacts> {
  return db.read(async (r) => {
    const found = await findRecordTables(r, db.label, schema, table);
    return { ...found, ...(await tableFacts(r, found.record)) };
  });
}
