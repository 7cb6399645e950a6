// The timeline's axis: fit leaves a margin, zoom keeps the time under the
// pointer, pan moves by pixels, and ticks come at readable steps with labels
// relative to the run's start.
import { describe, expect, it } from 'vitest';
import {
  fitScale,
  panBy,
  relativeLabel,
  ticks,
  timeAt,
  xOf,
  zoomAt,
} from '../../../src/features/timeline/timeScale.ts';

const T0 = 1758400000;

describe('timeScale', () => {
  it('fits the run with a small margin on each side', () => {
    const s = fitScale(T0, T0, T0 + 10, 1000);
    expect(xOf(s, T0)).toBeCloseTo(1000 * (0.2 / 10.4));
    expect(xOf(s, T0 + 10)).toBeCloseTo(1000 - 1000 * (0.2 / 10.4));
  });

  it('zooms about the pointer and pans by pixels', () => {
    const s = fitScale(T0, T0, T0 + 10, 1000);
    const at = timeAt(s, 300);
    const z = zoomAt(s, 300, 4);
    expect(timeAt(z, 300)).toBeCloseTo(at);
    expect(z.to - z.from).toBeCloseTo((s.to - s.from) / 4);
    const p = panBy(z, 100);
    expect(timeAt(p, 200)).toBeCloseTo(timeAt(z, 300));
  });

  it('puts ticks at least the gap apart, at 1-2-5 steps, labelled from the start', () => {
    const s = fitScale(T0, T0, T0 + 10, 1000);
    const { step, ticks: list } = ticks(s, 90);
    expect(step).toBe(1);
    expect(list.map((t) => t.label).slice(0, 4)).toEqual(['0', '+1 s', '+2 s', '+3 s']);
    const fine = ticks(zoomAt(s, 0, 200), 90);
    expect(fine.step).toBe(0.005);
    for (let k = 1; k < fine.ticks.length; k++) {
      expect(fine.ticks[k]!.x - fine.ticks[k - 1]!.x).toBeGreaterThanOrEqual(90 - 1e-6);
    }
  });

  it('labels in µs, ms, s, min and h as the step asks', () => {
    expect(relativeLabel(0.00025, 0.00005)).toBe('+250 µs');
    expect(relativeLabel(0.25, 0.05)).toBe('+250 ms');
    expect(relativeLabel(1.5, 0.5)).toBe('+1.5 s');
    expect(relativeLabel(120, 60)).toBe('+2 min');
    expect(relativeLabel(5400, 1800)).toBe('+90 min');
    expect(relativeLabel(7200, 3600)).toBe('+2 h');
    expect(relativeLabel(-2, 1)).toBe('−2 s');
  });
});
