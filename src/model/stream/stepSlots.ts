// What the streaming loader remembers about the first copy of each step, so a
// later copy can be recognised as byte-identical without decoding it: the
// step_id's bytes as written in the copy's head (looked up straight from the
// input bytes, no string made), the copy's length, a 64-bit hash of its bytes
// and where its newlines fall (to keep line numbers right when it is
// skipped). A slot is registered when its copy is cut out (state PENDING:
// parsing is batched, so the builder has not seen it yet) and then becomes
// ALIVE (the builder created a step from exactly these bytes) or DEAD (it did
// not: invalid, or a copy of a step known under another key; lookups pass over
// it). Identity is by bytes: a copy equal to a slot's bytes parses to the same
// value, whatever key found it.
//
// Storage: one row of ROW numbers per slot in one Int32Array (a lookup or a
// comparison reads one place in memory, not one per field), the key bytes
// back to back, and an open-addressing table of [slot, key hash] pairs, so a
// probe that meets another key's entry moves on without reading that slot,
// and growing the table rehashes nothing. About 60 bytes per step.

import { int32WithRoom } from './growable.ts';

const EMPTY = -1;
export const PENDING = 0;
export const ALIVE = 1;
export const DEAD = 2;

// Fields of a slot's row.
const STATE = 0;
/** The builder's index of the step of an ALIVE slot. */
const STEP_INDEX = 1;
const LENGTH = 2;
const H1 = 3;
const H2 = 4;
const NEWLINES = 5;
/** Offset of the last newline from the object's '{', -1 when none. */
const LAST_NL = 6;
const KEY_START = 7;
const KEY_LENGTH = 8;
const ROW = 9;

export class StepSlots {
  private rows: Int32Array<ArrayBuffer> = new Int32Array(ROW * 1024);
  /** Key bytes of all slots, back to back. */
  private idBytes = new Uint8Array(1 << 16);
  private idBytesUsed = 0;
  /** [slot, key hash] per bucket; slot EMPTY when free. */
  private table = new Int32Array(2 * 2048).fill(EMPTY);
  private count = 0;
  private readonly encoder = new TextEncoder();
  /** The key of the last find() and its hash (register() reuses it for the same key). */
  private lastBytes: Uint8Array | null = null;
  private lastStart = 0;
  private lastEnd = 0;
  private lastHash = 0;

  state(slot: number): number {
    return this.rows[slot * ROW + STATE]!;
  }

  stepIndex(slot: number): number {
    return this.rows[slot * ROW + STEP_INDEX]!;
  }

  length(slot: number): number {
    return this.rows[slot * ROW + LENGTH]!;
  }

  newlines(slot: number): number {
    return this.rows[slot * ROW + NEWLINES]!;
  }

  lastNewline(slot: number): number {
    return this.rows[slot * ROW + LAST_NL]!;
  }

  /** True when `slot`'s first copy has this length and hash. */
  same(slot: number, length: number, h1: number, h2: number): boolean {
    const at = slot * ROW;
    const r = this.rows;
    return r[at + LENGTH] === length && r[at + H1] === h1 && r[at + H2] === h2;
  }

  /** same(), for a slot that is not DEAD (false for a DEAD one): one read of its row. */
  sameLive(slot: number, length: number, h1: number, h2: number): boolean {
    const at = slot * ROW;
    const r = this.rows;
    return r[at + LENGTH] === length && r[at + H1] === h1 && r[at + H2] === h2 && r[at + STATE] !== DEAD;
  }

  /** The first PENDING or ALIVE slot whose key is bytes[start, end) (UTF-8), or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const len = end - start;
    const h = hashBytes(bytes, start, end);
    this.lastBytes = bytes;
    this.lastStart = start;
    this.lastEnd = end;
    this.lastHash = h;
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    const rows = this.rows;
    const ib = this.idBytes;
    for (let b = h & mask; ; b = (b + 1) & mask) {
      const slot = table[2 * b]!;
      if (slot === EMPTY) return -1;
      if (table[2 * b + 1] !== h) continue;
      const row = slot * ROW;
      if (rows[row + KEY_LENGTH] !== len || rows[row + STATE] === DEAD) continue;
      const at = rows[row + KEY_START]!;
      let k = 0;
      while (k < len && ib[at + k] === bytes[start + k]) k++;
      if (k === len) return slot;
    }
  }

  private readonly ascii = new Uint8Array(256);

  /** UTF-8 bytes of an id; ASCII ids (the usual uuids) without TextEncoder's allocation. The result is reused. */
  private idToBytes(stepId: string): Uint8Array {
    const n = stepId.length;
    if (n <= this.ascii.length) {
      let k = 0;
      for (; k < n; k++) {
        const c = stepId.charCodeAt(k);
        if (c >= 0x80) break;
        this.ascii[k] = c;
      }
      if (k === n) return this.ascii.subarray(0, n);
    }
    return this.encoder.encode(stepId);
  }

  /** A new PENDING slot keyed by bytes[keyStart, keyEnd) for a copy of `length` bytes. */
  register(
    bytes: Uint8Array,
    keyStart: number,
    keyEnd: number,
    length: number,
    h1: number,
    h2: number,
    newlines: number,
    lastNewline: number,
  ): number {
    const slot = this.count;
    const row = slot * ROW;
    this.rows = int32WithRoom(this.rows, row + ROW);
    const keyLength = keyEnd - keyStart;
    if (this.idBytesUsed + keyLength > this.idBytes.length) {
      let cap = this.idBytes.length * 2;
      while (cap < this.idBytesUsed + keyLength) cap *= 2;
      const g = new Uint8Array(cap);
      g.set(this.idBytes.subarray(0, this.idBytesUsed));
      this.idBytes = g;
    }
    // A step_id is a few dozen bytes: a loop copies it without making a view to copy from.
    const ids = this.idBytes;
    const keyAt = this.idBytesUsed;
    for (let k = 0; k < keyLength; k++) ids[keyAt + k] = bytes[keyStart + k]!;
    this.idBytesUsed += keyLength;
    const r = this.rows;
    r[row + STATE] = PENDING;
    r[row + STEP_INDEX] = -1;
    r[row + LENGTH] = length;
    r[row + H1] = h1;
    r[row + H2] = h2;
    r[row + NEWLINES] = newlines;
    r[row + LAST_NL] = lastNewline;
    r[row + KEY_START] = keyAt;
    r[row + KEY_LENGTH] = keyLength;
    this.count++;
    if (this.count * 2 > this.table.length >> 1) this.growTable();
    // Mostly the key find() was just asked for, and missed: its hash is known.
    const known = bytes === this.lastBytes && keyStart === this.lastStart && keyEnd === this.lastEnd;
    this.insert(slot, known ? this.lastHash : hashBytes(ids, keyAt, keyAt + keyLength));
    return slot;
  }

  /** The builder created its step number `index` from the slot's copy. */
  resolve(slot: number, index: number): void {
    const row = slot * ROW;
    this.rows[row + STATE] = ALIVE;
    this.rows[row + STEP_INDEX] = index;
  }

  /** How many slots there are (slot numbers run from 0, in the order registered). */
  get size(): number {
    return this.count;
  }

  /** The builder did not create a step from the slot's copy: later copies are parsed. */
  kill(slot: number): void {
    this.rows[slot * ROW + STATE] = DEAD;
  }

  /** An ALIVE slot for a step the builder created from a copy whose head gave no key (keyed by its step_id). */
  setAlive(
    stepId: string,
    index: number,
    length: number,
    h1: number,
    h2: number,
    newlines: number,
    lastNewline: number,
  ): void {
    const bytes = this.idToBytes(stepId);
    const slot = this.register(bytes, 0, bytes.length, length, h1, h2, newlines, lastNewline);
    this.resolve(slot, index);
  }

  private insert(slot: number, h: number): void {
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let b = h & mask;
    while (table[2 * b] !== EMPTY) b = (b + 1) & mask;
    table[2 * b] = slot;
    table[2 * b + 1] = h;
  }

  /**
   * Doubles the table and puts every entry back, in slot order (so find keeps
   * returning the first of equal keys), with the hashes the entries hold.
   */
  private growTable(): void {
    const old = this.table;
    const hashOf = new Int32Array(this.count);
    for (let b = 0; b < old.length; b += 2) if (old[b] !== EMPTY) hashOf[old[b]!] = old[b + 1]!;
    this.table = new Int32Array(old.length * 2).fill(EMPTY);
    // The slot being registered (count - 1) is inserted by register itself.
    for (let slot = 0; slot < this.count - 1; slot++) this.insert(slot, hashOf[slot]!);
  }
}

/**
 * FNV-1a over a short byte range (step ids), with a final mix. Keys over 16
 * bytes are hashed by their length, first 8 and last 8 bytes (uuids differ
 * there; lookups compare the whole key anyway).
 */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  if (end - start > 16) {
    for (let i = start; i < start + 8; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    for (let i = end - 8; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  } else {
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}
