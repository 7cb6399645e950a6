// One size of the JSON benchmark in a fresh browser, on the built app: the
// file given once the page has settled, load until the tree is drawn (the
// app's fsm:tree-drawn signal), the phases of the load, CPU and memory, the
// state filter, step selection, frame work, and bare JSON.parse of the same
// File in the same page.
import { statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { Page } from 'playwright-core';
import { watchCpu } from '../browser/benchBrowser.ts';
import { withSession } from '../browser/benchSession.ts';
import { measureFrames } from '../browser/frames.ts';
import { type HeapPeaks, rendererPeakRss } from '../browser/heapSampler.ts';
import {
  bareJsonParse,
  filterByState,
  type ParseTiming,
  selectStep,
  type UiTiming,
} from '../browser/pageTasks.ts';
import { installProbe, type ProbeState } from '../browser/probe.ts';
import type { SizeSpec } from '../generate.ts';
import { stat } from '../stats.ts';
import type { SizeResult } from './sizeResult.ts';

const debug = process.env.BENCH_DEBUG ? (m: string) => console.log(`  [debug] ${m}`) : () => undefined;

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

export async function benchSize(
  spec: SizeSpec,
  file: string,
  url: string,
  quick: boolean,
): Promise<SizeResult> {
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
  await withSession(
    spec.name,
    result.notes,
    (e) => result.notes.push(e),
    async (s) => {
      const profileDir = process.env.BENCH_PROFILE_WORKER;
      const initScripts: Array<(() => void) | { content: string }> = [];
      if (profileDir) initScripts.push({ content: 'globalThis.__benchKeepWorkers = true;' });
      initScripts.push(installProbe);
      debug('goto');
      result.settleMs = await s.open(url, {
        initScripts,
        profileWorkers: profileDir !== undefined,
        ready: (page) => page.getByLabel('Open history files').waitFor({ state: 'attached' }),
      });
      const { page, cdp, sampler } = s;
      const input = page.getByLabel('Open history files');

      debug('set files');
      if (profileDir !== undefined) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      const cpu = watchCpu(s.marker);
      sampler.start(50);
      await input.setInputFiles(file);
      result.load = await waitForLoad(page, spec.steps >= 200_000 ? 900_000 : 300_000);
      result.loadCpu = cpu.stop();
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
        rendererPeakRssBytes: rendererPeakRss(s.marker),
      };
      if (!result.load.ok) return;
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
    },
  );
  result.loadAverage.after = os.loadavg();
  return result;
}
