// Downloads a URL into a Blob by streaming its body (so progress can be shown
// and the bytes never become one big string), reporting bytes as they arrive.
import { fileNameForUrl } from './urlSources.ts';

export interface Downloaded {
  readonly name: string;
  readonly blob: Blob;
}

export async function fetchToBlob(
  url: string,
  signal: AbortSignal,
  onBytes: (bytesRead: number, totalBytes: number) => void,
): Promise<Downloaded> {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  const name = fileNameForUrl(url, res.headers.get('content-disposition'));
  const length = Number(res.headers.get('content-length') ?? 0);
  const total = Number.isFinite(length) && length > 0 ? length : 0;
  if (!res.body) {
    const blob = await res.blob();
    onBytes(blob.size, blob.size);
    return { name, blob };
  }
  const reader = res.body.getReader();
  const chunks: BlobPart[] = [];
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    read += value.byteLength;
    onBytes(read, total);
  }
  return { name, blob: new Blob(chunks) };
}
