// Short texts about a step shared by the tree tooltip and the outline rows:
// duration (marked approximate unless recorded), status and data mode words.
import type { Step } from '../../model/types.ts';

/** Seconds as "850 ms", "1.25 s", "2 min 5 s"; '—' when unknown. */
export function formatSeconds(seconds: number | null): string {
  if (seconds == null) return '—';
  if (!Number.isFinite(seconds)) return String(seconds);
  const a = Math.abs(seconds);
  const sign = seconds < 0 ? '-' : '';
  if (a < 1) return `${sign}${Math.round(a * 1000)} ms`;
  if (a < 60) return `${sign}${a.toFixed(a < 10 ? 2 : 1)} s`;
  const min = Math.floor(a / 60);
  return `${sign}${min} min ${Math.round(a - min * 60)} s`;
}

/** The step's duration, prefixed with "approx." when it was not recorded by the producer. */
export function durationText(step: Step): string {
  if (step.duration == null) return '—';
  const text = formatSeconds(step.duration);
  return step.durationSource === 'recorded' ? text : `approx. ${text}`;
}

/** "in_progress" -> "in progress". */
export function statusWords(status: string): string {
  return status.replaceAll('_', ' ');
}
