// Writes small SQLite and DuckDB store files for the CLI tests. SQLite: the
// explorer's own SQLite build, in memory (writable there; only files are
// opened read-only), exported to bytes and written out, so the tests need no
// sqlite3 program on the machine. DuckDB: @duckdb/node-api, writable, in the
// test's temp folder. Rows are in the producer's form (DATABASE_FORMAT.md §1).
import { writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { sqliteEngine } from '../../src/model/store/sqliteEngine.ts';

/** dataknobs_data's SQLite DDL; `checked` false leaves out the json_valid CHECKs (to store bad JSON). */
export const SQLITE_RECORDS_DDL = (table: string, checked = true): string => `CREATE TABLE "${table}" (
  id VARCHAR(255) PRIMARY KEY,
  data TEXT NOT NULL${checked ? ' CHECK (json_valid(data))' : ''},
  metadata TEXT${checked ? ' CHECK (metadata IS NULL OR json_valid(metadata))' : ''},
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
)`;

/** dataknobs_data's DuckDB DDL; `jsonType` false makes data VARCHAR (to store bad JSON). */
export const DUCKDB_RECORDS_DDL = (table: string, jsonType = true): string =>
  `CREATE TABLE "${table}"(id VARCHAR PRIMARY KEY, "data" ${jsonType ? 'JSON' : 'VARCHAR'} NOT NULL, metadata JSON, created_at TIMESTAMP DEFAULT(CURRENT_TIMESTAMP), updated_at TIMESTAMP DEFAULT(CURRENT_TIMESTAMP))`;

export interface Row {
  readonly id: string;
  readonly data: string;
  readonly metadata?: string | null;
}

export async function writeSqliteStore(
  path: string,
  statements: readonly string[],
  rows: readonly Row[] = [],
  table = 'records',
): Promise<void> {
  const { sqlite3 } = await sqliteEngine();
  const db = new sqlite3.oo1.DB(':memory:', 'c');
  try {
    for (const s of statements) db.exec(s);
    for (const r of rows) {
      db.exec({
        sql: `INSERT INTO "${table}" (id, data, metadata) VALUES (?, ?, ?)`,
        bind: [r.id, r.data, r.metadata ?? null],
      });
    }
    writeFileSync(path, sqlite3.capi.sqlite3_js_db_export(db));
  } finally {
    db.close();
  }
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

/** A step row (DATABASE_FORMAT.md §2b). */
export function stepRow(
  id: string,
  executionId: string,
  stepId: string,
  stateName: string,
  timestamp: number,
  parentId: string | null,
): Row {
  const stepData = {
    step_id: stepId,
    state_name: stateName,
    network_name: 'main',
    timestamp,
    start_time: timestamp,
    end_time: timestamp + 1,
    duration: 1.0,
    data_mode: 'copy',
    status: 'completed',
    arc_taken: null,
    error: null,
    metrics: {},
    resource_usage: {},
    stream_progress: null,
    chunks_processed: 0,
    records_processed: 0,
  };
  const data = {
    id,
    execution_id: executionId,
    step_id: stepId,
    parent_id: parentId,
    state_name: stateName,
    network_name: 'main',
    status: 'completed',
    timestamp,
    record_type: 'step',
    step_data: stepData,
  };
  return { id, data: JSON.stringify(data).replaceAll('":', '": ').replaceAll(',"', ', "') };
}
