// Writes small SQLite and DuckDB store files for the CLI tests. SQLite: the
// model tests' makeStore (the explorer's own SQLite build, in memory,
// exported to bytes) written out, so the tests need no sqlite3 program on
// the machine. DuckDB: @duckdb/node-api, writable, in the
// test's temp folder. Rows are in the producer's form (DATABASE_FORMAT.md §1).
import { writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { makeStore, RECORDS_DDL, type Row, stepRow as storeStepRow } from '../model/store/makeStore.ts';

export type { Row };
/** dataknobs_data's SQLite DDL; `checked` false leaves out the json_valid CHECKs (to store bad JSON). */
export const SQLITE_RECORDS_DDL = RECORDS_DDL;

/** dataknobs_data's DuckDB DDL; `jsonType` false makes data VARCHAR (to store bad JSON). */
export const DUCKDB_RECORDS_DDL = (table: string, jsonType = true): string =>
  `CREATE TABLE "${table}"(id VARCHAR PRIMARY KEY, "data" ${jsonType ? 'JSON' : 'VARCHAR'} NOT NULL, metadata JSON, created_at TIMESTAMP DEFAULT(CURRENT_TIMESTAMP), updated_at TIMESTAMP DEFAULT(CURRENT_TIMESTAMP))`;

export async function writeSqliteStore(
  path: string,
  statements: readonly string[],
  rows: readonly Row[] = [],
  table = 'records',
): Promise<void> {
  writeFileSync(path, await makeStore(statements, rows, table));
}

export async function writeDuckdbStore(
  path: string,
  statements: readonly string[],
  rows: readonly Row[] = [],
  table = 'records',
): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  try {
    for (const s of statements) await conn.run(s);
    for (const r of rows) {
      await conn.run(`INSERT INTO "${table}" (id, data, metadata) VALUES ($1, $2, $3)`, [
        r.id,
        r.data,
        r.metadata ?? null,
      ]);
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** A history row (DATABASE_FORMAT.md §2a) around a to_dict() document's text. */
export function historyRow(executionId: string, fsmName: string, historyJson: string): Row {
  return {
    id: executionId,
    data: `{"id": ${JSON.stringify(executionId)}, "execution_id": ${JSON.stringify(executionId)}, "fsm_name": ${JSON.stringify(fsmName)}, "data_mode": "copy", "status": "completed", "record_type": "history", "history_data": ${historyJson}}`,
  };
}

/** A completed step row (DATABASE_FORMAT.md §2b). */
export function stepRow(
  id: string,
  executionId: string,
  stepId: string,
  stateName: string,
  timestamp: number,
  parentId: string | null,
): Row {
  return storeStepRow(
    id,
    executionId,
    { step_id: stepId, state_name: stateName, status: 'completed', timestamp },
    parentId,
  );
}
