// Small statistics the benchmarks report: the median and maximum of repeated
// timings, and percentiles of frame times.

export interface Stat {
  readonly median: number;
  readonly max: number;
  readonly runs: number;
}

/** The median (the mean of the middle two for an even count); NaN for none. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function stat(xs: readonly number[]): Stat | null {
  if (xs.length === 0) return null;
  return { median: median(xs), max: Math.max(...xs), runs: xs.length };
}

/** The p-th percentile (nearest rank); null for none. */
export function percentile(xs: readonly number[], p: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** The element whose key is the median one (the lower of the middle two): a whole run to report. */
export function medianBy<T>(items: readonly T[], key: (item: T) => number): T | undefined {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
