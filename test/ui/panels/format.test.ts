// Number, duration and time formatting used by every panel.
import { describe, expect, it } from 'vitest';
import {
  exactDuration,
  firstLine,
  formatDuration,
  formatNumber,
  formatOffset,
  formatTimestamp,
} from '../../../src/features/shared-ui/format.ts';

describe('formatNumber', () => {
  it('uses thousands separators and spells out non-finite values', () => {
    expect(formatNumber(1809)).toBe('1,809');
    expect(formatNumber(100000)).toBe('100,000');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(formatNumber(null)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('picks a readable unit', () => {
    expect(formatDuration(0.012)).toBe('12 ms');
    expect(formatDuration(1.434)).toBe('1.43 s');
    expect(formatDuration(123)).toBe('2 min 3 s');
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(0.0000005)).toBe('1 µs');
    expect(formatDuration(0.0009996)).toBe('1 ms');
    expect(formatDuration(0.0025)).toBe('2.5 ms');
    expect(formatDuration(42.25)).toBe('42.3 s');
    expect(formatDuration(3900)).toBe('1 h 5 min');
    expect(formatDuration(-0.5)).toBe('-500 ms');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('NaN');
  });
  it('rolls over at unit boundaries instead of writing "60 s"', () => {
    expect(formatDuration(59.99)).toBe('1 min 0 s');
    expect(formatDuration(119.7)).toBe('2 min 0 s');
    expect(formatDuration(0.9996)).toBe('1.00 s');
  });
  it('keeps the exact value for titles', () => {
    expect(exactDuration(3.0999999046325684)).toBe('3.0999999046325684 seconds');
  });
});

describe('times', () => {
  it('formats epoch seconds in UTC and offsets from the run start', () => {
    expect(formatTimestamp(1758400005.436)).toBe('2025-09-20 20:26:45.436 UTC');
    expect(formatOffset(1001.5, 1000)).toBe('+1.50 s');
    expect(formatOffset(null, 1000)).toBe('—');
  });
  it('takes the first line of multi-line text', () => {
    expect(firstLine('Traceback\n  line 2')).toBe('Traceback');
    expect(firstLine('one\r\ntwo')).toBe('one');
    expect(firstLine(null)).toBe('');
  });
});
