// The run browser's start-time bounds as datetime-local values, read and
// written in UTC (the page says so beside the inputs), to and from the epoch
// seconds of RunQuery.since / until. Minutes are the inputs' precision: an
// upper bound takes in the whole minute it names. Pure.

const INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** "2025-09-20T20:26" (UTC) for epoch seconds; '' for none. */
export function toInputValue(epochSeconds: number | null | undefined): string {
  if (typeof epochSeconds !== 'number' || !Number.isFinite(epochSeconds)) return '';
  const d = new Date(Math.floor(epochSeconds / 60) * 60_000);
  if (Number.isNaN(d.getTime())) return '';
  return d.toISOString().slice(0, 16);
}

/**
 * Epoch seconds for a datetime-local value read as UTC; null for '' or a
 * value that is not one. `endOfMinute` gives the last moment of the minute
 * (for an inclusive upper bound given to the minute).
 */
export function fromInputValue(value: string, endOfMinute = false): number | null {
  const m = INPUT.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms] = m;
  const t = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
    Number(ms ?? 0),
  );
  if (Number.isNaN(t)) return null;
  const seconds = t / 1000;
  return endOfMinute && s === undefined ? seconds + 59.999 : seconds;
}
