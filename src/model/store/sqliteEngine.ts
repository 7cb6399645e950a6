// SQLite (the official @sqlite.org/sqlite-wasm build) opened over a
// SyncByteSource through a read-only VFS of our own, so a dropped File is read
// page by page on demand and never copied whole into memory, and nothing can
// be written: every write, truncate, delete or journal open fails.
//
// A WAL-mode file (header bytes 18-19 = 2, as dataknobs_data's SQLite backend
// leaves it) would need its -wal and -shm files; the producer checkpoints on
// close, so the VFS reports those bytes as 1 (rollback journal) and SQLite
// reads the main file alone, as SQLite's docs suggest for read-only copies.
// The same engine runs in the store worker and in the CLI (Node).
import type { Database, Sqlite3Static } from '@sqlite.org/sqlite-wasm';
import { BlockCache, type SyncByteSource } from './byteSource.ts';

const VFS_NAME = 'fsm-readonly';

/** The parts of sqlite3's wasm helpers the VFS uses (typed loosely upstream). */
interface WasmHelpers {
  heap8u(): Uint8Array;
  poke32(ptr: number, v: number): void;
  poke64(ptr: number, v: bigint): void;
  poke(ptr: number, v: number | bigint, type: string): void;
  cstrToJs(ptr: number): string;
  cstrncpy(dest: number, src: number, n: number): number;
  allocCString(s: string): number;
}

interface OpenFile {
  readonly source: SyncByteSource;
}

let enginePromise: Promise<Engine> | null = null;

/** Starts SQLite once per thread (compiling its WebAssembly module) and registers the read-only VFS. */
export function sqliteEngine(): Promise<Engine> {
  enginePromise ??= (async () => {
    const { default: init } = await import('@sqlite.org/sqlite-wasm');
    const sqlite3 = await init();
    return new Engine(sqlite3);
  })();
  enginePromise.catch(() => {
    enginePromise = null;
  });
  return enginePromise;
}

/** One SQLite runtime with the read-only VFS; opens sources by name. */
export class Engine {
  private readonly sources = new Map<string, SyncByteSource>();
  private readonly files = new Map<number, OpenFile>();
  private nextName = 1;

  constructor(readonly sqlite3: Sqlite3Static) {
    // The library logs each failed statement to the console; the callers report errors themselves.
    const config = sqlite3.config as unknown as Record<string, unknown>;
    const quiet = () => undefined;
    config.warn = quiet;
    config.log = quiet;
    config.debug = quiet;
    this.install();
  }

  get version(): string {
    return this.sqlite3.version.libVersion;
  }

  /**
   * Opens `source` read-only. SQLite sees it as an immutable file: no locks,
   * no journal, no WAL. Throws sqlite3's error when the bytes are not a database.
   */
  open(source: SyncByteSource): Database {
    const name = `store-${this.nextName++}.db`;
    this.sources.set(name, new BlockCache(source));
    const db = new this.sqlite3.oo1.DB({ filename: `file:${name}?immutable=1`, flags: 'r', vfs: VFS_NAME });
    const forget = () => this.sources.delete(name);
    db.onclose = { after: forget };
    try {
      // Temporary tables (the run index) live in memory: the VFS opens no other file.
      db.exec('PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16384;');
    } catch (err) {
      db.close();
      throw err;
    }
    return db;
  }

  private install(): void {
    const { capi } = this.sqlite3;
    const wasm = this.sqlite3.wasm as unknown as WasmHelpers;
    const files = this.files;
    const sources = this.sources;
    const OK = capi.SQLITE_OK;

    const io = new capi.sqlite3_io_methods();
    // The upstream typings name the struct members without the `$` the runtime uses.
    (io as unknown as { $iVersion: number }).$iVersion = 1;
    const ioMethods = {
      xClose(pFile: number): number {
        files.delete(pFile);
        return OK;
      },
      xRead(pFile: number, pDest: number, n: number, offset64: number | bigint): number {
        const file = files.get(pFile);
        if (!file) return capi.SQLITE_IOERR_READ;
        const offset = Number(offset64);
        const dest = wasm.heap8u().subarray(pDest, pDest + n);
        let got: number;
        try {
          got = file.source.read(dest, offset);
        } catch {
          return capi.SQLITE_IOERR_READ;
        }
        // Header bytes 18-19: WAL (2) read as rollback journal (1); see the top of this file.
        if (offset <= 19 && offset + got > 18) {
          for (let at = 18; at <= 19; at++) {
            const i = at - offset;
            if (i >= 0 && i < got && dest[i] === 2) dest[i] = 1;
          }
        }
        if (got < n) {
          dest.fill(0, got);
          return capi.SQLITE_IOERR_SHORT_READ;
        }
        return OK;
      },
      xWrite(): number {
        return capi.SQLITE_READONLY;
      },
      xTruncate(): number {
        return capi.SQLITE_READONLY;
      },
      xSync(): number {
        return OK;
      },
      xFileSize(pFile: number, pSize: number): number {
        const file = files.get(pFile);
        if (!file) return capi.SQLITE_IOERR_FSTAT;
        wasm.poke64(pSize, BigInt(file.source.size));
        return OK;
      },
      xLock(): number {
        return OK;
      },
      xUnlock(): number {
        return OK;
      },
      xCheckReservedLock(_pFile: number, pOut: number): number {
        wasm.poke32(pOut, 0);
        return OK;
      },
      xFileControl(): number {
        return capi.SQLITE_NOTFOUND;
      },
      xSectorSize(): number {
        return 4096;
      },
      xDeviceCharacteristics(): number {
        return capi.SQLITE_IOCAP_IMMUTABLE;
      },
    };

    const vfs = new capi.sqlite3_vfs();
    const defaultPtr = capi.sqlite3_vfs_find(null);
    const fallback = defaultPtr ? new capi.sqlite3_vfs(defaultPtr) : null;
    vfs.$iVersion = 2;
    vfs.$szOsFile = (capi.sqlite3_file as unknown as { structInfo: { sizeof: number } }).structInfo.sizeof;
    vfs.$mxPathname = 512;
    vfs.$zName = wasm.allocCString(VFS_NAME);
    if (fallback) {
      type Randomness = { $xRandomness: number };
      (vfs as unknown as Randomness).$xRandomness = (fallback as unknown as Randomness).$xRandomness;
      fallback.dispose();
    }
    const vfsMethods = {
      xOpen(_pVfs: number, zName: number, pFile: number, flags: number, pOutFlags: number): number {
        const name = zName ? wasm.cstrToJs(zName) : '';
        const source = sources.get(name);
        // Only the main database file opens; journals, WAL and temp files do not exist here.
        if (!source || (flags & capi.SQLITE_OPEN_MAIN_DB) === 0) return capi.SQLITE_CANTOPEN;
        files.set(pFile, { source });
        const file = new capi.sqlite3_file(pFile);
        file.$pMethods = io.pointer as number;
        file.dispose();
        wasm.poke32(pOutFlags, capi.SQLITE_OPEN_READONLY);
        return OK;
      },
      xDelete(): number {
        return capi.SQLITE_IOERR_DELETE;
      },
      xAccess(_pVfs: number, _zName: number, _flags: number, pOut: number): number {
        wasm.poke32(pOut, 0);
        return OK;
      },
      xFullPathname(_pVfs: number, zName: number, nOut: number, pOut: number): number {
        return wasm.cstrncpy(pOut, zName, nOut) < nOut ? OK : capi.SQLITE_CANTOPEN;
      },
      xCurrentTime(_pVfs: number, pOut: number): number {
        wasm.poke(pOut, 2440587.5 + Date.now() / 864e5, 'double');
        return OK;
      },
      xCurrentTimeInt64(_pVfs: number, pOut: number): number {
        wasm.poke(pOut, BigInt(210866760000000 + Date.now()), 'i64');
        return OK;
      },
      xSleep(): number {
        return OK;
      },
      xGetLastError(): number {
        return OK;
      },
    };
    const install = this.sqlite3.vfs.installVfs as unknown as (opts: unknown) => void;
    install({ io: { struct: io, methods: ioMethods }, vfs: { struct: vfs, methods: vfsMethods } });
  }
}
