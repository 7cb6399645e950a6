// The streaming parser for the producer's plain form
//   { "summary": {...}, "paths": [[step, ...], ...], "mode_storage": { mode: [step, ...] } }
// fed with bytes a window at a time. It tracks only the top levels itself;
// each step object is either recognised as a byte-identical repeat of an
// earlier copy (step_id read from its head, then length + hash compared; no
// decoding) or cut out to be parsed. When the bytes come with StepIndexer
// records (pushRecords), an item's length and hash are taken from its record
// instead of from its bytes. The builder calls are queued while a
// window is scanned and replayed at the end of each run() (and before any
// error leaves it): the cut-out steps of the window go to the step scanner
// (wasmStepScan.ts, scannedSteps.ts), which reads the ones it can read as
// JSON.parse would; the others are parsed each on its own (JSON.parse, then
// the model's Python-dialect parser when that fails, which also gives the
// error's place). Where WebAssembly cannot run, the cut-out steps are decoded
// and parsed in one TextDecoder + JSON.parse call. It drives the RunBuilder with the
// same calls, in the same order, as the plain loader, so the Run comes out
// identical. Anything outside the producer's usual layout throws
// NeedPlainLoader (the caller then uses the plain loader); broken JSON throws
// StreamSyntaxError with the line and column in the whole file. Iterative.
import { JsonSyntaxError, parseJsonDialect } from '../jsonParse.ts';
import { joinIndex, joinKey } from '../jsonUtil.ts';
import type { RunBuilder, Where } from '../runBuilder.ts';
import { stepIdOf } from '../stepFields.ts';
import { DATA_MODES, type JsonValue } from '../types.ts';
import { hashOut, hashRange } from './byteHash.ts';
import { ByteWindow } from './byteWindow.ts';
import { float64WithRoom } from './growable.ts';
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  isWs,
  LF,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from './jsonBytes.ts';
import { ObjectExtent } from './objectExtent.ts';
import { ScannedBatch, StepTexts } from './scannedSteps.ts';
import {
  R_END,
  R_GAP_LAST_NL,
  R_GAP_NEWLINES,
  R_H1,
  R_H2,
  R_LAST_NL,
  R_NEWLINES,
  R_NEXT,
  R_START,
  REC,
} from './stepIndexer.ts';
import { ALIVE, DEAD, StepSlots } from './stepSlots.ts';
import { createStepScan, type StepScan } from './wasmStepScan.ts';

/** The input is valid but not laid out as the streaming parser expects: use the plain loader. */
export class NeedPlainLoader extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NeedPlainLoader';
  }
}

/** Broken JSON, with its place in the whole (decompressed) file. */
export class StreamSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'StreamSyntaxError';
  }
}

/** Bytes that are not UTF-8 text. */
export class StreamEncodingError extends Error {
  constructor() {
    super('not UTF-8 text');
    this.name = 'StreamEncodingError';
  }
}

// Parser states.
const ROOT_START = 0;
const ROOT_FIRST_KEY = 1;
const ROOT_KEY = 2;
const ROOT_VALUE = 3;
const ROOT_AFTER_VALUE = 4;
const ROOT_DONE = 5;
const SUMMARY = 6;
const PATHS_FIRST = 10;
const PATHS_NEXT = 11;
const PATHS_AFTER = 12;
const PATH_FIRST = 13;
const PATH_NEXT = 14;
const PATH_AFTER = 15;
const PATH_STEP = 16;
const MODES_FIRST = 20;
const MODES_KEY = 21;
const MODES_VALUE = 22;
const MODES_AFTER = 23;
const MODE_FIRST = 24;
const MODE_NEXT = 25;
const MODE_AFTER = 26;
const MODE_STEP = 27;

const KNOWN_MODES = new Set<string>(DATA_MODES);

// Queued builder calls: ops and the fields of each entry (Float64Array, STRIDE numbers per entry).
const OP_BEGIN_PATH = 1;
const OP_PARSE = 2;
const OP_SKIP = 3;
/** Several path elements in a row, each a copy of the previous path's step at its depth (see skipPathRun). */
const OP_SKIP_RUN = 4;
const STRIDE = 11;
const Q_OP = 0;
const Q_IN_PATH = 1;
const Q_START = 2;
const Q_STOP = 3;
const Q_SLOT = 4;
/** Path index, or the mode's number in modeNames. */
const Q_OUTER = 5;
/** Step index in the path, or in the mode's list. */
const Q_INNER = 6;
/** Line and absolute line start at the copy's '{' (for error positions). */
const Q_LINE = 7;
const Q_LINE_START = 8;
const Q_NEWLINES = 9;
/** Last newline relative to the '{', -1 when none. */
const Q_LAST_NL = 10;
/** Cut-out copies at most this many bytes apart go to the scanner in one piece (see scanBatch). */
const SCAN_GAP = 64;

/** True when a copy starting at `start` goes in the piece that ends at `pieceStop` (-1: no piece yet). */
function joinsPiece(pieceStop: number, start: number): boolean {
  return pieceStop >= 0 && start >= pieceStop && start - pieceStop <= SCAN_GAP;
}
/** Numbers per element of a skip run (in `runs`): slot, start, line and line start at its '{'. */
const RUN_STRIDE = 4;
/** `"paths"` */
const PATHS_KEY = [0x22, 0x70, 0x61, 0x74, 0x68, 0x73, 0x22];
/** `"step_id"` */
const STEP_ID_KEY = [0x22, 0x73, 0x74, 0x65, 0x70, 0x5f, 0x69, 0x64, 0x22];

/** Bytes that can start a JSON value (Python dialect included). */
function startsValue(c: number): boolean {
  return (
    c === OPEN_BRACE ||
    c === OPEN_BRACKET ||
    c === QUOTE ||
    c === 0x2d ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x74 || // t
    c === 0x66 || // f
    c === 0x6e || // n
    c === 0x4e || // N
    c === 0x49 // I
  );
}

/** The byte at i as the plain parser names a character in its messages. */
function describeByte(b: Uint8Array, i: number, end: number): string {
  const c = b[i]!;
  if (c < 0x20 || c === 0x7f) return `control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  if (c < 0x80) return `'${String.fromCharCode(c)}'`;
  const s = new TextDecoder().decode(b.subarray(i, Math.min(end, i + 4)));
  return `'${String.fromCodePoint(s.codePointAt(0) ?? 0xfffd)}'`;
}

/** sameHere's answers. */
const SAME = 1;
const DIFFERENT = 0;
const MORE = -1;

const HEAD_MORE = -2;
const HEAD_NONE = -1;
/** Start of the step_id found by the last headId call. */
let headIdStart = 0;

/**
 * Finds the step_id in an object's head (`{ "step_id": "..."` with optional
 * whitespace): returns the end of the id's bytes (start in headIdStart);
 * HEAD_NONE when the head is anything else or the id would need decoding;
 * HEAD_MORE when the window ends before the head does.
 */
function headId(b: Uint8Array, start: number, end: number): number {
  let i = start + 1;
  while (i < end && isWs(b[i]!)) i++;
  if (i + 9 > end) return HEAD_MORE;
  for (let k = 0; k < 9; k++) if (b[i + k] !== STEP_ID_KEY[k]) return HEAD_NONE;
  i += 9;
  while (i < end && isWs(b[i]!)) i++;
  if (i >= end) return HEAD_MORE;
  if (b[i] !== COLON) return HEAD_NONE;
  i++;
  while (i < end && isWs(b[i]!)) i++;
  if (i >= end) return HEAD_MORE;
  if (b[i] !== QUOTE) return HEAD_NONE;
  i++;
  headIdStart = i;
  for (;;) {
    if (i >= end) return HEAD_MORE;
    const c = b[i]!;
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c < 0x20) return HEAD_NONE;
    i++;
  }
}

export interface StreamParserStats {
  /** Step objects recognised as byte-identical repeats and skipped. */
  skipped: number;
  /** Step objects cut out and parsed. */
  parsed: number;
  /** Bytes of skipped step objects. */
  skippedBytes: number;
  /** Step objects skipped or cut out from an index record, without scanning their bytes. */
  fromRecords: number;
  /** Cut-out step objects read by the step scanner (the others were parsed with JSON.parse). */
  scanned: number;
}

export class PlainStreamParser {
  readonly window = new ByteWindow();
  readonly stats: StreamParserStats = { skipped: 0, parsed: 0, skippedBytes: 0, fromRecords: 0, scanned: 0 };
  /** A parsed value held NaN / Infinity (Python's dialect). */
  nonFinite = false;

  private pos = 0;
  private state = ROOT_START;
  /** 1-based line at `pos`, and the absolute offset where that line starts. */
  private line = 1;
  private lineStart = 0;
  private seenSummary = false;
  private seenPaths = false;
  private seenModes = false;
  private rootKey = '';
  private pathIndex = -1;
  private stepIndex = 0;
  /** Modes in the order met, and their `where` prefixes; entries refer to them by number. */
  private readonly modeNames: string[] = [];
  private readonly modeWheres: string[] = [];
  private modeKnown = true;
  private modeIndex = 0;
  private readonly modesSeen = new Set<string>();
  private itemStart = 0;
  /** 0: the head / fast repeat check is still to be tried; 1: scanning the extent. */
  private itemPhase = 0;
  private readonly extent = new ObjectExtent();
  private readonly slots = new StepSlots();
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private keyInString = false;
  /** Queued builder calls (see OP_*), replayed by flush(). */
  private queue = new Float64Array(STRIDE * 4096);
  private queued = 0;
  /** The elements of the queued skip runs (RUN_STRIDE numbers each), and how many there are. */
  private runs = new Float64Array(RUN_STRIDE * 1024);
  private runCount = 0;
  /** Cut-out copies joined as `[a,b,...]` for one decode + parse (when there is no scanner). */
  private batch = new Uint8Array(1 << 20);
  /** Reads the cut-out copies' fields from their bytes (null where WebAssembly cannot run). */
  private readonly scanner: StepScan | null;
  private readonly scanned: ScannedBatch | null;
  /** The entry being replayed, read by the `where` functions. */
  private rOuter = 0;
  private rInner = 0;
  /** Whether summaryBeforeRecords is still to be tried. */
  private summaryFastPath = true;
  /** Index records come with the bytes (pushRecords was called, if only with none). */
  private indexed = false;

  constructor(
    private readonly builder: RunBuilder,
    opts: { readonly scan?: boolean } = {},
  ) {
    this.scanner = opts.scan === false ? null : createStepScan();
    this.scanned = this.scanner === null ? null : new ScannedBatch(this.scanner, new StepTexts(this.scanner));
  }

  /** Skips a UTF-8 byte-order mark at the very start (the plain loader drops it too). */
  skipBom(): void {
    const b = this.window.bytes;
    if (
      this.window.base === 0 &&
      this.pos === 0 &&
      this.window.length >= 3 &&
      b[0] === 0xef &&
      b[1] === 0xbb &&
      b[2] === 0xbf
    ) {
      this.pos = 3;
      this.lineStart = 3;
    }
  }

  private inItem(): boolean {
    return this.state === SUMMARY || this.state === PATH_STEP || this.state === MODE_STEP;
  }

  /**
   * Appends bytes, dropping what has been consumed (`headroom`: see
   * ByteWindow.refill). Returns the chunks whose bytes are no longer needed.
   */
  push(chunks: readonly Uint8Array[], headroom = 0): Uint8Array[] {
    const drop = this.inItem() ? this.itemStart : this.pos;
    const released = this.window.refill(drop, chunks, headroom);
    this.pos -= drop;
    this.itemStart -= drop;
    if (this.inItem() && this.itemPhase === 1) this.extent.shift(drop);
    return released;
  }

  /**
   * Parses what the window holds. Returns true once the whole document has
   * been read (only with eof). The builder has seen every step before it
   * returns or throws (an error from an earlier step comes first).
   */
  run(eof: boolean): boolean {
    let done: boolean;
    try {
      done = this.scan(eof);
    } catch (err) {
      this.flush();
      throw err;
    }
    this.flush();
    return done;
  }

  private scan(eof: boolean): boolean {
    for (;;) {
      switch (this.state) {
        case ROOT_START: {
          if (this.window.base === 0 && this.pos === 0 && this.window.length < 3 && !eof) return false;
          this.skipBom();
          if (!this.skipWs()) {
            if (eof) throw new NeedPlainLoader('no JSON value');
            return false;
          }
          if (this.byte() !== OPEN_BRACE) throw new NeedPlainLoader('the top level is not an object');
          this.pos++;
          this.state = ROOT_FIRST_KEY;
          break;
        }
        case ROOT_FIRST_KEY:
        case ROOT_KEY: {
          if (!this.skipWs()) return this.needMore(eof);
          const c = this.byte();
          if (c === CLOSE_BRACE && this.state === ROOT_FIRST_KEY)
            throw new NeedPlainLoader('empty top-level object');
          if (c !== QUOTE) throw this.syntaxHere('expected a property name in double quotes');
          const key = this.readKey();
          if (key === undefined) return this.needMoreInKey(eof);
          this.rootKey = key;
          if (key === 'summary') {
            if (this.seenSummary || this.seenPaths || this.seenModes)
              throw new NeedPlainLoader('summary out of order');
            this.seenSummary = true;
          } else if (key === 'paths') {
            if (!this.seenSummary || this.seenPaths || this.seenModes)
              throw new NeedPlainLoader('paths out of order');
            this.seenPaths = true;
          } else if (key === 'mode_storage') {
            if (!this.seenPaths || this.seenModes) throw new NeedPlainLoader('mode_storage out of order');
            this.seenModes = true;
          } else {
            throw new NeedPlainLoader(`top-level key ${JSON.stringify(key)}`);
          }
          this.state = ROOT_VALUE;
          break;
        }
        case ROOT_VALUE: {
          if (!this.skipWs()) return this.needMore(eof);
          const c = this.byte();
          if (this.rootKey === 'summary') {
            if (c !== OPEN_BRACE) throw this.unexpectedValue(c);
            this.itemStart = this.pos;
            this.extent.begin(this.pos);
            this.itemPhase = 1;
            this.state = SUMMARY;
          } else if (this.rootKey === 'paths') {
            if (c !== OPEN_BRACKET) throw this.unexpectedValue(c);
            this.pos++;
            this.state = PATHS_FIRST;
          } else {
            if (c !== OPEN_BRACE) throw this.unexpectedValue(c);
            this.pos++;
            this.state = MODES_FIRST;
          }
          break;
        }
        case SUMMARY: {
          // The first windows may end inside the summary, before the step index's first record:
          // with an index, wait for it (the whole summary stays in the window while it is scanned anyway).
          if (this.summaryFastPath) {
            if (this.summaryBeforeRecords()) {
              this.state = ROOT_AFTER_VALUE;
              break;
            }
            if (this.summaryFastPath && this.indexed && !eof) return false;
          }
          if (!this.extent.run(this.window.bytes, this.window.length)) {
            if (!eof) return false;
            throw this.truncatedItem();
          }
          this.flush();
          const raw = this.parseSlice(this.itemStart, this.extent.pos);
          this.builder.setSummary(raw, 'summary');
          this.endItem();
          this.state = ROOT_AFTER_VALUE;
          break;
        }
        case ROOT_AFTER_VALUE: {
          if (!this.skipWs()) return this.needMore(eof);
          const c = this.byte();
          if (c === COMMA) {
            this.pos++;
            this.state = ROOT_KEY;
          } else if (c === CLOSE_BRACE) {
            this.pos++;
            this.state = ROOT_DONE;
          } else {
            throw this.syntaxHere("expected ',' or '}' after a property value");
          }
          break;
        }
        case ROOT_DONE: {
          if (this.skipWs())
            throw this.syntaxAt(this.pos, `unexpected ${this.describe()} after the end of the JSON value`);
          if (!eof) return false;
          if (!this.seenPaths) throw new NeedPlainLoader('no paths');
          return true;
        }
        case PATHS_FIRST:
        case PATHS_NEXT: {
          if (!this.skipWs()) return this.needMore(eof);
          const c = this.byte();
          if (c === CLOSE_BRACKET && this.state === PATHS_FIRST) {
            this.pos++;
            this.state = ROOT_AFTER_VALUE;
          } else if (c === OPEN_BRACKET) {
            this.pos++;
            this.pathIndex++;
            this.stepIndex = 0;
            this.enqueue(OP_BEGIN_PATH, 1, 0, 0, -1);
            const prev = this.prevPath;
            this.prevPath = this.curPath;
            this.curPath = prev;
            this.state = PATH_FIRST;
          } else {
            throw this.unexpectedValue(c);
          }
          break;
        }
        case PATHS_AFTER: {
          if (!this.skipWs()) return this.needMore(eof);
          const c = this.byte();
          if (c === COMMA) {
            this.pos++;
            this.state = PATHS_NEXT;
          } else if (c === CLOSE_BRACKET) {
            this.pos++;
            this.state = ROOT_AFTER_VALUE;
          } else {
            throw this.syntaxHere("expected ',' or ']' after an array element");
          }
          break;
        }
        case PATH_FIRST:
        case PATH_NEXT:
        case MODE_FIRST:
        case MODE_NEXT: {
          if (!this.skipWs()) return this.needMore(eof);
          const c = this.byte();
          const inPath = this.state === PATH_FIRST || this.state === PATH_NEXT;
          if (c === CLOSE_BRACKET && (this.state === PATH_FIRST || this.state === MODE_FIRST)) {
            this.pos++;
            this.state = inPath ? PATHS_AFTER : MODES_AFTER;
          } else if (c === OPEN_BRACE) {
            this.itemStart = this.pos;
            this.itemPhase = 0;
            this.state = inPath ? PATH_STEP : MODE_STEP;
          } else {
            throw this.unexpectedValue(c);
          }
          break;
        }
        case PATH_AFTER:
        case MODE_AFTER: {
          if (!this.skipWs()) return this.needMore(eof);
          const c = this.byte();
          const inPath = this.state === PATH_AFTER;
          if (c === COMMA) {
            this.pos++;
            this.state = inPath ? PATH_NEXT : MODE_NEXT;
          } else if (c === CLOSE_BRACKET) {
            this.pos++;
            this.state = inPath ? PATHS_AFTER : MODES_AFTER;
          } else {
            throw this.syntaxHere("expected ',' or ']' after an array element");
          }
          break;
        }
        case PATH_STEP:
        case MODE_STEP: {
          if (!this.stepItem(eof, this.state === PATH_STEP)) return false;
          break;
        }
        case MODES_FIRST:
        case MODES_KEY: {
          if (!this.skipWs()) return this.needMore(eof);
          const c = this.byte();
          if (c === CLOSE_BRACE && this.state === MODES_FIRST) {
            this.pos++;
            this.state = ROOT_AFTER_VALUE;
            break;
          }
          if (c !== QUOTE) throw this.syntaxHere('expected a property name in double quotes');
          const key = this.readKey();
          if (key === undefined) return this.needMoreInKey(eof);
          if (this.modesSeen.has(key)) throw new NeedPlainLoader(`mode_storage lists '${key}' twice`);
          this.modesSeen.add(key);
          this.modeNames.push(key);
          this.modeWheres.push(joinKey('mode_storage', key));
          this.modeKnown = KNOWN_MODES.has(key);
          this.modeIndex = 0;
          this.state = MODES_VALUE;
          break;
        }
        case MODES_VALUE: {
          if (!this.skipWs()) return this.needMore(eof);
          const c = this.byte();
          if (c !== OPEN_BRACKET) throw this.unexpectedValue(c);
          this.pos++;
          this.state = MODE_FIRST;
          break;
        }
        case MODES_AFTER: {
          if (!this.skipWs()) return this.needMore(eof);
          const c = this.byte();
          if (c === COMMA) {
            this.pos++;
            this.state = MODES_KEY;
          } else if (c === CLOSE_BRACE) {
            this.pos++;
            this.state = ROOT_AFTER_VALUE;
          } else {
            throw this.syntaxHere("expected ',' or '}' after a property value");
          }
          break;
        }
        default:
          throw new Error(`PlainStreamParser: bad state ${this.state}`);
      }
    }
  }

  /**
   * The producer writes `"paths"` right after the summary, and the summary can
   * be megabytes (its resource_usage lists step ids). When the step index's
   * first record is the first step of `paths` and only `}`, `, "paths": [[`
   * and whitespace lie between, the summary ends at that `}`: if the bytes
   * from its `{` parse as JSON, no scan of them is needed (JSON.parse takes
   * exactly one value, so it parses only when that `}` closes the summary).
   * Gives the summary to the builder and moves past it; false (nothing done)
   * in every other case, and the summary is scanned as usual. Tried until the
   * first records come (the summary may be longer than the first window), once.
   */
  private summaryBeforeRecords(): boolean {
    const seg = this.records[0];
    if (seg === undefined || this.recordAt >= seg.length) return false;
    // Records have come: this is the one try.
    this.summaryFastPath = false;
    const w = this.window;
    const b = w.bytes;
    const start = this.itemStart;
    const first = seg[this.recordAt + R_START]! - w.base;
    if (first <= start || first > w.length) return false;
    let i = first - 1;
    const back = (): void => {
      while (i > start && isWs(b[i]!)) i--;
    };
    const expect = (c: number): boolean => {
      back();
      if (b[i] !== c) return false;
      i--;
      return true;
    };
    if (!expect(OPEN_BRACKET) || !expect(OPEN_BRACKET) || !expect(COLON)) return false;
    back();
    for (let k = PATHS_KEY.length - 1; k >= 0; k--, i--) if (b[i] !== PATHS_KEY[k]) return false;
    if (!expect(COMMA)) return false;
    back();
    if (b[i] !== CLOSE_BRACE || i <= start) return false;
    const end = i + 1;
    let raw: JsonValue;
    try {
      raw = JSON.parse(this.decoder.decode(b.subarray(start, end))) as JsonValue;
    } catch (err) {
      if (err instanceof RangeError) throw err;
      return false;
    }
    this.flush();
    this.builder.setSummary(raw, 'summary');
    const body = b.subarray(start, end);
    let nl = body.indexOf(LF);
    while (nl >= 0) {
      this.line++;
      this.lineStart = w.base + start + nl + 1;
      nl = body.indexOf(LF, nl + 1);
    }
    this.pos = end;
    return true;
  }

  /** One step object in a path or a mode_storage list. False when more bytes are needed. */
  private stepItem(eof: boolean, inPath: boolean): boolean {
    if (this.itemPhase === 0 && this.findRecord(this.window.base + this.itemStart))
      return this.recordItem(inPath);
    const w = this.window;
    const b = w.bytes;
    const end = w.length;
    const start = this.itemStart;
    const slots = this.slots;
    if (this.itemPhase === 0) {
      this.keyEnd = -1;
      // Paths share prefixes: the step at this depth of the previous path is the likely copy;
      // mode_storage lists steps in the order they were first met, so there the slot after the
      // last one matched is. Its length and the hash of all its bytes decide, with no step_id lookup.
      const guess = this.guessSlot(inPath);
      if (guess >= 0) {
        const same = this.sameHere(guess, start, end);
        if (same === MORE && !eof) return false;
        if (same === SAME) {
          this.skipSlotCopy(guess, inPath, start);
          return true;
        }
      }
      // Lists of unknown modes are always parsed, so the builder sees them (it warns once per mode).
      if (inPath || this.modeKnown) {
        const idEnd = headId(b, start, end);
        if (idEnd === HEAD_MORE && !eof) return false;
        let slot = -1;
        if (idEnd >= 0) {
          this.keyStart = headIdStart - start;
          this.keyEnd = idEnd - start;
          slot = slots.find(b, headIdStart, idEnd);
        }
        if (slot >= 0 && slot === guess) {
          // Already compared above, and it differs.
          this.keyEnd = -1;
        } else if (slot >= 0) {
          const same = this.sameHere(slot, start, end);
          if (same === MORE && !eof) return false;
          if (same === SAME) {
            this.skipSlotCopy(slot, inPath, start);
            return true;
          }
          // A copy that differs from the first one: parsed, never a key of its own.
          this.keyEnd = -1;
        }
      }
      this.extent.begin(start);
      this.itemPhase = 1;
    }
    if (!this.extent.run(b, end)) {
      if (!eof) return false;
      this.flush();
      throw this.truncatedItem();
    }
    const stop = this.extent.pos;
    const lastNl = this.extent.lastNewline;
    const newlines = this.extent.newlines;
    if (this.keyEnd >= 0) hashRange(w.view, b, start, stop);
    this.cutOut(inPath, start, stop, hashOut.h1, hashOut.h2, newlines, lastNl >= 0 ? lastNl - start : -1);
    return true;
  }

  /** The slot the current item is first compared with (-1: none). */
  private guessSlot(inPath: boolean): number {
    const guess = this.guessAny(inPath);
    return guess >= 0 && this.slots.state(guess) !== DEAD ? guess : -1;
  }

  /** guessSlot, DEAD slots included (the caller compares with sameLive, which reads the slot once). */
  private guessAny(inPath: boolean): number {
    if (inPath) return this.stepIndex < this.prevPath.length ? this.prevPath[this.stepIndex]! : -1;
    return this.modeKnown && this.storedGuess < this.slots.size ? this.storedGuess : -1;
  }

  /** stepItem when the indexer measured the item (the rec* fields): the same decisions, no byte scanned. */
  private recordItem(inPath: boolean): boolean {
    const slots = this.slots;
    const b = this.window.bytes;
    const start = this.itemStart;
    const len = this.recEnd - this.recStart;
    const h1 = this.recH1;
    const h2 = this.recH2;
    this.stats.fromRecords++;
    this.keyEnd = -1;
    const guess = this.guessAny(inPath);
    if (guess >= 0 && slots.sameLive(guess, len, h1, h2)) {
      if (inPath) {
        this.skipPathRun(guess);
        return true;
      }
      this.skipSlotCopy(guess, inPath, start);
      this.toRecordedNext(inPath);
      return true;
    }
    if (inPath || this.modeKnown) {
      const idEnd = headId(b, start, start + len);
      if (idEnd >= 0) {
        this.keyStart = headIdStart - start;
        this.keyEnd = idEnd - start;
        const slot = slots.find(b, headIdStart, idEnd);
        if (slot >= 0) {
          if (slot !== guess && this.sameBytes(slot, len, h1, h2)) {
            this.skipSlotCopy(slot, inPath, start);
            this.toRecordedNext(inPath);
            return true;
          }
          this.keyEnd = -1;
        }
      }
    }
    this.cutOut(inPath, start, start + len, h1, h2, this.recNewlines, this.recLastNl);
    this.toRecordedNext(inPath);
    return true;
  }

  /**
   * After an item decided from its record: when the record says that the
   * next element's '{' follows after whitespace and one ',' (R_NEXT), goes
   * straight to it, as the byte states would, without reading those bytes.
   * False (nothing done) when it does not say so.
   */
  private toRecordedNext(inPath: boolean): boolean {
    const next = this.recNext - this.window.base;
    if (this.recNext < 0 || next >= this.window.length) return false;
    if (this.recGapNewlines > 0) {
      this.line += this.recGapNewlines;
      this.lineStart = this.recGapLastNl + 1;
    }
    this.pos = next;
    this.itemStart = next;
    this.itemPhase = 0;
    this.state = inPath ? PATH_STEP : MODE_STEP;
    return true;
  }

  /**
   * The path element at itemStart, measured by its record, is a copy of
   * `slot` (the previous path's step at this depth): skips it and then, in a
   * tight loop, every next element of the path that its record shows to be a
   * copy of the previous path's step at its depth too. Paths share long
   * prefixes, so most copies go this way: each is noted as the step loop
   * would (path slot, lines, stats), and the builder gets them all as one
   * queue entry. Leaves the parser where the step loop would be after the
   * last one (at the next element, or after the last one when its record
   * does not say where the next begins).
   */
  private skipPathRun(slot: number): void {
    const slots = this.slots;
    const firstRun = this.runCount;
    const inner = this.stepIndex;
    let s = slot;
    for (;;) {
      const start = this.itemStart;
      const at = this.runCount * RUN_STRIDE;
      const runs = float64WithRoom(this.runs, at + RUN_STRIDE);
      this.runs = runs;
      runs[at] = s;
      runs[at + 1] = start;
      runs[at + 2] = this.line;
      runs[at + 3] = this.lineStart;
      this.runCount++;
      this.passCopy(s, true, start, this.recEnd - this.recStart);
      if (!this.toRecordedNext(true) || !this.findRecord(this.window.base + this.itemStart)) break;
      const guess = this.guessAny(true);
      if (guess < 0 || !slots.sameLive(guess, this.recEnd - this.recStart, this.recH1, this.recH2)) break;
      this.stats.fromRecords++;
      s = guess;
    }
    this.enqueue(OP_SKIP_RUN, 1, firstRun, this.runCount - firstRun, -1);
    this.queue[(this.queued - 1) * STRIDE + Q_INNER] = inner;
  }

  /**
   * Whether the item at window position `start` is a byte-identical copy of
   * `slot`'s first copy: its length, then the hash of that many bytes, decide.
   * MORE when the window ends before that length.
   */
  private sameHere(slot: number, start: number, end: number): typeof SAME | typeof DIFFERENT | typeof MORE {
    const w = this.window;
    const len = this.slots.length(slot);
    if (start + len > end) return MORE;
    if (w.bytes[start + len - 1] !== CLOSE_BRACE) return DIFFERENT;
    hashRange(w.view, w.bytes, start, start + len);
    return this.sameBytes(slot, len, hashOut.h1, hashOut.h2) ? SAME : DIFFERENT;
  }

  /** The current item is a copy of `slot`'s: skip it (and, in mode_storage, guess the slot after it next). */
  private skipSlotCopy(slot: number, inPath: boolean, start: number): void {
    if (!inPath) this.storedGuess = slot + 1;
    this.skipCopy(slot, inPath, start, this.slots.length(slot));
  }

  /** True when `slot`'s first copy has this length and hash. */
  private sameBytes(slot: number, len: number, h1: number, h2: number): boolean {
    const slots = this.slots;
    return slots.same(slot, len, h1, h2);
  }

  /** The current item [start, stop) is a new copy: register it (when it has a key) and queue its parse. */
  private cutOut(
    inPath: boolean,
    start: number,
    stop: number,
    h1: number,
    h2: number,
    newlines: number,
    lastNl: number,
  ): void {
    let slot = -1;
    if (this.keyEnd >= 0) {
      slot = this.slots.register(
        this.window.bytes,
        start + this.keyStart,
        start + this.keyEnd,
        stop - start,
        h1,
        h2,
        newlines,
        lastNl,
      );
    }
    this.enqueue(OP_PARSE, inPath ? 1 : 0, start, stop, slot, newlines, lastNl);
    if (inPath) this.notePathSlot(slot);
    this.stats.parsed++;
    if (newlines > 0) {
      this.line += newlines;
      this.lineStart = this.window.base + start + lastNl + 1;
    }
    this.pos = stop;
    this.afterStep(inPath);
  }

  /** Index records not yet passed: segments, and the read position in the first one. */
  private readonly records: Float64Array[] = [];
  private recordAt = 0;
  private recStart = 0;
  private recEnd = 0;
  private recH1 = 0;
  private recH2 = 0;
  private recNewlines = 0;
  private recLastNl = -1;
  private recNext = -1;
  private recGapNewlines = 0;
  private recGapLastNl = -1;

  /** Adds index records (StepIndexer) for bytes pushed with or before them. */
  pushRecords(records: Float64Array): void {
    this.indexed = true;
    if (records.length > 0) this.records.push(records);
  }

  /** Loads the record of the object at absolute offset `at` into the rec* fields; false when there is none. */
  private findRecord(at: number): boolean {
    const segs = this.records;
    while (segs.length > 0) {
      const seg = segs[0]!;
      let k = this.recordAt;
      while (k < seg.length && seg[k + R_START]! < at) k += REC;
      this.recordAt = k;
      if (k < seg.length) {
        if (seg[k + R_START] !== at) return false;
        this.recStart = at;
        this.recEnd = seg[k + R_END]!;
        this.recH1 = seg[k + R_H1]!;
        this.recH2 = seg[k + R_H2]!;
        this.recNewlines = seg[k + R_NEWLINES]!;
        this.recLastNl = seg[k + R_LAST_NL]!;
        this.recNext = seg[k + R_NEXT]!;
        this.recGapNewlines = seg[k + R_GAP_NEWLINES]!;
        this.recGapLastNl = seg[k + R_GAP_LAST_NL]!;
        return this.recEnd <= this.window.base + this.window.length;
      }
      segs.shift();
      this.recordAt = 0;
    }
    return false;
  }

  /** The current item, `len` bytes at `start`, is a byte-identical copy of `slot`'s: skip it. */
  private skipCopy(slot: number, inPath: boolean, start: number, len: number): void {
    // A stored copy of a known step needs no builder call; anything else keeps its place in the queue.
    if (inPath || this.slots.state(slot) !== ALIVE)
      this.enqueue(OP_SKIP, inPath ? 1 : 0, start, start + len, slot);
    this.passCopy(slot, inPath, start, len);
  }

  /** Moves past a skipped copy of `slot`, `len` bytes at `start`: its path slot, lines and stats. */
  private passCopy(slot: number, inPath: boolean, start: number, len: number): void {
    const slots = this.slots;
    if (inPath) this.notePathSlot(slot);
    const nl = slots.newlines(slot);
    if (nl > 0) {
      this.line += nl;
      this.lineStart = this.window.base + start + slots.lastNewline(slot) + 1;
    }
    this.pos = start + len;
    this.stats.skipped++;
    this.stats.skippedBytes += len;
    this.afterStep(inPath);
  }

  /** The slot a mode_storage copy is first compared with. */
  private storedGuess = 0;
  /** Slots of the steps of the current and the previous path, by depth (-1: none). */
  private curPath = new Int32Array(64).fill(-1);
  private prevPath = new Int32Array(64).fill(-1);

  private notePathSlot(slot: number): void {
    const k = this.stepIndex;
    if (k >= this.curPath.length) {
      const g = new Int32Array(Math.max(this.curPath.length * 2, k + 1)).fill(-1);
      g.set(this.curPath);
      this.curPath = g;
    }
    this.curPath[k] = slot;
  }

  /** The head's step_id bytes of the item being scanned, from its '{' (keyEnd -1: none, or not to be used as a key). */
  private keyStart = 0;
  private keyEnd = -1;

  /** Queues a builder call for the current item (its line info is taken before the item moves it). */
  private enqueue(
    op: number,
    inPath: number,
    start: number,
    stop: number,
    slot: number,
    newlines = 0,
    lastNl = -1,
  ): void {
    const at = this.queued * STRIDE;
    const q = float64WithRoom(this.queue, at + STRIDE);
    this.queue = q;
    q[at + Q_OP] = op;
    q[at + Q_IN_PATH] = inPath;
    q[at + Q_START] = start;
    q[at + Q_STOP] = stop;
    q[at + Q_SLOT] = slot;
    q[at + Q_OUTER] = inPath ? this.pathIndex : this.modeNames.length - 1;
    q[at + Q_INNER] = inPath ? this.stepIndex : this.modeIndex;
    q[at + Q_LINE] = this.line;
    q[at + Q_LINE_START] = this.lineStart;
    q[at + Q_NEWLINES] = newlines;
    q[at + Q_LAST_NL] = lastNl;
    this.queued++;
  }

  /** Replays the queued builder calls, in order, parsing the cut-out copies in one go when it can. */
  private flush(): void {
    const n = this.queued;
    if (n === 0) return;
    this.queued = 0;
    // The runs' elements are read below; the next scan starts the list again.
    this.runCount = 0;
    const q = this.queue;
    // The cut-out copies: read by the scanner (those it takes), else parsed in one go.
    const scanned = this.scanBatch(q, n);
    const values = scanned ? null : this.parseBatch(q, n);
    let v = 0;
    for (let k = 0; k < n; k++) {
      const at = k * STRIDE;
      const op = q[at + Q_OP]!;
      if (op === OP_BEGIN_PATH) {
        this.builder.beginPath();
        continue;
      }
      const inPath = q[at + Q_IN_PATH] === 1;
      this.rOuter = q[at + Q_OUTER]!;
      this.rInner = q[at + Q_INNER]!;
      const slot = q[at + Q_SLOT]!;
      const start = q[at + Q_START]!;
      const stop = q[at + Q_STOP]!;
      if (op === OP_SKIP) {
        this.replaySkip(slot, inPath, start, stop, q[at + Q_LINE]!, q[at + Q_LINE_START]!);
        continue;
      }
      if (op === OP_SKIP_RUN) {
        // start: first element in `runs`, stop: how many.
        const runs = this.runs;
        const slots = this.slots;
        const inner = this.rInner;
        for (let j = 0; j < stop; j++) {
          const e = (start + j) * RUN_STRIDE;
          const s = runs[e]!;
          this.rInner = inner + j;
          if (slots.state(s) !== DEAD) this.builder.linkPathStep(slots.stepIndex(s), this.pathWhere);
          else {
            const from = runs[e + 1]!;
            this.replaySkip(s, true, from, from + slots.length(s), runs[e + 2]!, runs[e + 3]!);
          }
        }
        continue;
      }
      if (scanned && (this.scanned as ScannedBatch).select(v++)) {
        this.stats.scanned++;
        this.addScanned(inPath, slot, start, stop, q[at + Q_NEWLINES]!, q[at + Q_LAST_NL]!);
        continue;
      }
      const raw =
        values !== null ? values[v++]! : this.parseSlice(start, stop, q[at + Q_LINE]!, q[at + Q_LINE_START]!);
      this.addParsed(raw, inPath, slot, start, stop, q[at + Q_NEWLINES]!, q[at + Q_LAST_NL]!);
    }
  }

  /**
   * Gives the queued cut-out copies to the scanner, in queue order. False
   * when there is no scanner or none to read; when the copies are not UTF-8
   * the scanner takes none of them (each is then parsed on its own, so the
   * error is the usual one).
   */
  private scanBatch(q: Float64Array, n: number): boolean {
    const scanner = this.scanner;
    if (scanner === null) return false;
    // Copies close together in the window (a path's new steps, a comma apart) go in one
    // piece, with what lies between them; `total` counts those bytes too.
    let total = 0;
    let count = 0;
    let last = -1;
    for (let k = 0; k < n; k++) {
      const at = k * STRIDE;
      if (q[at + Q_OP] !== OP_PARSE) continue;
      const start = q[at + Q_START]!;
      const stop = q[at + Q_STOP]!;
      total += joinsPiece(last, start) ? stop - last : stop - start;
      last = stop;
      count++;
    }
    if (count === 0) return false;
    scanner.begin(total, count);
    const out = scanner.bytes;
    const elements = scanner.elements;
    const src = this.window.bytes;
    let len = 0;
    let e = 0;
    let pieceStart = -1;
    let pieceStop = -1;
    let pieceAt = 0;
    for (let k = 0; k < n; k++) {
      const at = k * STRIDE;
      if (q[at + Q_OP] !== OP_PARSE) continue;
      const start = q[at + Q_START]!;
      const stop = q[at + Q_STOP]!;
      if (!joinsPiece(pieceStop, start)) {
        if (pieceStart >= 0) out.set(src.subarray(pieceStart, pieceStop), pieceAt);
        pieceStart = start;
        pieceAt = len;
      }
      pieceStop = stop;
      elements[e++] = pieceAt + (start - pieceStart);
      len = pieceAt + (stop - pieceStart);
      elements[e++] = len;
    }
    if (pieceStart >= 0) out.set(src.subarray(pieceStart, pieceStop), pieceAt);
    scanner.scan();
    let text: string;
    try {
      text = this.decoder.decode(scanner.compact);
    } catch (err) {
      if (err instanceof RangeError) throw err;
      scanner.records.fill(0);
      return true;
    }
    (this.scanned as ScannedBatch).begin(text, scanner.ascii());
    return true;
  }

  /** Hands the scanned copy selected in `scanned` to the builder; settles its slot as addParsed does. */
  private addScanned(
    inPath: boolean,
    slot: number,
    start: number,
    stop: number,
    newlines: number,
    lastNewline: number,
  ): void {
    const source = this.scanned as ScannedBatch;
    const before = this.builder.stepsMerged;
    // A slot made for this copy means its step_id was not in the table: no step has it yet.
    const isNew = slot >= 0;
    if (inPath) this.builder.addScannedPathStep(source, this.pathWhere, isNew);
    else this.builder.addScannedStoredStep(source, this.storedWhere, this.modeNames[this.rOuter]!, isNew);
    this.settleSlot(
      this.builder.stepsMerged > before,
      slot,
      before,
      start,
      stop,
      newlines,
      lastNewline,
      source.stepId,
    );
  }

  /** A skipped copy of `slot`'s step, [start, stop) with its line at `start`, for the builder. */
  private replaySkip(
    slot: number,
    inPath: boolean,
    start: number,
    stop: number,
    line: number,
    lineStart: number,
  ): void {
    if (this.slots.state(slot) !== DEAD) {
      if (inPath) this.builder.linkPathStep(this.slots.stepIndex(slot), this.pathWhere);
      return;
    }
    // Its first copy made no step (invalid, say): this copy goes to the builder as the plain loader's would.
    this.stats.skipped--;
    this.stats.skippedBytes -= stop - start;
    this.stats.parsed++;
    const raw = this.parseSlice(start, stop, line, lineStart);
    this.addParsed(raw, inPath, -1, start, stop, this.slots.newlines(slot), this.slots.lastNewline(slot));
  }

  /** Hands a parsed copy to the builder; settles its slot (or makes one when the builder created a step). */
  private addParsed(
    raw: JsonValue,
    inPath: boolean,
    slot: number,
    start: number,
    stop: number,
    newlines: number,
    lastNewline: number,
  ): void {
    const before = this.builder.stepsMerged;
    if (inPath) this.builder.addPathEntry(raw, this.pathWhere);
    else this.builder.addStoredStep(raw, this.storedWhere, this.modeNames[this.rOuter]!);
    const created = this.builder.stepsMerged > before;
    this.settleSlot(created, slot, before, start, stop, newlines, lastNewline, created ? stepIdOf(raw)! : '');
  }

  /** After the builder took a copy: its slot (if any) names the step made, or is dead; a made step without one gets one. */
  private settleSlot(
    created: boolean,
    slot: number,
    before: number,
    start: number,
    stop: number,
    newlines: number,
    lastNewline: number,
    stepId: string,
  ): void {
    if (slot >= 0) {
      if (created) this.slots.resolve(slot, before);
      else this.slots.kill(slot);
    } else if (created) {
      hashRange(this.window.view, this.window.bytes, start, stop);
      this.slots.setAlive(stepId, before, stop - start, hashOut.h1, hashOut.h2, newlines, lastNewline);
    }
  }

  /**
   * The queued cut-out copies parsed as one array, in queue order; null when
   * that fails (non-finite numbers, broken JSON, not UTF-8): then each is
   * parsed on its own, so the error and its place are the same as ever.
   */
  private parseBatch(q: Float64Array, n: number): JsonValue[] | null {
    let total = 2;
    let count = 0;
    for (let k = 0; k < n; k++) {
      const at = k * STRIDE;
      if (q[at + Q_OP] !== OP_PARSE) continue;
      total += q[at + Q_STOP]! - q[at + Q_START]! + 1;
      count++;
    }
    if (count === 0) return null;
    if (total > this.batch.length) {
      let cap = this.batch.length * 2;
      while (cap < total) cap *= 2;
      this.batch = new Uint8Array(cap);
    }
    const out = this.batch;
    const src = this.window.bytes;
    out[0] = OPEN_BRACKET;
    let len = 1;
    for (let k = 0; k < n; k++) {
      const at = k * STRIDE;
      if (q[at + Q_OP] !== OP_PARSE) continue;
      const start = q[at + Q_START]!;
      const stop = q[at + Q_STOP]!;
      if (len > 1) out[len++] = COMMA;
      out.set(src.subarray(start, stop), len);
      len += stop - start;
    }
    out[len++] = CLOSE_BRACKET;
    let values: unknown;
    try {
      values = JSON.parse(this.decoder.decode(out.subarray(0, len)));
    } catch (err) {
      if (err instanceof RangeError) throw err;
      return null;
    }
    return Array.isArray(values) && values.length === count ? (values as JsonValue[]) : null;
  }

  // The builder calls `where` functions only during the call it is given to,
  // so one function reading the entry being replayed serves every entry.
  private readonly pathWhere: Where = () => `paths[${this.rOuter}][${this.rInner}]`;
  private readonly storedWhere: Where = () => joinIndex(this.modeWheres[this.rOuter]!, this.rInner);

  private afterStep(inPath: boolean): void {
    if (inPath) {
      this.stepIndex++;
      this.state = PATH_AFTER;
    } else {
      this.modeIndex++;
      this.state = MODE_AFTER;
    }
  }

  /** After an item scanned by `extent`: move past it and account for its newlines. */
  private endItem(): void {
    if (this.extent.newlines > 0) {
      this.line += this.extent.newlines;
      this.lineStart = this.window.base + this.extent.lastNewline + 1;
    }
    this.pos = this.extent.pos;
  }

  /** Decodes and parses window bytes [start, stop); `line` / `lineStart` are those at `start`. */
  private parseSlice(start: number, stop: number, line = this.line, lineStart = this.lineStart): JsonValue {
    let text: string;
    try {
      text = this.decoder.decode(this.window.bytes.subarray(start, stop));
    } catch (err) {
      if (err instanceof RangeError) throw err;
      throw new StreamEncodingError();
    }
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      // Python's NaN / Infinity, or broken JSON: the dialect parser knows both.
    }
    try {
      const parsed = parseJsonDialect(text);
      if (parsed.nonFinite) this.nonFinite = true;
      return parsed.value;
    } catch (err) {
      if (err instanceof JsonSyntaxError) throw this.inSlice(err, start, line, lineStart);
      throw err;
    }
  }

  /** The error for an item cut off by the end of the file: parse what there is, to find the first problem. */
  private truncatedItem(): Error {
    const start = this.itemStart;
    let text: string;
    try {
      text = this.decoder.decode(this.window.bytes.subarray(start, this.window.length));
    } catch (err) {
      if (err instanceof RangeError) throw err;
      return new StreamEncodingError();
    }
    try {
      parseJsonDialect(text);
    } catch (err) {
      if (err instanceof JsonSyntaxError) return this.inSlice(err, start, this.line, this.lineStart);
      throw err;
    }
    return this.syntaxAtEnd('unexpected end of input (truncated JSON?)');
  }

  /** A syntax error found inside a slice that starts at window position `start`, on `line` (which starts at `lineStart`). */
  private inSlice(err: JsonSyntaxError, start: number, line: number, lineStart: number): StreamSyntaxError {
    // Reasons may name a line of their own ("the string starts on line 3"): make it a line of the file.
    const reason = err.reason.replace(
      /\bon line (\d+)\b/,
      (_m, n: string) => `on line ${Number(n) + line - 1}`,
    );
    if (err.line === 1) {
      const col = this.window.base + start - lineStart + 1;
      return new StreamSyntaxError(reason, line, col + err.column - 1);
    }
    return new StreamSyntaxError(reason, line + err.line - 1, err.column);
  }

  /** Reads a key string at pos and the ':' after it; undefined (nothing consumed) when the window ends first. */
  private readKey(): string | undefined {
    const b = this.window.bytes;
    const end = this.window.length;
    let i = this.pos + 1;
    let plain = true;
    this.keyInString = true;
    for (;;) {
      if (i >= end) return undefined;
      const c = b[i]!;
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        plain = false;
        i += 2;
        continue;
      }
      if (c < 0x20) throw new NeedPlainLoader('control character in a key');
      if (c >= 0x80) plain = false;
      i++;
    }
    const keyEnd = i + 1;
    this.keyInString = false;
    let j = keyEnd;
    while (j < end && isWs(b[j]!)) j++;
    if (j >= end) return undefined;
    if (b[j] !== COLON) {
      this.skipWsTo(keyEnd);
      throw this.syntaxHere("expected ':' after a property name");
    }
    let key: string;
    if (plain) {
      key = String.fromCharCode.apply(null, b.subarray(this.pos + 1, i) as unknown as number[]);
    } else {
      key = String(this.parseSlice(this.pos, keyEnd));
    }
    this.skipWsTo(keyEnd);
    this.pos = j + 1;
    return key;
  }

  /** Moves pos to `to` and past whitespace, counting newlines. */
  private skipWsTo(to: number): void {
    this.pos = to;
    this.skipWs();
  }

  private skipWs(): boolean {
    const b = this.window.bytes;
    const end = this.window.length;
    let i = this.pos;
    while (i < end) {
      const c = b[i]!;
      if (c === LF) {
        this.line++;
        this.lineStart = this.window.base + i + 1;
      } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
        break;
      }
      i++;
    }
    this.pos = i;
    return i < end;
  }

  private byte(): number {
    return this.window.bytes[this.pos]!;
  }

  private describe(): string {
    return describeByte(this.window.bytes, this.pos, this.window.length);
  }

  private needMore(eof: boolean): false {
    if (eof) throw this.syntaxAtEnd('unexpected end of input (truncated JSON?)');
    return false;
  }

  private needMoreInKey(eof: boolean): false {
    if (!eof) return false;
    throw this.syntaxAtEnd(
      this.keyInString
        ? 'unexpected end of input inside a string (truncated JSON?)'
        : 'unexpected end of input (truncated JSON?)',
    );
  }

  /** A value of another type (or broken JSON) where the parser expected a container. */
  private unexpectedValue(c: number): Error {
    if (startsValue(c)) return new NeedPlainLoader('a value of an unexpected type');
    return this.syntaxAt(this.pos, `unexpected ${this.describe()}; expected a JSON value`);
  }

  private syntaxHere(expected: string): StreamSyntaxError {
    return this.syntaxAt(this.pos, `${expected}, found ${this.describe()}`);
  }

  private syntaxAt(at: number, reason: string): StreamSyntaxError {
    return new StreamSyntaxError(reason, this.line, this.window.base + at - this.lineStart + 1);
  }

  /** An error at the very end of the input (counts the newlines left in the window). */
  private syntaxAtEnd(reason: string): StreamSyntaxError {
    const b = this.window.bytes;
    const end = this.window.length;
    let line = this.line;
    let lineStart = this.lineStart;
    for (let i = this.pos; i < end; i++) {
      if (b[i] === LF) {
        line++;
        lineStart = this.window.base + i + 1;
      }
    }
    return new StreamSyntaxError(reason, line, this.window.base + end - lineStart + 1);
  }
}
