// The store benchmark's tables: drop to first page against sqlite3's listing
// of the same file, memory against file size, opening a run from the store
// against its own JSON file, the run-list queries; then the issue's goals,
// each said met or not from these figures.
import { cpuText } from '../browser/benchBrowser.ts';
import { mb, ms, printTable, ratio } from '../textTable.ts';
import type { StoreResult } from './storeResult.ts';

const n = (x: number | null | undefined): string =>
  x === null || x === undefined ? '-' : x.toLocaleString('en-US');

/** Memory against the file's size; not for a small file, whose figure is the page's own footprint. */
const perFile = (bytes: number, fileBytes: number): string =>
  fileBytes < 10e6 ? 'n/a' : ratio(bytes / fileBytes);

function ratios(r: StoreResult): number[] {
  return r.drops.map((d) => d.ratio).filter((x): x is number => x !== null);
}

function printDrops(results: readonly StoreResult[]): void {
  console.log(
    '\nDrop to the first page of the run list (the app, fresh browser) against sqlite3 listing the same',
  );
  printTable(
    [
      'store',
      'file',
      'runs',
      'drop to first row',
      'run browser shown',
      'sqlite3 listing',
      'app / sqlite3',
      'ratios (all drops)',
      'query_histories',
      'renderer peak (x file)',
      'over idle (x file)',
      'peak JS heap',
    ],
    results.map((r) => {
      const m = r.median;
      const d = m?.drop;
      const mem = d?.memory;
      return [
        r.name,
        mb(r.fileBytes),
        n(r.runs),
        d?.ok ? ms(d.firstRowMs) : `FAILED: ${(d?.error ?? 'no drop').slice(0, 60)}`,
        ms(d?.browserShownMs),
        m ? ms((m.cliMs[0] + m.cliMs[1]) / 2) : '-',
        ratio(m?.ratio),
        ratios(r)
          .map((x) => x.toFixed(2))
          .join(', '),
        r.cli.producerMs.length > 0 ? ms(r.cli.producerMs[0]) : 'not timed',
        mem ? `${mb(mem.rendererPeakRssBytes)} (${perFile(mem.rendererPeakRssBytes, r.fileBytes)})` : '-',
        mem
          ? `${mb(mem.rendererPeakRssBytes - mem.rendererRssBeforeBytes)} (${perFile(mem.rendererPeakRssBytes - mem.rendererRssBeforeBytes, r.fileBytes)})`
          : '-',
        mem ? mb(mem.peakJsHeapBytes) : '-',
      ];
    }),
  );
  for (const r of results) {
    const d = r.median?.drop;
    if (d?.cpu) console.log(`  ${r.name}: browser CPU ${cpuText(d.cpu)}; count "${d.countText ?? '-'}"`);
    if (r.cli.sameAsApp) {
      console.log(
        `  ${r.name}: sqlite3's listing ${r.cli.sameAsApp.same ? 'is' : 'is NOT'} the app's first page: ${r.cli.sameAsApp.detail}`,
      );
    }
    if (r.probe?.ok) {
      console.log(
        `  ${r.name}: probe page (no UI): index built ${ms(r.probe.openMs)}, first query ${ms(r.probe.queryMs)}, rows in the DOM ${ms(r.probe.firstRowMs)}`,
      );
    }
    for (const x of r.drops) for (const note of x.drop.notes) console.log(`  note (${r.name}): ${note}`);
    for (const note of r.probe?.notes ?? []) console.log(`  note (${r.name}, probe): ${note}`);
    if (r.probe?.error) console.log(`  ${r.name}: the probe page failed: ${r.probe.error}`);
  }
}

function printOpenRuns(results: readonly StoreResult[]): void {
  const opens = results.flatMap((r) => (r.probe?.openRuns ?? []).map((o) => ({ store: r.name, o })));
  if (opens.length === 0) return;
  console.log(
    '\nOpening one run: from the store (store worker) against its own JSON file (load worker), in turns',
  );
  printTable(
    [
      'store',
      'run',
      'kept as',
      'steps',
      'JSON file',
      'first: store / file',
      'later: store / file',
      'all (store; file)',
      'renderer peak',
    ],
    opens.map(({ store, o }) => [
      store,
      o.executionId,
      o.layout === 'steps' ? 'step rows' : 'history row',
      n(o.steps),
      mb(o.jsonBytes),
      o.error
        ? `FAILED: ${o.error.slice(0, 50)}`
        : `${ms(o.fromStoreMs[0])} / ${ms(o.fromJsonMs[0])} = ${ratio(o.coldRatio)}`,
      o.warmRatio === null ? '-' : ratio(o.warmRatio),
      `${o.fromStoreMs.map((x) => x.toFixed(0)).join(', ')}; ${o.fromJsonMs.map((x) => x.toFixed(0)).join(', ')}`,
      mb(o.rendererPeakRssBytes),
    ]),
  );
}

function printQueries(results: readonly StoreResult[]): void {
  for (const r of results) {
    const p = r.probe;
    if (!p || p.queries.length === 0) continue;
    console.log(
      `\nRun-list queries on ${r.name} (${n(r.runs)} runs; first page and count, round trip to the store worker)`,
    );
    printTable(
      ['query', 'matching runs', 'median', 'max'],
      [
        ...p.queries.map((q) => [q.name, n(q.total), ms(q.stat?.median), ms(q.stat?.max)]),
        ['facets (fsm names, statuses, metadata keys)', '-', ms(p.facets?.median), ms(p.facets?.max)],
      ],
    );
  }
}

function printGoals(results: readonly StoreResult[]): void {
  console.log('\nGoals');
  for (const r of results) {
    const rs = ratios(r);
    if (rs.length === 0 || r.facts === null) continue;
    const med = r.median?.ratio ?? null;
    console.log(
      `  drop to first page <= 2x sqlite3 (${r.name}): ${med !== null && med <= 2 ? 'met' : 'NOT met'} (median ${ratio(med)}, ${ratio(Math.min(...rs))} to ${ratio(Math.max(...rs))})`,
    );
  }
  for (const r of results) {
    for (const o of r.probe?.openRuns ?? []) {
      if (o.steps !== 1000) continue;
      const met = o.coldRatio !== null && o.coldRatio <= 1.2 && (o.warmRatio === null || o.warmRatio <= 1.2);
      console.log(
        `  open a 1,000-step run <= 1.2x its JSON file (${r.name}, ${o.layout}): ${met ? 'met' : 'NOT met'} (first ${ratio(o.coldRatio)}, later ${ratio(o.warmRatio)})`,
      );
    }
  }
  for (const r of results) {
    const mem = r.median?.drop.memory;
    if (!mem || r.fileBytes < 400e6) continue;
    const x = mem.rendererPeakRssBytes / r.fileBytes;
    console.log(
      `  renderer peak memory well under 1x the file (${r.name}, ${mb(r.fileBytes)}): ${ratio(x)} (${x < 0.5 ? 'met' : x < 1 ? 'under 1x, not well under' : 'NOT met'})`,
    );
  }
  for (const r of results) {
    const qs = r.probe?.queries ?? [];
    if (qs.length === 0 || (r.runs ?? 0) < 10_000) continue;
    const over = qs.filter((q) => (q.stat?.median ?? 0) >= 100);
    const worst = Math.max(...qs.map((q) => q.stat?.median ?? 0));
    const worstMax = Math.max(...qs.map((q) => q.stat?.max ?? 0));
    console.log(
      `  each filter under 100 ms (${r.name}, median of its tries): ${over.length === 0 ? 'met' : `NOT met for ${over.map((q) => q.name).join('; ')}`} (slowest median ${ms(worst)}, slowest try ${ms(worstMax)})`,
    );
  }
}

export function printStoreResults(results: readonly StoreResult[]): void {
  printDrops(results);
  printOpenRuns(results);
  printQueries(results);
  printGoals(results);
}
