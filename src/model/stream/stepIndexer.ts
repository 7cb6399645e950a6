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
import { ObjectExtent } from './objectExtent.ts';

/** Numbers per record in a records array. */
export const REC = 6;
/** Absolute offset of the object's '{'. */
export const R_START = 0;
/** Absolute offset just past its '}'. */
export const R_END = 1;
export const R_H1 = 2;
export const R_H2 = 3;
export const R_NEWLINES = 4;
/** Offset of its last newline from the '{', -1 when none. */
export const R_LAST_NL = 5;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
/** Containers around a step object: the top-level object, `paths` or `mode_storage`, the path or list. */
const STEP_DEPTH = 3;

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
  private out = new Float64Array(REC * 1024);
  private count = 0;
  /**
   * The objects of the array being scanned and of the one before it, by
   * position (REC numbers each, R_START unused): paths share prefixes, so the
   * object at the same position of the previous path is most often the same
   * bytes, recognised by hashing that many bytes instead of scanning them.
   */
  private cur = new Float64Array(REC * 64);
  private prev = new Float64Array(REC * 64);
  private curCount = 0;
  private prevCount = 0;
  /**
   * Distinct objects in the order first met (REC numbers each, as in `cur`),
   * and where each is by its first hash half: mode_storage lists the steps
   * in that order, so its next object is most often the one after the last
   * it matched.
   */
  private firstMet = new Float64Array(REC * 1024);
  private firstMetCount = 0;
  private readonly firstMetAt = new Map<number, number>();
  private storedNext = 0;

  /** Takes the next chunk; returns the records of the objects that end in it (a new array each time). */
  push(chunk: Uint8Array): Float64Array {
    const drop = this.inObject ? this.objectStart : this.pos;
    this.window.refill(drop, [chunk]);
    this.pos -= drop;
    this.objectStart -= drop;
    if (this.inObject) this.extent.shift(drop);
    this.count = 0;
    this.scan();
    return this.out.slice(0, this.count * REC);
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
          this.prevCount = this.curCount;
          this.curCount = 0;
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
    const k = this.curCount;
    return k < this.prevCount && this.sameAs(this.prev, k * REC, start, end);
  }

  /** The same for the object after the last distinct one matched (mode_storage). */
  private sameAsStored(start: number, end: number): boolean {
    const k = this.storedNext;
    if (k >= this.firstMetCount || !this.sameAs(this.firstMet, k * REC, start, end)) return false;
    this.storedNext = k + 1;
    return true;
  }

  /** True (and recorded, `pos` past it) when the object at `start` has the bytes described at `list[at]`. */
  private sameAs(list: Float64Array, at: number, start: number, end: number): boolean {
    const len = list[at + R_END]!;
    const stop = start + len;
    const w = this.window;
    if (stop > end || w.bytes[stop - 1] !== CLOSE_BRACE) return false;
    hashRange(w.view, w.bytes, start, stop);
    if (hashOut.h1 !== list[at + R_H1] || hashOut.h2 !== list[at + R_H2]) return false;
    this.emit(start, stop, list[at + R_NEWLINES]!, list[at + R_LAST_NL]!);
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
    let list = this.firstMet;
    const at = this.firstMetCount * REC;
    if (at + REC > list.length) {
      const grown = new Float64Array(list.length * 2);
      grown.set(list);
      this.firstMet = grown;
      list = grown;
    }
    list[at + R_END] = len;
    list[at + R_H1] = hashOut.h1;
    list[at + R_H2] = hashOut.h2;
    list[at + R_NEWLINES] = newlines;
    list[at + R_LAST_NL] = lastNl;
    this.firstMetAt.set(hashOut.h1, this.firstMetCount);
    this.firstMetCount++;
    this.storedNext = this.firstMetCount;
  }

  /** Records the object [start, stop) whose hash is in hashOut, here and in `cur` (R_END as its length). */
  private emit(start: number, stop: number, newlines: number, lastNl: number): void {
    const base = this.window.base;
    let out = this.out;
    const at = this.count * REC;
    if (at + REC > out.length) {
      const grown = new Float64Array(out.length * 2);
      grown.set(out);
      this.out = grown;
      out = grown;
    }
    out[at + R_START] = base + start;
    out[at + R_END] = base + stop;
    out[at + R_H1] = hashOut.h1;
    out[at + R_H2] = hashOut.h2;
    out[at + R_NEWLINES] = newlines;
    out[at + R_LAST_NL] = lastNl;
    this.count++;
    let cur = this.cur;
    const c = this.curCount * REC;
    if (c + REC > cur.length) {
      const grown = new Float64Array(cur.length * 2);
      grown.set(cur);
      this.cur = grown;
      cur = grown;
    }
    cur[c + R_END] = stop - start;
    cur[c + R_H1] = hashOut.h1;
    cur[c + R_H2] = hashOut.h2;
    cur[c + R_NEWLINES] = newlines;
    cur[c + R_LAST_NL] = lastNl;
    this.curCount++;
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
