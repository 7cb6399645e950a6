// Code the benchmark puts into the app's page before it starts (Playwright
// addInitScript: the function is serialised, so it must not use anything from
// outside its body). It timestamps, in the page's own clock:
//  - loadStart: the file input's change event (the File is in the page);
//  - treeItems: when the "Step tree" outline first shows a treeitem;
//  - draws: tree-canvas draws that show a layout (CanvasRenderingContext2D
//    setTransform with the view's scale/offset, which drawTree calls once a
//    layout exists);
//  - hook: the app's own "tree drawn" signal, if it has one
//    (document.documentElement.dataset.treeDrawn or a 'fsm:tree-drawn' event);
// and records frames on demand (requestAnimationFrame deltas, and the work in
// each frame: from our rAF callback to a message task queued in it, which runs
// after the frame's callbacks, style, layout and paint).

export interface ProbeState {
  loadStart: number;
  treeItem: number;
  draws: number[];
  hook: number;
  /** Messages from workers: [time received, ms to deserialise its data]. */
  messages: Array<[number, number]>;
  /** The File the app was given (the app clears its input afterwards). */
  file: File | null;
  frames: { deltas: number[]; work: number[]; running: boolean };
}

export function installProbe(): void {
  const w = window as unknown as { __bench: ProbeState; __benchFrames: (on: boolean) => void };
  const state: ProbeState = {
    loadStart: -1,
    treeItem: -1,
    draws: [],
    hook: -1,
    file: null,
    messages: [],
    frames: { deltas: [], work: [], running: false },
  };
  w.__bench = state;

  document.addEventListener(
    'change',
    (e) => {
      const t = e.target as HTMLInputElement | null;
      if (t && t.type === 'file') {
        state.loadStart = performance.now();
        state.file = t.files?.[0] ?? null;
        state.treeItem = -1;
        state.draws = [];
        state.hook = -1;
        state.messages = [];
      }
    },
    true,
  );

  // Our listener goes first on every worker, so reading e.data here pays (and times) the deserialisation.
  const NativeWorker = window.Worker;
  const BenchWorker = function (this: unknown, url: string | URL, options?: WorkerOptions) {
    const worker = new NativeWorker(url, options);
    worker.addEventListener('message', (e) => {
      const t0 = performance.now();
      const data: unknown = e.data;
      const t1 = performance.now();
      if (state.loadStart >= 0 && data !== undefined && state.messages.length < 100000)
        state.messages.push([t0, t1 - t0]);
    });
    // When the benchmark profiles the worker it must outlive its load, so terminate() waits for the end.
    if ((window as unknown as { __benchKeepWorkers?: boolean }).__benchKeepWorkers)
      worker.terminate = () => {};
    return worker;
  } as unknown as typeof Worker;
  BenchWorker.prototype = NativeWorker.prototype;
  window.Worker = BenchWorker;

  const proto = CanvasRenderingContext2D.prototype;
  const setTransform = proto.setTransform as (this: CanvasRenderingContext2D, ...args: unknown[]) => void;
  proto.setTransform = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
    if (state.loadStart >= 0 && state.draws.length < 64 && args.length === 6) {
      const [a, , , , e, f] = args as number[];
      const c = this.canvas;
      const big = c.clientWidth * c.clientHeight >= 40000;
      if (big && (a !== devicePixelRatio || e !== 0 || f !== 0)) state.draws.push(performance.now());
    }
    setTransform.apply(this, args);
  } as typeof proto.setTransform;

  const watch = (): void => {
    const root = document.documentElement;
    new MutationObserver(() => {
      if (state.loadStart < 0) return;
      if (
        state.treeItem < 0 &&
        document.querySelector('[role="tree"][aria-label="Step tree"] [role="treeitem"]')
      ) {
        state.treeItem = performance.now();
      }
      if (state.hook < 0 && root.dataset.treeDrawn) state.hook = performance.now();
    }).observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-tree-drawn'],
    });
  };
  if (document.documentElement) watch();
  else document.addEventListener('DOMContentLoaded', watch);
  window.addEventListener('fsm:tree-drawn', () => {
    if (state.loadStart >= 0 && state.hook < 0) state.hook = performance.now();
  });

  w.__benchFrames = (on: boolean) => {
    const fr = state.frames;
    if (!on) {
      fr.running = false;
      return;
    }
    fr.deltas = [];
    fr.work = [];
    fr.running = true;
    const channel = new MessageChannel();
    let frameStart = 0;
    channel.port1.onmessage = () => {
      fr.work.push(performance.now() - frameStart);
    };
    let last = -1;
    const tick = (t: number): void => {
      if (!fr.running) return;
      if (last >= 0) fr.deltas.push(t - last);
      last = t;
      frameStart = performance.now();
      channel.port2.postMessage(0);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
}
