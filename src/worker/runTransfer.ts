// The compact form a Run takes from the load worker to the page. Posting a Run
// as it is makes structured clone copy every Step object (and its metrics,
// resource usage and stream progress objects) one by one, on both threads.
// packSteps() instead puts the steps into columns (packedSteps.ts): numbers
// in Float64Arrays, repeated names as indices into one string table, the
// three JSON fields of all steps in one JSON text; every typed array is
// transferred (moved, not copied); the JSON fields of steps the step scanner
// read go as the file's bytes (RAW). The steps go in parts of a few thousand
// while the worker still works, and the page keeps each part as it comes,
// with a small view per step that reads the columns (stepViews.ts). A
// streamed run's steps go before its tree is built, so RunAssembler marks the
// detached ones from the tree; the run itself (tree links transferred)
// follows its parts, and RunAssembler puts them together on the page. Every
// step reads the same as in the Run that was packed. JSON values JSON text
// cannot carry exactly (NaN, Infinity, -0, very deep nesting) are sent as
// they are, beside the text.
import { ScannedStep } from '../model/stream/scannedSteps.ts';
import type { JsonObject, JsonValue, Run, Step } from '../model/types.ts';
import { DETACHED, EXACT, NAME_FIELDS, NULLABLE, type PackedSteps, RAW } from './packedSteps.ts';
import { type StepView, viewSteps } from './stepViews.ts';

export type { PackedSteps } from './packedSteps.ts';

/** JSON nesting beyond this is sent as it is (JSON.stringify/parse recurse). */
const MAX_JSON_DEPTH = 200;

/** True when a leaf (non-container) value survives JSON text exactly. */
function leafExact(x: unknown): boolean {
  if (typeof x === 'number') return Number.isFinite(x) && !Object.is(x, -0);
  return typeof x === 'string' || typeof x === 'boolean' || x === null;
}

/** True when JSON.stringify + JSON.parse gives back a value equal to `value` (iterative). */
function jsonExact(value: JsonValue): boolean {
  if (typeof value !== 'object' || value === null) return leafExact(value);
  // Most values are flat: one pass, no stacks to allocate.
  let nested = false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const x = value[i];
      if (typeof x === 'object' && x !== null) nested = true;
      else if (!leafExact(x)) return false;
    }
  } else {
    const o = value as JsonObject;
    for (const key in o) {
      const x = o[key];
      if (typeof x === 'object' && x !== null) nested = true;
      else if (!leafExact(x)) return false;
    }
  }
  if (!nested) return true;
  const stack: JsonValue[] = [value];
  const depths: number[] = [0];
  while (stack.length > 0) {
    const v = stack.pop() as JsonValue;
    const depth = depths.pop() as number;
    if (depth > MAX_JSON_DEPTH) return false;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (typeof x === 'object' && x !== null) {
          stack.push(x);
          depths.push(depth + 1);
        } else if (!leafExact(x)) return false;
      }
    } else {
      const o = v as JsonObject;
      for (const key in o) {
        const x = o[key];
        if (typeof x === 'object' && x !== null) {
          stack.push(x);
          depths.push(depth + 1);
        } else if (!leafExact(x)) return false;
      }
    }
  }
  return true;
}

/** The columns of steps[from..to). */
export function packSteps(steps: readonly Step[], from = 0, to = steps.length): PackedSteps {
  const count = Math.max(0, to - from);
  const index = new Int32Array(count);
  const texts: string[] = new Array(2 * count);
  const textEnds = new Int32Array(2 * count);
  const table: string[] = [];
  const tableIndex = new Map<string, number>();
  const names = new Int32Array(NAME_FIELDS.length * count);
  const numbers = new Float64Array((NULLABLE.length + 2) * count);
  const flags = new Uint8Array(count);
  const jsonValues: JsonValue[] = [];
  const exact: JsonValue[] = [];
  // The RAW steps (made one after the other by the scanner): their kept JSON fields are one range.
  let firstRaw: ScannedStep | null = null;
  let lastRaw: ScannedStep | null = null;
  // Neighbouring steps mostly share their names: the last one of each column is tried first.
  const lastName: Array<string | null> = new Array(NAME_FIELDS.length).fill(null);
  const lastIndex = new Int32Array(NAME_FIELDS.length).fill(-1);
  const nameOf = (column: number, s: string | null): number => {
    if (s === null) return -1;
    if (s === lastName[column]) return lastIndex[column]!;
    let k = tableIndex.get(s);
    if (k === undefined) {
      k = table.length;
      table.push(s);
      tableIndex.set(s, k);
    }
    lastName[column] = s;
    lastIndex[column] = k;
    return k;
  };
  for (let i = 0; i < count; i++) {
    const s = steps[from + i] as Step;
    index[i] = s.index;
    texts[i] = s.stepId;
    texts[count + i] = s.source;
    names[i] = nameOf(0, s.stateName);
    names[count + i] = nameOf(1, s.networkName);
    names[2 * count + i] = nameOf(2, s.dataMode);
    names[3 * count + i] = nameOf(3, s.status);
    names[4 * count + i] = nameOf(4, s.arcTaken);
    names[5 * count + i] = nameOf(5, s.error);
    names[6 * count + i] = nameOf(6, s.durationSource);
    // NULLABLE's fields in its order, read by name (a computed key costs a lookup per step).
    let f = 0;
    const timestamp = s.timestamp;
    const startTime = s.startTime;
    const endTime = s.endTime;
    const recordedDuration = s.recordedDuration;
    const duration = s.duration;
    if (timestamp === null) f |= 1;
    else numbers[i] = timestamp;
    if (startTime === null) f |= 2;
    else numbers[count + i] = startTime;
    if (endTime === null) f |= 4;
    else numbers[2 * count + i] = endTime;
    if (recordedDuration === null) f |= 8;
    else numbers[3 * count + i] = recordedDuration;
    if (duration === null) f |= 16;
    else numbers[4 * count + i] = duration;
    numbers[5 * count + i] = s.chunksProcessed;
    numbers[6 * count + i] = s.recordsProcessed;
    if (s.detached) f |= DETACHED;
    if (s instanceof ScannedStep) {
      f |= RAW;
      firstRaw ??= s;
      lastRaw = s;
    } else if (jsonExact(s.metrics) && jsonExact(s.resourceUsage) && jsonExact(s.streamProgress)) {
      jsonValues.push(s.metrics, s.resourceUsage, s.streamProgress);
    } else {
      f |= EXACT;
      exact.push(s.metrics, s.resourceUsage, s.streamProgress);
    }
    flags[i] = f;
  }
  const raw =
    firstRaw !== null && lastRaw !== null
      ? firstRaw.texts.fieldBytes(firstRaw.textId, lastRaw.textId)
      : new Uint8Array(0);
  let end = 0;
  for (let k = 0; k < texts.length; k++) {
    end += (texts[k] as string).length;
    textEnds[k] = end;
  }
  return {
    count,
    index,
    text: texts.join(''),
    textEnds,
    table,
    names,
    numbers,
    flags,
    json: JSON.stringify(jsonValues),
    raw,
    exact,
  };
}

/** The buffers of a part, to transfer with it. */
export function partBuffers(p: PackedSteps): ArrayBuffer[] {
  return uniqueBuffers([p.index, p.textEnds, p.names, p.numbers, p.flags, p.raw]);
}

/** Everything of a run but its steps (sent as parts before it): `steps` is their number. */
export type PackedRun = Omit<Run, 'steps'> & { readonly steps: number };

/** A run without its steps, and the buffers (tree links) to transfer with it. */
export function packRunHeader(run: Run): { header: PackedRun; transfer: ArrayBuffer[] } {
  const t = run.tree;
  const transfer = uniqueBuffers([
    t.parent,
    t.firstChild,
    t.nextSibling,
    t.childCount,
    t.depth,
    t.subtreeSize,
    t.preorder,
  ]);
  return { header: { ...run, steps: run.steps.length }, transfer };
}

function uniqueBuffers(arrays: ReadonlyArray<{ buffer: ArrayBufferLike }>): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const a of arrays) if (a.buffer instanceof ArrayBuffer && !out.includes(a.buffer)) out.push(a.buffer);
  return out;
}

/** Page side: collects the step parts of each run of one file, then makes the runs. */
export class RunAssembler {
  private readonly steps: Step[][] = [];

  /** Keeps a part's columns, with a view per step (stepViews.ts). */
  add(run: number, part: PackedSteps): void {
    let list = this.steps[run];
    if (list === undefined) {
      list = [];
      this.steps[run] = list;
    }
    viewSteps(part, list);
  }

  /** The runs, from their headers and the parts received; throws when a part is missing. */
  finish(headers: readonly PackedRun[]): Run[] {
    return headers.map((header, k) => {
      const steps = this.steps[k] ?? [];
      if (steps.length !== header.steps) {
        throw new Error(`run ${k}: ${steps.length} of ${header.steps} steps arrived`);
      }
      // Steps sent before the run was finished do not know yet that they are detached.
      for (const i of header.tree.detached) (steps[i] as StepView).markDetached();
      return { ...header, steps };
    });
  }
}
