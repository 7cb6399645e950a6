// What the streaming loader remembers about the first copy of each step, so a
// later copy can be recognised as byte-identical without decoding it: the
// step_id's bytes as written in the copy's head (looked up straight from the
// input bytes, no string made), the copy's length, a 64-bit hash of its bytes
// and where its newlines fall (to keep line numbers right when it is
// skipped). A slot is registered when its copy is cut out (state PENDING:
// parsing is batched, so the builder has not seen it yet) and then becomes
// ALIVE (the builder created a step from exactly these bytes; `ids` holds its
// step_id) or DEAD (it did not: invalid, or a copy of a step known under
// another key; lookups pass over it). Identity is by bytes: a copy equal to a
// slot's bytes parses to the same value, whatever key found it. Storage is
// growable typed arrays plus an open-addressing table (~60 bytes per step).

const EMPTY = -1;
export const PENDING = 0;
export const ALIVE = 1;
export const DEAD = 2;

function grownInt32(a: Int32Array<ArrayBuffer>, min: number): Int32Array<ArrayBuffer> {
  let cap = Math.max(a.length * 2, 16);
  while (cap < min) cap *= 2;
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

export class StepSlots {
  /** The step_id string of each ALIVE slot (the builder's own string, so no copy). */
  readonly ids: string[] = [];
  state: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** The builder's index of the step of each ALIVE slot. */
  stepIndex: Int32Array<ArrayBuffer> = new Int32Array(1024);
  length: Int32Array<ArrayBuffer> = new Int32Array(1024);
  hash1: Int32Array<ArrayBuffer> = new Int32Array(1024);
  hash2: Int32Array<ArrayBuffer> = new Int32Array(1024);
  newlines: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** Offset of the last newline from the object's '{', -1 when none. */
  lastNewline: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** Key bytes of all slots, back to back. */
  private idBytes = new Uint8Array(1 << 16);
  private idBytesUsed = 0;
  private idStart: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private idLength: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** Open addressing: slot per bucket, EMPTY when free. */
  private table: Int32Array<ArrayBuffer> = new Int32Array(2048).fill(EMPTY);
  private count = 0;
  private readonly encoder = new TextEncoder();

  /** The first PENDING or ALIVE slot whose key is bytes[start, end) (UTF-8), or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const len = end - start;
    const table = this.table;
    const mask = table.length - 1;
    let b = hashBytes(bytes, start, end) & mask;
    for (;;) {
      const slot = table[b]!;
      if (slot === EMPTY) return -1;
      if (this.idLength[slot] === len && this.state[slot] !== DEAD) {
        const at = this.idStart[slot]!;
        const ib = this.idBytes;
        let k = 0;
        while (k < len && ib[at + k] === bytes[start + k]) k++;
        if (k === len) return slot;
      }
      b = (b + 1) & mask;
    }
  }

  /** The slot of a step_id string, or -1. */
  findId(stepId: string): number {
    const bytes = this.idToBytes(stepId);
    return this.find(bytes, 0, bytes.length);
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
    if (slot >= this.length.length) {
      const min = slot + 1;
      this.state = grownInt32(this.state, min);
      this.stepIndex = grownInt32(this.stepIndex, min);
      this.length = grownInt32(this.length, min);
      this.hash1 = grownInt32(this.hash1, min);
      this.hash2 = grownInt32(this.hash2, min);
      this.newlines = grownInt32(this.newlines, min);
      this.lastNewline = grownInt32(this.lastNewline, min);
      this.idStart = grownInt32(this.idStart, min);
      this.idLength = grownInt32(this.idLength, min);
    }
    this.state[slot] = PENDING;
    this.length[slot] = length;
    this.hash1[slot] = h1;
    this.hash2[slot] = h2;
    this.newlines[slot] = newlines;
    this.lastNewline[slot] = lastNewline;
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
    for (let k = 0, at = this.idBytesUsed; k < keyLength; k++) ids[at + k] = bytes[keyStart + k]!;
    this.idStart[slot] = this.idBytesUsed;
    this.idLength[slot] = keyLength;
    this.idBytesUsed += keyLength;
    this.count++;
    if (this.count * 2 > this.table.length) this.rehash();
    else this.insert(slot, this.idBytes, this.idStart[slot]!, this.idBytesUsed);
    return slot;
  }

  /** The builder created step `stepId` (its step number `index`) from the slot's copy. */
  resolve(slot: number, stepId: string, index: number): void {
    this.state[slot] = ALIVE;
    this.ids[slot] = stepId;
    this.stepIndex[slot] = index;
  }

  /** How many slots there are (slot numbers run from 0, in the order registered). */
  get size(): number {
    return this.count;
  }

  /** The builder did not create a step from the slot's copy: later copies are parsed. */
  kill(slot: number): void {
    this.state[slot] = DEAD;
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
    this.resolve(slot, stepId, index);
  }

  private insert(slot: number, bytes: Uint8Array, start: number, end: number): void {
    const mask = this.table.length - 1;
    let b = hashBytes(bytes, start, end) & mask;
    while (this.table[b] !== EMPTY) b = (b + 1) & mask;
    this.table[b] = slot;
  }

  /** Doubles the table and inserts every slot in registration order (so find keeps returning the first). */
  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2).fill(EMPTY);
    for (let slot = 0; slot < this.count; slot++) {
      const at = this.idStart[slot]!;
      this.insert(slot, this.idBytes, at, at + this.idLength[slot]!);
    }
  }
}

/**
 * FNV-1a over a short byte range (step ids), with a final mix for the table
 * index. Keys over 16 bytes are hashed by their length, first 8 and last 8
 * bytes (uuids differ there; lookups compare the whole key anyway).
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
  return h >>> 0;
}
