// Where the page can load files from besides the user's disk: `?url=<u>`
// (repeatable), `?sample`, `?db=<path>` (a server's store), and the built-in samples in public/samples/ (fetched
// relative to the document base, since the app may be served under any path).

export const SAMPLE_FILES: readonly string[] = [
  'llm-branching.json',
  'file-storage-db.json',
  'stream-direct.json',
  'fanout-2k.json',
];

export function sampleUrls(baseUri: string): string[] {
  return SAMPLE_FILES.map((name) => new URL(`samples/${name}`, baseUri).href);
}

export interface StartupSources {
  readonly urls: readonly string[];
  readonly sample: boolean;
  /** `?db=/__db/`: the store a server offers (`serve --db`), as given (checked by remoteStorePath). */
  readonly db?: string;
}

/** Reads `?url=` (each one, in order, empty ones skipped), `?sample` and `?db=` from a query string. */
export function readStartupSources(search: string): StartupSources {
  const params = new URLSearchParams(search);
  const db = params.get('db');
  return {
    urls: params.getAll('url').filter((u) => u.trim() !== ''),
    sample: params.has('sample'),
    ...(db === null ? {} : { db }),
  };
}

/** A file name for a URL: Content-Disposition's filename when given, else the last path segment. */
export function fileNameForUrl(url: string, contentDisposition?: string | null): string {
  if (contentDisposition) {
    const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(contentDisposition);
    const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(contentDisposition);
    const raw = star?.[1] ?? plain?.[1];
    if (raw) {
      try {
        return decodeURIComponent(raw.trim());
      } catch {
        return raw.trim();
      }
    }
  }
  try {
    const u = new URL(url, 'http://localhost/');
    const last = u.pathname
      .split('/')
      .filter((p) => p !== '')
      .at(-1);
    return last ? decodeURIComponent(last) : u.host || url;
  } catch {
    return url;
  }
}
