// The runs of a generated store: a seeded plan of which executions a store
// holds and how the producer saved each one (history row only, history row
// and step rows, step rows only; plain or compressed history_data; open runs;
// runs that failed; steps saved twice), with the caller's metadata. The
// histories themselves come from shape.ts (buildTree); storeRows.ts turns a
// plan into the rows UnifiedDatabaseStorage writes.
import { Prng } from './prng.ts';
import type { PyValue } from './pyjson.ts';
import type { RunShape } from './shape.ts';
import { CHAIN_ERRORS, CHAIN_RENAMES, pickKind, SUPPORT_RENAMES, TENANTS } from './storeKinds.ts';

export type DataMode = 'copy' | 'reference' | 'direct';

/** How the producer kept a run: save_history only, save_history and save_step, or save_step only. */
export type RunLayout = 'history' | 'history+steps' | 'steps';

export interface RunPlan {
  /** Seed of the run's tree (buildTree). */
  readonly seed: number;
  readonly shape: RunShape;
  readonly steps: number;
  readonly fsmName: string;
  readonly dataMode: DataMode;
  readonly executionId: string;
  readonly layout: RunLayout;
  /** history_data as {"compressed": true, "data": base64(zlib)} (StorageConfig(compression=True)). */
  readonly compressed: boolean;
  /** Still running: status in_progress, end_time null, the last step in progress. */
  readonly open: boolean;
  /** The last step failed with an error (chains; fan-outs fail on their own). */
  readonly failsAtEnd: string | null;
  /** Each step row was saved twice: once in progress, once finished (step rows are never deduplicated). */
  readonly stepsSavedTwice: boolean;
  /** State names in place of the shape's own (chains: per FSM). */
  readonly renames: Readonly<Record<string, string>>;
  /** The metadata column of the history row and of the step rows (null = SQL NULL). */
  readonly metadata: PyValue | null;
  readonly stepMetadata: PyValue | null;
  /** When the run started (epoch seconds), as buildTree will make it: rows are written in this order. */
  readonly startTime: number;
}

/** Same as shape.ts: every generated run starts within one day of this. */
const BASE_TIME = 1758400000.0;

/**
 * The start time buildTree gives a run of this seed (its first two draws of
 * the generator). storeRows checks it against the built tree, so a change to
 * shape.ts cannot silently reorder a store.
 */
export function predictedStart(seed: number): number {
  const rng = new Prng(seed);
  return BASE_TIME + rng.int(0, 86400) + rng.next();
}

/**
 * Steps per run: 5 to 200, most runs short (5 * 40^(u^3) for chains, u^4 for
 * fan-outs, whose histories repeat each path's prefix: about 3.5 KB a step
 * against 1 KB), as a store of real executions mostly holds.
 */
function stepCount(rng: Prng, shape: RunShape): number {
  return Math.round(5 * 40 ** (rng.next() ** (shape === 'fanout' ? 4 : 3)));
}

export interface StorePlanOptions {
  readonly seed: number;
  /** Ordinary runs (the mix below). */
  readonly runs: number;
  /** Extra runs the benchmark opens, by execution id. */
  readonly extra?: readonly RunPlan[];
}

/** One ordinary run of the mix, number `i` of a store made with `seed`. */
export function mixedRun(seed: number, i: number): RunPlan {
  const rng = new Prng(seed * 7919 + i);
  const treeSeed = seed * 1_000_003 + i;
  const layoutRoll = rng.next();
  const layout: RunLayout = layoutRoll < 0.1 ? 'steps' : layoutRoll < 0.32 ? 'history+steps' : 'history';
  const kind = pickKind(rng);
  const tenant = rng.pick(TENANTS);
  const steps = stepCount(rng, kind.shape);
  const named = rng.chance(0.3);
  const executionId =
    layout === 'steps'
      ? named
        ? `batch-${i}`
        : rng.uuid()
      : named
        ? `${kind.prefix}-${i.toString(16).padStart(4, '0')}`
        : rng.uuid();
  // Open runs are chains (their last step is the one in progress).
  const open = kind.shape === 'chain' && rng.chance(layout === 'steps' ? 0.02 : 0.05);
  const failsAtEnd = kind.shape === 'chain' && !open && rng.chance(0.1) ? rng.pick(CHAIN_ERRORS) : null;
  const metadata = layout === 'steps' ? null : kind.metadata(rng, tenant, i);
  const stepMetadata =
    layout === 'steps'
      ? rng.chance(0.7)
        ? { worker_pool: rng.pick(['w-eu-1', 'w-eu-2', 'w-us-1']) }
        : null
      : kind.stepMetadata(rng, tenant, metadata);
  return {
    seed: treeSeed,
    shape: kind.shape,
    steps,
    fsmName: kind.name,
    dataMode: kind.mode,
    executionId,
    layout,
    compressed: layout !== 'steps' && rng.chance(0.15),
    open,
    failsAtEnd,
    stepsSavedTwice: layout !== 'history' && rng.chance(0.15),
    renames:
      kind.shape === 'chain'
        ? (CHAIN_RENAMES[kind.name] ?? {})
        : kind.name === 'support_agent'
          ? SUPPORT_RENAMES
          : {},
    metadata,
    stepMetadata,
    startTime: predictedStart(treeSeed),
  };
}

/** A fan-out run the benchmark opens by its execution id, kept as `layout`. */
export function benchRun(executionId: string, steps: number, seed: number, layout: RunLayout): RunPlan {
  return {
    seed,
    shape: 'fanout',
    steps,
    fsmName: 'enrichment_pipeline',
    dataMode: 'copy',
    executionId,
    layout,
    compressed: false,
    open: false,
    failsAtEnd: null,
    stepsSavedTwice: false,
    renames: {},
    metadata: { tenant_id: 'acme', pipeline: 'enrich-v2', run_no: 0 },
    stepMetadata: null,
    startTime: predictedStart(seed),
  };
}

/** Every run of a store, in the order the producer saved them (by start time). */
export function storePlan(opts: StorePlanOptions): RunPlan[] {
  const plans: RunPlan[] = [];
  for (let i = 0; i < opts.runs; i++) plans.push(mixedRun(opts.seed, i));
  plans.push(...(opts.extra ?? []));
  return plans.sort((a, b) => a.startTime - b.startTime || (a.executionId < b.executionId ? -1 : 1));
}
