// Writes generated rows into an SQLite file with Debian's `sqlite3` command
// line (the C library, as the producer's Python sqlite3 module is): the
// records table with dataknobs_data's exact DDL (CHECK json_valid, the two
// timestamp indexes), every row in one transaction, then the file switched
// to WAL mode and closed, so it is left as the backend leaves it: header
// bytes 18-19 = 2, checkpointed, no -wal or -shm file. The SQL goes through a
// file next to the store (deleted afterwards); a row over ROW_FILE_BYTES is
// written to a file of its own and read with readfile(), so no statement
// holds a 362 MB literal.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import type { StoreRow } from './storeRows.ts';

export const SQLITE3 = process.env.SQLITE3 ?? 'sqlite3';

/** dataknobs_data's SQLTableManager.get_create_table_sql, whitespace and all (see test/fixtures/db). */
export function recordsDdl(table: string): string {
  return `CREATE TABLE IF NOT EXISTS "${table}" (
                id VARCHAR(255) PRIMARY KEY,
                data TEXT NOT NULL CHECK (json_valid(data)),
                metadata TEXT CHECK (metadata IS NULL OR json_valid(metadata)),
                created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
            )`;
}

export function recordsIndexDdl(table: string): string[] {
  return ['created', 'updated'].map(
    (c) => `CREATE INDEX IF NOT EXISTS "idx_${table}_${c}"
            ON "${table}" (${c}_at)`,
  );
}

/** Rows bigger than this go through a file of their own and readfile(). */
const ROW_FILE_BYTES = 8 << 20;

export interface WrittenStore {
  readonly rows: number;
  /** Sum of the rows' data lengths (characters; all ASCII). */
  readonly dataBytes: number;
  /** The database file's size. */
  readonly fileBytes: number;
}

const sqlText = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** The sqlite3 command line's version, or null when it is not installed. */
export function sqlite3Version(): string | null {
  const r = spawnSync(SQLITE3, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Writes `rows` into a new store at `path` (replacing it), table `table`. */
export function writeStoreFile(path: string, rows: Iterable<StoreRow>, table = 'records'): WrittenStore {
  if (sqlite3Version() === null) {
    throw new Error(
      `the sqlite3 command line is needed to write benchmark stores (${SQLITE3} not found; Debian: apt-get install sqlite3)`,
    );
  }
  const tmp = `${path}.tmp`;
  const sqlPath = `${path}.sql`;
  const sideFiles: string[] = [];
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, sqlPath]) rmSync(f, { force: true });
  const fd = openSync(sqlPath, 'w');
  let count = 0;
  let dataBytes = 0;
  try {
    const out = (s: string): void => {
      writeSync(fd, s, null, 'latin1');
    };
    // Written without a journal (faster); the file is switched to WAL mode at the end.
    out('PRAGMA page_size = 4096;\nPRAGMA journal_mode = OFF;\nPRAGMA synchronous = OFF;\n');
    out(`${recordsDdl(table)};\n${recordsIndexDdl(table).join(';\n')};\nBEGIN;\n`);
    for (const row of rows) {
      const pieces: string[] = [];
      let size = 0;
      let side: { path: string; fd: number } | null = null;
      row.data((piece) => {
        size += piece.length;
        if (side !== null) {
          writeSync(side.fd, piece, null, 'latin1');
          return;
        }
        pieces.push(piece);
        if (size > ROW_FILE_BYTES) {
          const p = `${path}.row${count}.json`;
          side = { path: p, fd: openSync(p, 'w') };
          sideFiles.push(p);
          for (const x of pieces) writeSync(side.fd, x, null, 'latin1');
          pieces.length = 0;
        }
      });
      dataBytes += size;
      let data: string;
      if (side === null) data = sqlText(pieces.join(''));
      else {
        const s = side as { path: string; fd: number };
        closeSync(s.fd);
        data = `CAST(readfile(${sqlText(s.path)}) AS TEXT)`;
      }
      out(
        `INSERT INTO "${table}" (id, data, metadata, created_at, updated_at) VALUES (${sqlText(row.id)}, ${data}, ` +
          `${row.metadata === null ? 'NULL' : sqlText(row.metadata)}, ${sqlText(row.createdAt)}, ${sqlText(row.updatedAt)});\n`,
      );
      count++;
    }
    out('COMMIT;\nPRAGMA journal_mode = WAL;\n');
  } finally {
    closeSync(fd);
  }
  const input = openSync(sqlPath, 'r');
  let r: ReturnType<typeof spawnSync>;
  try {
    r = spawnSync(SQLITE3, ['-bail', tmp], { stdio: [input, 'pipe', 'pipe'], maxBuffer: 1 << 20 });
  } finally {
    closeSync(input);
  }
  for (const f of [sqlPath, ...sideFiles]) rmSync(f, { force: true });
  if (r.status !== 0) {
    throw new Error(`sqlite3 failed writing ${path} (exit ${r.status}): ${String(r.stderr).slice(0, 2000)}`);
  }
  if (existsSync(`${tmp}-wal`) || existsSync(`${tmp}-shm`)) {
    throw new Error(`sqlite3 left a -wal or -shm file next to ${tmp}`);
  }
  const head = new Uint8Array(20);
  const hfd = openSync(tmp, 'r');
  try {
    readSync(hfd, head, 0, 20, 0);
  } finally {
    closeSync(hfd);
  }
  if (head[18] !== 2 || head[19] !== 2) throw new Error(`${tmp} is not in WAL mode (header bytes 18-19)`);
  renameSync(tmp, path);
  return { rows: count, dataBytes, fileBytes: statSync(path).size };
}
