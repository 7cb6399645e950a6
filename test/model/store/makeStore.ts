// Builds small SQLite stores for tests with SQLite itself (the same wasm
// build, an in-memory database exported to bytes), in the producer's row
// form: the five-column table of dataknobs_data and json.dumps-spaced JSON.
import { sqliteEngine } from '../../../src/model/store/sqliteEngine.ts';
import { step as producerStep } from '../helpers.ts';

export const RECORDS_DDL = (table: string, checked = true) => `CREATE TABLE IF NOT EXISTS "${table}" (
  id VARCHAR(255) PRIMARY KEY,
  data TEXT NOT NULL${checked ? ' CHECK (json_valid(data))' : ''},
  metadata TEXT${checked ? ' CHECK (metadata IS NULL OR json_valid(metadata))' : ''},
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
)`;

export interface Row {
  readonly id: string;
  readonly data: string;
  readonly metadata?: string | null;
}

/** Python's json.dumps spacing (", " and ": "), keys in insertion order. */
export function dumps(v: unknown): string {
  return JSON.stringify(v, null, 1)
    .replace(/\n\s*/g, ' ')
    .replace(/\[ /g, '[')
    .replace(/ \]/g, ']')
    .replace(/\{ /g, '{')
    .replace(/ \}/g, '}');
}

/** A database with the given statements run, then `rows` inserted into `table`, as file bytes. */
export async function makeStore(
  statements: readonly string[],
  rows: readonly Row[] = [],
  table = 'records',
): Promise<Uint8Array> {
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
    return sqlite3.capi.sqlite3_js_db_export(db);
  } finally {
    db.close();
  }
}

export function stepRow(
  id: string,
  executionId: string,
  step: { step_id: string; state_name: string; status: string; timestamp: number; [k: string]: unknown },
  parentId: string | null,
): Row {
  const open = step.status === 'in_progress';
  const stepData = producerStep(step.step_id, step.state_name, {
    start_time: step.timestamp,
    end_time: open ? null : step.timestamp + 1,
    duration: open ? null : 1.0,
    error: step.status === 'failed' ? 'boom' : null,
    ...step,
  });
  return {
    id,
    data: dumps({
      id,
      execution_id: executionId,
      step_id: step.step_id,
      parent_id: parentId,
      state_name: step.state_name,
      network_name: 'main',
      status: step.status,
      timestamp: step.timestamp,
      record_type: 'step',
      step_data: stepData,
    }),
  };
}
