// The redraw scheduler coalesces requests into one draw per frame.
import { describe, expect, it } from 'vitest';
import { createFrameScheduler } from '../../../src/features/tree-view/frameScheduler.ts';

function fakeFrames() {
  const queue = new Map<number, (t: number) => void>();
  let next = 1;
  return {
    request: (cb: (t: number) => void) => {
      queue.set(next, cb);
      return next++;
    },
    cancel: (h: number) => {
      queue.delete(h);
    },
    tick() {
      const cbs = [...queue.values()];
      queue.clear();
      for (const cb of cbs) cb(0);
    },
    get size() {
      return queue.size;
    },
  };
}

describe('createFrameScheduler', () => {
  it('runs many requests as one draw in the next frame', () => {
    const frames = fakeFrames();
    let draws = 0;
    const s = createFrameScheduler(() => draws++, frames.request, frames.cancel);
    s.request();
    s.request();
    s.request();
    expect(frames.size).toBe(1);
    expect(draws).toBe(0);
    frames.tick();
    expect(draws).toBe(1);
    expect(s.pending).toBe(false);
    s.request();
    frames.tick();
    expect(draws).toBe(2);
  });

  it('cancels and flushes a pending draw', () => {
    const frames = fakeFrames();
    let draws = 0;
    const s = createFrameScheduler(() => draws++, frames.request, frames.cancel);
    s.request();
    s.cancel();
    frames.tick();
    expect(draws).toBe(0);
    s.request();
    s.flush();
    expect(draws).toBe(1);
    expect(frames.size).toBe(0);
    s.flush();
    expect(draws).toBe(1);
  });
});
