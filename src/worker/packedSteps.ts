// The columns a part of a run's steps travels in from the load worker to the
// page (runTransfer.ts packs them; stepViews.ts reads them on the page).
import type { JsonValue } from '../model/types.ts';

/** Nullable number columns, in this order, each `count` long in `PackedSteps.numbers`. */
export const NULLABLE = ['timestamp', 'startTime', 'endTime', 'recordedDuration', 'duration'] as const;
/** Bit in `PackedSteps.flags`: step is detached. */
export const DETACHED = 1 << 5;
/** Bit in `PackedSteps.flags`: the step's JSON fields are in `exact`, not in `json`. */
export const EXACT = 1 << 6;
/** Bit in `PackedSteps.flags`: the step's JSON fields are in `raw`, as the file wrote them. */
export const RAW = 1 << 7;
/** Name columns, in this order, each `count` long in `PackedSteps.names` (-1 for null). */
export const NAME_FIELDS = [
  'stateName',
  'networkName',
  'dataMode',
  'status',
  'arcTaken',
  'error',
  'durationSource',
] as const;

export interface PackedSteps {
  readonly count: number;
  /** Step.index per step (normally equal to its position). */
  readonly index: Int32Array;
  /**
   * Every step's stepId, then every step's source, as one string: one
   * string to copy instead of two per step. `textEnds` has where each ends.
   */
  readonly text: string;
  /** End offset in `text` of each stepId (count), then of each source (count). */
  readonly textEnds: Int32Array;
  /** Distinct name values. */
  readonly table: readonly string[];
  /** NAME_FIELDS.length columns of `count` indices into `table`, -1 for null. */
  readonly names: Int32Array;
  /** NULLABLE columns, then chunksProcessed and recordsProcessed, each `count` long. */
  readonly numbers: Float64Array;
  /** Per step: bit i set when NULLABLE[i] is null; DETACHED; EXACT; RAW. */
  readonly flags: Uint8Array;
  /** JSON text of [metrics, resourceUsage, streamProgress, ...] for the steps without EXACT or RAW. */
  readonly json: string;
  /**
   * UTF-8 JSON text `m,r,s,m,r,s,` (metrics, resourceUsage, streamProgress,
   * each followed by a comma) of the RAW steps: their values as the file
   * wrote them (steps the step scanner read, which checked them as
   * JSON.parse would).
   */
  readonly raw: Uint8Array;
  /** metrics, resourceUsage, streamProgress of the EXACT steps, in step order. */
  readonly exact: readonly JsonValue[];
}
