// Steps made from the step scanner's records (wasmStepScan.ts) instead of
// from JSON.parse objects: the same Step, field by field, as readStep makes
// from the parsed object, for every step the scanner takes. Their metrics,
// resource usage and stream progress stay as the bytes they were written in
// (StepTexts), parsed only when asked for; packSteps sends those bytes to the
// page as they are.
import type { ScannedSource } from '../runBuilder.ts';
import {
  durationOf,
  durationSourceOf,
  type MutableStep,
  noteUnknownValues,
  type StepReadContext,
} from '../stepFields.ts';
import type { StepResources } from '../stepResources.ts';
import type { DurationSource, JsonObject, JsonValue, Step } from '../types.ts';
import { int32WithRoom } from './growable.ts';
import {
  ABSENT,
  E_DUR_END,
  E_DUR_KIND,
  E_DUR_START,
  E_KEY_END,
  E_KEY_START,
  ENTRY,
  F_ARC,
  F_CHUNKS,
  F_DATA_MODE,
  F_DURATION,
  F_END,
  F_ERROR,
  F_METRICS,
  F_NETWORK,
  F_RECORDS,
  F_RESOURCES,
  F_START,
  F_STATE,
  F_STATUS,
  F_STEP_ID,
  F_STREAM,
  F_TIMESTAMP,
  K_ESCAPED,
  K_NULL,
  K_NUMBER,
  K_OBJECT,
  K_STRING,
  R_ENTRIES,
  R_ENTRY,
  R_FIELDS,
  R_OK,
  REC,
  STEP_KEYS,
  type StepScan,
} from './wasmStepScan.ts';

/** Per step in StepTexts.at: where the scanner kept its JSON fields (start, end). */
const AT = 2;
const FIELDS = STEP_KEYS.length;

/**
 * What the scanner kept of each scanned step (StepScan.keep), in the order
 * the steps were made: its JSON fields as written (outside the JavaScript
 * heap; they go to the page as they are) and the kind of each known field's
 * value, from which its object is made again when a later copy differs.
 */
export class StepTexts {
  private at: Int32Array<ArrayBuffer> = new Int32Array(AT * 1024);
  private kinds = new Uint8Array(FIELDS * 1024);
  private count = 0;

  constructor(private readonly scan: StepScan) {}

  /** Keeps the scanner's step k (record at `r`); returns its id. */
  add(k: number, r: number): number {
    const id = this.count++;
    this.at = int32WithRoom(this.at, this.count * AT);
    if (this.kinds.length < this.count * FIELDS) {
      const grown = new Uint8Array(this.kinds.length * 2);
      grown.set(this.kinds);
      this.kinds = grown;
    }
    const scan = this.scan;
    scan.keep(k);
    this.at[id * AT] = scan.keptOut[0] as number;
    this.at[id * AT + 1] = scan.keptOut[1] as number;
    const rec = scan.records;
    for (let f = 0; f < FIELDS; f++) this.kinds[id * FIELDS + f] = rec[r + R_FIELDS + 3 * f] as number;
    return id;
  }

  /** Kind of field f's value in step `id` (ABSENT, K_NULL, ...). */
  kind(id: number, f: number): number {
    return this.kinds[id * FIELDS + f] as number;
  }

  /** Step `id`'s metrics, resource usage and stream progress (defaults in place of absent or null ones). */
  fields(id: number): [JsonValue, JsonObject, JsonValue] {
    const text = this.scan.text(this.at[id * AT] as number, this.at[id * AT + 1] as number);
    return JSON.parse(`[${text.slice(0, -1)}]`) as [JsonValue, JsonObject, JsonValue];
  }

  /**
   * The kept JSON fields of steps first..last (ids made one after the other),
   * as `m,r,s,m,r,s,` bytes: the whole of `[...]` but the brackets and with
   * a comma after each value.
   */
  fieldBytes(first: number, last: number): Uint8Array {
    const a = this.at;
    // Kept fields run on from one step to the next, except where a new block began.
    const pieces: Uint8Array[] = [];
    let start = a[first * AT] as number;
    let end = a[first * AT + 1] as number;
    let length = 0;
    for (let id = first + 1; id <= last; id++) {
      const s = a[id * AT] as number;
      if (s !== end) {
        pieces.push(this.scan.copy(start, end));
        length += end - start;
        start = s;
      }
      end = a[id * AT + 1] as number;
    }
    const tail = this.scan.copy(start, end);
    if (pieces.length === 0) return tail;
    pieces.push(tail);
    const out = new Uint8Array(length + tail.length);
    let p = 0;
    for (const piece of pieces) {
      out.set(piece, p);
      p += piece.length;
    }
    return out;
  }
}

/**
 * A copy of `s` that does not hold on to the string it was sliced from (V8
 * slices longer strings as views of their parent): the batch's text is let go
 * once its steps are made.
 */
function own(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

/** A step made from scanner records: its JSON fields are parsed from its bytes when first asked for. */
export class ScannedStep implements Step {
  detached = false;
  private fields: [JsonValue, JsonObject, JsonValue] | null = null;

  constructor(
    readonly index: number,
    readonly stepId: string,
    readonly stateName: string,
    readonly networkName: string,
    readonly timestamp: number | null,
    readonly startTime: number | null,
    readonly endTime: number | null,
    readonly recordedDuration: number | null,
    readonly duration: number | null,
    readonly durationSource: DurationSource,
    readonly dataMode: string,
    readonly status: string,
    readonly arcTaken: string | null,
    readonly error: string | null,
    readonly chunksProcessed: number,
    readonly recordsProcessed: number,
    readonly source: string,
    /** Where its bytes are kept. */
    readonly texts: StepTexts,
    readonly textId: number,
  ) {}

  get metrics(): JsonValue {
    return this.jsonFields()[0];
  }
  get resourceUsage(): JsonObject {
    return this.jsonFields()[1];
  }
  get streamProgress(): JsonValue {
    return this.jsonFields()[2];
  }

  /**
   * The step's object as JSON.parse reads it, made again: the scanner took
   * only steps with no keys besides the known ones, and each known key's
   * value is in this step as read (or in its kept JSON fields), its kind
   * saying whether the key was there and whether it was null.
   */
  raw(): JsonObject {
    const { texts, textId: id } = this;
    const [metrics, resourceUsage, streamProgress] = texts.fields(id);
    const o: JsonObject = {};
    const put = (f: number, key: string, value: JsonValue): void => {
      const kind = texts.kind(id, f);
      if (kind !== ABSENT) o[key] = kind === K_NULL ? null : value;
    };
    put(F_STEP_ID, 'step_id', this.stepId);
    put(F_STATE, 'state_name', this.stateName);
    put(F_NETWORK, 'network_name', this.networkName);
    put(F_TIMESTAMP, 'timestamp', this.timestamp);
    put(F_START, 'start_time', this.startTime);
    put(F_END, 'end_time', this.endTime);
    put(F_DURATION, 'duration', this.recordedDuration);
    put(F_DATA_MODE, 'data_mode', this.dataMode);
    put(F_STATUS, 'status', this.status);
    put(F_ARC, 'arc_taken', this.arcTaken);
    put(F_ERROR, 'error', this.error);
    put(F_METRICS, 'metrics', metrics);
    put(F_RESOURCES, 'resource_usage', resourceUsage);
    put(F_STREAM, 'stream_progress', streamProgress);
    put(F_CHUNKS, 'chunks_processed', this.chunksProcessed);
    put(F_RECORDS, 'records_processed', this.recordsProcessed);
    return o;
  }

  private jsonFields(): [JsonValue, JsonObject, JsonValue] {
    this.fields ??= this.texts.fields(this.textId);
    return this.fields;
  }

  /** Plain data, as JSON.stringify of a readStep Step gives. */
  toJSON(): Step {
    const { texts: _t, textId: _i, fields: _f, ...rest } = this;
    return {
      ...rest,
      metrics: this.metrics,
      resourceUsage: this.resourceUsage,
      streamProgress: this.streamProgress,
    };
  }
}

const NUMBER_FIELDS = [F_TIMESTAMP, F_START, F_END, F_DURATION, F_CHUNKS, F_RECORDS] as const;

/**
 * The steps of one scanned batch, one at a time (select()), in the form the
 * RunBuilder takes them (ScannedSource). `text` is the batch's compact bytes
 * (its strings and numbers) decoded; string offsets come from the byte
 * offsets through `units` when those bytes are not all ASCII.
 */
export class ScannedBatch implements ScannedSource {
  stepId = '';
  private text = '';
  private units: Int32Array | null = null;
  private k = 0;
  /** Start of the selected step's record. */
  private r = 0;
  private readonly numbers = new Float64Array(NUMBER_FIELDS.length);
  private readonly nulls = new Uint8Array(NUMBER_FIELDS.length);
  /** Last string read per name field, so a repeat of it costs no new string. */
  private readonly lastName: string[] = ['', '', '', ''];

  constructor(
    private readonly scan: StepScan,
    private readonly texts: StepTexts,
  ) {}

  /** A new batch: the scanner's compact bytes decoded (`text`), and their byte-to-string offsets unless ASCII. */
  begin(text: string, ascii: boolean): void {
    this.text = text;
    this.units = ascii ? null : this.scan.units();
  }

  /** Kind of field f of the selected step (this.r). */
  private kind(f: number): number {
    return this.scan.records[this.r + R_FIELDS + 3 * f] as number;
  }

  private isString(f: number): boolean {
    const k = this.kind(f);
    return k === K_STRING || k === K_ESCAPED;
  }

  /** Absent, or a string. */
  private maybeString(f: number): boolean {
    return this.kind(f) === ABSENT || this.isString(f);
  }

  /** Absent, null, or a string. */
  private maybeText(f: number): boolean {
    const k = this.kind(f);
    return k === ABSENT || k === K_NULL || this.isString(f);
  }

  private str(byteOffset: number): number {
    return this.units === null ? byteOffset : (this.units[byteOffset] as number);
  }

  /** The string value of field f (kind K_STRING or K_ESCAPED). */
  private stringField(r: number, f: number): string {
    const rec = this.scan.records;
    const at = r + R_FIELDS + 3 * f;
    const a = this.str(rec[at + 1] as number);
    const b = this.str(rec[at + 2] as number);
    if (rec[at] === K_ESCAPED) return JSON.parse(this.text.slice(a - 1, b + 1)) as string;
    return own(this.text.slice(a, b));
  }

  /** A name field: the same string as last time when the text is the same. */
  private nameField(r: number, f: number, slot: number): string {
    const rec = this.scan.records;
    const at = r + R_FIELDS + 3 * f;
    if (rec[at] === K_STRING) {
      const a = this.str(rec[at + 1] as number);
      const b = this.str(rec[at + 2] as number);
      const last = this.lastName[slot] as string;
      if (last.length === b - a && this.text.startsWith(last, a)) return last;
    }
    const s = this.stringField(r, f);
    this.lastName[slot] = s;
    return s;
  }

  /**
   * Makes step k of the batch the current one. False when the usual path
   * must read it: the scanner did not take it, or a field has a type or
   * value readStep would warn about (or JSON.parse reads differently).
   */
  select(k: number): boolean {
    const rec = this.scan.records;
    const r = k * REC;
    // Not taken, or with keys besides the known ones (its object could not be made again: raw()).
    if (rec[r + R_OK] !== 1) return false;
    this.r = r;
    if (!this.isString(F_STEP_ID) || !this.isString(F_STATE) || !this.isString(F_STATUS)) return false;
    if (!this.maybeString(F_NETWORK) || !this.maybeString(F_DATA_MODE)) return false;
    if (!this.maybeText(F_ARC) || !this.maybeText(F_ERROR)) return false;
    const ru = this.kind(F_RESOURCES);
    if (ru !== ABSENT && ru !== K_NULL && ru !== K_OBJECT) return false;
    for (let j = 0; j < NUMBER_FIELDS.length; j++) {
      const f = NUMBER_FIELDS[j] as number;
      const kf = this.kind(f);
      if (kf === ABSENT || kf === K_NULL) {
        this.nulls[j] = 1;
        continue;
      }
      if (kf !== K_NUMBER) return false;
      const at = r + R_FIELDS + 3 * f;
      const v = Number(this.text.slice(this.str(rec[at + 1] as number), this.str(rec[at + 2] as number)));
      if (!Number.isFinite(v)) return false;
      this.nulls[j] = 0;
      this.numbers[j] = v;
    }
    if (!this.distinctResourceTypes(r)) return false;
    const id = this.stringField(r, F_STEP_ID);
    if (id === '') return false;
    this.stepId = id;
    this.k = k;
    return true;
  }

  /** False when the resource usage names a type twice (JSON.parse keeps the first place, the last value). */
  private distinctResourceTypes(r: number): boolean {
    const rec = this.scan.records;
    const n = rec[r + R_ENTRIES] as number;
    if (n < 2) return true;
    const e = this.scan.entries;
    const first = rec[r + R_ENTRY] as number;
    const b = this.scan.compact;
    for (let i = 0; i < n; i++) {
      const ai = (first + i) * ENTRY;
      const len = (e[ai + E_KEY_END] as number) - (e[ai + E_KEY_START] as number);
      for (let j = i + 1; j < n; j++) {
        const aj = (first + j) * ENTRY;
        if ((e[aj + E_KEY_END] as number) - (e[aj + E_KEY_START] as number) !== len) continue;
        let same = true;
        for (let x = 0; x < len && same; x++) {
          same = b[(e[ai + E_KEY_START] as number) + x] === b[(e[aj + E_KEY_START] as number) + x];
        }
        if (same) return false;
      }
    }
    return true;
  }

  private num(j: number): number | null {
    return this.nulls[j] === 1 ? null : (this.numbers[j] as number);
  }

  make(index: number, where: string, ctx: StepReadContext): MutableStep {
    const r = this.r;
    const interner = ctx.interner;
    const stateName = interner.intern(this.nameField(r, F_STATE, 0));
    const networkName =
      this.kind(F_NETWORK) === ABSENT ? '' : interner.intern(this.nameField(r, F_NETWORK, 1));
    const status = interner.intern(this.nameField(r, F_STATUS, 2));
    const dataMode =
      this.kind(F_DATA_MODE) === ABSENT ? '' : interner.intern(this.nameField(r, F_DATA_MODE, 3));
    noteUnknownValues(ctx, where, status, dataMode);
    const timestamp = this.num(0);
    const startTime = this.num(1);
    const endTime = this.num(2);
    const recorded = this.num(3);
    const source = durationSourceOf(recorded, timestamp, startTime, endTime);
    const duration = durationOf(source, recorded, timestamp, startTime, endTime);
    const textId = this.texts.add(this.k, r);
    return new ScannedStep(
      index,
      this.stepId,
      stateName,
      networkName,
      timestamp,
      startTime,
      endTime,
      recorded,
      duration,
      source,
      dataMode,
      status,
      this.textField(r, F_ARC),
      this.textField(r, F_ERROR),
      this.num(4) ?? 0,
      this.num(5) ?? 0,
      where,
      this.texts,
      textId,
    ) as MutableStep;
  }

  /** An optional string field (arc_taken, error): null when absent or null. */
  private textField(r: number, f: number): string | null {
    const k = this.kind(f);
    return k === ABSENT || k === K_NULL ? null : this.stringField(r, f);
  }

  noteResources(into: StepResources): void {
    const rec = this.scan.records;
    const r = this.k * REC;
    const e = this.scan.entries;
    const first = rec[r + R_ENTRY] as number;
    const n = rec[r + R_ENTRIES] as number;
    for (let i = 0; i < n; i++) {
      const at = (first + i) * ENTRY;
      const name = own(
        this.text.slice(this.str(e[at + E_KEY_START] as number), this.str(e[at + E_KEY_END] as number)),
      );
      let duration = Number.NaN;
      if (e[at + E_DUR_KIND] === K_NUMBER) {
        const d = Number(
          this.text.slice(this.str(e[at + E_DUR_START] as number), this.str(e[at + E_DUR_END] as number)),
        );
        if (Number.isFinite(d)) duration = d;
      }
      into.entry(name, duration);
    }
    into.endStep();
  }

  raw(): JsonObject {
    return JSON.parse(this.scan.elementText(this.k)) as JsonObject;
  }
}
