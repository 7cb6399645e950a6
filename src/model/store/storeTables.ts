// Finds the tables a store keeps its records in by their shape, not their
// name: dataknobs_data's five columns (id, data, metadata, created_at,
// updated_at), whatever the table is called (`records` by default,
// `fsm_histories` / `fsm_steps` when the kinds are split).
import type { Database } from '@sqlite.org/sqlite-wasm';
import { type LoadError, loadError } from '../errors.ts';

export const RECORD_COLUMNS = ['id', 'data', 'metadata', 'created_at', 'updated_at'] as const;

/** A quoted SQLite identifier (names come from sqlite_master, never from the user). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export interface FoundTables {
  /** Tables with the record shape, in sqlite_master order. */
  readonly record: string[];
  /** Every other table (shown when none has the shape). */
  readonly other: string[];
}

/** Lists the store's tables and picks those with the record columns. Throws sqlite3's error on a file that is not a database. */
export function findRecordTables(db: Database): FoundTables {
  const names = db.selectValues(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
  ) as string[];
  const record: string[] = [];
  const other: string[] = [];
  for (const name of names) {
    const cols = new Set(
      (db.selectValues('SELECT name FROM pragma_table_info(?)', [name]) as string[]).map((c) =>
        c.toLowerCase(),
      ),
    );
    if (RECORD_COLUMNS.every((c) => cols.has(c))) record.push(name);
    else other.push(name);
  }
  return { record, other };
}

/** The error of a database with no table of the record shape, listing the tables it has. */
export function noRecordTables(fileName: string, other: readonly string[]): LoadError {
  const listed = other.length === 0 ? 'it has no tables' : `tables found: ${other.join(', ')}`;
  return loadError(
    'not-a-history',
    fileName,
    `no table of execution-history records (columns id, data, metadata, created_at, updated_at, as UnifiedDatabaseStorage writes them); ${listed}`,
  );
}
