// RunBuilder: the ONE place that turns producer steps into a Run. Every loader
// (plain JSON, compressed wrapper, history record, FileStorage database, and
// the streaming loader in src/model/stream/) drives it with the calls below,
// in the order it meets things in the file.
//
//   const b = new RunBuilder({ fileName, indexInFile, form });
//   b.setSummary(rawSummary, 'summary');          // the producer's summary (optional)
//   b.setIdentity({ fsmName, executionId, ... }); // fallbacks when there is no summary (optional)
//   for each path:  b.beginPath();
//     for each entry: b.addPathEntry(raw, 'paths[i][j]')         // raw object, id read from it
//                or:  b.addPathStep(stepId, raw | null, where)   // raw null = the caller knows the
//                     // step was already added (b.hasStep(stepId)) and skipped parsing its repeat;
//                     // the builder only links it into the current path.
//                     b.reportConflict(stepId, where)  // a repeat differed, detected by the caller
//                     b.reportInvalidStep(where, reason) // an entry that could not be used
//   for each mode_storage entry: b.addStoredStep(raw, 'mode_storage.copy[k]', 'copy')
//   for each FileStorage step record: b.addStepRecord(rawStepData, parentId, where)
//   b.stepsMerged   // distinct steps so far (for progress)
//   const run = b.finish();                       // once; the builder is spent afterwards
//
// `where` may be a string or a function returning one (only called when a
// message or a new step needs it), so callers need not build strings for
// every repeated path entry.
//
// What it does: merges paths by step_id into a tree (children in first-seen
// order, several roots allowed; a later path giving a step another parent =>
// 'parent-conflict', first kept); keeps the first copy of a repeated step and
// compares repeats with an iterative deep-equal ('conflicting-duplicate');
// steps only in mode_storage become detached ('pruned-tree' in direct mode,
// else 'unknown-parent'); step records are linked by parent_id (unknown parent
// => detached + 'unknown-parent'); computes depth, subtree sizes, preorder
// (iteratively, typed arrays), the producer's "current" step, durations; interns
// repeated names; then runs the checks (counters, open run, non-finite numbers,
// unknown status / data mode, approximate durations).
import { checkCounters, computeCounts } from './checks.ts';
import { Interner } from './intern.ts';
import { deepEqual, isObject, type NonFiniteScan } from './jsonUtil.ts';
import {
  invalidStepReason,
  type MutableStep,
  readStep,
  type StepReadContext,
  stepIdOf,
} from './stepFields.ts';
import { StepResources } from './stepResources.ts';
import { readSummary } from './summary.ts';
import {
  DATA_MODES,
  type InputForm,
  type JsonObject,
  type JsonValue,
  type ProducerSummary,
  type Run,
  type Step,
  type StepTree,
  type WarningCode,
} from './types.ts';
import { WarningSink } from './warnings.ts';

export type Where = string | (() => string);

function whereText(w: Where): string {
  return typeof w === 'string' ? w : w();
}

export interface RunBuilderOptions {
  readonly fileName: string;
  readonly indexInFile: number;
  readonly form: InputForm;
  /** Defaults to `${fileName}#${indexInFile}`. */
  readonly id?: string;
}

/** Run-level facts used when the producer's summary does not give them (e.g. runs rebuilt from step records). */
export interface RunIdentity {
  readonly fsmName?: string | null;
  readonly executionId?: string | null;
  readonly dataMode?: string | null;
  readonly startTime?: number | null;
  readonly endTime?: number | null;
  /** The record's metadata as JSON text (FileStorage records). */
  readonly metadata?: string | null;
}

/** Parent slot value of a step not (yet) linked into the tree. */
const NOT_IN_TREE = -2;
const OPEN_STATUSES = new Set(['pending', 'in_progress']);
const KNOWN_MODES = new Set<string>(DATA_MODES);

/**
 * A step read without a parsed object (the streaming parser's scanner,
 * stream/scannedSteps.ts): its step_id, and the rest on demand. Only steps
 * whose fields readStep would take without a warning come this way.
 */
export interface ScannedSource {
  readonly stepId: string;
  /** The Step at `index`, first seen at `where` (unknown status / data mode counted in ctx). */
  make(index: number, where: string, ctx: StepReadContext): MutableStep;
  /** Notes the step's resource usage (after make). */
  noteResources(into: StepResources): void;
  /** The step as a parsed object, to compare with its first copy. */
  raw(): JsonObject;
}

/** A step that can give its first copy's object again (ScannedStep). */
interface RawBacked {
  raw(): JsonObject;
}

export class RunBuilder {
  private readonly opts: RunBuilderOptions;
  private readonly warnings: WarningSink;
  private readonly nonFinite: NonFiniteScan = { count: 0, first: null };
  private readonly ctx: StepReadContext;
  private producer: ProducerSummary | null = null;
  private summaryWhere = 'summary';
  private summaryEndNull = false;
  private identity: RunIdentity = {};

  private readonly steps: MutableStep[] = [];
  /** The steps' resource usage, for the check against the producer's totals. */
  private readonly resources = new StepResources();
  /** step_id -> index, for the steps before idsUpTo (see indexOf). */
  private readonly ids = new Map<string, number>();
  private idsUpTo = 0;
  /** First raw copy of each step, for comparing repeats; dropped by finish(). */
  private firstRaw: Array<JsonObject | undefined> = [];
  /** Parent index, -1 for a root, NOT_IN_TREE when not linked by a path. */
  private readonly parent: number[] = [];
  /** Steps in the order they were linked (defines children order). */
  private readonly linkOrder: number[] = [];
  private readonly recordParent = new Map<number, string | null>();
  private readonly recordOrder: number[] = [];
  private readonly storageModesWarned = new Set<string>();
  private prev = -1;
  private pathCount = 0;
  private current = -1;
  private finished = false;

  constructor(opts: RunBuilderOptions) {
    this.opts = opts;
    this.warnings = new WarningSink(opts.fileName);
    this.ctx = {
      interner: new Interner(),
      warnings: this.warnings,
      nonFinite: this.nonFinite,
      unknownStatus: new Map(),
      unknownDataMode: new Map(),
    };
  }

  /** Distinct steps added so far. */
  get stepsMerged(): number {
    return this.steps.length;
  }

  /**
   * The steps made so far, in run order. Final once every entry has been
   * added, except `detached`, which finish() sets (on the steps it lists in
   * tree.detached).
   */
  get stepsMade(): readonly Step[] {
    return this.steps;
  }

  hasStep(stepId: string): boolean {
    return this.indexOf(stepId) !== undefined;
  }

  addWarning(code: WarningCode, where: string, text: string): void {
    this.warnings.add(code, where, text);
  }

  setSummary(raw: JsonValue, where: Where = 'summary'): void {
    this.summaryWhere = whereText(where);
    this.producer = readSummary(raw, this.summaryWhere, this.warnings, this.nonFinite);
    this.summaryEndNull = isObject(raw) && raw.end_time === null;
    const mode = this.producer?.dataMode;
    if (mode != null && !KNOWN_MODES.has(mode)) {
      this.warnings.add(
        'unknown-data-mode',
        `${this.summaryWhere}.data_mode`,
        `unknown data mode '${mode}' (expected copy, reference or direct); kept as written`,
      );
    }
  }

  setIdentity(identity: RunIdentity): void {
    this.identity = { ...this.identity, ...identity };
  }

  beginPath(): void {
    this.prev = -1;
    this.pathCount++;
  }

  /** A path entry as a raw object: validated, then added like addPathStep. Returns false if it was skipped. */
  addPathEntry(raw: JsonValue, where: Where): boolean {
    const reason = invalidStepReason(raw);
    if (reason !== null) {
      this.reportInvalidStep(where, reason);
      return false;
    }
    this.addPathStep(stepIdOf(raw)!, raw, where);
    return true;
  }

  /** Adds (first sighting) or re-links (repeat) a step in the current path. raw null only for known steps. */
  addPathStep(stepId: string, raw: JsonValue | null, where: Where): void {
    let idx = this.indexOf(stepId);
    if (idx === undefined) {
      if (raw === null) {
        throw new Error(
          `RunBuilder.addPathStep: step '${stepId}' was never added, so its raw data is needed`,
        );
      }
      if (!isObject(raw)) {
        this.reportInvalidStep(where, invalidStepReason(raw) ?? 'not a step object');
        return;
      }
      idx = this.create(stepId, raw, whereText(where));
    } else if (raw !== null) {
      this.compare(idx, raw, where);
    }
    this.link(idx, where);
  }

  /**
   * Links the step at `index` (a step the builder made, index in the order
   * made, as stepsMerged counted it) into the current path: the same as
   * addPathStep(its step_id, null, where), without looking the id up.
   */
  linkPathStep(index: number, where: Where): void {
    this.link(index, where);
  }

  /** The caller found that a repeated copy of a step differs from the first one (e.g. by hashing its text). */
  reportConflict(stepId: string, where: Where, detail?: string): void {
    const idx = this.indexOf(stepId);
    const first = idx === undefined ? '' : ` at ${this.steps[idx]!.source}`;
    this.warnings.add(
      'conflicting-duplicate',
      whereText(where),
      `step '${stepId}'${idx === undefined ? '' : ` (${this.steps[idx]!.stateName})`} differs from its first copy${first}${detail ? ` (${detail})` : ''}; kept the first`,
    );
  }

  reportInvalidStep(where: Where, reason: string): void {
    this.warnings.add(
      'invalid-step',
      whereText(where),
      `${reason}; the step was skipped${this.prev >= 0 ? ' (the next step in this path is linked to the one before it)' : ''}`,
    );
  }

  /** A step from mode_storage[mode]. Steps never seen in paths end up detached. */
  addStoredStep(raw: JsonValue, where: Where, mode: string): void {
    const reason = invalidStepReason(raw);
    if (reason !== null) {
      this.warnings.add('invalid-step', whereText(where), `${reason}; the step was skipped`);
      return;
    }
    const stepId = stepIdOf(raw)!;
    const idx = this.indexOf(stepId);
    if (idx === undefined) {
      this.create(stepId, raw as JsonObject, whereText(where));
    } else {
      this.compare(idx, raw, where);
    }
    this.noteStorageMode(mode, where);
  }

  /**
   * addPathEntry for a step read by a scanner (see ScannedSource). `isNew`:
   * the caller knows that no step with this step_id was added yet (the
   * streaming parser's step table had no copy of it), so it is not looked up.
   */
  addScannedPathStep(source: ScannedSource, where: Where, isNew = false): void {
    let idx = isNew ? undefined : this.indexOf(source.stepId);
    if (idx === undefined) idx = this.createScanned(source, whereText(where));
    else this.compare(idx, source.raw(), where);
    this.link(idx, where);
  }

  /** addStoredStep for a step read by a scanner (see ScannedSource; `isNew` as for addScannedPathStep). */
  addScannedStoredStep(source: ScannedSource, where: Where, mode: string, isNew = false): void {
    const idx = isNew ? undefined : this.indexOf(source.stepId);
    if (idx === undefined) this.createScanned(source, whereText(where));
    else this.compare(idx, source.raw(), where);
    this.noteStorageMode(mode, where);
  }

  private noteStorageMode(mode: string, where: Where): void {
    if (!KNOWN_MODES.has(mode) && !this.storageModesWarned.has(mode)) {
      this.storageModesWarned.add(mode);
      this.warnings.add(
        'unknown-data-mode',
        whereText(where),
        `mode_storage has a list for unknown data mode '${mode}' (expected copy, reference or direct); its steps are kept`,
      );
    }
  }

  /** A FileStorage step record's step_data, with the record's parent_id (null for a root). */
  addStepRecord(raw: JsonValue, parentId: string | null, where: Where): void {
    const reason = invalidStepReason(raw);
    if (reason !== null) {
      this.warnings.add('invalid-step', whereText(where), `${reason}; the record was skipped`);
      return;
    }
    const stepId = stepIdOf(raw)!;
    let idx = this.indexOf(stepId);
    if (idx === undefined) {
      idx = this.create(stepId, raw as JsonObject, whereText(where));
    } else {
      this.compare(idx, raw, where);
    }
    if (!this.recordParent.has(idx)) {
      this.recordParent.set(idx, parentId);
      this.recordOrder.push(idx);
    } else if (this.recordParent.get(idx) !== parentId) {
      this.warnings.add(
        'parent-conflict',
        whereText(where),
        `step '${stepId}' names parent '${parentId}' here but '${this.recordParent.get(idx)}' in its first record; kept the first`,
      );
    }
    this.current = idx;
  }

  /**
   * The index of the step with this step_id, if one was added. The map from
   * ids to indices is brought up to date here, when asked, rather than as
   * each step is made: a load whose steps are all new (as the streaming
   * parser knows) never builds it.
   */
  private indexOf(stepId: string): number | undefined {
    const { steps, ids } = this;
    for (let i = this.idsUpTo; i < steps.length; i++) ids.set((steps[i] as Step).stepId, i);
    this.idsUpTo = steps.length;
    return ids.get(stepId);
  }

  private create(stepId: string, raw: JsonObject, where: string): number {
    const idx = this.steps.length;
    const step = readStep(raw, stepId, where, idx, this.ctx);
    this.steps.push(step);
    this.resources.add(step.resourceUsage);
    this.firstRaw.push(raw);
    this.parent.push(NOT_IN_TREE);
    return idx;
  }

  private createScanned(source: ScannedSource, where: string): number {
    const idx = this.steps.length;
    this.steps.push(source.make(idx, where, this.ctx));
    source.noteResources(this.resources);
    // Its object, when a copy that differs comes, is made again from its bytes (RawBacked).
    this.firstRaw.push(undefined);
    this.parent.push(NOT_IN_TREE);
    return idx;
  }

  private compare(idx: number, raw: JsonValue, where: Where): void {
    const first = this.firstRaw[idx] ?? (this.steps[idx] as Partial<RawBacked>).raw?.();
    if (first !== undefined && !deepEqual(first, raw)) {
      const s = this.steps[idx]!;
      this.warnings.add(
        'conflicting-duplicate',
        whereText(where),
        `step '${s.stepId}' (${s.stateName}) differs from its first copy at ${s.source}; kept the first`,
      );
    }
  }

  private describe(idx: number): string {
    if (idx < 0) return 'nothing (a root)';
    const s = this.steps[idx]!;
    return `'${s.stepId}' (${s.stateName})`;
  }

  private link(idx: number, where: Where): void {
    const p = this.parent[idx]!;
    if (p === NOT_IN_TREE) {
      this.parent[idx] = this.prev;
      this.linkOrder.push(idx);
    } else if (p !== this.prev) {
      const s = this.steps[idx]!;
      this.warnings.add(
        'parent-conflict',
        whereText(where),
        `step '${s.stepId}' (${s.stateName}) follows ${this.describe(this.prev)} here but ${this.describe(p)} in its first path; kept the first`,
      );
    }
    this.prev = idx;
    this.current = idx;
  }

  /** Links step records by parent_id, then decides which linked steps reach a root. */
  private resolveTree(n: number): Int8Array {
    const { parent, steps } = this;
    for (const idx of this.recordOrder) {
      if (parent[idx] !== NOT_IN_TREE) continue; // already placed by a path
      const pid = this.recordParent.get(idx) ?? null;
      if (pid === null) {
        parent[idx] = -1;
        this.linkOrder.push(idx);
        continue;
      }
      const p = this.indexOf(pid);
      if (p === undefined) {
        const s = steps[idx]!;
        this.warnings.add(
          'unknown-parent',
          s.source,
          `step '${s.stepId}' (${s.stateName}) names parent '${pid}', which is not in this run; shown as detached`,
        );
        continue;
      }
      parent[idx] = p;
      this.linkOrder.push(idx);
    }
    // 1 = reaches a root, 2 = does not (parent detached, or a cycle), 3 = being walked.
    const state = new Int8Array(n);
    if (this.recordOrder.length === 0) {
      // Paths only: a step's parent is the step before it in the path that first linked it,
      // itself linked earlier (or -1), so every linked step reaches a root.
      const { linkOrder } = this;
      for (let li = 0; li < linkOrder.length; li++) state[linkOrder[li]!] = 1;
      return state;
    }
    const chain: number[] = [];
    const { linkOrder } = this;
    for (let li = 0; li < linkOrder.length; li++) {
      const start = linkOrder[li]!;
      if (state[start] !== 0) continue;
      chain.length = 0;
      let x = start;
      let res: 1 | 2;
      let cycle = false;
      for (;;) {
        const s = state[x];
        if (s === 1 || s === 2) {
          res = s;
          break;
        }
        if (s === 3) {
          res = 2;
          cycle = true;
          break;
        }
        if (parent[x] === NOT_IN_TREE) {
          res = 2;
          break;
        }
        state[x] = 3;
        chain.push(x);
        if (parent[x] === -1) {
          res = 1;
          break;
        }
        x = parent[x]!;
      }
      for (let ci = 0; ci < chain.length; ci++) state[chain[ci]!] = res;
      if (res === 2) {
        for (const c of chain) {
          const s = steps[c]!;
          this.warnings.add(
            'unknown-parent',
            s.source,
            cycle
              ? `step '${s.stepId}' (${s.stateName}) is part of a parent_id cycle; shown as detached`
              : `step '${s.stepId}' (${s.stateName}) descends from a detached step; shown as detached`,
          );
        }
      }
    }
    return state;
  }

  private buildTree(): StepTree {
    const n = this.steps.length;
    const state = this.resolveTree(n);
    const parent = new Int32Array(n).fill(-1);
    const firstChild = new Int32Array(n).fill(-1);
    const nextSibling = new Int32Array(n).fill(-1);
    const lastChild = new Int32Array(n).fill(-1);
    const childCount = new Int32Array(n);
    const depth = new Int32Array(n);
    const subtreeSize = new Int32Array(n).fill(1);
    const roots: number[] = [];
    const { linkOrder } = this;
    for (let li = 0; li < linkOrder.length; li++) {
      const idx = linkOrder[li]!;
      if (state[idx] !== 1) continue;
      const p = this.parent[idx]!;
      if (p < 0) {
        roots.push(idx);
        continue;
      }
      parent[idx] = p;
      if (lastChild[p] === -1) firstChild[p] = idx;
      else nextSibling[lastChild[p]!] = idx;
      lastChild[p] = idx;
      childCount[p]!++;
    }
    const detached: number[] = [];
    for (let i = 0; i < n; i++) {
      if (state[i] !== 1) {
        detached.push(i);
        this.steps[i]!.detached = true;
      }
    }
    const preorder = new Int32Array(n - detached.length);
    let k = 0;
    for (const root of roots) {
      let x = root;
      for (;;) {
        preorder[k++] = x;
        if (x !== root) depth[x] = depth[parent[x]!]! + 1;
        if (firstChild[x] !== -1) {
          x = firstChild[x]!;
          continue;
        }
        while (x !== root && nextSibling[x] === -1) x = parent[x]!;
        if (x === root) break;
        x = nextSibling[x]!;
      }
    }
    for (let j = preorder.length - 1; j >= 0; j--) {
      const x = preorder[j]!;
      const p = parent[x]!;
      if (p >= 0) subtreeSize[p]! += subtreeSize[x]!;
    }
    return { parent, firstChild, nextSibling, childCount, depth, subtreeSize, roots, detached, preorder };
  }

  private finishWarnings(steps: readonly Step[], tree: StepTree, dataMode: string, open: boolean): boolean {
    const w = this.warnings;
    // Steps only in mode_storage: pruned (direct mode with a depth limit) or added under an unknown parent.
    let storageDetached = 0;
    for (const i of tree.detached) if (!this.recordParent.has(i)) storageDetached++;
    const pruned = storageDetached > 0 && dataMode === 'direct';
    if (pruned) {
      w.add(
        'pruned-tree',
        '',
        `the tree was pruned (depth-limited direct mode): ${storageDetached} older step${storageDetached === 1 ? ' is' : 's are'} only in mode_storage, not in paths; shown as detached (summary tree_depth and total_paths describe the cut tree)`,
      );
    } else if (storageDetached > 0) {
      w.add(
        'unknown-parent',
        '',
        `${storageDetached} step${storageDetached === 1 ? ' is' : 's are'} only in mode_storage, not in paths (added under an unknown parent); shown as detached`,
      );
    }
    if (open) {
      w.add(
        'open-run',
        this.producer ? `${this.summaryWhere}.end_time` : '',
        'the run is still open (no end_time): its last steps may be unfinished and its totals may still grow',
      );
    }
    let approx = 0;
    let firstApprox = '';
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i]!;
      if (s.durationSource === 'end-start' || s.durationSource === 'end-timestamp') {
        if (approx === 0) firstApprox = s.source;
        approx++;
      }
    }
    if (approx > 0) {
      w.add(
        'approximate-duration',
        firstApprox,
        `${approx} step${approx === 1 ? ' has' : 's have'} no recorded duration; ${approx === 1 ? 'its duration is' : 'their durations are'} approximate (end_time - start_time, or end_time - timestamp when start_time is null)`,
      );
    }
    if (this.nonFinite.count > 0) {
      w.add(
        'non-finite-number',
        this.nonFinite.first ?? '',
        `${this.nonFinite.count} non-finite number${this.nonFinite.count === 1 ? '' : 's'} (NaN, Infinity or -Infinity, Python's JSON dialect) in this run; shown as written`,
      );
    }
    for (const [value, u] of this.ctx.unknownStatus) {
      w.add(
        'unknown-status',
        u.where,
        `unknown status '${value}' on ${u.count} step${u.count === 1 ? '' : 's'} (expected pending, in_progress, completed, failed or skipped); kept as written`,
      );
    }
    for (const [value, u] of this.ctx.unknownDataMode) {
      w.add(
        'unknown-data-mode',
        u.where,
        `unknown data mode '${value}' on ${u.count} step${u.count === 1 ? '' : 's'} (expected copy, reference or direct); kept as written`,
      );
    }
    return pruned;
  }

  finish(): Run {
    if (this.finished) throw new Error('RunBuilder.finish() was already called');
    this.finished = true;
    this.firstRaw = [];
    const tree = this.buildTree();
    const steps: readonly Step[] = this.steps;
    const counts = computeCounts(steps, tree, this.pathCount);
    const producer = this.producer;
    const id = this.identity;
    const dataMode = producer?.dataMode ?? id.dataMode ?? steps[0]?.dataMode ?? '';

    let startTime = producer?.startTime ?? id.startTime ?? null;
    let endTime: number | null;
    let open: boolean;
    if (producer) {
      endTime = producer.endTime;
      open = this.summaryEndNull;
    } else {
      let minTs = Number.POSITIVE_INFINITY;
      let maxEnd = Number.NEGATIVE_INFINITY;
      let unfinished = false;
      for (const s of steps) {
        const t = s.timestamp ?? s.startTime;
        if (t !== null && t < minTs) minTs = t;
        if (s.endTime !== null && s.endTime > maxEnd) maxEnd = s.endTime;
        if (OPEN_STATUSES.has(s.status) || s.endTime === null) unfinished = true;
      }
      startTime ??= steps.length > 0 && Number.isFinite(minTs) ? minTs : null;
      open = id.endTime === undefined ? steps.length > 0 && unfinished : id.endTime === null;
      endTime = id.endTime ?? (open || !Number.isFinite(maxEnd) ? null : maxEnd);
    }
    const duration =
      startTime !== null && endTime !== null ? endTime - startTime : (producer?.duration ?? null);

    const pruned = this.finishWarnings(steps, tree, dataMode, open);
    if (producer)
      checkCounters(producer, counts, steps, tree, pruned, this.summaryWhere, this.warnings, this.resources);

    const { fileName, indexInFile, form } = this.opts;
    return {
      id: this.opts.id ?? `${fileName}#${indexInFile}`,
      fileName,
      indexInFile,
      form,
      fsmName: producer?.fsmName ?? id.fsmName ?? '(unknown)',
      executionId: producer?.executionId ?? id.executionId ?? '',
      dataMode,
      startTime,
      endTime,
      duration,
      producer,
      steps,
      tree,
      counts,
      currentStep: this.current,
      open,
      pruned,
      warnings: this.warnings.toArray(),
      metadata: id.metadata ?? null,
    };
  }
}
