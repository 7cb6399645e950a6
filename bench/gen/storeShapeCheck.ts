// Checks a generated store against the real producer's file
// (test/fixtures/db/sqlite-histories.db, read with `immutable=1` so SQLite
// leaves no -wal or -shm file next to it): the same DDL, page size and WAL
// header, and rows of the same shapes. A row's shape is its kind (history
// plain or compressed, open or not; step row by status) with the key order of
// its data, of history_data, its summary and its steps, of step_data, the
// metadata column (JSON or NULL), json.dumps' separators and ASCII only, and
// the SQL timestamps' text form. Every shape a generated store has must be one
// the producer wrote, except the kinds the fixture has no row of (a
// compressed open run, say), whose parts are checked one by one.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { SQLITE3 } from './storeWrite.ts';

export const PRODUCER_FIXTURE = 'test/fixtures/db/sqlite-histories.db';

/** Rows sampled from a generated store (every n-th rowid, rows under 2 MB). */
const SAMPLE = 400;

interface Row {
  readonly data: string;
  readonly metadata: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

function sql(path: string, query: string): string {
  const r = spawnSync(SQLITE3, [`file:${resolve(path)}?immutable=1`, query], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`sqlite3 failed on ${path}: ${r.stderr}`);
  return r.stdout;
}

function rows(path: string, where: string): Row[] {
  const r = spawnSync(
    SQLITE3,
    [
      '-json',
      `file:${resolve(path)}?immutable=1`,
      `SELECT data, metadata, created_at, updated_at FROM "records" ${where}`,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  if (r.status !== 0) throw new Error(`sqlite3 failed on ${path}: ${r.stderr}`);
  return r.stdout.trim() === '' ? [] : (JSON.parse(r.stdout) as Row[]);
}

const keys = (v: unknown): string =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.keys(v).join(',') : typeof v;

/** The parts of a row's shape, by name. */
function rowParts(row: Row): Record<string, string> {
  const d = JSON.parse(row.data) as Record<string, unknown>;
  const parts: Record<string, string> = {
    data: keys(d),
    metadata: row.metadata === null ? 'NULL' : `json ${typeof JSON.parse(row.metadata)}`,
    separators: /"\s?:(?! )|,(?! )"/.test(row.data + (row.metadata ?? ''))
      ? "not json.dumps' default"
      : "json.dumps' default",
    ascii: /^[\x20-\x7e]*$/.test(row.data) ? 'ascii' : 'not ascii',
    timestamps: [row.created_at, row.updated_at].every((t) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(t))
      ? 'YYYY-MM-DD HH:MM:SS'
      : `${row.created_at} / ${row.updated_at}`,
  };
  if (d.history_data !== undefined) {
    let h = d.history_data as Record<string, unknown>;
    parts.wrapper = keys(h);
    if (h.compressed === true) {
      const z = Buffer.from(String(h.data), 'base64');
      parts.zlib = z[0] === 0x78 && z[1] === 0x9c ? 'zlib 78 9c' : `zlib ${z.subarray(0, 2).toString('hex')}`;
      h = JSON.parse(inflateSync(z).toString('utf8')) as Record<string, unknown>;
      parts.history = keys(h);
    }
    const paths = h.paths as unknown[][];
    parts.summary = keys(h.summary);
    parts.modes = keys(h.mode_storage);
    parts.step = keys(paths[0]?.[0]);
    parts.kind = `history ${d.status}, end_time ${d.end_time === null ? 'null' : 'set'}`;
  } else {
    parts.stepData = keys(d.step_data);
    parts.kind = `step ${d.status}, parent_id ${d.parent_id === null ? 'null' : 'set'}`;
  }
  return parts;
}

const shapeOf = (parts: Record<string, string>): string =>
  Object.entries(parts)
    .filter(([k]) => k !== 'zlib' && k !== 'history')
    .map(([k, v]) => `${k}=${v}`)
    .join(' | ');

function fileFacts(path: string): string {
  const fd = openSync(path, 'r');
  const head = new Uint8Array(20);
  readSync(fd, head, 0, 20, 0);
  closeSync(fd);
  const pragmas = sql(path, 'PRAGMA page_size; PRAGMA encoding; PRAGMA auto_vacuum;').trim().split('\n');
  return `header 18-19 = ${head[18]} ${head[19]}; page_size ${pragmas[0]}, ${pragmas[1]}, auto_vacuum ${pragmas[2]}`;
}

/** Where a generated store differs from the producer's file; empty when it has the producer's shapes. */
export function storeShapeProblems(generated: string, fixture = PRODUCER_FIXTURE): string[] {
  const problems: string[] = [];
  const schema = (p: string) => sql(p, '.schema').trim();
  if (schema(generated) !== schema(fixture)) problems.push('the schema (DDL) differs from the producer file');
  const [gf, ff] = [fileFacts(generated), fileFacts(fixture)];
  if (gf !== ff) problems.push(`file: ${gf}, the producer's: ${ff}`);
  const real = rows(fixture, '').map(rowParts);
  const known = new Set(real.map(shapeOf));
  /** Every value each part has in the producer's rows. */
  const partValues = new Map<string, Set<string>>();
  for (const p of real) {
    for (const [k, v] of Object.entries(p)) {
      if (!partValues.has(k)) partValues.set(k, new Set());
      partValues.get(k)!.add(v);
    }
  }
  const count = Number(sql(generated, 'SELECT max(rowid) FROM "records"').trim());
  const every = Math.max(1, Math.floor(count / SAMPLE));
  const sample = rows(generated, `WHERE rowid % ${every} = 0 AND length(data) < 2000000`).map(rowParts);
  const seen = new Set<string>();
  for (const p of sample) {
    const shape = shapeOf(p);
    if (known.has(shape) || seen.has(shape)) continue;
    seen.add(shape);
    // A kind the producer's file has no row of: each part must still be one the producer wrote.
    for (const [k, v] of Object.entries(p)) {
      if (k === 'kind' || k === 'metadata') continue;
      if (!partValues.get(k)?.has(v))
        problems.push(`${p.kind}: ${k} is "${v}", never so in the producer's rows`);
    }
  }
  if (sample.length === 0) problems.push('no rows sampled');
  return [...new Set(problems)];
}
