// The browser benchmark (npm run bench): builds the app as it is into
// bench/out/app, serves it with the command line's own server (the same
// headers users get) and measures it in headless Chromium:
//  - JSON history files (bench/generate.ts) at each size, in a fresh browser
//    each (json/measureSize.ts): load until the tree is drawn against bare
//    JSON.parse of the same bytes in the same page, memory, the state filter,
//    frame work, step selection;
//  - SQLite stores in the producer's exact row form (bench/generate-stores.ts)
//    and the producer's own file (stores/storeBench.ts): drop to the first
//    page of the run list against Debian's sqlite3 listing the same file,
//    memory against file size, the run-list queries, one run opened from the
//    store against its own JSON file. Skipped, saying why, without sqlite3.
// Prints the tables (ratios against baselines run in the same process) and
// writes bench/results.json (the stores under its `stores` key).
// BENCH_PROFILE_WORKER=<dir> also writes CPU profiles of the app's workers
// and of the page's main thread (to the tree drawn) per size into <dir>;
// BENCH_PROFILE_STORE=<dir> the same for each drop of a store.
//   node --import tsx bench/run-bench.ts [--sizes 1k,10k,100k,250k,chain10k|none] [--quick]
//     [--repeat N] (N loads per size in fresh browsers; the median run is reported)
//     [--app DIR] (measure an app already built in DIR instead of building one)
//     [--stores runs1k,runs10k,run100k,runs500mb|none] (with the producer's own file) [--store-repeat N]
//     (drops per store, default 2) [--drops-only] (stores: the drops alone, to compare builds in turns)
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { startServer } from '../src/cli/server.ts';
import { chromiumVersion } from './browser/benchBrowser.ts';
import { buildApp, buildStoreProbe } from './buildPages.ts';
import { ALL_SIZES, ensureGenerated, parseSizes, type SizeSpec } from './generate.ts';
import { ALL_STORES, parseStores, type StoreSpec } from './generate-stores.ts';
import { benchSize } from './json/measureSize.ts';
import { printSizes } from './json/printSizes.ts';
import { medianRun, type SizeResult } from './json/sizeResult.ts';
import { machineFacts, writeResults } from './results.ts';
import { runStoreBench, storeBenchUnavailable } from './stores/storeBench.ts';

const SEED = 20250920;
const mb = (b: number): string => (b / 1e6).toFixed(0);
const ms = (x: number | null | undefined): string => (x === null || x === undefined ? '-' : x.toFixed(0));

interface Options {
  sizes: SizeSpec[];
  quick: boolean;
  /** A built app to measure instead of building one (A/B comparisons). */
  appDir: string;
  /** Loads per size, each in a fresh browser; the run with the median load ratio is reported. */
  repeat: number;
  stores: StoreSpec[];
  storeRepeat: number;
  /** Stores: only the drops (no probe page), to compare builds in turns. */
  dropsOnly: boolean;
}

function parseOptions(argv: string[]): Options {
  const o: Options = {
    sizes: [...ALL_SIZES],
    quick: false,
    appDir: '',
    repeat: 1,
    stores: [...ALL_STORES],
    storeRepeat: 2,
    dropsOnly: false,
  };
  const count = (v: string | undefined, dflt: number) => Math.max(1, Number(v ?? dflt) || dflt);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sizes') o.sizes = argv[i + 1] === 'none' ? [] : parseSizes(argv[i + 1] ?? '');
    else if (a === '--stores') o.stores = argv[i + 1] === 'none' ? [] : parseStores(argv[i + 1] ?? '');
    else if (a === '--app') o.appDir = argv[i + 1] ?? '';
    else if (a === '--repeat') o.repeat = count(argv[i + 1], 1);
    else if (a === '--store-repeat') o.storeRepeat = count(argv[i + 1], 2);
    else if (a === '--quick' || a === '--drops-only') {
      if (a === '--quick') o.quick = true;
      else o.dropsOnly = true;
      continue;
    } else throw new Error(`unknown option ${a}`);
    i++;
  }
  if (o.quick && !argv.includes('--sizes')) o.sizes = parseSizes('1k,10k,chain10k');
  if (o.quick && !argv.includes('--stores')) o.stores = parseStores('runs1k,runs10k');
  if (o.quick && !argv.includes('--store-repeat')) o.storeRepeat = 1;
  return o;
}

/** The commit the measured app is built from, and whether src/ had changes not committed. */
function buildOf(): string {
  const git = (args: string[]) => spawnSync('git', args, { encoding: 'utf8' }).stdout.trim();
  const head = git(['rev-parse', '--short', 'HEAD']);
  return git(['status', '--porcelain', '--', 'src']) === ''
    ? head
    : `${head} with uncommitted changes in src/`;
}

async function benchSizes(o: Options, origin: string, chromium: string): Promise<void> {
  const files = o.sizes.map((s) => ensureGenerated(s, 'bench/out', SEED, null));
  const results: SizeResult[] = [];
  for (let k = 0; k < o.sizes.length; k++) {
    const spec = o.sizes[k]!;
    console.log(`bench: ${spec.name} (${files[k]})`);
    const runs: SizeResult[] = [];
    for (let n = 0; n < o.repeat; n++) runs.push(await benchSize(spec, files[k]!, origin, o.quick));
    const r = medianRun(runs);
    if (o.repeat > 1) {
      r.repeats = runs.map((x) => ({
        loadMs: x.load.ms,
        jsonParseMs: x.jsonParse.ms,
        readMs: x.jsonParse.readMs ?? null,
        ratio: x.loadVsJsonParse,
      }));
      console.log(
        `  ${o.repeat} runs: ratios ${runs.map((x) => (x.loadVsJsonParse === null ? '-' : x.loadVsJsonParse.toFixed(2))).join(', ')}; reporting the median`,
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
  printSizes(results);
  writeResults({
    date: new Date().toISOString(),
    machine: machineFacts(chromium),
    options: {
      quick: o.quick,
      seed: SEED,
      layout: 'json.dumps default (one line), as test/fixtures/fanout-2k.json',
      app: 'the app as built (its worker loads with the streaming loader, src/model/stream/)',
      loadEnd:
        "the app's fsm:tree-drawn event (first frame of the newly shown run); see each result's load.signal",
    },
    results,
  });
  console.log('bench: wrote bench/results.json');
}

async function main(argv: string[]): Promise<void> {
  const o = parseOptions(argv);
  const unavailable = o.stores.length > 0 ? storeBenchUnavailable() : null;
  if (unavailable !== null) {
    console.log(`bench: skipping the store benchmark: ${unavailable}`);
    o.stores = [];
  }
  const profile =
    process.env.BENCH_PROFILE_WORKER !== undefined || process.env.BENCH_PROFILE_STORE !== undefined;
  let appDir = o.appDir;
  if (appDir === '') {
    appDir = 'bench/out/app';
    buildApp(appDir, profile);
  } else {
    console.log(`bench: measuring the app built in ${appDir}`);
  }
  const probeDir = resolve('bench/out/store-probe');
  if (o.stores.length > 0) buildStoreProbe(probeDir, profile);
  const chromium = await chromiumVersion();
  // The app served as `fsm-history-explorer` serves it (same headers, CSP included).
  const app = await startServer({ root: appDir, files: [], port: 0 });
  const probe = o.stores.length > 0 ? await startServer({ root: probeDir, files: [], port: 0 }) : null;
  const t0 = performance.now();
  try {
    if (o.sizes.length > 0) await benchSizes(o, app.origin, chromium);
    const t1 = performance.now();
    if (probe !== null) {
      await runStoreBench({
        stores: o.stores,
        repeat: o.storeRepeat,
        quick: o.quick,
        dropsOnly: o.dropsOnly,
        appOrigin: app.origin,
        probeOrigin: probe.origin,
        chromium,
        build: o.appDir === '' ? buildOf() : `built elsewhere (${o.appDir})`,
      });
      console.log(
        `bench: JSON files ${((t1 - t0) / 1000).toFixed(0)} s, stores ${((performance.now() - t1) / 1000).toFixed(0)} s`,
      );
    }
  } finally {
    await app.close();
    await probe?.close();
  }
  if (unavailable !== null) console.log(`bench: the store benchmark was skipped: ${unavailable}`);
}

await main(process.argv.slice(2));
