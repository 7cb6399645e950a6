// Test helpers for PostgreSQL stores: writing rows in the backend's exact
// form (dataknobs_data's five-column table, DDL and indexes as its Postgres
// backend makes them) as the superuser, and reading every row back in save
// order through runGrouping.ts's RunGrouper, so a test can hold the SQL
// listing against the rules every other backend uses.
import pg from 'pg';
import { FIELD_PATHS, RunGrouper, rowFieldsOf } from '../../src/model/store/runGrouping.ts';
import type { StoreRun } from '../../src/model/store/storeTypes.ts';
import type { PgCluster } from './pgCluster.ts';

/** PostgresTableManager.get_create_table_sql (postgres_mixins.py), as in the fixture dump. */
export const PG_RECORDS_TABLE = (schema: string, table: string): string => `
  CREATE TABLE IF NOT EXISTS "${schema}"."${table}" (
    id TEXT PRIMARY KEY, data JSONB NOT NULL, metadata JSONB,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);`;

/** Its GIN indexes (made after a bulk load, they take a fraction of the time). */
export const PG_RECORDS_INDEXES = (schema: string, table: string): string => `
  CREATE INDEX IF NOT EXISTS "idx_${table}_data" ON "${schema}"."${table}" USING GIN (data);
  CREATE INDEX IF NOT EXISTS "idx_${table}_metadata" ON "${schema}"."${table}" USING GIN (metadata);`;

export const PG_RECORDS_DDL = (schema: string, table: string): string =>
  PG_RECORDS_TABLE(schema, table) + PG_RECORDS_INDEXES(schema, table);

export interface PgRow {
  readonly id: string;
  /** The data column: a value (written with JSON.stringify) or JSON text. */
  readonly data: unknown;
  readonly metadata?: unknown;
  /** The created_at column; undefined: in insertion order, a millisecond apart; null: SQL NULL. */
  readonly createdAt?: string | null;
}

const asJson = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** A connection as the superuser to `database`. */
export async function adminClient(c: PgCluster, database: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: c.url({ login: c.admin, database }) });
  await client.connect();
  return client;
}

/** Inserts rows into `"schema"."table"` (which exists), 2,000 per statement. */
export async function insertRows(
  client: pg.Client,
  schema: string,
  table: string,
  rows: readonly PgRow[],
): Promise<void> {
  const base = Date.UTC(2026, 11, 4, 14, 10, 48);
  for (let from = 0; from < rows.length; from += 2000) {
    const batch = rows.slice(from, from + 2000);
    await client.query(
      `INSERT INTO "${schema}"."${table}" (id, data, metadata, created_at, updated_at)
       SELECT id, data::jsonb, metadata::jsonb, created_at::timestamp, created_at::timestamp
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS r(id, data, metadata, created_at)`,
      [
        batch.map((r) => r.id),
        batch.map((r) => asJson(r.data)),
        batch.map((r) => (r.metadata === undefined || r.metadata === null ? null : asJson(r.metadata))),
        batch.map((r, i) =>
          r.createdAt === undefined
            ? new Date(base + from + i).toISOString().replace('T', ' ').replace('Z', '')
            : r.createdAt,
        ),
      ],
    );
  }
}

function at(value: unknown, path: string): unknown {
  let v = value;
  for (const part of path.slice(2).split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
    v = (v as Record<string, unknown>)[part];
  }
  return v === undefined ? null : v;
}

const isKind = (v: unknown): boolean =>
  typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v));

/**
 * Every run of the tables (display name and SQL name, in the store's order)
 * as RunGrouper makes them from the rows read in save order (created_at, then
 * physical order): what every other backend would list.
 */
export async function groupedRuns(
  client: pg.Client,
  tables: ReadonlyArray<{ readonly name: string; readonly sql: string }>,
): Promise<StoreRun[]> {
  const grouper = new RunGrouper();
  for (const t of tables) {
    grouper.table(t.name);
    const { rows } = await client.query(
      `SELECT id, data::text AS data, metadata::text AS metadata FROM ${t.sql}
       ORDER BY created_at NULLS FIRST, ctid`,
    );
    rows.forEach((r: { id: string; data: string; metadata: string | null }, i: number) => {
      const data = JSON.parse(r.data) as unknown;
      const kind = isKind(at(data, '$.history_data'))
        ? 'history'
        : isKind(at(data, '$.step_data'))
          ? 'step'
          : null;
      grouper.add(
        { rowId: i + 1, id: r.id, metadata: r.metadata, metadataInvalid: false },
        rowFieldsOf(
          kind,
          FIELD_PATHS.map((p) => at(data, p)),
        ),
      );
    });
  }
  return [...grouper.finish().runs];
}

/** What the listing says of a run, without what only names it inside one store (key, row number). */
export function listed(run: StoreRun): Record<string, unknown> {
  const { key: _key, rowId: _rowId, metadata, ...rest } = run;
  return { ...rest, metadata: metadata === null ? null : JSON.parse(metadata) };
}
