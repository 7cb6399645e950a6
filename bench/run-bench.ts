// The browser benchmark (npm run bench): builds the app as it is into
// bench/out/app, serves it with the command line's own server (the same
// headers users get) and measures it in headless Chromium on JSON history
// files (bench/generate.ts) at each size, in a fresh browser each
// (json/measureSize.ts): load until the tree is drawn against bare
// JSON.parse of the same bytes in the same page, memory, the state filter,
// frame work, step selection. Prints the table and writes bench/results.json.
// BENCH_PROFILE_WORKER=<dir> also writes CPU profiles of the app's workers
// and of the page's main thread (to the tree drawn) per size into <dir>.
//   node --import tsx bench/run-bench.ts [--sizes 1k,10k,100k,250k,chain10k|none] [--quick]
//     [--repeat N] (N loads per size in fresh browsers; the median run is reported)
//     [--app DIR] (measure an app already built in DIR instead of building one)
import { startServer } from '../src/cli/server.ts';
import { chromiumVersion } from './browser/benchBrowser.ts';
import { buildApp } from './buildPages.ts';
import { ALL_SIZES, ensureGenerated, parseSizes, type SizeSpec } from './generate.ts';
import { benchSize } from './json/measureSize.ts';
import { printSizes } from './json/printSizes.ts';
import { medianRun, type SizeResult } from './json/sizeResult.ts';
import { machineFacts, writeResults } from './results.ts';

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
}

function parseOptions(argv: string[]): Options {
  const o: Options = {
    sizes: [...ALL_SIZES],
    quick: false,
    appDir: '',
    repeat: 1,
  };
  const count = (v: string | undefined, dflt: number) => Math.max(1, Number(v ?? dflt) || dflt);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sizes') o.sizes = argv[i + 1] === 'none' ? [] : parseSizes(argv[i + 1] ?? '');
    else if (a === '--app') o.appDir = argv[i + 1] ?? '';
    else if (a === '--repeat') o.repeat = count(argv[i + 1], 1);
    else if (a === '--quick') {
      o.quick = true;
      continue;
    } else throw new Error(`unknown option ${a}`);
    i++;
  }
  if (o.quick && !argv.includes('--sizes')) o.sizes = parseSizes('1k,10k,chain10k');
  return o;
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
  const profile = process.env.BENCH_PROFILE_WORKER !== undefined;
  let appDir = o.appDir;
  if (appDir === '') {
    appDir = 'bench/out/app';
    buildApp(appDir, profile);
  } else {
    console.log(`bench: measuring the app built in ${appDir}`);
  }
  const chromium = await chromiumVersion();
  // The app served as `fsm-history-explorer` serves it (same headers, CSP included).
  const app = await startServer({ root: appDir, files: [], port: 0 });
  try {
    await benchSizes(o, app.origin, chromium);
  } finally {
    await app.close();
  }
}

await main(process.argv.slice(2));
