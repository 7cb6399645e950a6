// The browser benchmark (npm run bench): generates the runs (bench/generate.ts),
// serves the built app on 127.0.0.1, and for each size opens it in headless
// Chromium and measures, on the BUILT app:
//  - load: once the opened page has settled (its startup work done, see
//    waitForSettled), from the file input's change event (the File is in the page) to
//    the tree drawn: the app's `fsm:tree-drawn` event (or data-tree-drawn on
//    <html>), sent after the first frame of a newly shown run. Only if that
//    never comes, the later of the first outline treeitem and the first
//    tree-canvas draw with a layout, with a note saying so;
//  - bare TextDecoder + JSON.parse of the same bytes in the same page (ratio);
//  - peak JS heap while loading (main thread + the loader's worker, via CDP)
//    and the renderer's peak resident memory, against the file size;
//  - "Filter by state": one input event until "N of M steps" changes;
//  - frame work while dragging and wheel-zooming the tree canvas (p95);
//  - selecting a step in the "Step tree" outline until "Step details" shows it.
// The app is built as it is (its worker loads with the streaming loader)
// into bench/out/app and measured there.
// Prints a table and writes bench/results.json (with machine facts).
// BENCH_PROFILE_WORKER=<dir> also writes CPU profiles of the app's workers
// and of the page's main thread (to the tree drawn) per size into <dir>.
//   node --import tsx bench/run-bench.ts [--sizes 1k,10k,100k,250k,chain10k] [--quick]
//     [--repeat N] (N loads per size in fresh browsers; the median run is reported)
//     [--app DIR] (measure an app already built in DIR instead of building one)
import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS as BASE_CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { startServer } from '../src/cli/server.ts';
import { type BrowserProcess, browserProcesses, cpuTimes } from './browser/browserProcesses.ts';
import { type HeapPeaks, HeapSampler, rendererPeakRss } from './browser/heapSampler.ts';
import {
  bareJsonParse,
  filterByState,
  type ParseTiming,
  selectStep,
  type UiTiming,
} from './browser/pageTasks.ts';
import { installProbe, type ProbeState } from './browser/probe.ts';
import { ALL_SIZES, ensureGenerated, parseSizes, type SizeSpec } from './generate.ts';

const SEED = 20250920;
const debug = process.env.BENCH_DEBUG ? (m: string) => console.log(`  [debug] ${m}`) : () => undefined;
/** The project's Chromium flags plus precise heap figures and a large heap for the 250k run. */
const CHROMIUM_ARGS = [
  ...BASE_CHROMIUM_ARGS,
  '--enable-precise-memory-info',
  '--js-flags=--expose-gc --max-old-space-size=4096',
];

interface Stat {
  readonly median: number;
  readonly max: number;
  readonly runs: number;
}

function stat(xs: number[]): Stat | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]!, runs: s.length };
}

function percentile(xs: number[], p: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** CPU time the browser's processes used between two readings, by process type. */
function loadCpu(
  processes: readonly BrowserProcess[],
  before: ReadonlyMap<number, number>,
  after: ReadonlyMap<number, number>,
  /** Wall time between the two readings. */
  wallMs: number,
): SizeResult['loadCpu'] {
  const byType: Record<string, number> = {};
  let total = 0;
  for (const { pid, type } of processes) {
    const a = after.get(pid);
    const b = before.get(pid);
    if (a === undefined || b === undefined) continue;
    byType[type] = (byType[type] ?? 0) + (a - b);
    total += a - b;
  }
  return { totalMs: total, wallMs, byType, busyCores: wallMs > 0 ? total / wallMs : null };
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
async function waitForSettled(marker: string): Promise<number> {
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

/** The run with the median load ratio (the median load time where no ratio could be made). */
function medianRun(runs: SizeResult[]): SizeResult {
  const key = (r: SizeResult): number => r.loadVsJsonParse ?? r.load.ms ?? Number.POSITIVE_INFINITY;
  const sorted = [...runs].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

export interface SizeResult {
  name: string;
  shape: string;
  steps: number;
  fileBytes: number;
  loadAverage: { before: number[]; after: number[] };
  load: { ok: boolean; ms: number | null; signal: string; message?: string };
  /** Where the load time went: until the worker's last message (the result) arrived, its deserialisation, then the main thread until drawn. */
  loadPhases: { workerResultMs: number; deserializeMs: number; mainThreadMs: number } | null;
  jsonParse: {
    ok: boolean;
    ms: number | null;
    decodeMs?: number;
    parseMs?: number;
    readMs?: number;
    error?: string;
  };
  loadVsJsonParse: number | null;
  /** How long the opened page took to settle (waitForSettled) before the file was given. */
  settleMs?: number;
  /**
   * CPU time the browser used from handing it the file to the tree drawn (all
   * its processes, every thread: workers, V8's background threads, reading the
   * file), by process type, and how many cores that kept busy on average.
   * Read from /proc at 10 ms resolution.
   */
  loadCpu?: {
    totalMs: number;
    /** Wall time between the two readings (the load, and the moment it takes to see its end). */
    wallMs: number;
    byType: Record<string, number>;
    busyCores: number | null;
  } | null;
  /**
   * The load (which reads the File) against reading the same File whole
   * (file.arrayBuffer()) and then TextDecoder + JSON.parse: both from the same
   * starting point. loadVsJsonParse leaves the read out of the baseline only.
   */
  loadVsReadAndParse?: number | null;
  /** With --repeat: every run's load, JSON.parse and ratio (this result is the median run). */
  repeats?: Array<{
    loadMs: number | null;
    jsonParseMs: number | null;
    readMs: number | null;
    ratio: number | null;
  }>;
  heap: {
    peakMainBytes: number;
    peakWorkerBytes: number;
    peakTotalBytes: number;
    samples: number;
    mainAfterLoadBytes: number;
    peakTotalVsFile: number;
    rendererPeakRssBytes: number;
  } | null;
  filter: { apply: Stat | null; clear: Stat | null; text: string } | null;
  select: Stat | null;
  frames: {
    frames: number;
    p95WorkMs: number | null;
    maxWorkMs: number | null;
    p95DeltaMs: number | null;
    over16ms: number;
  } | null;
  notes: string[];
}

/** How long after outline + canvas the `fsm:tree-drawn` signal may still come before the fallback is used. */
const SIGNAL_GRACE_MS = 5000;

async function waitForLoad(page: Page, timeoutMs: number): Promise<SizeResult['load']> {
  const handle = await page.waitForFunction(
    (grace: number) => {
      const b = (window as unknown as { __bench: ProbeState }).__bench;
      const alert = document.querySelector('[role="alert"]');
      if (alert?.textContent) return { kind: 'alert', text: alert.textContent };
      if (b.hook >= 0) return { kind: 'fsm:tree-drawn', ms: b.hook - b.loadStart };
      if (b.treeItem >= 0 && b.draws.length > 0) {
        const seen = Math.max(b.treeItem, b.draws[0]!);
        if (performance.now() - seen > grace) return { kind: 'outline+canvas', ms: seen - b.loadStart };
      }
      return null;
    },
    SIGNAL_GRACE_MS,
    { polling: 50, timeout: timeoutMs },
  );
  const r = (await handle.jsonValue()) as { kind: string; ms?: number; text?: string };
  if (r.kind === 'alert') return { ok: false, ms: null, signal: 'alert', message: r.text ?? '' };
  return { ok: true, ms: r.ms ?? null, signal: r.kind };
}

async function measureFrames(page: Page): Promise<SizeResult['frames']> {
  const box = await page.evaluate(() => {
    let best: DOMRect | null = null;
    for (const c of document.querySelectorAll('canvas')) {
      const r = c.getBoundingClientRect();
      if (!best || r.width * r.height > best.width * best.height) best = r;
    }
    return best ? { x: best.x, y: best.y, width: best.width, height: best.height } : null;
  });
  if (!box || box.width < 50) return null;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.evaluate(() =>
    (window as unknown as { __benchFrames: (on: boolean) => void }).__benchFrames(true),
  );
  const drag = async (dx: number, dy: number, steps: number): Promise<void> => {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let k = 1; k <= steps; k++) await page.mouse.move(cx + (dx * k) / steps, cy + (dy * k) / steps);
    await page.mouse.up();
  };
  // Pan at the fitted zoom, zoom in with the wheel, pan there, zoom back out.
  await drag(box.width * 0.3, box.height * 0.2, 40);
  for (let k = 0; k < 12; k++) await page.mouse.wheel(0, -120);
  await drag(-box.width * 0.3, -box.height * 0.2, 40);
  for (let k = 0; k < 12; k++) await page.mouse.wheel(0, 120);
  await drag(box.width * 0.2, -box.height * 0.1, 30);
  await page.waitForTimeout(100);
  const fr = await page.evaluate(() => {
    const w = window as unknown as { __bench: ProbeState; __benchFrames: (on: boolean) => void };
    w.__benchFrames(false);
    return { deltas: w.__bench.frames.deltas, work: w.__bench.frames.work };
  });
  return {
    frames: fr.work.length,
    p95WorkMs: percentile(fr.work, 95),
    maxWorkMs: fr.work.length > 0 ? Math.max(...fr.work) : null,
    p95DeltaMs: percentile(fr.deltas, 95),
    over16ms: fr.work.filter((w) => w > 16).length,
  };
}

async function benchSize(spec: SizeSpec, file: string, url: string, quick: boolean): Promise<SizeResult> {
  const fileBytes = statSync(file).size;
  const result: SizeResult = {
    name: spec.name,
    shape: spec.shape,
    steps: spec.steps,
    fileBytes,
    loadAverage: { before: os.loadavg(), after: [] },
    load: { ok: false, ms: null, signal: 'none' },
    loadPhases: null,
    jsonParse: { ok: false, ms: null },
    loadVsJsonParse: null,
    heap: null,
    filter: null,
    select: null,
    frames: null,
    notes: [],
  };
  let browser: Browser | null = null;
  try {
    const marker = `--fsm-bench-run=${process.pid}-${spec.name}-${Date.now()}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, marker],
    });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    // tsx (esbuild keepNames) wraps named functions in __name(); functions sent to the page need it too.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    if (process.env.BENCH_PROFILE_WORKER)
      await context.addInitScript({ content: 'globalThis.__benchKeepWorkers = true;' });
    await context.addInitScript(installProbe);
    const page = await context.newPage();
    page.on('crash', () => result.notes.push('the page crashed'));
    const cdp = await context.newCDPSession(page);
    const profileDir = process.env.BENCH_PROFILE_WORKER;
    const sampler = await HeapSampler.attach(cdp, profileDir !== undefined);
    debug('goto');
    await page.goto(url);
    const input = page.getByLabel('Open history files');
    await input.waitFor({ state: 'attached' });
    result.settleMs = await waitForSettled(marker);

    debug('set files');
    if (profileDir !== undefined) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const processes = browserProcesses(marker);
    const cpuBefore = cpuTimes(processes);
    const cpuFrom = performance.now();
    sampler.start(50);
    await input.setInputFiles(file);
    result.load = await waitForLoad(page, spec.steps >= 200_000 ? 900_000 : 300_000);
    result.loadCpu = loadCpu(processes, cpuBefore, cpuTimes(processes), performance.now() - cpuFrom);
    debug(`loaded ${JSON.stringify(result.load)}`);
    if (result.load.signal === 'outline+canvas') {
      result.notes.push(
        `the app's fsm:tree-drawn signal never fired (waited ${SIGNAL_GRACE_MS} ms): load ends at the later of the first outline treeitem and the first tree-canvas draw`,
      );
    }
    if (result.load.ok && result.load.ms !== null) {
      const loadMs = result.load.ms;
      const msgs = await page.evaluate(() => {
        const b = (window as unknown as { __bench: ProbeState }).__bench;
        return { start: b.loadStart, messages: b.messages };
      });
      // The result is the worker's last message of the load (steps parts come before it).
      const last = msgs.messages.filter((m) => m[0] - msgs.start <= loadMs).at(-1);
      if (last) {
        const at = last[0] - msgs.start;
        result.loadPhases = {
          workerResultMs: at,
          deserializeMs: last[1],
          mainThreadMs: loadMs - at - last[1],
        };
      }
    }
    const peaks: HeapPeaks = await sampler.stop();
    if (profileDir !== undefined) {
      const profiles = await sampler.stopProfiles();
      profiles.forEach((p, k) => {
        writeFileSync(`${profileDir}/worker-${spec.name}-${k}.cpuprofile`, JSON.stringify(p));
      });
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(`${profileDir}/main-${spec.name}.cpuprofile`, JSON.stringify(profile));
    }
    await page.evaluate(() => (globalThis as { gc?: () => void }).gc?.());
    const after = await sampler.sample();
    result.heap = {
      peakMainBytes: peaks.main,
      peakWorkerBytes: peaks.worker,
      peakTotalBytes: peaks.total,
      samples: peaks.samples,
      mainAfterLoadBytes: after.main,
      peakTotalVsFile: peaks.total / fileBytes,
      rendererPeakRssBytes: rendererPeakRss(marker),
    };
    if (!result.load.ok) return result;
    await page.waitForTimeout(300);

    debug('filter');
    const query = spec.shape === 'chain' ? 'validate' : 'enrich';
    const applied: number[] = [];
    const cleared: number[] = [];
    let text = '';
    for (let k = 0; k < (quick ? 2 : 3); k++) {
      const a = (await page.evaluate(filterByState, query)) as UiTiming;
      applied.push(a.commitMs);
      text = a.text;
      cleared.push(((await page.evaluate(filterByState, '')) as UiTiming).commitMs);
    }
    result.filter = { apply: stat(applied), clear: stat(cleared), text };

    debug('select');
    const selects: number[] = [];
    for (let k = 0; k < (quick ? 3 : 7); k++) {
      selects.push(((await page.evaluate(selectStep, k * 3 + 1)) as UiTiming).commitMs);
      await page.waitForTimeout(50);
    }
    result.select = stat(selects);

    debug('frames');
    result.frames = await measureFrames(page);
    debug('parse');

    const parses: ParseTiming[] = [];
    for (let k = 0; k < (quick ? 1 : 2); k++) {
      const p = (await page.evaluate(bareJsonParse)) as ParseTiming;
      parses.push(p);
      if (!p.ok) break;
    }
    const okParses = parses.filter((p): p is Extract<ParseTiming, { ok: true }> => p.ok);
    if (okParses.length > 0) {
      const best = okParses.reduce((a, b) => (a.decodeMs + a.parseMs <= b.decodeMs + b.parseMs ? a : b));
      result.jsonParse = {
        ok: true,
        ms: best.decodeMs + best.parseMs,
        decodeMs: best.decodeMs,
        parseMs: best.parseMs,
        readMs: best.readMs,
      };
      if (result.load.ms !== null) {
        result.loadVsJsonParse = result.load.ms / result.jsonParse.ms!;
        result.loadVsReadAndParse = result.load.ms / (best.readMs + best.decodeMs + best.parseMs);
      }
    } else {
      const failed = parses[0] as Extract<ParseTiming, { ok: false }> | undefined;
      result.jsonParse = { ok: false, ms: null, error: failed?.error ?? 'not measured' };
    }
  } catch (err) {
    result.notes.push(err instanceof Error ? err.message.split('\n')[0]! : String(err));
  } finally {
    result.loadAverage.after = os.loadavg();
    await browser?.close().catch(() => undefined);
  }
  return result;
}

const mb = (b: number): string => (b / 1e6).toFixed(0);
const ms = (x: number | null | undefined): string => (x === null || x === undefined ? '-' : x.toFixed(0));

function printTable(results: SizeResult[]): void {
  const rows = results.map((r) => [
    r.name,
    `${mb(r.fileBytes)} MB`,
    r.load.ok ? `${ms(r.load.ms)} ms` : `FAILED${r.load.message ? `: ${r.load.message.slice(0, 60)}` : ''}`,
    r.jsonParse.ok ? `${ms(r.jsonParse.ms)} ms` : `n/a (${(r.jsonParse.error ?? '').slice(0, 40)})`,
    r.loadVsJsonParse === null ? '-' : `${r.loadVsJsonParse.toFixed(2)}x`,
    r.loadVsReadAndParse == null || r.jsonParse.readMs === undefined
      ? '-'
      : `${r.loadVsReadAndParse.toFixed(2)}x (read ${ms(r.jsonParse.readMs)} ms)`,
    r.heap ? `${mb(r.heap.peakTotalBytes)} MB (${r.heap.peakTotalVsFile.toFixed(2)}x)` : '-',
    r.heap ? `${mb(r.heap.rendererPeakRssBytes)} MB` : '-',
    r.filter?.apply ? `${ms(r.filter.apply.median)} ms` : '-',
    r.frames ? `${ms(r.frames.p95WorkMs)} ms` : '-',
    r.select ? `${ms(r.select.median)} ms` : '-',
  ]);
  const head = [
    'size',
    'file',
    'load to tree drawn',
    'bare JSON.parse',
    'load/parse',
    'load/(read+parse)',
    'peak JS heap (x file)',
    'renderer peak RSS',
    'state filter',
    'p95 frame work',
    'select step',
  ];
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const line = (cells: string[]) => cells.map((c, k) => c.padEnd(widths[k]!)).join(' | ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
  for (const r of results) for (const n of r.notes) console.log(`note (${r.name}): ${n}`);
  for (const r of results) {
    if (r.loadPhases) {
      const p = r.loadPhases;
      console.log(
        `phases (${r.name}): worker result after ${ms(p.workerResultMs)} ms, ` +
          `deserialise ${ms(p.deserializeMs)} ms, main thread to drawn ${ms(p.mainThreadMs)} ms` +
          (r.loadCpu
            ? `; browser CPU ${ms(r.loadCpu.totalMs)} ms (${Object.entries(r.loadCpu.byType)
                .filter(([, v]) => v > 0)
                .map(([k, v]) => `${k} ${ms(v)}`)
                .join(
                  ', ',
                )}) in ${ms(r.loadCpu.wallMs)} ms, ${r.loadCpu.busyCores?.toFixed(1) ?? '-'} cores busy`
            : ''),
      );
    }
  }
}

async function main(argv: string[]): Promise<void> {
  let sizes: SizeSpec[] = [...ALL_SIZES];
  let quick = false;
  /** A built app to measure instead of building one (A/B comparisons). */
  let appDir = '';
  /** Loads per size, each in a fresh browser; the run with the median load ratio is reported. */
  let repeat = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sizes') sizes = parseSizes(argv[++i] ?? '');
    else if (a === '--quick') quick = true;
    else if (a === '--app') appDir = argv[++i] ?? '';
    else if (a === '--repeat') repeat = Math.max(1, Number(argv[++i] ?? '1') || 1);
    else throw new Error(`unknown option ${a}`);
  }
  if (quick && !argv.includes('--sizes')) sizes = parseSizes('1k,10k,chain10k');
  if (appDir === '') {
    appDir = 'bench/out/app';
    const args = ['vite', 'build', '--outDir', appDir, '--emptyOutDir', '--logLevel', 'warn'];
    // Readable function names in the worker's profile.
    if (process.env.BENCH_PROFILE_WORKER) args.push('--minify', 'false');
    console.log(`bench: building the app into ${appDir}`);
    const b = spawnSync('npx', args, { stdio: 'inherit' });
    if (b.status !== 0) process.exit(b.status ?? 1);
  } else {
    console.log(`bench: measuring the app built in ${appDir}`);
  }
  const files = sizes.map((s) => ensureGenerated(s, 'bench/out', SEED, null));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const chromiumVersion = browser.version();
  await browser.close();
  const results: SizeResult[] = [];
  // The app served as `fsm-history-explorer` serves it (same headers, CSP included).
  const server = await startServer({ root: appDir, files: [], port: 0 });
  try {
    for (let k = 0; k < sizes.length; k++) {
      const spec = sizes[k]!;
      console.log(`bench: ${spec.name} (${files[k]})`);
      const runs: SizeResult[] = [];
      for (let n = 0; n < repeat; n++) runs.push(await benchSize(spec, files[k]!, server.origin, quick));
      const r = medianRun(runs);
      if (repeat > 1) {
        r.repeats = runs.map((x) => ({
          loadMs: x.load.ms,
          jsonParseMs: x.jsonParse.ms,
          readMs: x.jsonParse.readMs ?? null,
          ratio: x.loadVsJsonParse,
        }));
        console.log(
          `  ${repeat} runs: ratios ${runs.map((x) => (x.loadVsJsonParse === null ? '-' : x.loadVsJsonParse.toFixed(2))).join(', ')}; reporting the median`,
        );
      }
      results.push(r);
      console.log(
        `  load ${r.load.ok ? `${ms(r.load.ms)} ms via ${r.load.signal}` : `failed ${r.load.message ?? ''}`}; ` +
          `JSON.parse ${r.jsonParse.ok ? `${ms(r.jsonParse.ms)} ms` : r.jsonParse.error}; ` +
          `ratio ${r.loadVsJsonParse === null ? '-' : `${r.loadVsJsonParse.toFixed(2)}x`}; ` +
          `peak heap ${r.heap ? mb(r.heap.peakTotalBytes) : '-'} MB; ` +
          `file given once the page settled (${r.settleMs === undefined ? '-' : ms(r.settleMs)} ms after its input appeared)`,
      );
    }
  } finally {
    await server.close();
  }
  printTable(results);
  const cpus = os.cpus();
  const out = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      memoryBytes: os.totalmem(),
      node: process.version,
      chromium: chromiumVersion,
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
    },
    options: {
      quick,
      seed: SEED,
      layout: 'json.dumps default (one line), as test/fixtures/fanout-2k.json',
      app: 'the app as built (its worker loads with the streaming loader, src/model/stream/)',
      loadEnd:
        "the app's fsm:tree-drawn event (first frame of the newly shown run); see each result's load.signal",
    },
    results,
  };
  writeFileSync('bench/results.json', `${JSON.stringify(out, null, 2)}\n`);
  console.log('bench: wrote bench/results.json');
}

await main(process.argv.slice(2));
