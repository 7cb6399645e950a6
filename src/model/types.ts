// The explorer's model of a loaded run: what every loader (plain, streaming,
// CLI, worker) produces and what every view reads. Pure data, no React, no DOM.
//
// Flow: bytes -> decode (gzip, UTF-8, Python JSON dialect) -> forms (plain,
// compressed wrapper, history record, FileStorage db) -> RunBuilder (merge
// paths by step_id, mode_storage, checks) -> Run. Steps are addressed by their
// index in `Run.steps`; the tree is kept as typed-array links so that no code
// ever needs recursion to walk it.

/** Any JSON value the producer may write, including Python's NaN/Infinity as numbers. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Data modes and statuses the producer knows. Other values are kept as written and warned about. */
export const DATA_MODES = ['copy', 'reference', 'direct'] as const;
export type KnownDataMode = (typeof DATA_MODES)[number];
export const STEP_STATUSES = ['pending', 'in_progress', 'completed', 'failed', 'skipped'] as const;
export type KnownStepStatus = (typeof STEP_STATUSES)[number];

/** How a step's duration was obtained. Anything but 'recorded' is shown as approximate. */
export type DurationSource = 'recorded' | 'end-start' | 'end-timestamp' | 'none';

/** One execution step, validated and normalised. Producer fields keep their meaning; names are camelCase. */
export interface Step {
  /** Index in Run.steps; stable for the life of the run. */
  readonly index: number;
  readonly stepId: string;
  readonly stateName: string;
  readonly networkName: string;
  readonly timestamp: number | null;
  readonly startTime: number | null;
  readonly endTime: number | null;
  /** The producer's `duration` field as written (may be null). */
  readonly recordedDuration: number | null;
  /** Best duration we have: recorded, else end - start, else end - timestamp; null if none. */
  readonly duration: number | null;
  readonly durationSource: DurationSource;
  /** As written; may be a value outside DATA_MODES (then a warning exists). */
  readonly dataMode: string;
  /** As written; may be a value outside STEP_STATUSES (then a warning exists). */
  readonly status: string;
  readonly arcTaken: string | null;
  readonly error: string | null;
  readonly metrics: JsonValue;
  readonly resourceUsage: JsonObject;
  readonly streamProgress: JsonValue;
  readonly chunksProcessed: number;
  readonly recordsProcessed: number;
  /** True when the step is not in `paths` (only in mode_storage / step records). */
  readonly detached: boolean;
  /** Where the step was first seen, e.g. `paths[0][2]` or `mode_storage.direct[3]`. */
  readonly source: string;
}

/**
 * Tree links over Run.steps, one slot per step index. -1 means "none".
 * Detached steps have parent -1, depth 0 and are listed in `detached`, not `roots`.
 */
export interface StepTree {
  readonly parent: Int32Array;
  readonly firstChild: Int32Array;
  readonly nextSibling: Int32Array;
  readonly childCount: Int32Array;
  /** 0 for roots. */
  readonly depth: Int32Array;
  /** Steps in the subtree including the step itself. */
  readonly subtreeSize: Int32Array;
  /** Tree roots in first-seen order. */
  readonly roots: readonly number[];
  /** Detached steps in first-seen order. */
  readonly detached: readonly number[];
  /** Pre-order (first-seen children order) of the tree steps, roots first; detached excluded. */
  readonly preorder: Int32Array;
}

/** The producer's own `summary` (counters as the producer kept them). Missing values are null. */
export interface ProducerSummary {
  readonly fsmName: string | null;
  readonly executionId: string | null;
  readonly startTime: number | null;
  readonly endTime: number | null;
  readonly duration: number | null;
  readonly totalSteps: number | null;
  readonly failedSteps: number | null;
  readonly skippedSteps: number | null;
  readonly completedSteps: number | null;
  readonly dataMode: string | null;
  readonly treeDepth: number | null;
  readonly totalPaths: number | null;
  readonly resourceUsage: JsonObject | null;
  readonly streamProgress: JsonObject | null;
}

/** Counters recomputed from the steps themselves. */
export interface RunCounts {
  /** Distinct step_ids in the run (tree + detached). */
  readonly uniqueSteps: number;
  readonly treeSteps: number;
  readonly detachedSteps: number;
  readonly roots: number;
  readonly leaves: number;
  /** Deepest root-to-leaf path, in steps (the producer's tree_depth). 0 for an empty tree. */
  readonly maxDepth: number;
  /** Entries in `paths` as written. */
  readonly paths: number;
  /** Status -> number of steps (all unique steps, tree and detached). */
  readonly statusCounts: Readonly<Record<string, number>>;
  readonly failedSteps: number;
  readonly skippedSteps: number;
  /** unique - failed - skipped, as the producer counts completed_steps. */
  readonly completedSteps: number;
}

export type WarningCode =
  | 'conflicting-duplicate'
  | 'counter-mismatch'
  | 'pruned-tree'
  | 'open-run'
  | 'non-finite-number'
  | 'unknown-status'
  | 'unknown-data-mode'
  | 'unknown-parent'
  | 'wrong-type'
  | 'approximate-duration'
  // Added by the model team (additive):
  /** A step appears under a different parent in a later path; the first parent is kept. */
  | 'parent-conflict'
  /** A step entry could not be used (not an object, no step_id) and was skipped. */
  | 'invalid-step'
  /** A record of a FileStorage database could not be used and was skipped (other runs still load). */
  | 'skipped-record';

export interface RunWarning {
  readonly code: WarningCode;
  /** Full sentence naming the place, e.g. `run.json: paths[1][3]: step 'ab12' differs from its first copy at paths[0][3]; kept the first`. */
  readonly message: string;
}

/** Which of the producer's shapes the run came from. */
export type InputForm =
  | 'plain'
  | 'compressed-wrapper'
  | 'history-record'
  | 'file-storage'
  /** Step rows of a database store (UnifiedDatabaseStorage.save_step), linked by parent_id. */
  | 'store-steps';

export interface Run {
  /** Unique in a session: `${fileName}#${indexInFile}` (the loader may add a suffix on clashes). */
  readonly id: string;
  readonly fileName: string;
  readonly indexInFile: number;
  readonly form: InputForm;
  readonly fsmName: string;
  readonly executionId: string;
  readonly dataMode: string;
  readonly startTime: number | null;
  readonly endTime: number | null;
  /** end - start when both exist, else the producer's duration, else null. */
  readonly duration: number | null;
  /** The producer's summary; null when the input had none (e.g. a run rebuilt from step records). */
  readonly producer: ProducerSummary | null;
  readonly steps: readonly Step[];
  readonly tree: StepTree;
  readonly counts: RunCounts;
  /** The producer's "current" step: last step of the last path; -1 when none. */
  readonly currentStep: number;
  /** True when the run has no end_time. */
  readonly open: boolean;
  /** True when mode_storage holds steps that paths lost (depth-limited direct mode). */
  readonly pruned: boolean;
  readonly warnings: readonly RunWarning[];
  /**
   * The record's metadata as JSON text (a FileStorage record's `metadata`,
   * e.g. {"tenant_id": "acme"}), what the run browser's metadata filter
   * reads; null when the input has none (a plain history file).
   */
  readonly metadata: string | null;
}

/** What loading one file gives: its runs, or a LoadError. Never both empty and without error. */
export type FileLoadResult =
  | {
      readonly ok: true;
      readonly fileName: string;
      readonly runs: readonly Run[];
      /** File-level warnings (e.g. skipped records); each is also copied into the first run's warnings. */
      readonly warnings?: readonly RunWarning[];
    }
  | { readonly ok: false; readonly fileName: string; readonly error: LoadErrorInfo };

/** A serialisable description of why a file failed (crosses the worker boundary). */
export interface LoadErrorInfo {
  readonly fileName: string;
  /** Full message naming the file and the place, e.g. `run.json: line 3, column 7: unexpected end of JSON`. */
  readonly message: string;
  /** JSON path of the problem, e.g. `paths[0][2]`, when known. */
  readonly where?: string;
  readonly line?: number;
  readonly column?: number;
  readonly kind:
    | 'empty'
    | 'binary'
    | 'json-syntax'
    | 'not-a-history'
    | 'invalid'
    | 'too-large'
    | 'cancelled'
    | 'io';
}

/** Progress while loading, reported by loaders and the worker. */
export interface LoadProgress {
  readonly fileName: string;
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly stepsMerged: number;
}
