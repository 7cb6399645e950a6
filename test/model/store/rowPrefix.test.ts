// The prefix reader gives exactly what SQLite's json_extract gives for the
// same row (slowFields), or says it is not sure (null): on every row of the
// real stores, on those rows cut at every length, and on rows reshaped in
// ways the producer does not write (escapes, other key orders, nesting).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '@sqlite.org/sqlite-wasm';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../../src/model/store/byteSource.ts';
import { readRowPrefix } from '../../../src/model/store/rowPrefix.ts';
import { sqliteEngine } from '../../../src/model/store/sqliteEngine.ts';
import { historySlice } from '../../../src/model/store/sqliteStore.ts';
import { slowFields } from '../../../src/model/store/storeIndex.ts';
import { makeStore, RECORDS_DDL } from './makeStore.ts';

const DB = join(import.meta.dirname, '..', '..', 'fixtures', 'db');

async function rowsOf(file: string): Promise<string[]> {
  const engine = await sqliteEngine();
  const db = engine.open(bytesSource(new Uint8Array(readFileSync(join(DB, file)))));
  const tables = db.selectValues("SELECT name FROM sqlite_master WHERE type = 'table'") as string[];
  const out = tables.flatMap((t) => db.selectValues(`SELECT data FROM "${t}" ORDER BY rowid`) as string[]);
  db.close();
  return out;
}

/** SQLite's answer for each text, through a one-table store holding them. */
async function sqliteAnswers(texts: readonly string[]) {
  const bytes = await makeStore(
    [RECORDS_DDL('records', false)],
    texts.map((data, i) => ({ id: `r${i}`, data })),
  );
  const engine = await sqliteEngine();
  const db: Database = engine.open(bytesSource(bytes));
  const answers = texts.map((_, i) => slowFields(db, 'records', i + 1));
  db.close();
  return answers;
}

function variants(row: string): string[] {
  return [
    row,
    row.replace('"execution_id": "', '"execution_id": "a\\u0041'),
    row.replace(/^\{"id": ("[^"]*"), /, '{"metadata": {"x": 1}, "id": $1, '),
    row.replace('"status": ', '"status":  \n '),
    row.replace('"record_type"', '"status": "shadow", "record_type"'),
    row.replace(/"start_time": [^,]*,/, '"start_time": 1e3,'),
    row.replace(/"start_time": [^,]*,/, '"start_time": -0.5E-2,'),
    row.replace(/"start_time": [^,]*,/, '"start_time": 01,'),
    row.replace('"history_data": {', '"history_data": {"compressed": false, "x": {'),
    row.replace('"step_data": {', '"step_data": {"metrics": {}, '),
  ];
}

describe('readRowPrefix', () => {
  it('agrees with json_extract on every real row, whole, cut and reshaped', async () => {
    const rows = [
      ...(await rowsOf('sqlite-histories.db')),
      ...(await rowsOf('sqlite-histories-split-tables.db')),
    ];
    expect(rows.length).toBe(63);
    const texts = rows.flatMap(variants).filter((t) => {
      try {
        JSON.parse(t);
        return true;
      } catch {
        return false;
      }
    });
    const answers = await sqliteAnswers(texts);
    let sure = 0;
    texts.forEach((text, i) => {
      for (const cut of [text.length, 1024, 700, 400, 301, 120, 0]) {
        const got = readRowPrefix(text.slice(0, cut));
        if (got === null) continue;
        sure++;
        const { valueAt, ...fields } = got;
        const { valueAt: _none, ...expected } = answers[i] as Exclude<(typeof answers)[number], 'not-json'>;
        expect({ row: i, cut, fields }).toEqual({ row: i, cut, fields: expected });
        if (got.kind !== null) {
          // valueAt is where history_data's / step_data's object starts: the value JSON.parse finds there.
          const whole = JSON.parse(text) as Record<string, unknown>;
          const value = got.kind === 'history' ? whole.history_data : whole.step_data;
          expect(text[valueAt!]).toBe('{');
          expect(text.startsWith(JSON.stringify(value).slice(0, 2), valueAt!)).toBe(true);
        }
      }
    });
    // Every unchanged real row is read from its first 1024 characters.
    for (const row of rows) expect(readRowPrefix(row.slice(0, 1024))).not.toBeNull();
    expect(sure).toBeGreaterThan(rows.length);
  });

  it('is not sure of text it would have to decode', () => {
    expect(readRowPrefix('{"id": "a\\"b", "status": "x"}')).toBeNull();
    expect(readRowPrefix('{"id": "x", "start_time": 12')).toBeNull();
    expect(readRowPrefix('not json')).toBeNull();
  });
});

describe('historySlice', () => {
  it('cuts out exactly history_data from every real history row', async () => {
    const rows = (await rowsOf('sqlite-histories.db')).filter((r) => r.includes('"record_type": "history"'));
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      const bytes = new TextEncoder().encode(row);
      const cut = historySlice(bytes);
      expect(cut).not.toBeNull();
      expect(JSON.parse(new TextDecoder().decode(cut!))).toEqual(JSON.parse(row).history_data);
    }
  });

  it('gives up on rows of another layout (SQLite then renders history_data)', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const base =
      '{"id": "a", "execution_id": "a", "fsm_name": "f", "data_mode": "copy", "status": "completed", "start_time": 1.0, "end_time": 2.0, "total_steps": 0, "failed_steps": 0, "skipped_steps": 0, "record_type": "history", "history_data": {"summary": {}, "paths": []}';
    expect(historySlice(enc(`${base}, "created_at": 1.5, "updated_at": 2.5}`))).not.toBeNull();
    expect(historySlice(enc(`${base}, "created_at": 1.5, "updated_at": 2.5, "extra": 1}`))).toBeNull();
    expect(historySlice(enc(`${base}}`))).toBeNull();
    expect(
      historySlice(enc(base.replace('"history_data": {"summary": {}, "paths": []}', '"history_data": "{}"'))),
    ).toBeNull();
  });
});
