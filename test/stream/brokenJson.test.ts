// Broken JSON: the streaming loader's own errors (plain fallback turned off)
// name the same kind, line and column as the plain loader's, counted across
// chunk boundaries, for truncated files and for a stray byte at many places
// (where the file stays valid, e.g. inside a string, the whole results must
// agree, conflict warnings included), in the one-line layout (fanout-2k) and
// the indented one (etl-linear, llm-branching).
import { describe, expect, it } from 'vitest';
import { Prng } from '../../bench/gen/prng.ts';
import type { FileLoadResult, LoadErrorInfo } from '../../src/model/types.ts';
import { fixtureBytes, loadPlain, loadStream, utf8 } from './helpers.ts';

function errorOf(r: FileLoadResult): LoadErrorInfo {
  if (r.ok) throw new Error('expected a failed load');
  return r.error;
}

async function expectSameError(
  bytes: Uint8Array,
  name: string,
  pieceBytes: number,
  indexSteps = false,
): Promise<LoadErrorInfo> {
  const plain = errorOf(await loadPlain(bytes, name));
  const { result, stats } = await loadStream(new Blob([bytes as Uint8Array<ArrayBuffer>]), name, {
    plainFallbackMaxBytes: 0,
    pieceBytes,
    batchBytes: 1,
    indexSteps,
  });
  const streamed = errorOf(result);
  expect(stats.via).toBe('stream');
  expect({
    kind: streamed.kind,
    line: streamed.line,
    column: streamed.column,
    message: streamed.message,
  }).toEqual({
    kind: plain.kind,
    line: plain.line,
    column: plain.column,
    message: plain.message,
  });
  return streamed;
}

/** Same error when the plain loader fails, else the same whole result. True when it failed. */
async function expectSameOutcome(
  bytes: Uint8Array,
  name: string,
  pieceBytes: number,
  indexSteps = false,
): Promise<boolean> {
  const plain = await loadPlain(bytes, name);
  if (!plain.ok) {
    await expectSameError(bytes, name, pieceBytes, indexSteps);
    return true;
  }
  const { result } = await loadStream(new Blob([bytes as Uint8Array<ArrayBuffer>]), name, {
    plainFallbackMaxBytes: 0,
    pieceBytes,
    batchBytes: 1,
    indexSteps,
  });
  expect(result).toEqual(plain);
  return false;
}

function withByte(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const copy = bytes.slice();
  copy[at] = value;
  return copy;
}

describe('broken JSON positions', () => {
  const cases = [
    { name: 'etl-linear.json', pieces: 61, strays: 40 },
    { name: 'llm-branching.json', pieces: 509, strays: 40 },
    { name: 'fanout-2k.json', pieces: 65_536, strays: 12 },
  ];
  for (const { name, pieces, strays } of cases) {
    const bytes = fixtureBytes(name);
    const rng = new Prng(name.length * 7919);
    const offsets = Array.from({ length: 12 }, () => rng.int(1, bytes.length - 2));

    it(`${name}: truncated at 12 places`, async () => {
      for (const at of offsets) {
        const err = await expectSameError(bytes.subarray(0, at), name, pieces);
        expect(err.kind).toBe('json-syntax');
        expect(err.message).toMatch(/truncated JSON\?|expected|unexpected/);
      }
    });

    it(`${name}: a stray '#' at ${strays} places`, async () => {
      let failures = 0;
      for (let k = 0; k < strays; k++) {
        const at = rng.int(1, bytes.length - 2);
        if (await expectSameOutcome(withByte(bytes, at, 0x23), name, pieces)) failures++;
      }
      // Most places are outside strings, where '#' breaks the JSON.
      expect(failures).toBeGreaterThan(0);
    });

    it(`${name}, steps indexed: truncated, and a stray '#' at ${strays} places`, async () => {
      for (const at of offsets) await expectSameError(bytes.subarray(0, at), name, pieces, true);
      let failures = 0;
      for (let k = 0; k < strays; k++) {
        const at = rng.int(1, bytes.length - 2);
        if (await expectSameOutcome(withByte(bytes, at, 0x23), name, 1 << 20, true)) failures++;
      }
      expect(failures).toBeGreaterThan(0);
    });

    // The index notes where the next step starts when only whitespace and one ',' lie between
    // two steps; the parser then goes there without reading those bytes. A broken byte there
    // must still be found, at the same line and column.
    it(`${name}, steps indexed: a broken byte between two steps`, async () => {
      const text = new TextDecoder().decode(bytes);
      const gaps = [...text.matchAll(/\}(\s*),(\s*)\{/g)].filter((_, k) => k % 97 === 5).slice(0, 6);
      expect(gaps.length).toBeGreaterThan(0);
      for (const gap of gaps) {
        // Every byte from just past the '}' to the '{' (ASCII here, so string and byte offsets agree).
        for (let at = gap.index + 1; at < gap.index + gap[0].length - 1; at++) {
          for (const value of [0x23, 0x2c, 0x20]) {
            if (bytes[at] === value) continue;
            const failed = await expectSameOutcome(withByte(bytes, at, value), name, 1 << 20, true);
            // A second ',', a '#', or no ',' at all breaks the JSON; a space for a newline does not.
            expect(failed).toBe(value !== 0x20 || bytes[at] === 0x2c);
          }
        }
      }
    });
  }

  it('places errors the same in a file with CRLF line ends, steps indexed or not', async () => {
    const text = new TextDecoder().decode(fixtureBytes('llm-branching.json')).replaceAll('\n', '\r\n');
    const bytes = utf8(text);
    expect(await expectSameOutcome(bytes, 'crlf.json', 1 << 20, true)).toBe(false);
    const rng = new Prng(404);
    let failures = 0;
    for (let k = 0; k < 20; k++) {
      const at = rng.int(1, bytes.length - 2);
      for (const indexSteps of [false, true]) {
        if (await expectSameOutcome(withByte(bytes, at, 0x23), 'crlf.json', 4096, indexSteps)) failures++;
      }
    }
    expect(failures).toBeGreaterThan(0);
  });

  // With the step index, a summary followed by `"paths"` is parsed without scanning it (the
  // first step's record shows where it must end). Lines and columns after it must not move.
  it('places errors after and inside a multi-line summary the same, steps indexed or not', async () => {
    const step = (id: string) => `{"step_id": "${id}", "state_name": "s", "status": "completed"}`;
    const text =
      '{"summary": {\n  "fsm_name": "f",\n  "execution_id": "e",\n  "total_steps": 2\n},  "paths": [[' +
      `${step('a')}, ${step('b')}], [${step('a')}]],\n "mode_storage": {"copy": [${step('a')}, ${step('b')}]}}`;
    const bytes = utf8(text);
    for (const indexSteps of [false, true]) {
      expect(await expectSameOutcome(bytes, 'summary.json', 1 << 20, indexSteps)).toBe(false);
    }
    // A broken byte on the summary's last line: after its '}', and in the first step (the same line); inside it.
    const places = [text.indexOf('},  "paths"') + 2, text.indexOf('"state_name"') - 1, text.indexOf('"e"')];
    for (const at of places) {
      for (const indexSteps of [false, true]) {
        // Whole, and in pieces that end inside the summary (its end found once the first record comes).
        for (const pieces of [1 << 20, 16]) {
          const err = await expectSameError(withByte(bytes, at, 0x23), 'summary.json', pieces, indexSteps);
          expect(err.kind).toBe('json-syntax');
        }
      }
    }
    // Whitespace and layout around '"paths": [[' as the producer writes it, or not.
    for (const layout of ['}, "paths": [[', '}\n,\n"paths" :\n[ \n[']) {
      const other = utf8(text.replace('},  "paths": [[', layout));
      expect(await expectSameOutcome(other, 'summary.json', 1 << 20, true)).toBe(false);
    }
  });

  it('counts lines across chunk boundaries', async () => {
    const text =
      '{\n  "summary": {},\n  "paths": [\n    [\n      {"step_id": "a"}\n    ]\n  ],\n  "mode_storage": {\n    "copy": [\n      {"step_id": "a" "oops"}\n    ]\n  }\n}';
    for (const pieces of [1, 2, 3, 5, 64]) {
      const err = await expectSameError(utf8(text), 'lines.json', pieces);
      expect(err.line).toBe(10);
      expect(err.column).toBe(23);
    }
  });

  it('places a raw newline inside a string (a step, a repeated step, the summary) like the plain loader', async () => {
    const good = '{"step_id": "a", "state_name": "s"}';
    const cases = [
      `{"summary": {},\n"paths": [[${good}, {"step_id": "b", "state_name": "x\ny"}]],\n"mode_storage": {"copy": []}}`,
      `{"summary": {},\n"paths": [[${good}], [${good.replace('"s"', '"s\n"')}]],\n"mode_storage": {"copy": []}}`,
      '{"summary": {"fsm_name": "one\ntwo"},\n"paths": [],\n"mode_storage": {}}',
    ];
    for (const text of cases) {
      for (const pieces of [3, 64, 4096]) {
        const err = await expectSameError(utf8(text), 'newline.json', pieces);
        expect(err.message).toContain('inside a string');
      }
    }
  });

  it('reports trailing garbage after the document', async () => {
    const text = `${new TextDecoder().decode(fixtureBytes('empty.json'))}\n]`;
    const err = await expectSameError(utf8(text), 'trailing.json', 16);
    expect(err.message).toContain('after the end of the JSON value');
  });

  it('says binary for bytes that are not UTF-8 text', async () => {
    const bytes = fixtureBytes('llm-branching.json');
    const at = new TextDecoder().decode(bytes).indexOf('receive_message');
    const broken = withByte(bytes, at, 0xff);
    const plain = errorOf(await loadPlain(broken, 'bad.json'));
    const { result } = await loadStream(broken, 'bad.json', { plainFallbackMaxBytes: 0 });
    expect(plain.kind).toBe('binary');
    expect(errorOf(result).kind).toBe('binary');
    expect(errorOf(result).message).toBe(plain.message);
  });

  it('hands small broken files to the plain loader by default (identical result)', async () => {
    const bytes = fixtureBytes('fanout-2k.json').subarray(0, 1_000_000);
    const plain = await loadPlain(bytes, 'cut.json');
    const { result, stats } = await loadStream(bytes, 'cut.json');
    expect(result).toEqual(plain);
    expect(stats.via).toBe('plain');
  });
});
