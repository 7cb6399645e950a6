// What the streaming loader remembers about the first copy of each step, so a
// later copy can be recognised as byte-identical without parsing it: its
// length, a 64-bit hash of its bytes and where its newlines fall (to keep
// line numbers right when it is skipped). Indexed by the step's index in the
// RunBuilder; plain growable typed arrays (20 bytes per step) plus one map
// from step_id to index.

export class StepSlots {
  private readonly index = new Map<string, number>();
  length: Int32Array<ArrayBuffer> = new Int32Array(1024);
  hash1: Int32Array<ArrayBuffer> = new Int32Array(1024);
  hash2: Int32Array<ArrayBuffer> = new Int32Array(1024);
  newlines: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** Offset of the last newline from the object's '{', -1 when none. */
  lastNewline: Int32Array<ArrayBuffer> = new Int32Array(1024);

  get(stepId: string): number | undefined {
    return this.index.get(stepId);
  }

  set(
    stepId: string,
    slot: number,
    length: number,
    h1: number,
    h2: number,
    newlines: number,
    lastNewline: number,
  ): void {
    if (slot >= this.length.length) this.grow(slot + 1);
    this.index.set(stepId, slot);
    this.length[slot] = length;
    this.hash1[slot] = h1;
    this.hash2[slot] = h2;
    this.newlines[slot] = newlines;
    this.lastNewline[slot] = lastNewline;
  }

  private grow(min: number): void {
    let cap = this.length.length * 2;
    while (cap < min) cap *= 2;
    const g = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.length = g(this.length);
    this.hash1 = g(this.hash1);
    this.hash2 = g(this.hash2);
    this.newlines = g(this.newlines);
    this.lastNewline = g(this.lastNewline);
  }
}
