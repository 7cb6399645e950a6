// The WebAssembly step indexer gives exactly the TypeScript StepIndexer's
// records: for every fixture, the generated benchmark layout and broken
// bytes, whatever the slice sizes.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../bench/gen/prng.ts';
import { generateToString } from '../../bench/generate.ts';
import { REC, StepIndexer } from '../../src/model/stream/stepIndexer.ts';
import {
  createStepIndexer,
  type StepIndex,
  WasmStepIndexer,
} from '../../src/model/stream/wasmStepIndexer.ts';
import { FIXTURES, fixtureBytes } from './helpers.ts';

const FIXTURES_LIST = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));

function records(ix: StepIndex, bytes: Uint8Array, sizes: () => number): number[] {
  const out: number[] = [];
  for (let at = 0; at < bytes.length; ) {
    const n = sizes();
    ix.add(bytes.subarray(at, at + n));
    at += n;
    if (n % 3 === 0) out.push(...ix.take());
  }
  out.push(...ix.take());
  return out;
}

function expectSame(bytes: Uint8Array, seed: number): void {
  const sizesOf = (s: number) => {
    const rng = new Prng(s);
    return () => (rng.int(0, 4) === 0 ? rng.int(1, 40) : rng.int(1, 70_000));
  };
  const wasm = createStepIndexer();
  expect(wasm).toBeInstanceOf(WasmStepIndexer);
  const a = records(wasm, bytes, sizesOf(seed));
  const b = records(new StepIndexer(), bytes, sizesOf(seed));
  expect(a.length).toBe(b.length);
  expect(a).toEqual(b);
}

describe('WebAssembly step indexer', () => {
  for (const name of FIXTURES_LIST) {
    it(`gives the TypeScript indexer's records for ${name}`, () => {
      expectSame(fixtureBytes(name), name.length);
    });
  }

  it('gives the same records for a generated run (one-line and indented layouts)', () => {
    for (const indent of [null, 2]) {
      const text = generateToString({ steps: 3000, shape: 'fanout', seed: 11, indent });
      const bytes = new TextEncoder().encode(text);
      expectSame(bytes, 5);
      // Whole, in one piece, too.
      expect([...createStepIndexer().push(bytes)]).toEqual([...new StepIndexer().push(bytes)]);
    }
  });

  it('gives the same records for a step far larger than its window (the module grows its memory)', () => {
    const big = 'x'.repeat(5_000_000);
    const step = (id: string, metrics: string) =>
      `{"step_id": "${id}", "state_name": "s", "metrics": {"note": "${metrics}"}}`;
    const text = `{"summary": {}, "paths": [[${step('a', big)}, ${step('b', 'y')}], [${step('a', big)}, ${step('c', 'z')}]], "mode_storage": {"copy": [${step('a', big)}, ${step('b', 'y')}, ${step('c', 'z')}]}}`;
    const bytes = new TextEncoder().encode(text);
    expectSame(bytes, 3);
    const whole = createStepIndexer().push(bytes);
    // Seven objects at step depth: two paths of two, and three in mode_storage.
    expect(whole.length / REC).toBe(7);
  });

  it('gives the same records for broken bytes', () => {
    const bytes = fixtureBytes('fanout-2k.json');
    const rng = new Prng(99);
    for (let k = 0; k < 30; k++) {
      const copy = bytes.slice();
      for (let j = 0; j < 3; j++)
        copy[rng.int(0, copy.length - 1)] = [0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x0a][rng.int(0, 7)]!;
      expectSame(copy, k);
    }
  });
});

describe('the built WebAssembly modules', () => {
  it.each(['stepIndexer', 'stepScan'])(
    '%s was built from its C source as it is (run scripts/build-wasm.sh after changing it)',
    (name) => {
      const dir = join(import.meta.dirname, '..', '..', 'src', 'model', 'stream', 'wasm');
      const source = readFileSync(join(dir, `${name}.c`));
      const built = readFileSync(join(dir, `${name}Wasm.ts`), 'utf8');
      expect(built).toContain(`${createHash('sha256').update(source).digest('hex')}  ${name}.c`);
    },
  );
});
