// Coalesces redraw requests: however many times request() is called before
// the next animation frame, the draw callback runs once in that frame.

export interface FrameScheduler {
  /** Ask for a draw in the next frame (no-op if one is already pending). */
  request(): void;
  /** Drop a pending draw. */
  cancel(): void;
  /** Draw now if a frame was pending (used before reading the canvas). */
  flush(): void;
  readonly pending: boolean;
}

export type RequestFrame = (cb: (time: number) => void) => number;
export type CancelFrame = (handle: number) => void;

export function createFrameScheduler(
  draw: () => void,
  requestFrame: RequestFrame = (cb) => requestAnimationFrame(cb),
  cancelFrame: CancelFrame = (h) => cancelAnimationFrame(h),
): FrameScheduler {
  let handle: number | null = null;
  const run = () => {
    handle = null;
    draw();
  };
  return {
    request() {
      if (handle === null) handle = requestFrame(run);
    },
    cancel() {
      if (handle !== null) cancelFrame(handle);
      handle = null;
    },
    flush() {
      if (handle === null) return;
      cancelFrame(handle);
      run();
    },
    get pending() {
      return handle !== null;
    },
  };
}
