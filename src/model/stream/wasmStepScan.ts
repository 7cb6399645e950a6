// The step scanner (wasm/stepScan.c, built by scripts/build-wasm.sh): reads
// the top level of a batch of step objects from their bytes, checking them
// as JSON.parse would, and says per step where each known field's value is
// and of what kind. Steps it cannot take as JSON.parse would (see the C
// file) are marked so, and the caller parses those the usual way; where
// WebAssembly cannot run, createStepScan() gives null and every step is
// parsed the usual way.
import { STEP_SCAN_WASM } from './wasm/stepScanWasm.ts';
import { compileBase64 } from './wasmModule.ts';

/** The step fields the scanner knows, in the order of its records (F_* are their places). */
export const STEP_KEYS = [
  'step_id',
  'state_name',
  'network_name',
  'timestamp',
  'start_time',
  'end_time',
  'duration',
  'data_mode',
  'status',
  'arc_taken',
  'error',
  'metrics',
  'resource_usage',
  'stream_progress',
  'chunks_processed',
  'records_processed',
] as const;
export const F_STEP_ID = 0;
export const F_STATE = 1;
export const F_NETWORK = 2;
export const F_TIMESTAMP = 3;
export const F_START = 4;
export const F_END = 5;
export const F_DURATION = 6;
export const F_DATA_MODE = 7;
export const F_STATUS = 8;
export const F_ARC = 9;
export const F_ERROR = 10;
export const F_METRICS = 11;
export const F_RESOURCES = 12;
export const F_STREAM = 13;
export const F_CHUNKS = 14;
export const F_RECORDS = 15;

/** Kinds of value (ABSENT: the key is not there). */
export const ABSENT = 0;
export const K_STRING = 1;
/** A string with escapes: its text is to be decoded (JSON.parse of the quoted range). */
export const K_ESCAPED = 2;
export const K_NUMBER = 3;
export const K_NULL = 4;
export const K_OBJECT = 5;
export const K_ARRAY = 6;
export const K_BOOL = 7;

/**
 * Per step in `records`: ok (1: taken; 2: taken, but it has keys besides the
 * known ones; 0: not taken), first resource entry, entry count, then kind,
 * start, end per field.
 */
export const R_OK = 0;
export const R_ENTRY = 1;
export const R_ENTRIES = 2;
export const R_FIELDS = 3;
export const REC = R_FIELDS + 3 * STEP_KEYS.length;
/** Per resource usage entry in `entries`: its type's range, then its `duration`'s kind and range. */
export const E_KEY_START = 0;
export const E_KEY_END = 1;
export const E_DUR_KIND = 2;
export const E_DUR_START = 3;
export const E_DUR_END = 4;
export const ENTRY = 5;

interface ScanExports {
  readonly memory: WebAssembly.Memory;
  sc_reserve(n: number, count: number): number;
  sc_elements(): number;
  sc_records(): number;
  sc_entries(): number;
  sc_scan(count: number): number;
  sc_entry_count(): number;
  sc_ascii(): number;
  sc_units(): number;
  sc_compact(): number;
  sc_compact_length(): number;
  sc_keep(k: number): number;
  sc_keep_out(): number;
}

let compiled: WebAssembly.Module | null | undefined;
const decoder = new TextDecoder();

function scanModule(): WebAssembly.Module | null {
  if (compiled === undefined) compiled = compileBase64(STEP_SCAN_WASM);
  return compiled;
}

/**
 * One batch at a time: begin() gives room for its bytes and its steps'
 * ranges, scan() reads them. The views stay valid until the next begin().
 */
export class StepScan {
  private readonly x: ScanExports;
  private bytesAt = 0;
  private bytesLength = 0;
  private count = 0;
  private entryCount = 0;
  /** The batch's bytes (valid after begin()). */
  bytes = new Uint8Array(0);
  /** Start and end of each step in `bytes` (valid after begin()). */
  elements = new Int32Array(0);
  /** REC ints per step (valid after scan()). */
  records = new Int32Array(0);
  /** ENTRY ints per resource usage entry (valid after scan()). */
  entries = new Int32Array(0);
  /**
   * The taken steps' strings (in their quotes) and numbers, and their
   * resource entries', one after the other (valid after scan()): the places
   * of those in `records` and `entries` are places here. The JSON fields'
   * places (metrics, resource usage, stream progress, other values) are in
   * `bytes`.
   */
  compact = new Uint8Array(0);
  private compactLength = 0;

  constructor(module: WebAssembly.Module) {
    this.x = new WebAssembly.Instance(module, {}).exports as unknown as ScanExports;
  }

  /** Room for a batch of `n` bytes holding `count` steps. */
  begin(n: number, count: number): void {
    const at = this.x.sc_reserve(n, count);
    if (at === 0) throw new RangeError('out of memory while reading the steps');
    this.bytesAt = at;
    this.bytesLength = n;
    this.bytes = new Uint8Array(this.x.memory.buffer, at, n);
    this.count = count;
    this.entryCount = 0;
    this.compactLength = 0;
    this.views();
  }

  /** Reads the `count` steps written since begin(); returns how many it took. */
  scan(): number {
    const took = this.x.sc_scan(this.count);
    if (took < 0) throw new RangeError('out of memory while reading the steps');
    this.entryCount = this.x.sc_entry_count();
    this.compactLength = this.x.sc_compact_length();
    this.views();
    return took;
  }

  /** True when the compact bytes are all ASCII (byte and string offsets agree). */
  ascii(): boolean {
    return this.x.sc_ascii() === 1;
  }

  /**
   * For compact bytes that are not all ASCII: the string offset of each byte
   * offset (0 to their length). A copy, which later calls cannot move.
   */
  units(): Int32Array {
    const at = this.x.sc_units();
    if (at === 0) throw new RangeError('out of memory while reading the steps');
    this.views();
    return new Int32Array(this.x.memory.buffer, at, this.compactLength + 1).slice();
  }

  /** The text of step k of the batch, decoded from the input. */
  elementText(k: number): string {
    const e = this.elements;
    return decoder.decode(this.bytes.subarray(e[2 * k] as number, e[2 * k + 1] as number));
  }

  /**
   * Keeps the JSON fields of taken step k, copied as
   * `metrics,resource_usage,stream_progress,` (absent or null metrics and
   * resource usage as {}, absent stream progress as null) after those kept
   * before. `keptOut` then holds where they start and end (places in the
   * module's memory, which never move).
   */
  keep(k: number): void {
    if (this.x.sc_keep(k) === 0) throw new RangeError('out of memory while reading the steps');
    if (this.keptOut.buffer !== this.x.memory.buffer) this.views();
  }

  /** Where keep() put the step's fields: start, end. */
  keptOut = new Int32Array(2);

  /** A copy of bytes [start, end) of the module's memory (kept fields). */
  copy(start: number, end: number): Uint8Array {
    return new Uint8Array(this.x.memory.buffer, start, end - start).slice();
  }

  /** Bytes [start, end) of the module's memory (kept fields), decoded. */
  text(start: number, end: number): string {
    return decoder.decode(new Uint8Array(this.x.memory.buffer, start, end - start));
  }

  /** The views again: a call that grows the module's memory gives it a new buffer. */
  private views(): void {
    const buffer = this.x.memory.buffer;
    this.bytes = new Uint8Array(buffer, this.bytesAt, this.bytesLength);
    this.elements = new Int32Array(buffer, this.x.sc_elements(), 2 * this.count);
    this.records = new Int32Array(buffer, this.x.sc_records(), this.count * REC);
    this.entries = new Int32Array(buffer, this.x.sc_entries(), this.entryCount * ENTRY);
    this.keptOut = new Int32Array(buffer, this.x.sc_keep_out(), 2);
    this.compact = new Uint8Array(buffer, this.x.sc_compact(), this.compactLength);
  }
}

/** A scanner where WebAssembly can run, else null (steps are then parsed with JSON.parse). */
export function createStepScan(): StepScan | null {
  const module = scanModule();
  if (module === null) return null;
  try {
    return new StepScan(module);
  } catch {
    return null;
  }
}
