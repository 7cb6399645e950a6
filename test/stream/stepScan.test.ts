// The step scanner (wasm/stepScan.c through wasmStepScan.ts) takes a step
// only when it reads it as JSON.parse would: whatever it takes, JSON.parse
// takes too and gives the same field values; whatever it cannot read so
// (broken JSON, NaN, keys twice, escaped keys, huge numbers) it leaves to the
// usual path. Then whole loads with such steps: the streaming loader, which
// makes steps from the scanner's records, equals the plain loader.
import { describe, expect, it } from 'vitest';
import { Prng } from '../../bench/gen/prng.ts';
import {
  ABSENT,
  createStepScan,
  K_ARRAY,
  K_BOOL,
  K_ESCAPED,
  K_NULL,
  K_NUMBER,
  K_OBJECT,
  K_STRING,
  R_FIELDS,
  R_OK,
  STEP_KEYS,
  type StepScan,
} from '../../src/model/stream/wasmStepScan.ts';
import { loadPlain, loadStream, utf8 } from './helpers.ts';

const scanner = createStepScan() as StepScan;

/** Scans one step text; null when the scanner does not take it, else each known field's value as read from its range. */
function scanOne(text: string | Uint8Array): Map<string, unknown> | null {
  const bytes = typeof text === 'string' ? utf8(text) : text;
  scanner.begin(bytes.length, 1);
  scanner.bytes.set(bytes);
  scanner.elements[0] = 0;
  scanner.elements[1] = bytes.length;
  scanner.scan();
  const rec = scanner.records;
  // 1: taken; 2: taken, with keys besides the known ones (left to the usual path later on).
  if (rec[R_OK] === 0) return null;
  const dec = new TextDecoder();
  // Strings (in their quotes) and numbers are in the compact bytes; other values in the input.
  const compact = (a: number, b: number): string => dec.decode(scanner.compact.subarray(a, b));
  const input = (a: number, b: number): string => dec.decode(scanner.bytes.subarray(a, b));
  const fields = new Map<string, unknown>();
  STEP_KEYS.forEach((key, f) => {
    const kind = rec[R_FIELDS + 3 * f] as number;
    const a = rec[R_FIELDS + 3 * f + 1] as number;
    const b = rec[R_FIELDS + 3 * f + 2] as number;
    if (kind === ABSENT) return;
    if (kind === K_STRING) fields.set(key, compact(a, b));
    else if (kind === K_ESCAPED) fields.set(key, JSON.parse(compact(a - 1, b + 1)));
    else if (kind === K_NULL) fields.set(key, null);
    else if (kind === K_NUMBER) fields.set(key, Number(compact(a, b)));
    else if (kind === K_OBJECT || kind === K_ARRAY || kind === K_BOOL)
      fields.set(key, JSON.parse(input(a, b)));
    else throw new Error(`unknown kind ${kind}`);
  });
  return fields;
}

/** What JSON.parse gives for the known fields, or null when it fails. */
function parseKnown(text: string): Map<string, unknown> | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const fields = new Map<string, unknown>();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fields;
  for (const key of STEP_KEYS)
    if (Object.hasOwn(raw, key)) fields.set(key, (raw as Record<string, unknown>)[key]);
  return fields;
}

/** The scanner took `text`: JSON.parse must take it too and agree on every known field. */
function expectAgrees(text: string, scanned: Map<string, unknown>): void {
  // As the bytes say (a lone surrogate in `text` is written as U+FFFD).
  const parsed = parseKnown(new TextDecoder().decode(utf8(text)));
  expect(parsed, text).not.toBeNull();
  expect(scanned, text).toEqual(parsed);
  for (const [key, v] of scanned)
    if (typeof v === 'number') expect(Object.is(v, parsed?.get(key)), text).toBe(true);
}

const TEMPLATE =
  '{"step_id": "s-1", "state_name": "caf\\u00e9 \\"q\\"", "network_name": "r\u00e9seau", ' +
  '"timestamp": 1758466168.1162875, "start_time": -0.0, "end_time": 1e3, "duration": 2.5E-7, ' +
  '"data_mode": "copy", "status": "completed", "arc_taken": null, "error": "line\\nnext \\ud83d\\ude00", ' +
  '"metrics": {"a": [1, 2.5, -3e2, true, false, null, {"b": "\u{1F600}"}], "c": {}}, ' +
  '"resource_usage": {"llm": {"duration": 0.5, "tokens": 12}, "http": {"status": 200}, "db": 3}, ' +
  '"stream_progress": {"chunks": [1, 2]}, "extra": {"nested": [[], {}]}, "chunks_processed": 0, "records_processed": 7}';

describe('the step scanner', () => {
  it('reads every known field of a step as JSON.parse does', () => {
    const scanned = scanOne(TEMPLATE);
    expect(scanned).not.toBeNull();
    expectAgrees(TEMPLATE, scanned!);
    expect(scanned!.size).toBe(STEP_KEYS.length);
  });

  it('says whether a step has keys besides the known ones', () => {
    scanOne(TEMPLATE);
    expect(scanner.records[R_OK]).toBe(2);
    scanOne(TEMPLATE.replace('"extra"', '"metrics_2"').replace(', "metrics_2": {"nested": [[], {}]}', ''));
    expect(scanner.records[R_OK]).toBe(1);
  });

  it.each([
    ['a key twice', '{"step_id": "a", "state_name": "x", "state_name": "y"}'],
    ['an escaped key', '{"step_id": "a", "state\\u005fname": "x"}'],
    ['NaN', '{"step_id": "a", "metrics": {"x": NaN}}'],
    ['Infinity', '{"step_id": "a", "timestamp": Infinity}'],
    ['a number too large for a double', '{"step_id": "a", "metrics": [1e400]}'],
    ['a long number too large for a double', `{"step_id": "a", "metrics": [${'9'.repeat(400)}]}`],
    ['a trailing comma', '{"step_id": "a", "metrics": [1, 2,]}'],
    ['a leading zero', '{"step_id": "a", "timestamp": 01}'],
    ['a bare minus', '{"step_id": "a", "timestamp": -}'],
    ['a control character in a string', '{"step_id": "a\tb"}'],
    ['a bad escape', '{"step_id": "a\\x41"}'],
    ['a short unicode escape', '{"step_id": "a\\u12"}'],
    ['single quotes', "{'step_id': 'a'}"],
    ['no object', '["step_id", "a"]'],
    ['an empty object', '{}'],
    ['trailing bytes', '{"step_id": "a"} x'],
    ['a missing colon', '{"step_id" "a"}'],
    ['nesting deeper than 1000', `{"step_id": "a", "metrics": ${'['.repeat(1001)}${']'.repeat(1001)}}`],
  ])('leaves %s to JSON.parse', (_what, text) => {
    expect(scanOne(text)).toBeNull();
  });

  it('leaves bytes that are not UTF-8 (in a string deep in the metrics) to the usual path', () => {
    const at = (bad: number[]) => {
      const head = utf8('{"step_id": "a", "state_name": "s", "metrics": {"x": ["oké ');
      const tail = utf8(' end"]}}');
      return new Uint8Array([...head, ...bad, ...tail]);
    };
    expect(scanOne(at([0xc3, 0xa9]))).not.toBeNull();
    expect(scanOne(at([0xf0, 0x9f, 0x98, 0x80]))).not.toBeNull();
    // A lone continuation byte, a cut sequence, an overlong form, a surrogate, above U+10FFFF.
    for (const bad of [
      [0x80],
      [0xc3, 0x28],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xff],
    ]) {
      expect(scanOne(at(bad)), bad.join(' ')).toBeNull();
    }
  });

  it('takes numbers JSON.parse reads exactly, and nesting up to 1000 deep', () => {
    for (const n of [
      '0',
      '-0',
      '0.1',
      '-0.0',
      '1E5',
      '1e+5',
      '2.5e-7',
      '1e-400',
      '123456789012345678901234567890',
      '1.7976931348623157e307',
    ]) {
      const text = `{"step_id": "a", "timestamp": ${n}, "metrics": [${n}]}`;
      const scanned = scanOne(text);
      expect(scanned, n).not.toBeNull();
      expectAgrees(text, scanned!);
    }
    const deep = `{"step_id": "a", "metrics": ${'['.repeat(1000)}${']'.repeat(1000)}}`;
    expectAgrees(deep, scanOne(deep)!);
  });

  it('never takes what JSON.parse refuses, and agrees on what it takes (5,000 mutated steps)', () => {
    const prng = new Prng(20261128);
    const alphabet = '{}[]",:\\ \n0123456789eE.+-tfnulNaI\u00e9x';
    let taken = 0;
    let refused = 0;
    for (let round = 0; round < 5000; round++) {
      let text = TEMPLATE;
      const edits = prng.int(1, 3);
      for (let e = 0; e < edits; e++) {
        const at = prng.int(0, text.length - 1);
        const c = alphabet[prng.int(0, alphabet.length - 1)] as string;
        const op = prng.int(0, 2);
        text =
          op === 0
            ? text.slice(0, at) + c + text.slice(at + 1)
            : op === 1
              ? text.slice(0, at) + c + text.slice(at)
              : text.slice(0, at) + text.slice(at + 1);
      }
      const scanned = scanOne(text);
      if (scanned === null) {
        refused++;
        continue;
      }
      taken++;
      expectAgrees(text, scanned);
    }
    // Both answers came up often enough for the comparison to mean something.
    expect(taken).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
  });
});

describe('steps made from the scanner', () => {
  const base = {
    network_name: 'main',
    timestamp: 10,
    start_time: 10.5,
    end_time: 11,
    duration: 0.5,
    data_mode: 'copy',
    status: 'completed',
    arc_taken: 'next',
    error: null,
    metrics: { m: 1 },
    resource_usage: { llm: { duration: 0.25 } },
    stream_progress: null,
    chunks_processed: 1,
    records_processed: 2,
  };
  /** Step texts written by hand, each as a producer (or a broken one) could write it. */
  const odd = [
    `{"step_id": "plain", "state_name": "s", ${JSON.stringify(base).slice(1)}`,
    '{"step_id": "esc\\u0041", "state_name": "caf\\u00e9", "status": "completed", "error": "a\\nb"}',
    '{"step_id": "uni", "state_name": "\u00e9t\u00e9 \u{1F600}", "network_name": "n\u00e9", "status": "completed"}',
    '{"step_id": "minimal", "state_name": "s", "status": "completed"}',
    '{"step_id": "nulls", "state_name": "s", "status": "completed", "network_name": "n", "metrics": null, "resource_usage": null, "stream_progress": null, "timestamp": null, "chunks_processed": null}',
    '{"step_id": "odd-status", "state_name": "s", "status": "weird", "data_mode": "odd"}',
    '{"step_id": "dup-types", "state_name": "s", "status": "completed", "resource_usage": {"llm": {"duration": 1}, "llm": {"duration": 2}}}',
    '{"step_id": "ru-shapes", "state_name": "s", "status": "completed", "resource_usage": {"a": 3, "b": {"duration": "x"}, "c": {"duration": 1, "duration": 2}, "d": {}}}',
    '{"step_id": "ru-array", "state_name": "s", "status": "completed", "resource_usage": [1]}',
    '{"step_id": "wrong-types", "state_name": 5, "status": "completed", "timestamp": "1"}',
    '{"step_id": "null-network", "state_name": "s", "status": "completed", "network_name": null}',
    '{"step_id": "nan", "state_name": "s", "status": "completed", "metrics": {"x": NaN}}',
    '{"step_id": "big", "state_name": "s", "status": "completed", "metrics": {"x": 1e400}, "timestamp": 1e400}',
    '{"step_id": "neg-zero", "state_name": "s", "status": "completed", "end_time": -0.0, "metrics": {"z": -0.0}}',
    '{"step_id": "dup-key", "state_name": "a", "status": "completed", "state_name": "b"}',
    '{"state_name": "s", "status": "completed", "step_id": "id-last"}',
    '{"step_id": "", "state_name": "s", "status": "completed"}',
    '{"step_id": 7, "state_name": "s", "status": "completed"}',
    '{"step_id": "extra", "state_name": "s", "status": "completed", "unknown": {"deep": [1, {"x": [null]}]}}',
    '{\n  "step_id": "indented",\n  "state_name": "s",\n  "status": "completed",\n  "metrics": {\n    "k": [\n      1\n    ]\n  }\n}',
  ];

  async function expectSameLoad(text: string) {
    const bytes = utf8(text);
    const plain = await loadPlain(bytes, 'odd.json');
    for (const feed of [{ indexSteps: false }, { indexSteps: true }]) {
      const outcome = await loadStream(bytes, 'odd.json', { ...feed, plainFallbackMaxBytes: 0 });
      expect(outcome.result).toEqual(plain);
      expect(outcome.stats.via).toBe('stream');
    }
    return loadStream(bytes, 'odd.json', { plainFallbackMaxBytes: 0 });
  }

  it('equal the plain loader, the odd steps included (in paths and in mode_storage)', async () => {
    const paths = odd.map((s, k) => `[${odd[(k + 1) % odd.length]}, ${s}]`);
    const text = `{"summary": {"fsm_name": "f", "execution_id": "e", "total_steps": 3}, "paths": [${paths.join(', ')}], "mode_storage": {"copy": [${odd.join(', ')}]}}`;
    const { stats } = await expectSameLoad(text);
    // Most of them were read by the scanner; the ones it cannot read as JSON.parse would were not.
    expect(stats.scannedSteps).toBeGreaterThan(odd.length / 2);
    expect(stats.scannedSteps).toBeLessThan(stats.parsedSteps);
  });

  it('equal the plain loader when a step holds bytes that are not UTF-8', async () => {
    const good = utf8(
      '{"summary": {"fsm_name": "f", "execution_id": "e"}, "paths": [[{"step_id": "a", "state_name": "s", "status": "completed", "metrics": {"t": "',
    );
    const rest = utf8('"}}]]}');
    const bytes = new Uint8Array([...good, 0xed, 0xa0, 0x80, ...rest]);
    const plain = await loadPlain(bytes, 'bad.json');
    expect(plain.ok).toBe(false);
    for (const indexSteps of [false, true]) {
      const { result } = await loadStream(bytes, 'bad.json', { indexSteps, plainFallbackMaxBytes: 0 });
      expect(result.ok).toBe(false);
      expect(!result.ok && !plain.ok && result.error.kind).toBe(!plain.ok && plain.error.kind);
    }
  });

  it('compare later copies with a scanned first copy made again from what was kept', async () => {
    const first =
      '{"step_id": "a", "state_name": "caf\\u00e9", "status": "completed", "network_name": "n", "timestamp": -0.0, ' +
      '"start_time": null, "metrics": null, "resource_usage": null, "stream_progress": null, "arc_taken": null, "chunks_processed": 3}';
    // The same object written otherwise (no warning), and copies that differ in one way each (a warning each).
    const copies = [
      '{"status": "completed", "step_id": "a", "network_name": "n", "state_name": "caf\u00e9", "timestamp": -0.0, "start_time": null, "metrics": null, "resource_usage": null, "stream_progress": null, "arc_taken": null, "chunks_processed": 3.0}',
      first.replace('"metrics": null', '"metrics": {}'),
      first.replace('"start_time": null, ', ''),
      first.replace('"arc_taken": null', '"arc_taken": "x"'),
      first.replace('"timestamp": -0.0', '"timestamp": 0'),
      first.replace('"stream_progress": null', '"stream_progress": {}'),
      first.replace('}', ', "extra": 1}'),
    ];
    const text = `{"summary": {"fsm_name": "f", "execution_id": "e"}, "paths": [[${first}], ${copies.map((c) => `[${c}]`).join(', ')}]}`;
    const { result, stats } = await expectSameLoad(text);
    expect(stats.scannedSteps).toBeGreaterThan(copies.length - 1);
    expect(
      result.ok && result.runs[0]?.warnings.filter((w) => w.code === 'conflicting-duplicate').length,
    ).toBeGreaterThan(3);
  });

  it('report a later copy that differs from a scanned first copy', async () => {
    const first = '{"step_id": "a", "state_name": "s", "status": "completed", "metrics": {"v": 1}}';
    const other = '{"step_id": "a", "state_name": "s", "status": "completed", "metrics": {"v": 2}}';
    const text = `{"summary": {"fsm_name": "f", "execution_id": "e"}, "paths": [[${first}], [${other}], [${first}]]}`;
    const { result, stats } = await expectSameLoad(text);
    expect(stats.scannedSteps).toBe(2);
    expect(result.ok && result.runs[0]?.warnings.map((w) => w.code)).toContain('conflicting-duplicate');
  });
});
