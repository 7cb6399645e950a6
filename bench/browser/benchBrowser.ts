// The benchmarks' headless Chromium: the project's flags plus precise heap
// figures and a large heap, launched with a made-up switch (`marker`) so its
// processes can be found in /proc; waiting until an opened page has settled;
// and the CPU time the browser's processes used between two moments.
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_ARGS as BASE_CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { type BrowserProcess, browserProcesses, cpuTimes } from './browserProcesses.ts';

export const BENCH_CHROMIUM_ARGS: readonly string[] = [
  ...BASE_CHROMIUM_ARGS,
  '--enable-precise-memory-info',
  '--js-flags=--expose-gc --max-old-space-size=4096',
];

/** A fresh browser whose command line holds `marker` (a made-up `--switch=value`). */
export function launchBenchBrowser(marker?: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: marker === undefined ? [...BENCH_CHROMIUM_ARGS] : [...BENCH_CHROMIUM_ARGS, marker],
  });
}

/** The version of the benchmarks' Chromium. */
export async function chromiumVersion(): Promise<string> {
  const browser = await launchBenchBrowser();
  const version = browser.version();
  await browser.close();
  return version;
}

/** A window in which the browser's processes together used at most IDLE_CPU_MS of CPU counts as idle. */
const IDLE_WINDOW_MS = 100;
const IDLE_CPU_MS = 10;
/** Longest wait for the page to settle before a file is given anyway. */
const SETTLE_LIMIT_MS = 5000;

/**
 * Waits until the page has settled after opening: the app keeps starting up
 * for a while after its file input appears (its workers start and compile),
 * and a file given meanwhile would be timed with that work. A user drops a
 * file into an app that is already open, so the file is given once the
 * browser's processes have been idle for one window (at most
 * IDLE_CPU_MS of CPU in IDLE_WINDOW_MS, /proc's 10 ms resolution).
 * Returns how long that took.
 */
export async function waitForSettled(marker: string): Promise<number> {
  const from = performance.now();
  let before = cpuTimes(browserProcesses(marker));
  while (performance.now() - from < SETTLE_LIMIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, IDLE_WINDOW_MS));
    const processes = browserProcesses(marker);
    const after = cpuTimes(processes);
    let used = 0;
    for (const { pid } of processes) used += (after.get(pid) ?? 0) - (before.get(pid) ?? after.get(pid) ?? 0);
    before = after;
    if (used <= IDLE_CPU_MS) break;
  }
  return performance.now() - from;
}

/** CPU time (every thread) the browser's processes used, by process type, and the cores that kept busy. */
export interface CpuUse {
  readonly totalMs: number;
  /** Wall time between the two readings. */
  readonly wallMs: number;
  readonly byType: Record<string, number>;
  readonly busyCores: number | null;
}

/** Starts counting the CPU time of the browser's processes now; `stop` reads it (from /proc, 10 ms resolution). */
export function watchCpu(marker: string): { stop(): CpuUse } {
  const processes: readonly BrowserProcess[] = browserProcesses(marker);
  const before = cpuTimes(processes);
  const from = performance.now();
  return {
    stop() {
      const after = cpuTimes(processes);
      const wallMs = performance.now() - from;
      const byType: Record<string, number> = {};
      let totalMs = 0;
      for (const { pid, type } of processes) {
        const a = after.get(pid);
        const b = before.get(pid);
        if (a === undefined || b === undefined) continue;
        byType[type] = (byType[type] ?? 0) + (a - b);
        totalMs += a - b;
      }
      return { totalMs, wallMs, byType, busyCores: wallMs > 0 ? totalMs / wallMs : null };
    },
  };
}

/** "2,250 ms (browser 400, renderer 1,800) in 1,400 ms, 1.6 cores busy" */
export function cpuText(cpu: CpuUse): string {
  const n = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const parts = Object.entries(cpu.byType)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k} ${n(v)}`)
    .join(', ');
  return `${n(cpu.totalMs)} ms (${parts}) in ${n(cpu.wallMs)} ms, ${cpu.busyCores?.toFixed(1) ?? '-'} cores busy`;
}
