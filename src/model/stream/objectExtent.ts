// Finds where a JSON object that starts at a '{' ends, byte by byte, without
// building anything: string-aware (quotes and backslash escapes), counting
// braces only (brackets nest inside them in valid JSON; broken JSON is caught
// when the slice is parsed). Resumable across chunk boundaries, and it counts
// newlines so error positions can be given as line and column: those between
// tokens only, as a raw newline inside a string is invalid JSON (the object
// then fails to parse, and its error is placed from where the object starts).

import { BACKSLASH, CLOSE_BRACE, LF, OPEN_BRACE, QUOTE } from './jsonBytes.ts';

export class ObjectExtent {
  /** Next byte to look at (relative to the window). */
  pos = 0;
  private depth = 0;
  private inString = false;
  /** Newlines seen since the start. */
  newlines = 0;
  /** Relative position of the last newline seen, -1 if none. */
  lastNewline = -1;

  /** Starts a scan at the '{' at `start`. */
  begin(start: number): void {
    this.pos = start;
    this.depth = 0;
    this.inString = false;
    this.newlines = 0;
    this.lastNewline = -1;
  }

  /** Moves relative positions after the window dropped `delta` bytes from its front. */
  shift(delta: number): void {
    this.pos -= delta;
    if (this.lastNewline >= 0) this.lastNewline -= delta;
  }

  /** Scans up to `end`. True when the object closed (pos is just past its '}'); false when more bytes are needed. */
  run(bytes: Uint8Array, end: number): boolean {
    let i = this.pos;
    let depth = this.depth;
    let nl = this.newlines;
    let lastNl = this.lastNewline;
    let inString = this.inString;
    let closed = false;
    outer: while (i < end) {
      if (inString) {
        for (;;) {
          if (i >= end) break outer;
          const d = bytes[i]!;
          if (d > BACKSLASH) {
            i++;
            continue;
          }
          if (d === QUOTE) {
            i++;
            inString = false;
            break;
          }
          if (d === BACKSLASH) {
            if (i + 1 >= end) break outer; // resume at the backslash
            i += 2;
            continue;
          }
          i++;
        }
        continue;
      }
      const c = bytes[i++]!;
      if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE) depth++;
      else if (c === CLOSE_BRACE) {
        if (--depth === 0) {
          closed = true;
          break;
        }
      } else if (c === LF) {
        nl++;
        lastNl = i - 1;
      }
    }
    this.pos = i;
    this.depth = depth;
    this.newlines = nl;
    this.lastNewline = lastNl;
    this.inString = inString;
    return closed;
  }
}
