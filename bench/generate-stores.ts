// Seeded generator of benchmark stores: SQLite files in the exact row form
// dataknobs_fsm's UnifiedDatabaseStorage writes through dataknobs_data's
// SQLite backend (bench/gen/storeRuns.ts, storeRows.ts, storeWrite.ts).
//   npx tsx bench/generate-stores.ts [--stores runs1k,runs10k,run100k,runs500mb] [--out DIR] [--force]
// Stores go to bench/tmp/stores/ (gitignored), with each benchmark run's
// history as a JSON file of its own next to them (`<store>.<execution id>.json`,
// the same bytes as its history_data) to compare opening it from the store
// with opening the file. An existing store made with the same options is kept.
// A new store is checked against the producer's own file (storeShapeCheck.ts).
// Needs Debian's sqlite3 command line (apt-get install sqlite3).
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyDictText, planRun, runRows, type StoreRow } from './gen/storeRows.ts';
import { benchRun, type RunPlan, storePlan } from './gen/storeRuns.ts';
import { storeShapeProblems } from './gen/storeShapeCheck.ts';
import { writeStoreFile } from './gen/storeWrite.ts';
import { byNames } from './names.ts';

export const STORES_DIR = 'bench/tmp/stores';

export interface StoreSpec {
  readonly name: string;
  /** Ordinary runs of the mix. */
  readonly runs: number;
  /** Runs the benchmark opens, by execution id: [id, steps, layout]. */
  readonly benchRuns: ReadonlyArray<readonly [string, number, RunPlan['layout']]>;
  readonly note: string;
}

/** A 1,000-step run as a history row and the same tree as step rows only. */
const OPEN_RUNS: StoreSpec['benchRuns'] = [
  ['bench-open-1000', 1000, 'history'],
  ['bench-steps-1000', 1000, 'steps'],
];

export const ALL_STORES: readonly StoreSpec[] = [
  { name: 'runs1k', runs: 1_000, benchRuns: OPEN_RUNS, note: '1,000 runs of the mix' },
  { name: 'runs10k', runs: 10_000, benchRuns: OPEN_RUNS, note: '10,000 runs of the mix' },
  {
    name: 'run100k',
    runs: 20,
    benchRuns: [['bench-run-100000', 100_000, 'history']],
    note: 'one 100,000-step history among 20 runs of the mix',
  },
  {
    name: 'runs500mb',
    runs: 13_000,
    benchRuns: OPEN_RUNS,
    note: '13,000 runs of the mix (about 500 MB), for memory against file size',
  },
];

export function parseStores(list: string): StoreSpec[] {
  return byNames(list, ALL_STORES, 'store');
}

/** Bumped whenever the rows a spec gives change. */
const GENERATOR_VERSION = 1;

export interface GeneratedStore {
  readonly spec: StoreSpec;
  readonly path: string;
  readonly fileBytes: number;
  /** The benchmark runs' own JSON files, by execution id. */
  readonly jsonTwins: Readonly<Record<string, string>>;
  /** What the store holds (rows, runs by layout, compressed, open). */
  readonly facts: StoreFacts;
}

export interface StoreFacts {
  rows: number;
  dataBytes: number;
  runs: number;
  historyOnly: number;
  historyAndSteps: number;
  stepsOnly: number;
  compressed: number;
  open: number;
  withFailures: number;
  stepsSavedTwice: number;
  steps: number;
}

export function storePlans(spec: StoreSpec, seed: number): RunPlan[] {
  return storePlan({
    seed,
    runs: spec.runs,
    extra: spec.benchRuns.map(([id, steps, layout], k) => benchRun(id, steps, seed * 31 + 17 + k, layout)),
  });
}

/** The store's rows in the producer's order, counting what they hold into `facts`. */
export function* storeRows(plans: readonly RunPlan[], facts: StoreFacts): Generator<StoreRow> {
  for (const plan of plans) {
    const run = planRun(plan);
    facts.runs++;
    facts.steps += run.tree.ids.length;
    if (plan.layout === 'history') facts.historyOnly++;
    else if (plan.layout === 'steps') facts.stepsOnly++;
    else facts.historyAndSteps++;
    if (plan.compressed) facts.compressed++;
    if (plan.open) facts.open++;
    if (plan.stepsSavedTwice) facts.stepsSavedTwice++;
    if ((run.tree.summary.failed_steps as number) > 0) facts.withFailures++;
    yield* runRows(run);
  }
}

export function emptyFacts(): StoreFacts {
  return {
    rows: 0,
    dataBytes: 0,
    runs: 0,
    historyOnly: 0,
    historyAndSteps: 0,
    stepsOnly: 0,
    compressed: 0,
    open: 0,
    withFailures: 0,
    stepsSavedTwice: 0,
    steps: 0,
  };
}

/** Generates (or reuses) one store and its benchmark runs' JSON files. */
export function ensureStore(spec: StoreSpec, outDir: string, seed: number, force = false): GeneratedStore {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, `${spec.name}.db`);
  const metaPath = `${path}.meta`;
  const key = JSON.stringify({ spec, seed, version: GENERATOR_VERSION });
  const plans = storePlans(spec, seed);
  const jsonTwins: Record<string, string> = {};
  for (const [id] of spec.benchRuns) jsonTwins[id] = join(outDir, `${spec.name}.${id}.json`);
  if (!force && existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as { key: string; facts: StoreFacts };
    if (meta.key === key && Object.values(jsonTwins).every((p) => existsSync(p))) {
      return { spec, path, fileBytes: statSync(path).size, jsonTwins, facts: meta.facts };
    }
  }
  const t0 = performance.now();
  const facts = emptyFacts();
  const written = writeStoreFile(path, storeRows(plans, facts));
  facts.rows = written.rows;
  facts.dataBytes = written.dataBytes;
  for (const plan of plans) {
    const twin = jsonTwins[plan.executionId];
    if (twin !== undefined) writeFileSync(twin, historyDictText(planRun(plan)));
  }
  const problems = storeShapeProblems(path);
  if (problems.length > 0) {
    throw new Error(`${path} does not have the producer's row shapes:\n  ${problems.join('\n  ')}`);
  }
  writeFileSync(metaPath, JSON.stringify({ key, facts }));
  console.log(
    `generated ${path}: ${facts.runs} runs, ${facts.rows} rows, ${(written.fileBytes / 1e6).toFixed(1)} MB ` +
      `in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return { spec, path, fileBytes: written.fileBytes, jsonTwins, facts };
}

export const STORE_SEED = 20250920;

function main(argv: string[]): void {
  let stores: StoreSpec[] = [...ALL_STORES];
  let outDir = STORES_DIR;
  let force = false;
  let seed = STORE_SEED;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--stores') stores = parseStores(argv[++i] ?? '');
    else if (a === '--out') outDir = argv[++i] ?? outDir;
    else if (a === '--seed') seed = Number(argv[++i]);
    else if (a === '--force') force = true;
    else throw new Error(`unknown option ${a}`);
  }
  for (const spec of stores) {
    const g = ensureStore(spec, outDir, seed, force);
    console.log(`${spec.name}: ${JSON.stringify(g.facts)}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
