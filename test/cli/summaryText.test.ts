// Text helpers of `summary`: file content cannot drive the terminal, and
// numbers and durations read well.
import { describe, expect, it } from 'vitest';
import { clean, formatCount, formatDuration } from '../../src/cli/summaryText.ts';

describe('summary text helpers', () => {
  it('escapes terminal control characters but keeps newlines and tabs', () => {
    expect(clean('state\u001b[31mred\u0007\r\nnext\tcol')).toBe(
      'state\\u001b[31mred\\u0007\\u000d\nnext\tcol',
    );
    expect(clean('\u009bC1 control')).toBe('\\u009bC1 control');
  });

  it('groups thousands', () => {
    expect(formatCount(1809)).toBe('1,809');
    expect(formatCount(56873)).toBe('56,873');
  });

  it('picks a readable unit for durations', () => {
    expect(formatDuration(null)).toBe('unknown');
    expect(formatDuration(Number.NaN)).toBe('unknown');
    expect(formatDuration(0.909)).toBe('909.0 ms');
    expect(formatDuration(2.605)).toBe('2.605 s');
    expect(formatDuration(174.4)).toBe('2 min 54.4 s');
    expect(formatDuration(3725)).toBe('1 h 2 min 5 s');
  });
});
