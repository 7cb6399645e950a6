// A first pass over the bytes that the streaming parser can run on another
// thread: it finds every object that is an element of an array three
// containers deep (the steps of `paths[i]` and of `mode_storage[mode]`) and
// records where it starts and ends (in the whole decompressed stream), the
// hash of its bytes and its newlines. With these records the parser
// recognises a repeated copy, or cuts out a new one, without touching its
// bytes. The object's end is found by ObjectExtent and its hash by hashRange,
// the very code the parser would run itself, so a record says exactly what
// the parser would have found; the parser uses a record only when its start
// is the parser's own item start (broken JSON may confuse the outer
// structure here, never a record's content). Resumable across chunks.
import { hashOut, hashRange } from './byteHash.ts';
import { ByteWindow } from './byteWindow.ts';
import { float64WithRoom } from './growable.ts';
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COMMA,
  isWs,
  LF,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from './jsonBytes.ts';
import { ObjectExtent } from './objectExtent.ts';

/** Numbers per record in a records array. */
export const REC = 9;
/** Absolute offset of the object's '{'. */
export const R_START = 0;
/** Absolute offset just past its '}'. */
export const R_END = 1;
export const R_H1 = 2;
export const R_H2 = 3;
export const R_NEWLINES = 4;
/** Offset of its last newline from the '{', -1 when none. */
export const R_LAST_NL = 5;
/**
 * Absolute offset of the next object's '{' when only whitespace, one ',' and
 * whitespace lie between (the next element of the same array), else -1: the
 * parser then goes on to it without reading the bytes in between.
 */
export const R_NEXT = 6;
/** Newlines between the object's end and R_NEXT. */
export const R_GAP_NEWLINES = 7;
/** Absolute offset of the last of them, -1 when none. */
export const R_GAP_LAST_NL = 8;

/** Containers around a step object: the top-level object, `paths` or `mode_storage`, the path or list. */
const STEP_DEPTH = 3;

/** What an object's bytes look like, by position in a list: its length, hash and newlines. */
const C_LENGTH = 0;
const C_H1 = 1;
const C_H2 = 2;
const C_NEWLINES = 3;
const C_LAST_NL = 4;
const COPY = 5;

/** Rows of `stride` numbers appended one by one, in a Float64Array that grows. */
class Rows {
  data: Float64Array<ArrayBuffer>;
  count = 0;

  constructor(private readonly stride: number) {
    this.data = new Float64Array(stride * 64);
  }

  /** Makes room for one more row and counts it; returns where it starts in `data`. */
  protected add(): number {
    const at = this.count * this.stride;
    if (at + this.stride > this.data.length) this.data = float64WithRoom(this.data, at + this.stride);
    this.count++;
    return at;
  }
}

/** The looks (COPY numbers each) of objects, appended one by one. */
class CopyList extends Rows {
  constructor() {
    super(COPY);
  }

  push(length: number, h1: number, h2: number, newlines: number, lastNl: number): void {
    const at = this.add();
    const d = this.data;
    d[at + C_LENGTH] = length;
    d[at + C_H1] = h1;
    d[at + C_H2] = h2;
    d[at + C_NEWLINES] = newlines;
    d[at + C_LAST_NL] = lastNl;
  }
}

/** Records (REC numbers each) appended one by one. */
class RecordList extends Rows {
  constructor() {
    super(REC);
  }

  push(start: number, end: number, h1: number, h2: number, newlines: number, lastNl: number): void {
    const at = this.add();
    const d = this.data;
    d[at + R_START] = start;
    d[at + R_END] = end;
    d[at + R_H1] = h1;
    d[at + R_H2] = h2;
    d[at + R_NEWLINES] = newlines;
    d[at + R_LAST_NL] = lastNl;
    d[at + R_NEXT] = -1;
    d[at + R_GAP_NEWLINES] = 0;
    d[at + R_GAP_LAST_NL] = -1;
  }

  /** Sets what follows the last record (see R_NEXT). */
  follow(next: number, newlines: number, lastNl: number): void {
    const at = (this.count - 1) * REC;
    this.data[at + R_NEXT] = next;
    this.data[at + R_GAP_NEWLINES] = newlines;
    this.data[at + R_GAP_LAST_NL] = lastNl;
  }

  /** The records so far, as a new array; the list starts again empty. */
  take(): Float64Array {
    const out = this.data.slice(0, this.count * REC);
    this.count = 0;
    return out;
  }
}

export class StepIndexer {
  private readonly window = new ByteWindow();
  private readonly extent = new ObjectExtent();
  /** Next byte of the outer scan (window-relative). */
  private pos = 0;
  /** Containers open at `pos`. */
  private depth = 0;
  /** Whether the innermost container at STEP_DEPTH is an array. */
  private arrayAtStepDepth = false;
  private inString = false;
  /** An object is being measured by `extent`, from `objectStart`. */
  private inObject = false;
  private objectStart = 0;
  /** The records of the chunk being indexed. */
  private readonly out = new RecordList();
  /**
   * The objects of the array being scanned and of the one before it, by
   * position (starting at 0, so R_END is the length): paths share prefixes,
   * so the object at the same position of the previous path is most often
   * the same bytes, recognised by hashing that many bytes instead of
   * scanning them.
   */
  private cur = new CopyList();
  private prev = new CopyList();
  /**
   * Distinct objects in the order first met (as in `cur`), and where each is
   * by its first hash half: mode_storage lists the steps in that order, so
   * its next object is most often the one after the last it matched.
   */
  private readonly firstMet = new CopyList();
  private readonly firstMetAt = new Map<number, number>();
  private storedNext = 0;

  /** Takes the next chunk; returns the records of the objects that end in it (a new array each time). */
  push(chunk: Uint8Array): Float64Array {
    this.add(chunk);
    return this.take();
  }

  /** Takes the next chunk, keeping the records of the objects that end in it for take(). */
  add(chunk: Uint8Array): void {
    const drop = this.inObject ? this.objectStart : this.pos;
    this.window.refill(drop, [chunk]);
    this.pos -= drop;
    this.objectStart -= drop;
    if (this.inObject) this.extent.shift(drop);
    this.scan();
  }

  /** The records kept since the last take() (a new array each time). */
  take(): Float64Array {
    return this.out.take();
  }

  private scan(): void {
    const w = this.window;
    const b = w.bytes;
    const end = w.length;
    if (this.inObject && !this.finishObject(end)) return;
    let i = this.pos;
    let depth = this.depth;
    let inString = this.inString;
    while (i < end) {
      const c = b[i]!;
      if (inString) {
        if (c === QUOTE) inString = false;
        else if (c === BACKSLASH) {
          if (i + 1 >= end) break; // resume at the backslash
          i++;
        }
        i++;
        continue;
      }
      if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE) {
        if (depth === STEP_DEPTH && this.arrayAtStepDepth) {
          if (this.sameAsPrevious(i, end) || this.sameAsStored(i, end)) {
            i = this.pos;
            continue;
          }
          this.inObject = true;
          this.objectStart = i;
          this.extent.begin(i);
          this.pos = i;
          this.depth = depth;
          this.inString = false;
          if (!this.finishObject(end)) return;
          i = this.pos;
          continue;
        }
        depth++;
      } else if (c === OPEN_BRACKET) {
        depth++;
        if (depth === STEP_DEPTH) {
          this.arrayAtStepDepth = true;
          const t = this.prev;
          this.prev = this.cur;
          this.cur = t;
          this.cur.count = 0;
        }
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (depth > 0) depth--;
      }
      if (c === OPEN_BRACE && depth === STEP_DEPTH) this.arrayAtStepDepth = false;
      i++;
    }
    this.pos = i;
    this.depth = depth;
    this.inString = inString;
  }

  /** True (and recorded, `pos` past it) when the object at `start` is the previous array's object at this position. */
  private sameAsPrevious(start: number, end: number): boolean {
    const k = this.cur.count;
    return k < this.prev.count && this.sameAs(this.prev, k, start, end);
  }

  /** The same for the object after the last distinct one matched (mode_storage). */
  private sameAsStored(start: number, end: number): boolean {
    const k = this.storedNext;
    if (k >= this.firstMet.count || !this.sameAs(this.firstMet, k, start, end)) return false;
    this.storedNext = k + 1;
    return true;
  }

  /** True (and recorded, `pos` past it) when the object at `start` has the bytes of record `k` of `list`. */
  private sameAs(list: CopyList, k: number, start: number, end: number): boolean {
    const d = list.data;
    const at = k * COPY;
    const stop = start + d[at + C_LENGTH]!;
    const w = this.window;
    if (stop > end || w.bytes[stop - 1] !== CLOSE_BRACE) return false;
    hashRange(w.view, w.bytes, start, stop);
    if (hashOut.h1 !== d[at + C_H1] || hashOut.h2 !== d[at + C_H2]) return false;
    this.emit(start, stop, d[at + C_NEWLINES]!, d[at + C_LAST_NL]!);
    this.pos = stop;
    return true;
  }

  /** Notes a measured object (hash in hashOut) as met: the next stored guess follows it. */
  private noteMet(len: number, newlines: number, lastNl: number): void {
    const known = this.firstMetAt.get(hashOut.h1);
    if (known !== undefined) {
      this.storedNext = known + 1;
      return;
    }
    this.firstMetAt.set(hashOut.h1, this.firstMet.count);
    this.firstMet.push(len, hashOut.h1, hashOut.h2, newlines, lastNl);
    this.storedNext = this.firstMet.count;
  }

  /** Records the object [start, stop) whose hash is in hashOut, in this chunk's records and in `cur`. */
  private emit(start: number, stop: number, newlines: number, lastNl: number): void {
    const base = this.window.base;
    this.out.push(base + start, base + stop, hashOut.h1, hashOut.h2, newlines, lastNl);
    this.cur.push(stop - start, hashOut.h1, hashOut.h2, newlines, lastNl);
    this.noteNext(stop);
  }

  /** When the bytes after the object just recorded (ending at `stop`) are `ws , ws {`, notes that '{' in its record. */
  private noteNext(stop: number): void {
    const b = this.window.bytes;
    const end = this.window.length;
    let i = stop;
    let comma = false;
    let newlines = 0;
    let lastNl = -1;
    for (; i < end; i++) {
      const c = b[i]!;
      if (c === LF) {
        newlines++;
        lastNl = i;
      } else if (c === COMMA && !comma) {
        comma = true;
      } else if (!isWs(c)) {
        break;
      }
    }
    if (i >= end || !comma || b[i] !== OPEN_BRACE) return;
    const base = this.window.base;
    this.out.follow(base + i, newlines, lastNl >= 0 ? base + lastNl : -1);
  }

  /** Runs the extent of the current object; on its end records it and moves `pos` past it. */
  private finishObject(end: number): boolean {
    const w = this.window;
    const x = this.extent;
    if (!x.run(w.bytes, end)) return false;
    const start = this.objectStart;
    const stop = x.pos;
    hashRange(w.view, w.bytes, start, stop);
    const lastNl = x.lastNewline >= 0 ? x.lastNewline - start : -1;
    this.emit(start, stop, x.newlines, lastNl);
    this.noteMet(stop - start, x.newlines, lastNl);
    this.inObject = false;
    this.pos = stop;
    return true;
  }
}
