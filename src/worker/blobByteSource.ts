// A dropped File read synchronously by offset, for SQLite's VFS inside the
// store worker: FileReaderSync reads just the slice asked for (BlockCache in
// front of it makes those slices 1 MiB blocks, read ahead up to 16 MiB on a
// forward scan), so a store is never copied whole
// into memory. Worker-only API; in memory bytes use bytesSource instead.
import type { SyncByteSource } from '../model/store/byteSource.ts';

interface FileReaderSyncLike {
  readAsArrayBuffer(blob: Blob): ArrayBuffer;
}

export function canReadBlobsSync(): boolean {
  return typeof (globalThis as { FileReaderSync?: unknown }).FileReaderSync === 'function';
}

export function blobByteSource(blob: Blob): SyncByteSource {
  const Reader = (globalThis as unknown as { FileReaderSync: new () => FileReaderSyncLike }).FileReaderSync;
  const reader = new Reader();
  return {
    size: blob.size,
    read(into, offset) {
      const end = Math.min(blob.size, offset + into.byteLength);
      if (end <= offset) return 0;
      const bytes = new Uint8Array(reader.readAsArrayBuffer(blob.slice(offset, end)));
      into.set(bytes);
      return bytes.byteLength;
    },
  };
}
