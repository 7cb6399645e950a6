// One drop of a store on the built app, in a fresh browser: the store is given
// to "Open history files" once the app has settled, as a user drops it, and
// timed from the input's change event to the first run of the run browser's
// first page in its grid (store worker started, run index built over the whole
// file, first query answered, rows rendered), with the browser's CPU time, the
// renderer's peak memory and the JS heap of page and workers meanwhile.
// BENCH_PROFILE_STORE=<dir> writes CPU profiles of the page's workers (the
// store worker among them) and of its main thread to <dir>.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { watchCpu } from '../browser/benchBrowser.ts';
import { withSession } from '../browser/benchSession.ts';
import { rendererPeakRss, rendererRss } from '../browser/heapSampler.ts';
import { installStoreDropProbe, type StoreDropState } from '../browser/storeDropProbe.ts';
import type { BenchStore, DropResult } from './storeResult.ts';

const TIMEOUT_MS = 600_000;

export async function dropInApp(store: BenchStore, appOrigin: string): Promise<DropResult> {
  const result: DropResult = {
    ok: false,
    error: null,
    loadAverage: { before: os.loadavg(), after: [] },
    settleMs: 0,
    browserShownMs: null,
    firstRowMs: null,
    countText: null,
    cpu: null,
    memory: null,
    notes: [],
  };
  await withSession(
    `store-${store.name}`,
    result.notes,
    (e) => {
      result.error = e;
    },
    async (s) => {
      const profileDir = process.env.BENCH_PROFILE_STORE;
      result.settleMs = await s.open(appOrigin, {
        initScripts: [installStoreDropProbe],
        profileWorkers: profileDir !== undefined,
        ready: (page) => page.getByLabel('Open history files').waitFor({ state: 'attached' }),
      });
      const { page, sampler, cdp } = s;
      if (profileDir !== undefined) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      const rssBefore = rendererRss(s.marker);
      const cpu = watchCpu(s.marker);
      sampler.start(50);
      await page.getByLabel('Open history files').setInputFiles(store.path);
      await page.waitForFunction(
        () => {
          const d = (window as unknown as { __storeDrop: StoreDropState }).__storeDrop;
          return d.firstRow >= 0 || d.alert !== null;
        },
        null,
        { polling: 20, timeout: TIMEOUT_MS },
      );
      result.cpu = cpu.stop();
      const peaks = await sampler.stop();
      if (profileDir !== undefined) {
        const name = `${profileDir}/store-${store.name.replaceAll(' ', '-')}-${Date.now()}`;
        (await sampler.stopProfiles()).forEach((p, k) => {
          writeFileSync(`${name}-worker${k}.cpuprofile`, JSON.stringify(p));
        });
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(`${name}-main.cpuprofile`, JSON.stringify(profile));
      }
      result.memory = {
        rendererRssBeforeBytes: rssBefore,
        rendererPeakRssBytes: rendererPeakRss(s.marker),
        peakJsHeapBytes: peaks.total,
        samples: peaks.samples,
      };
      const d = (await page.evaluate(
        () => (window as unknown as { __storeDrop: StoreDropState }).__storeDrop,
      )) as StoreDropState;
      if (d.firstRow < 0) {
        result.error = `the app showed an alert: ${d.alert}`;
        return;
      }
      result.ok = true;
      result.browserShownMs = d.browserShown >= 0 ? d.browserShown - d.given : null;
      result.firstRowMs = d.firstRow - d.given;
      result.countText = await page
        .getByRole('main', { name: 'Run browser' })
        .getByRole('region', { name: 'Run filters' })
        .getByRole('status')
        .textContent({ timeout: 5000 })
        .catch(() => null);
    },
  );
  result.loadAverage.after = os.loadavg();
  return result;
}
