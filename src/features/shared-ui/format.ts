// Formatting of numbers, durations and times for the panels: short readable
// text for the cell, and the exact value for a title attribute. Pure functions.

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** 1809 -> "1,809"; non-finite numbers (Python's NaN/Infinity) are spelled out. */
export function formatNumber(n: number | null | undefined): string {
  if (n == null) return '—';
  if (!Number.isFinite(n)) return String(n);
  return NUMBER.format(n);
}

/** 1 -> "1 step", 1809 -> "1,809 steps"; `plural` defaults to the noun plus "s". */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${formatNumber(n)} ${n === 1 ? noun : plural}`;
}

/** Durations in seconds, readable: "12 ms", "1.43 s", "2 min 3 s", "1 h 5 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null) return '—';
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds < 0) return `-${formatPositiveDuration(-seconds)}`;
  return formatPositiveDuration(seconds);
}

function formatPositiveDuration(seconds: number): string {
  if (seconds === 0) return '0 ms';
  if (Math.round(seconds * 1e6) < 1000) return `${Math.round(seconds * 1e6)} µs`;
  if (seconds < 0.01) return `${trimZeros((seconds * 1000).toFixed(1))} ms`;
  if (seconds < 1) {
    const ms = Math.round(seconds * 1000);
    return ms >= 1000 ? '1.00 s' : `${ms} ms`;
  }
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 60) {
    const text = seconds.toFixed(1);
    return text === '60.0' ? '1 min 0 s' : `${text} s`;
  }
  if (seconds < 3600) {
    let min = Math.floor(seconds / 60);
    let sec = Math.round(seconds - min * 60);
    if (sec === 60) {
      min += 1;
      sec = 0;
    }
    return min >= 60 ? '1 h 0 min' : `${min} min ${sec} s`;
  }
  let h = Math.floor(seconds / 3600);
  let min = Math.round((seconds - h * 3600) / 60);
  if (min === 60) {
    h += 1;
    min = 0;
  }
  return `${formatNumber(h)} h ${min} min`;
}

/** The exact value behind a formatted duration, for a title attribute. */
export function exactDuration(seconds: number | null | undefined): string {
  if (seconds == null) return 'no duration recorded';
  return `${String(seconds)} seconds`;
}

/** Seconds since 1970 -> "2025-09-20 20:26:45.436 UTC" (UTC so every viewer sees the same text). */
export function formatTimestamp(epochSeconds: number | null | undefined): string {
  if (epochSeconds == null) return '—';
  if (!Number.isFinite(epochSeconds)) return String(epochSeconds);
  const d = new Date(epochSeconds * 1000);
  if (Number.isNaN(d.getTime())) return String(epochSeconds);
  return `${d.toISOString().replace('T', ' ').replace('Z', '')} UTC`;
}

/** Seconds since 1970 -> "20:26:45.436" (UTC time of day), beside a full timestamp of the same day. */
export function formatTimeOfDay(epochSeconds: number | null | undefined): string {
  const full = formatTimestamp(epochSeconds);
  const match = /^\d{4}-\d\d-\d\d (\S+) UTC$/.exec(full);
  return match?.[1] ?? full;
}

/** True when both times fall on the same UTC calendar day. */
export function sameUtcDay(a: number, b: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.floor(a / 86400) === Math.floor(b / 86400);
}

/** The exact value behind a formatted timestamp, for a title attribute. */
export function exactTimestamp(epochSeconds: number | null | undefined): string {
  if (epochSeconds == null) return 'not recorded';
  return `${String(epochSeconds)} seconds since 1970-01-01 UTC`;
}

/** Offset of a time from the run's start: "+1.43 s". */
export function formatOffset(epochSeconds: number | null, origin: number | null): string {
  if (epochSeconds == null) return '—';
  if (origin == null) return formatTimestamp(epochSeconds);
  const delta = epochSeconds - origin;
  return delta < 0 ? formatDuration(delta) : `+${formatDuration(delta)}`;
}

/** First line of a possibly multi-line text, for table cells. */
export function firstLine(text: string | null | undefined): string {
  if (text == null) return '';
  const at = text.search(/\r?\n/);
  return at < 0 ? text : text.slice(0, at);
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
