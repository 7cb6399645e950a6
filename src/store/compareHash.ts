// The compare view's part of the URL hash: `compare=<run A id>,<run B id>`
// while the two runs are compared (each id percent-encoded, so a comma in one
// survives). Beside the explorer's and the run browser's keys; pure.
export interface CompareHash {
  readonly a: string;
  readonly b: string;
}

export function decodeCompareHash(hash: string): CompareHash | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const pair of body.split('&')) {
    if (!pair.startsWith('compare=')) continue;
    const parts = pair.slice('compare='.length).split(',');
    if (parts.length !== 2) return null;
    try {
      const [a, b] = parts.map((p) => decodeURIComponent(p)) as [string, string];
      return a !== '' && b !== '' ? { a, b } : null;
    } catch {
      return null;
    }
  }
  return null;
}

export function encodeCompareHash(h: CompareHash | null): string {
  return h === null ? '' : `compare=${encodeURIComponent(h.a)},${encodeURIComponent(h.b)}`;
}
