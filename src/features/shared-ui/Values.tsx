// Small inline renderers for formatted values that keep the exact value in a
// title attribute: durations, timestamps and counts.
import {
  exactDuration,
  exactTimestamp,
  formatDuration,
  formatNumber,
  formatOffset,
  formatTimestamp,
} from './format.ts';

export function DurationText({ seconds }: { seconds: number | null | undefined }) {
  return <span title={exactDuration(seconds)}>{formatDuration(seconds)}</span>;
}

export function TimestampText({ epochSeconds }: { epochSeconds: number | null | undefined }) {
  return <span title={exactTimestamp(epochSeconds)}>{formatTimestamp(epochSeconds)}</span>;
}

/** A time shown relative to the run's start, with the absolute time in the title. */
export function OffsetText({ epochSeconds, origin }: { epochSeconds: number | null; origin: number | null }) {
  const title =
    epochSeconds == null
      ? 'not recorded'
      : `${formatTimestamp(epochSeconds)} (${exactTimestamp(epochSeconds)})`;
  return <span title={title}>{formatOffset(epochSeconds, origin)}</span>;
}

export function NumberText({ value }: { value: number | null | undefined }) {
  return <span title={value == null ? undefined : String(value)}>{formatNumber(value)}</span>;
}
