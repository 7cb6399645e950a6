// Each step's resource usage entries (type and duration), noted compactly as
// the builder makes the step, while its resource_usage object is at hand. The
// totals over the tree that the producer's summary is checked against are
// then one pass over typed arrays in tree order, instead of a walk over every
// step's objects (scattered in memory) at the end of a load, when nothing else
// runs beside it. The sums and the order in which types are first met are
// those of that walk.
import { isObject } from './jsonUtil.ts';
import { float64WithRoom, int32WithRoom } from './stream/growable.ts';
import type { JsonObject } from './types.ts';

export interface ResourceTotal {
  calls: number;
  duration: number;
}

export class StepResources {
  private readonly typeIndex = new Map<string, number>();
  private readonly types: string[] = [];
  /** Entries of step i: start[i] .. start[i + 1]. */
  private start: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private type: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** The entry's finite `duration`, or NaN when it has none. */
  private duration: Float64Array<ArrayBuffer> = new Float64Array(1024);
  private steps = 0;
  private entries = 0;

  /** The resource usage of the next step (steps are added in index order). */
  add(usage: JsonObject): void {
    // for-in over a JSON object: its own keys, in Object.keys order, without making the key array.
    for (const name in usage) {
      const e = usage[name];
      this.entry(
        name,
        isObject(e) && typeof e.duration === 'number' && Number.isFinite(e.duration)
          ? e.duration
          : Number.NaN,
      );
    }
    this.endStep();
  }

  /** One resource usage entry of the next step: its type and its finite duration (NaN when none). */
  entry(name: string, duration: number): void {
    let t = this.typeIndex.get(name);
    if (t === undefined) {
      t = this.types.length;
      this.types.push(name);
      this.typeIndex.set(name, t);
    }
    this.type = int32WithRoom(this.type, this.entries + 1);
    this.duration = float64WithRoom(this.duration, this.entries + 1);
    this.type[this.entries] = t;
    this.duration[this.entries] = duration;
    this.entries++;
  }

  /** Ends the next step's entries (given with entry()). */
  endStep(): void {
    this.start = int32WithRoom(this.start, this.steps + 2);
    this.steps++;
    this.start[this.steps] = this.entries;
  }

  /** Calls and summed durations per type over the given steps, in that order (types as first met). */
  totals(order: ArrayLike<number>): Map<string, ResourceTotal> {
    const byType: Array<ResourceTotal | undefined> = new Array(this.types.length);
    const totals = new Map<string, ResourceTotal>();
    const { start, type, duration } = this;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      for (let e = start[i]!; e < start[i + 1]!; e++) {
        const ti = type[e]!;
        let t = byType[ti];
        if (t === undefined) {
          t = { calls: 0, duration: 0 };
          byType[ti] = t;
          totals.set(this.types[ti]!, t);
        }
        t.calls++;
        const d = duration[e]!;
        if (!Number.isNaN(d)) t.duration += d;
      }
    }
    return totals;
  }
}
