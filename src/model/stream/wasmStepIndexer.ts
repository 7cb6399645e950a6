// The step indexer in WebAssembly (wasm/stepIndexer.c, built by
// scripts/build-wasm.sh): the same records as StepIndexer, a few times
// faster (SIMD hashing and string skipping, no per-record garbage). Where
// WebAssembly cannot run (or the module cannot be compiled here), the
// TypeScript StepIndexer does the same work. test/stream/wasmIndexer.test.ts
// checks that both give identical records.
import { REC, StepIndexer } from './stepIndexer.ts';
import { STEP_INDEXER_WASM } from './wasm/stepIndexerWasm.ts';
import { compileBase64 } from './wasmModule.ts';

/** What the readers need of an indexer (StepIndexer or WasmStepIndexer). */
export interface StepIndex {
  /** Takes the next chunk, keeping the records of the objects that end in it for take(). */
  add(chunk: Uint8Array): void;
  /** The records kept since the last take() (a new array each time). */
  take(): Float64Array;
  /** add() then take(). */
  push(chunk: Uint8Array): Float64Array;
}

interface IndexerExports {
  readonly memory: WebAssembly.Memory;
  ix_reserve(n: number): number;
  ix_scan(n: number): number;
  ix_records(): number;
  ix_clear_records(): void;
}

let compiled: WebAssembly.Module | null | undefined;

function indexerModule(): WebAssembly.Module | null {
  if (compiled === undefined) compiled = compileBase64(STEP_INDEXER_WASM);
  return compiled;
}

export class WasmStepIndexer implements StepIndex {
  private readonly x: IndexerExports;
  private kept = 0;

  constructor(module: WebAssembly.Module) {
    this.x = new WebAssembly.Instance(module, {}).exports as unknown as IndexerExports;
  }

  add(chunk: Uint8Array): void {
    const at = this.x.ix_reserve(chunk.length);
    if (at === 0) throw new RangeError('out of memory while indexing the steps');
    // The memory may have grown (a new buffer): views are made after each call.
    new Uint8Array(this.x.memory.buffer, at, chunk.length).set(chunk);
    const n = this.x.ix_scan(chunk.length);
    if (n < 0) throw new RangeError('out of memory while indexing the steps');
    this.kept = n;
  }

  take(): Float64Array {
    const n = this.kept;
    const out =
      n === 0
        ? new Float64Array(0)
        : new Float64Array(this.x.memory.buffer, this.x.ix_records(), n * REC).slice();
    this.x.ix_clear_records();
    this.kept = 0;
    return out;
  }

  push(chunk: Uint8Array): Float64Array {
    this.add(chunk);
    return this.take();
  }
}

/** The WebAssembly indexer where it can run, else the TypeScript one. */
export function createStepIndexer(): StepIndex {
  const module = indexerModule();
  if (module !== null) {
    try {
      return new WasmStepIndexer(module);
    } catch {
      // Could not instantiate (no memory): the TypeScript indexer below.
    }
  }
  return new StepIndexer();
}
