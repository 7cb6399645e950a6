// The CLI's on-demand file reader and the store detection by content.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileByteSource, readHead } from '../../src/cli/fileByteSource.ts';
import { isDuckdbHeader, storeKind } from '../../src/cli/storeSummary.ts';
import { FIXTURES } from './runCli.ts';

describe('FileByteSource', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fsm-bytes-'));
    await writeFile(
      join(dir, 'ten.bin'),
      Uint8Array.from({ length: 10 }, (_, i) => i),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads by offset, short only at the end of the file, and refuses reads after close', () => {
    const source = new FileByteSource(join(dir, 'ten.bin'));
    expect(source.size).toBe(10);
    const four = new Uint8Array(4);
    expect(source.read(four, 3)).toBe(4);
    expect([...four]).toEqual([3, 4, 5, 6]);
    expect(source.read(four, 8)).toBe(2);
    expect([...four.subarray(0, 2)]).toEqual([8, 9]);
    expect(source.read(four, 10)).toBe(0);
    source.close();
    source.close();
    expect(() => source.read(four, 0)).toThrow(/read after close/);
  });

  it('throws the file system error for a missing file or a folder', () => {
    expect(() => new FileByteSource(join(dir, 'nope'))).toThrow(/ENOENT/);
    expect(() => new FileByteSource(dir)).toThrow(/EISDIR/);
    expect(readHead(join(dir, 'nope'), 16)).toBeNull();
  });
});

describe('storeKind', () => {
  it('tells stores by their first bytes, not their names', () => {
    expect(storeKind(join(FIXTURES, 'db/sqlite-histories.db'))).toBe('sqlite');
    expect(storeKind(join(FIXTURES, 'db/sqlite-histories-split-tables.db'))).toBe('sqlite');
    expect(storeKind(join(FIXTURES, 'db/duckdb-histories.duckdb'))).toBe('duckdb');
    expect(storeKind(join(FIXTURES, 'db/postgres-histories.sql'))).toBeNull();
    expect(storeKind(join(FIXTURES, 'llm-branching.json'))).toBeNull();
    expect(isDuckdbHeader(new TextEncoder().encode('12345678DUCK'))).toBe(true);
    expect(isDuckdbHeader(new TextEncoder().encode('12345678DUC'))).toBe(false);
  });
});
