// A file on disk as a SyncByteSource for SqliteStore: read by offset with
// fs.readSync on demand (SQLite asks for pages; SqliteStore's block cache
// groups them), never read whole, never written. The descriptor is opened
// read-only and stays open until close().
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { SyncByteSource } from '../model/store/byteSource.ts';

export class FileByteSource implements SyncByteSource {
  readonly size: number;
  private fd: number | null;

  /** Opens `path` for reading. Throws fs's error (ENOENT, EISDIR, EACCES...). */
  constructor(readonly path: string) {
    const fd = openSync(path, 'r');
    try {
      const stat = fstatSync(fd);
      if (stat.isDirectory()) throw Object.assign(new Error(`EISDIR: ${path}`), { code: 'EISDIR' });
      this.size = stat.size;
    } catch (err) {
      closeSync(fd);
      throw err;
    }
    this.fd = fd;
  }

  /** Fills `into` from `offset`; returns the bytes read (fewer only at the end of the file). */
  read(into: Uint8Array, offset: number): number {
    if (this.fd === null) throw new Error(`${this.path}: read after close`);
    let done = 0;
    while (done < into.byteLength && offset + done < this.size) {
      const n = readSync(this.fd, into, done, into.byteLength - done, offset + done);
      if (n === 0) break;
      done += n;
    }
    return done;
  }

  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    closeSync(fd);
  }
}

/** The first `n` bytes of a file (fewer when it is shorter), or null when it cannot be read. */
export function readHead(path: string, n: number): Uint8Array | null {
  let source: FileByteSource;
  try {
    source = new FileByteSource(path);
  } catch {
    return null;
  }
  try {
    const head = new Uint8Array(n);
    return head.subarray(0, source.read(head, 0));
  } catch {
    return null;
  } finally {
    source.close();
  }
}
