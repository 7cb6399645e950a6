// The baseline of "drop to the first page": Debian's sqlite3 command line (the
// C library, as the producer's Python sqlite3 module is) running, on the same
// file, the listing the run browser's first page needs: every run of the
// store with the producer's summary fields, newest first, the first
// PAGE_SIZE (200) of them and how many there are. A run is what the app
// lists (storeIndex.ts): a history row (history_data an object or a string),
// or the step rows of an execution without a history row, merged by step_id
// with the last save of each step deciding its status. The file is opened as
// the app opens it (`immutable=1`: no locks, no -wal or -shm file).
// Also the producer's own query_histories (DATABASE_FORMAT.md, "Queries the
// real code issues"), for reference.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { PAGE_SIZE } from '../../src/features/run-browser/runWindow.ts';
import { SQLITE3 } from '../gen/storeWrite.ts';

export const LISTING_SQL = `WITH r AS MATERIALIZED (
  SELECT rowid AS row_id, id, metadata,
    coalesce(json_type(data, '$.history_data') IN ('object', 'text'), 0) AS is_history,
    coalesce(json_type(data, '$.step_data') IN ('object', 'text'), 0) AS is_step,
    json_extract(data, '$.execution_id', '$.fsm_name', '$.status', '$.start_time', '$.end_time',
      '$.total_steps', '$.failed_steps', '$.skipped_steps',
      '$.step_data.step_id', '$.step_data.timestamp', '$.step_data.end_time') AS v
  FROM "records"
), histories AS MATERIALIZED (
  SELECT row_id, id, coalesce(v ->> 0, id) AS execution_id, v ->> 1 AS fsm_name, v ->> 2 AS status,
    v ->> 3 AS start_time, v ->> 4 AS end_time, v ->> 5 AS steps, v ->> 6 AS failed, v ->> 7 AS skipped, metadata
  FROM r WHERE is_history
), steps AS MATERIALIZED (
  SELECT row_id, v ->> 0 AS execution_id, coalesce(v ->> 8, 'row ' || row_id) AS step_id, v ->> 2 AS status,
    v ->> 9 AS ts, v ->> 10 AS end_ts, metadata
  FROM r WHERE is_step AND NOT is_history AND v ->> 0 IS NOT NULL
    AND v ->> 0 NOT IN (SELECT execution_id FROM histories)
), latest AS (
  SELECT execution_id, step_id, status, max(row_id) FROM steps GROUP BY execution_id, step_id
), step_status AS (
  SELECT execution_id, count(*) AS steps, sum(status = 'failed') AS failed, sum(status = 'skipped') AS skipped,
    max(status IN ('pending', 'in_progress')) AS open
  FROM latest GROUP BY execution_id
), step_runs AS (
  SELECT execution_id, min(row_id) AS row_id, min(ts) AS start_time, max(end_ts) AS end_time
  FROM steps GROUP BY execution_id
), runs AS MATERIALIZED (
  SELECT row_id, id, execution_id, fsm_name, status, start_time, end_time, steps, failed, skipped, metadata
  FROM histories
  UNION ALL
  SELECT sr.row_id, sr.execution_id, sr.execution_id, NULL,
    CASE WHEN ss.open THEN 'in_progress' ELSE 'completed' END, sr.start_time,
    CASE WHEN ss.open THEN NULL ELSE sr.end_time END, ss.steps, ss.failed, ss.skipped,
    (SELECT metadata FROM steps f WHERE f.row_id = sr.row_id)
  FROM step_runs sr JOIN step_status ss USING (execution_id)
)
SELECT (SELECT count(*) FROM runs) AS total, id, execution_id, fsm_name, status, start_time, end_time,
  end_time - start_time AS duration, steps, failed, skipped, metadata
FROM runs ORDER BY start_time IS NULL, start_time DESC, row_id DESC LIMIT ${PAGE_SIZE};`;

/** UnifiedDatabaseStorage.query_histories on SQLite, as the real code issues it (first 100 histories, whole rows). */
export const PRODUCER_SQL = `SELECT * FROM "records" WHERE json_extract(data, '$.history_data') IS NOT NULL ORDER BY json_extract(data, '$.start_time') DESC LIMIT 100 OFFSET 0;`;

/** One row of LISTING_SQL's answer (sqlite3 -json). */
export interface ListedRun {
  readonly total: number;
  readonly id: string;
  readonly execution_id: string | null;
  readonly fsm_name: string | null;
  readonly status: string | null;
  readonly start_time: number | null;
  readonly end_time: number | null;
  readonly duration: number | null;
  readonly steps: number | null;
  readonly failed: number | null;
  readonly skipped: number | null;
  readonly metadata: string | null;
}

export interface CliRun {
  /** Wall time of the whole command: start, open, query, output, exit. */
  readonly ms: number;
  /** The answer (sqlite3 -json), or [] when its output was discarded. */
  readonly rows: unknown[];
}

/**
 * Runs `sql` once with the sqlite3 command line on `path` (read-only,
 * immutable), answer in JSON. `discard` sends the output to /dev/null (the
 * producer's query answers whole rows, hundreds of MB for a long run).
 */
export function runSqliteCli(path: string, sql: string, discard = false): CliRun {
  const t0 = performance.now();
  const r = spawnSync(SQLITE3, ['-json', `file:${resolve(path)}?immutable=1`], {
    input: sql,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['pipe', discard ? 'ignore' : 'pipe', 'pipe'],
  });
  const ms = performance.now() - t0;
  if (r.status !== 0)
    throw new Error(`sqlite3 failed on ${path} (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
  const out = discard ? '' : r.stdout.trim();
  return { ms, rows: out === '' ? [] : (JSON.parse(out) as unknown[]) };
}

/**
 * Reads the whole file once, so that the operating system's page cache holds
 * it for both sides (sqlite3 reads it with pread, the browser through the
 * dropped File): neither pays for the disk.
 */
export function warmPageCache(path: string): void {
  const fd = openSync(path, 'r');
  const buf = new Uint8Array(8 << 20);
  try {
    for (let at = 0; ; ) {
      const n = readSync(fd, buf, 0, buf.byteLength, at);
      if (n <= 0) break;
      at += n;
    }
  } finally {
    closeSync(fd);
  }
}
