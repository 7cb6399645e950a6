// The store benchmark (part of `npm run bench`): stores in the producer's
// exact row form (generate-stores.ts) and the producer's own file, each
// dropped on the built app `repeat` times in fresh browsers, with Debian's
// sqlite3 listing the same file just before and just after each drop (so each
// ratio compares two moments of the same machine); then, on the probe page,
// the run-list queries and runs opened from the store against their own JSON
// files. sqlite3's answer is checked against the app's first page. Prints the
// tables and writes the `stores` key of bench/results.json. Without the
// sqlite3 command line it says so and measures nothing.
import { existsSync, statSync } from 'node:fs';
import { PRODUCER_FIXTURE } from '../gen/storeShapeCheck.ts';
import { SQLITE3, sqlite3Version } from '../gen/storeWrite.ts';
import { ensureStore, STORE_SEED, STORES_DIR, type StoreSpec } from '../generate-stores.ts';
import { machineFacts, writeResults } from '../results.ts';
import { medianBy } from '../stats.ts';
import { mb, ms, ratio } from '../textTable.ts';
import { LISTING_SQL, type ListedRun, PRODUCER_SQL, runSqliteCli, warmPageCache } from './cliListing.ts';
import { dropInApp } from './dropInApp.ts';
import { probePass } from './probePass.ts';
import { sameListing } from './sameListing.ts';
import { printStoreResults } from './storeReport.ts';
import type { BenchStore, DropRepeat, StoreResult } from './storeResult.ts';

export interface StoreBenchOptions {
  readonly stores: readonly StoreSpec[];
  /** Drops per store, each in a fresh browser. */
  readonly repeat: number;
  readonly quick: boolean;
  /** Only the drops: no probe page (queries, runs opened). */
  readonly dropsOnly: boolean;
  /** The built app and the probe page, served. */
  readonly appOrigin: string;
  readonly probeOrigin: string;
  readonly chromium: string;
  /** The commit the app was built from (and whether the tree had changes). */
  readonly build: string;
}

function benchStores(specs: readonly StoreSpec[]): BenchStore[] {
  const out: BenchStore[] = [];
  if (existsSync(PRODUCER_FIXTURE)) {
    out.push({
      name: 'producer file',
      note: `${PRODUCER_FIXTURE}: the real producer's store (6 runs), the fixed cost of a drop`,
      path: PRODUCER_FIXTURE,
      fileBytes: statSync(PRODUCER_FIXTURE).size,
      facts: null,
      openRuns: [],
    });
  }
  for (const spec of specs) {
    const g = ensureStore(spec, STORES_DIR, STORE_SEED);
    out.push({
      name: spec.name,
      note: spec.note,
      path: g.path,
      fileBytes: g.fileBytes,
      facts: g.facts,
      openRuns: spec.benchRuns.map(([id, steps, layout]) => [id, steps, layout, g.jsonTwins[id]!] as const),
    });
  }
  return out;
}

async function benchStore(store: BenchStore, opts: StoreBenchOptions, version: string): Promise<StoreResult> {
  console.log(`bench: store ${store.name} (${store.path}, ${mb(store.fileBytes)})`);
  warmPageCache(store.path);
  // The producer's query answers whole rows: with a run of hundreds of MB it times writing that out.
  const huge = store.openRuns.some(([, steps]) => steps >= 50_000);
  const producerMs = huge ? [] : [runSqliteCli(store.path, PRODUCER_SQL, true).ms];
  const first = runSqliteCli(store.path, LISTING_SQL);
  const listed = first.rows as ListedRun[];
  const listingMs = [first.ms];
  const drops: DropRepeat[] = [];
  for (let k = 0; k < opts.repeat; k++) {
    const drop = await dropInApp(store, opts.appOrigin);
    const after = runSqliteCli(store.path, LISTING_SQL).ms;
    const before = listingMs[listingMs.length - 1]!;
    listingMs.push(after);
    const cliMs = [before, after] as const;
    const r = drop.ok && drop.firstRowMs !== null ? drop.firstRowMs / ((before + after) / 2) : null;
    drops.push({ drop, cliMs, ratio: r });
    console.log(
      `  drop ${k + 1}: ${drop.ok ? `first row ${ms(drop.firstRowMs)} (run browser ${ms(drop.browserShownMs)})` : `FAILED: ${drop.error}`}; ` +
        `sqlite3 ${ms(before)} / ${ms(after)}; ratio ${ratio(r)}; renderer peak ${drop.memory ? mb(drop.memory.rendererPeakRssBytes) : '-'}`,
    );
  }
  const big = (store.facts?.runs ?? 0) >= 1000;
  const probe = opts.dropsOnly
    ? { result: null, firstPage: null }
    : await probePass(store, opts.probeOrigin, { quick: opts.quick, queries: big });
  if (probe.result?.error) console.log(`  probe page: FAILED: ${probe.result.error}`);
  const okDrops = drops.filter((d) => d.ratio !== null);
  return {
    name: store.name,
    note: store.note,
    fileBytes: store.fileBytes,
    facts: store.facts,
    runs: listed[0]?.total ?? 0,
    cli: {
      version,
      listingMs,
      producerMs,
      sameAsApp: probe.firstPage ? sameListing(probe.firstPage, listed) : null,
    },
    drops,
    median: medianBy(okDrops, (d) => d.ratio!) ?? drops[0] ?? null,
    probe: probe.result,
  };
}

/** Why the store benchmark cannot run here (no sqlite3 command line), or null when it can. */
export function storeBenchUnavailable(): string | null {
  if (sqlite3Version() !== null) return null;
  return (
    `the sqlite3 command line (${SQLITE3}) is not installed; it writes the benchmark stores and is the ` +
    'baseline (Debian: apt-get install sqlite3)'
  );
}

/** Runs the store benchmark (check storeBenchUnavailable first). */
export async function runStoreBench(opts: StoreBenchOptions): Promise<void> {
  const version = sqlite3Version();
  if (version === null) throw new Error(`bench: ${storeBenchUnavailable()}`);
  const results: StoreResult[] = [];
  for (const store of benchStores(opts.stores)) results.push(await benchStore(store, opts, version));
  printStoreResults(results);
  writeResults({
    stores: {
      date: new Date().toISOString(),
      machine: { ...machineFacts(opts.chromium), sqlite3: version },
      options: {
        quick: opts.quick,
        dropsOnly: opts.dropsOnly,
        repeat: opts.repeat,
        seed: STORE_SEED,
        build: opts.build,
        drop: 'the built app: file input change event to the first run row of the run browser grid',
        baseline: 'sqlite3 -json file:STORE?immutable=1 running `listing` just before and after each drop',
        sql: { listing: LISTING_SQL, producer: PRODUCER_SQL },
      },
      results,
    },
  });
  console.log('bench: wrote the "stores" key of bench/results.json');
}
