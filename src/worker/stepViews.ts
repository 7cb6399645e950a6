// The page keeps a run's steps in the columns they arrive in (PackedSteps) and
// makes each Step a small view of one row: its fields are getters reading the
// columns. Receiving a part then costs almost nothing (no object per step
// with twenty fields, no strings cut, nothing for the garbage collector to
// copy), and the page holds a few bytes per step besides the columns. The
// JSON fields (metrics, resource usage, stream progress) of a part are parsed
// the first time any step of that part is asked for one of them.
import type { DurationSource, JsonObject, JsonValue, Step } from '../model/types.ts';
import { DETACHED, EXACT, type PackedSteps, RAW } from './packedSteps.ts';

const decoder = new TextDecoder();

/** One received part: its columns, and its JSON fields once asked for. */
export class StepPart {
  /** Where each step's three JSON fields start, in its source (see jsonField). */
  private fieldAt: Int32Array | null = null;
  private parsed: readonly JsonValue[] | null = null;
  private parsedRaw: readonly JsonValue[] | null = null;

  constructor(readonly p: PackedSteps) {}

  /** Field `k` (0 metrics, 1 resource usage, 2 stream progress) of step `i` of this part. */
  jsonField(i: number, k: number): JsonValue {
    let at = this.fieldAt;
    if (at === null) at = this.parseFields();
    const f = this.p.flags[i] as number;
    const source = (f & EXACT) !== 0 ? this.p.exact : (f & RAW) !== 0 ? this.parsedRaw : this.parsed;
    return (source as readonly JsonValue[])[(at[i] as number) + k] as JsonValue;
  }

  private parseFields(): Int32Array {
    const { count, flags } = this.p;
    const at = new Int32Array(count);
    let j = 0;
    let e = 0;
    let r = 0;
    for (let i = 0; i < count; i++) {
      const f = flags[i] as number;
      if ((f & EXACT) !== 0) {
        at[i] = e;
        e += 3;
      } else if ((f & RAW) !== 0) {
        at[i] = r;
        r += 3;
      } else {
        at[i] = j;
        j += 3;
      }
    }
    this.parsed = j > 0 ? (JSON.parse(this.p.json) as JsonValue[]) : [];
    this.parsedRaw =
      r > 0 ? (JSON.parse(`[${decoder.decode(this.p.raw.subarray(0, -1))}]`) as JsonValue[]) : [];
    this.fieldAt = at;
    return at;
  }
}

/** Step `i` of a part, read from its columns. */
export class StepView implements Step {
  constructor(
    private readonly part: StepPart,
    private readonly i: number,
  ) {}

  get index(): number {
    return this.part.p.index[this.i] as number;
  }
  get stepId(): string {
    const { text, textEnds } = this.part.p;
    return text.slice(this.i === 0 ? 0 : (textEnds[this.i - 1] as number), textEnds[this.i] as number);
  }
  get source(): string {
    const { text, textEnds, count } = this.part.p;
    return text.slice(textEnds[count + this.i - 1] as number, textEnds[count + this.i] as number);
  }
  get stateName(): string {
    return this.name(0) as string;
  }
  get networkName(): string {
    return this.name(1) as string;
  }
  get dataMode(): string {
    return this.name(2) as string;
  }
  get status(): string {
    return this.name(3) as string;
  }
  get arcTaken(): string | null {
    return this.name(4);
  }
  get error(): string | null {
    return this.name(5);
  }
  get durationSource(): DurationSource {
    return this.name(6) as DurationSource;
  }
  get timestamp(): number | null {
    return this.nullable(0);
  }
  get startTime(): number | null {
    return this.nullable(1);
  }
  get endTime(): number | null {
    return this.nullable(2);
  }
  get recordedDuration(): number | null {
    return this.nullable(3);
  }
  get duration(): number | null {
    return this.nullable(4);
  }
  get chunksProcessed(): number {
    const p = this.part.p;
    return p.numbers[5 * p.count + this.i] as number;
  }
  get recordsProcessed(): number {
    const p = this.part.p;
    return p.numbers[6 * p.count + this.i] as number;
  }
  get detached(): boolean {
    return ((this.part.p.flags[this.i] as number) & DETACHED) !== 0;
  }
  get metrics(): JsonValue {
    return this.part.jsonField(this.i, 0);
  }
  get resourceUsage(): JsonObject {
    return this.part.jsonField(this.i, 1) as JsonObject;
  }
  get streamProgress(): JsonValue {
    return this.part.jsonField(this.i, 2);
  }

  /** Marks the step detached (the page learns it from the run's tree, after the step arrived). */
  markDetached(): void {
    const flags = this.part.p.flags;
    flags[this.i] = (flags[this.i] as number) | DETACHED;
  }

  /** The step as a plain object (what JSON.stringify and structured clone see). */
  toJSON(): Step {
    return plainStep(this);
  }

  private name(column: number): string | null {
    const p = this.part.p;
    const k = p.names[column * p.count + this.i] as number;
    return k < 0 ? null : (p.table[k] as string);
  }

  /** NULLABLE column k: null when its flag bit is set. */
  private nullable(k: number): number | null {
    const p = this.part.p;
    return ((p.flags[this.i] as number) & (1 << k)) !== 0
      ? null
      : (p.numbers[k * p.count + this.i] as number);
  }
}

/** Views of a part's steps, appended to `steps`. */
export function viewSteps(p: PackedSteps, steps: Step[] = []): Step[] {
  const part = new StepPart(p);
  const base = steps.length;
  for (let i = 0; i < p.count; i++) steps[base + i] = new StepView(part, i);
  return steps;
}

/** Any Step (a view or a plain object) as a plain object with every field. */
export function plainStep(s: Step): Step {
  return {
    index: s.index,
    stepId: s.stepId,
    stateName: s.stateName,
    networkName: s.networkName,
    timestamp: s.timestamp,
    startTime: s.startTime,
    endTime: s.endTime,
    recordedDuration: s.recordedDuration,
    duration: s.duration,
    durationSource: s.durationSource,
    dataMode: s.dataMode,
    status: s.status,
    arcTaken: s.arcTaken,
    error: s.error,
    metrics: s.metrics,
    resourceUsage: s.resourceUsage,
    streamProgress: s.streamProgress,
    chunksProcessed: s.chunksProcessed,
    recordsProcessed: s.recordsProcessed,
    detached: s.detached,
    source: s.source,
  };
}
