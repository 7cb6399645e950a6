// A server's store counts apart from its pages (RunPage.counted): the run
// window shows the first rows at once, with the rows known so far as the
// total and `counting` set, then the count when it comes; a count that fails
// is the window's error.
import { describe, expect, it } from 'vitest';
import { RunWindow } from '../../../src/features/run-browser/runWindow.ts';
import type { RunPage, StoreRun } from '../../../src/model/store/storeTypes.ts';

const run = (key: number) => ({ key, id: `r${key}` }) as StoreRun;

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

async function settle(win: RunWindow, version: number): Promise<void> {
  while (win.version === version) await new Promise((r) => setTimeout(r, 0));
}

describe('RunWindow with a count that comes later', () => {
  it('shows the first page before the count, then the count', async () => {
    const count = deferred<number>();
    const page: RunPage = { total: 2, offset: 0, rows: [run(1), run(2)], counted: count.promise };
    const win = new RunWindow(async () => page, new Map(), 2);
    win.ensure(0, 0);
    await settle(win, 0);
    expect([win.total, win.counting, win.rowAt(1)?.id]).toEqual([2, true, 'r2']);
    count.resolve(10_000);
    await settle(win, 1);
    expect([win.total, win.counting, win.error]).toEqual([10_000, false, null]);
  });

  it('a count that fails is the error the browser shows', async () => {
    const count = deferred<number>();
    const win = new RunWindow(
      async () => ({ total: 1, offset: 0, rows: [run(1)], counted: count.promise }),
      new Map(),
      2,
    );
    win.ensure(0, 0);
    await settle(win, 0);
    count.reject(new Error('db: the server cannot be reached'));
    await settle(win, 1);
    expect([win.counting, win.error]).toEqual([false, 'db: the server cannot be reached']);
  });
});
