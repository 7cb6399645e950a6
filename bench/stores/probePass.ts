// The store benchmark on the probe page (bench/browser/storeProbe: the app's
// own store and loader clients and workers, no UI), in a fresh browser: the
// store opened and its first page listed (kept to check sqlite3's answer
// against), each run-list query of storeQueries.ts and the facets as the page
// sees them (a round trip to the store worker), and each benchmark run opened
// from the store against loading its own JSON file with the app's loader, in
// turns in the same page.
import { statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { withSession } from '../browser/benchSession.ts';
import { rendererPeakRss } from '../browser/heapSampler.ts';
import type { ListedFields, StoreProbeState, TaskTiming } from '../browser/storeProbe/main.ts';
import { median, stat } from '../stats.ts';
import { STORE_QUERIES } from './storeQueries.ts';
import type { BenchStore, OpenRunResult, ProbeResult } from './storeResult.ts';

const TIMEOUT_MS = 600_000;

export interface ProbeOptions {
  readonly quick: boolean;
  /** Time the run-list queries (worth it from 1,000 runs). */
  readonly queries: boolean;
}

/** The probe's first page, to compare with sqlite3's listing. */
export interface ProbeFirstPage {
  readonly total: number;
  readonly rows: ListedFields[];
}

async function task<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return (await page.evaluate(
    ([name, a]) =>
      (window as unknown as { __storeProbe: Record<string, (...x: unknown[]) => Promise<unknown>> })
        .__storeProbe[name as string]!(...(a as unknown[])),
    [fn, args] as const,
  )) as T;
}

const probeState = (page: Page): Promise<StoreProbeState> =>
  page.evaluate(
    () => (window as unknown as { __storeProbe: { state: StoreProbeState } }).__storeProbe.state,
  ) as Promise<StoreProbeState>;

async function openRuns(
  page: Page,
  store: BenchStore,
  marker: string,
  quick: boolean,
): Promise<OpenRunResult[]> {
  const out: OpenRunResult[] = [];
  for (const [id, steps, layout, twin] of store.openRuns) {
    await page.setInputFiles('#json', twin);
    const turns = steps >= 50_000 ? 1 : quick ? 2 : 4;
    const fromStoreMs: number[] = [];
    const fromJsonMs: number[] = [];
    let gotSteps: number | null = null;
    let error: string | undefined;
    for (let k = 0; k < turns; k++) {
      const a = await task<TaskTiming>(page, 'openRun', id);
      if (!a.ok) error = `from the store: ${a.detail}`;
      fromStoreMs.push(a.ms);
      gotSteps = a.steps ?? null;
      await page.evaluate(() => (globalThis as { gc?: () => void }).gc?.());
      const b = await task<TaskTiming>(page, 'loadJson');
      if (!b.ok) error = `from the file: ${b.detail}`;
      else if (b.steps !== a.steps) error = `the store gave ${a.steps} steps, the file ${b.steps}`;
      fromJsonMs.push(b.ms);
      await page.evaluate(() => (globalThis as { gc?: () => void }).gc?.());
    }
    const later = (xs: number[]) => (xs.length > 1 ? median(xs.slice(1)) : null);
    const [ls, lj] = [later(fromStoreMs), later(fromJsonMs)];
    out.push({
      executionId: id,
      layout,
      steps: gotSteps,
      jsonBytes: statSync(twin).size,
      fromStoreMs,
      fromJsonMs,
      coldRatio: fromStoreMs[0]! / fromJsonMs[0]!,
      warmRatio: ls !== null && lj !== null ? ls / lj : null,
      rendererPeakRssBytes: rendererPeakRss(marker),
      ...(error ? { error } : {}),
    });
  }
  return out;
}

export async function probePass(
  store: BenchStore,
  probeOrigin: string,
  opts: ProbeOptions,
): Promise<{ result: ProbeResult; firstPage: ProbeFirstPage | null }> {
  const result: ProbeResult = {
    ok: false,
    error: null,
    openMs: null,
    queryMs: null,
    firstRowMs: null,
    queries: [],
    facets: null,
    openRuns: [],
    notes: [],
  };
  let firstPage: ProbeFirstPage | null = null;
  await withSession(
    `probe-${store.name}`,
    result.notes,
    (e) => {
      result.error ??= e;
    },
    async (session) => {
      await session.open(probeOrigin, {
        ready: async (page) => {
          await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
        },
      });
      const { page } = session;
      await page.setInputFiles('#store', store.path);
      await page.waitForFunction(
        () => {
          const s = (window as unknown as { __storeProbe: { state: StoreProbeState } }).__storeProbe.state;
          return s.error !== null || s.firstRow >= 0;
        },
        null,
        { polling: 20, timeout: TIMEOUT_MS },
      );
      const s = await probeState(page);
      if (s.error !== null) {
        result.error = s.error;
        return;
      }
      result.ok = true;
      result.openMs = s.opened - s.storeGiven;
      result.queryMs = s.queried - s.opened;
      result.firstRowMs = s.firstRow - s.storeGiven;
      firstPage = { total: s.total, rows: s.firstPage };
      if (opts.queries) {
        const reps = opts.quick ? 3 : 5;
        for (const [name, q] of STORE_QUERIES) {
          const times: number[] = [];
          let total: number | null = null;
          for (let k = 0; k < reps; k++) {
            const t = await task<TaskTiming>(page, 'query', q);
            times.push(t.ms);
            total = t.total ?? null;
          }
          result.queries.push({ name, total, stat: stat(times) });
        }
        const fs: number[] = [];
        for (let k = 0; k < reps; k++) fs.push((await task<TaskTiming>(page, 'facets')).ms);
        result.facets = stat(fs);
      }
      result.openRuns = await openRuns(page, store, session.marker, opts.quick);
    },
  );
  return { result, firstPage };
}
