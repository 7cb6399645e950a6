// Samples JS heap use while the app loads a file: the page's main thread
// (CDP Runtime.getHeapUsage on the page session) and every dedicated worker
// (auto-attached, non-flattened CDP sessions on the same page session, so the
// loader's worker is counted too). Also reads the renderer processes' peak
// resident memory (VmHWM) from /proc, which includes array buffers.
import type { CDPSession } from 'playwright-core';
import { browserProcesses, currentRss, peakRss } from './browserProcesses.ts';

export interface HeapPeaks {
  /** Highest main-thread heap seen, bytes. */
  main: number;
  /** Highest heap seen in any one worker, bytes. */
  worker: number;
  /** Highest main + workers seen in one sample, bytes. */
  total: number;
  samples: number;
}

export class HeapSampler {
  private readonly workers = new Set<string>();
  private readonly pending = new Map<number, (v: Record<string, unknown> | null) => void>();
  /** Worker sessions being CPU-profiled (BENCH_PROFILE_WORKER). */
  private readonly profiling = new Set<string>();
  private nextId = 1_000_000;
  private timer: ReturnType<typeof setInterval> | null = null;
  private busy = false;
  peaks: HeapPeaks = { main: 0, worker: 0, total: 0, samples: 0 };

  private constructor(private readonly cdp: CDPSession) {}

  /** `profileWorkers`: start a CPU profile in every worker as it starts (it waits for that), see stopProfiles. */
  static async attach(cdp: CDPSession, profileWorkers = false): Promise<HeapSampler> {
    const s = new HeapSampler(cdp);
    cdp.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type !== 'worker') return;
      s.workers.add(e.sessionId);
      if (!profileWorkers) return;
      const id = e.sessionId;
      void (async () => {
        await s.workerCall(id, 'Profiler.enable');
        await s.workerCall(id, 'Profiler.setSamplingInterval', { interval: 200 });
        await s.workerCall(id, 'Profiler.start');
        s.profiling.add(id);
        if (process.env.BENCH_DEBUG) console.log(`  [debug] profiling worker ${id}`);
        await s.workerCall(id, 'Runtime.runIfWaitingForDebugger');
      })();
    });
    cdp.on('Target.detachedFromTarget', (e) => {
      s.workers.delete(e.sessionId);
    });
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const msg = JSON.parse(e.message) as { id?: number; result?: Record<string, unknown> };
      if (msg.id !== undefined) {
        s.pending.get(msg.id)?.(msg.result ?? null);
        s.pending.delete(msg.id);
      }
    });
    await cdp.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: profileWorkers,
      flatten: false,
    });
    return s;
  }

  /** One CDP call in a worker session; null on error or timeout. */
  private workerCall(
    sessionId: string,
    method: string,
    params: Record<string, unknown> = {},
    timeoutMs = 2000,
  ): Promise<Record<string, unknown> | null> {
    return new Promise((resolve) => {
      const id = this.nextId++;
      const timeout = setTimeout(() => {
        this.pending.delete(id);
        resolve(null);
      }, timeoutMs);
      this.pending.set(id, (r) => {
        clearTimeout(timeout);
        resolve(r);
      });
      this.cdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
        .catch(() => {
          clearTimeout(timeout);
          this.pending.delete(id);
          resolve(null);
        });
    });
  }

  private async workerHeap(sessionId: string): Promise<number> {
    const r = await this.workerCall(sessionId, 'Runtime.getHeapUsage');
    return typeof r?.usedSize === 'number' ? r.usedSize : 0;
  }

  /** Stops the workers' CPU profiles; returns them (.cpuprofile JSON objects). */
  async stopProfiles(): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const id of this.profiling) {
      const r = await this.workerCall(id, 'Profiler.stop', {}, 60_000);
      if (process.env.BENCH_DEBUG)
        console.log(`  [debug] Profiler.stop: ${JSON.stringify(r)?.slice(0, 200)}`);
      if (r?.profile) out.push(r.profile);
    }
    this.profiling.clear();
    return out;
  }

  /** One sample now. */
  async sample(): Promise<{ main: number; workers: number }> {
    const main = await this.cdp
      .send('Runtime.getHeapUsage')
      .then((r) => r.usedSize)
      .catch(() => 0);
    const ws = await Promise.all([...this.workers].map((id) => this.workerHeap(id)));
    let workers = 0;
    for (const w of ws) {
      workers += w;
      if (w > this.peaks.worker) this.peaks.worker = w;
    }
    if (main > this.peaks.main) this.peaks.main = main;
    if (main + workers > this.peaks.total) this.peaks.total = main + workers;
    this.peaks.samples++;
    return { main, workers };
  }

  start(everyMs = 50): void {
    this.peaks = { main: 0, worker: 0, total: 0, samples: 0 };
    this.timer = setInterval(() => {
      if (this.busy) return;
      this.busy = true;
      void this.sample().finally(() => {
        this.busy = false;
      });
    }, everyMs);
  }

  async stop(): Promise<HeapPeaks> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sample();
    return this.peaks;
  }
}

/**
 * Peak resident memory (VmHWM, bytes) of the largest renderer process under
 * the browser process whose command line holds `marker` (a made-up switch the
 * benchmark adds so it can find its own browser among others on the machine).
 */
export function rendererPeakRss(marker: string): number {
  let best = 0;
  for (const p of browserProcesses(marker)) if (p.type === 'renderer') best = Math.max(best, peakRss(p.pid));
  return best;
}

/** Resident memory now (VmRSS, bytes) of the largest renderer process of the benchmark's browser. */
export function rendererRss(marker: string): number {
  let best = 0;
  for (const p of browserProcesses(marker))
    if (p.type === 'renderer') best = Math.max(best, currentRss(p.pid));
  return best;
}
