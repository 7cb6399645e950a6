// The timeline's time axis: which stretch of wall-clock time the drawing
// shows (view start and end, seconds since the epoch) over how many pixels,
// zoom about a point and pan, fit to the run, and tick marks at readable
// steps (1, 2, 5 x 10^k ms and s, then 15 s, 30 s, minutes, hours), labelled
// relative to the run's start ("+1.5 s") with the absolute UTC time of the
// first tick. Pure.

export interface TimeScale {
  /** The run's start: what relative labels count from. */
  readonly origin: number;
  /** Shown stretch, seconds since the epoch. */
  readonly from: number;
  readonly to: number;
  /** Pixels the stretch is drawn over. */
  readonly width: number;
}

/** The smallest stretch a user can zoom into (1 µs) and the margin fit leaves on each side. */
const MIN_SPAN = 1e-6;
const FIT_MARGIN = 0.02;

export function fitScale(origin: number, start: number, end: number, width: number): TimeScale {
  const span = Math.max(end - start, MIN_SPAN * 1000);
  const pad = span * FIT_MARGIN;
  return { origin, from: start - pad, to: end + pad, width: Math.max(1, width) };
}

export function withWidth(s: TimeScale, width: number): TimeScale {
  return { ...s, width: Math.max(1, width) };
}

export function xOf(s: TimeScale, t: number): number {
  return ((t - s.from) / (s.to - s.from)) * s.width;
}

export function timeAt(s: TimeScale, x: number): number {
  return s.from + (x / s.width) * (s.to - s.from);
}

/** Zooms by `factor` (> 1 zooms in) keeping the time under pixel `x` where it is. */
export function zoomAt(s: TimeScale, x: number, factor: number): TimeScale {
  const t = timeAt(s, x);
  const span = Math.max((s.to - s.from) / factor, MIN_SPAN);
  const from = t - (x / s.width) * span;
  return { ...s, from, to: from + span };
}

/** Moves the view by `dx` pixels (positive: later times come into view). */
export function panBy(s: TimeScale, dx: number): TimeScale {
  const dt = (dx / s.width) * (s.to - s.from);
  return { ...s, from: s.from + dt, to: s.to + dt };
}

const STEPS = [
  1e-6, 2e-6, 5e-6, 1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5,
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
];

export interface Tick {
  readonly t: number;
  readonly x: number;
  /** Relative to the origin: "+250 ms", "+1.5 s", "+2 min". */
  readonly label: string;
}

/** Seconds as the shortest readable text at the precision of `step`. */
export function relativeLabel(seconds: number, step: number): string {
  const sign = seconds < 0 ? '−' : '+';
  const a = Math.abs(seconds);
  if (a < 1e-9) return '0';
  if (step < 0.001) return `${sign}${trim((a * 1e6).toFixed(decimals(step * 1e6)))} µs`;
  if (step < 1 && a < 1) return `${sign}${trim((a * 1000).toFixed(decimals(step * 1000)))} ms`;
  if (step < 60) return `${sign}${trim(a.toFixed(decimals(step)))} s`;
  if (step < 3600) return `${sign}${trim((a / 60).toFixed(decimals(step / 60)))} min`;
  return `${sign}${trim((a / 3600).toFixed(decimals(step / 3600)))} h`;
}

function decimals(step: number): number {
  return step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
}

function trim(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Ticks at the first readable step giving at least `minGap` pixels between them. */
export function ticks(s: TimeScale, minGap = 90): { step: number; ticks: Tick[] } {
  const perPixel = (s.to - s.from) / s.width;
  const step = STEPS.find((st) => st / perPixel >= minGap) ?? STEPS[STEPS.length - 1]!;
  const out: Tick[] = [];
  const first = Math.ceil((s.from - s.origin) / step);
  for (let k = first; ; k++) {
    const t = s.origin + k * step;
    if (t > s.to || out.length > 1000) break;
    out.push({ t, x: xOf(s, t), label: relativeLabel(t - s.origin, step) });
  }
  return { step, ticks: out };
}

/** "2025-09-20 20:26:40.457 UTC": the absolute time of a moment on the axis. */
export function absoluteLabel(t: number): string {
  if (!Number.isFinite(t)) return '';
  return `${new Date(t * 1000).toISOString().replace('T', ' ').replace('Z', '')} UTC`;
}
