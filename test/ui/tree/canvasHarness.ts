// The jsdom harness of the canvas components' tests (the tree view, the
// timeline): a fake 2D context that records what is painted, animation
// frames run by hand (flush), a fixed element size and devicePixelRatio 1,
// and clean stores before and after each test.
import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { useExplorerStore } from '../../../src/store/explorerStore.ts';
import { clearRuns } from '../../../src/store/runRegistry.ts';
import { type FakeContext, fakeContext } from './fakeContext.ts';

export interface CanvasHarness {
  /** The context of the current test (a fresh one per test). */
  readonly ctx: FakeContext;
  /** Runs the animation frames asked for so far. */
  flush(): void;
}

export function canvasHarness(size: { width: number; height: number }): CanvasHarness {
  let ctx = fakeContext();
  let frames: Array<() => void> = [];
  beforeEach(() => {
    useExplorerStore.getState().reset();
    clearRuns();
    ctx = fakeContext();
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(() => cb(0)));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
      () => ctx as unknown as CanvasRenderingContext2D,
    );
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(
      () =>
        ({
          x: 0,
          y: 0,
          left: 0,
          top: 0,
          right: size.width,
          bottom: size.height,
          ...size,
          toJSON: () => ({}),
        }) as DOMRect,
    );
    Object.defineProperty(window, 'devicePixelRatio', { value: 1, configurable: true });
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    useExplorerStore.getState().reset();
    clearRuns();
  });
  return {
    get ctx() {
      return ctx;
    },
    flush() {
      act(() => {
        const now = frames;
        frames = [];
        for (const f of now) f();
      });
    },
  };
}
