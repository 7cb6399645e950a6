// Human-readable times for the summary: local ISO-like timestamps with
// milliseconds (or just the time of day when the date is already shown),
// compact durations, and the exact seconds for tooltips.

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Seconds since 1970 -> "2025-09-20 22:26:45.436" in local time; "" for non-finite input. */
export function formatTimestamp(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const d = new Date(seconds * 1000);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
  );
}

/** Seconds since 1970 -> "22:26:45.436" (local time of day), for an end on the start's day. */
export function formatTimeOfDay(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const d = new Date(seconds * 1000);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** True when both times fall on the same local calendar day. */
export function sameLocalDay(a: number, b: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return new Date(a * 1000).toDateString() === new Date(b * 1000).toDateString();
}

/** Tooltip text: the exact value as written plus UTC. */
export function exactTimestamp(seconds: number): string {
  if (!Number.isFinite(seconds)) return `${seconds} s`;
  return `${seconds} s since 1970 (UTC ${new Date(seconds * 1000).toISOString()})`;
}

/** 0.2451 -> "245 ms", 7.25 -> "7.250 s", 125.3 -> "2 min 5.3 s", 3725 -> "1 h 2 min 5 s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const sign = seconds < 0 ? '-' : '';
  const s = Math.abs(seconds);
  if (s < 1) return `${sign}${Math.round(s * 1000)} ms`;
  if (s < 60) return `${sign}${s.toFixed(3)} s`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    return `${sign}${m} min ${(s - m * 60).toFixed(1)} s`;
  }
  const h = Math.floor(s / 3600);
  const m = Math.floor((s - h * 3600) / 60);
  return `${sign}${h} h ${m} min ${Math.round(s - h * 3600 - m * 60)} s`;
}

export function exactDuration(seconds: number): string {
  return `${seconds} s`;
}
