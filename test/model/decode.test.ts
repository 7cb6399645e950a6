// Bytes -> JSON: empty and binary files, UTF-8 with BOM, gzip, truncated and
// broken JSON (with line and column), Python's NaN/Infinity dialect, and
// nesting far deeper than any call stack.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, looksBinary } from '../../src/model/bytes.ts';
import { JsonSyntaxError, lineColumnAt, parseJson, parseJsonDialect } from '../../src/model/jsonParse.ts';
import { deepEqual } from '../../src/model/jsonUtil.ts';
import { loadHistoryFile } from '../../src/model/loadFile.ts';
import type { JsonValue } from '../../src/model/types.ts';
import { encode, failure, gzipBytes, history, loadText, okRuns, step } from './helpers.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

describe('empty and binary files', () => {
  it('a 0-byte file is kind empty', async () => {
    const e = failure(await loadHistoryFile(new Uint8Array(0), 'run.json'));
    expect(e.kind).toBe('empty');
    expect(e.message).toBe('run.json: the file is empty (0 bytes)');
  });

  it('a whitespace-only file is kind empty', async () => {
    const e = failure(await loadText(' \n\t\r\n  ', 'blank.json'));
    expect(e.kind).toBe('empty');
    expect(e.message).toBe('blank.json: the file is empty (no JSON in it)');
  });

  it('a gzip file holding nothing is kind empty', async () => {
    const e = failure(await loadHistoryFile(await gzipBytes(new Uint8Array(0)), 'run.json.gz'));
    expect(e.kind).toBe('empty');
  });

  it('binary bytes (NUL and control characters) are kind binary', async () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    const e = failure(await loadHistoryFile(png, 'image.png'));
    expect(e.kind).toBe('binary');
    expect(e.message).toBe('image.png: does not look like text/JSON (binary or not UTF-8 data)');
    expect(looksBinary(png)).toBe(true);
    expect(looksBinary(encode('{"a": "\t"}\n'))).toBe(false);
  });

  it('invalid UTF-8 is kind binary', async () => {
    const bytes = new Uint8Array([...encode('{"summary": "'), 0xc3, 0x28, ...encode('"}')]);
    const e = failure(await loadHistoryFile(bytes, 'latin.json'));
    expect(e.kind).toBe('binary');
    expect(e.message).toContain('latin.json: does not look like text/JSON');
  });

  it('a file starting like gzip but corrupt is a clear error', async () => {
    const e = failure(await loadHistoryFile(new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5]), 'broken.gz'));
    expect(e.kind).toBe('invalid');
    expect(e.message).toMatch(/^broken\.gz: the file starts like gzip but could not be decompressed/);
  });

  it('a truncated gzip file is a clear error', async () => {
    const gz = await gzipBytes(encode(JSON.stringify(history([[step('a', 'x'), step('b', 'y')]]))));
    const e = failure(await loadHistoryFile(gz.subarray(0, gz.length - 12), 'cut.json.gz'));
    expect(e.kind).toBe('invalid');
    expect(e.message).toMatch(/^cut\.json\.gz: the file starts like gzip but could not be decompressed/);
  });

  it('UTF-8 with a BOM loads', async () => {
    const text = JSON.stringify(history([[step('a', 'start')]]));
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encode(text)]);
    const [run] = okRuns(await loadHistoryFile(bytes, 'bom.json'));
    expect(run!.counts.uniqueSteps).toBe(1);
    expect(run!.steps[0]!.stateName).toBe('start');
  });

  it('non-ASCII text in state names survives decoding', async () => {
    const [run] = okRuns(await loadText(JSON.stringify(history([[step('a', 'prüfen ✓ 検証')]]))));
    expect(run!.steps[0]!.stateName).toBe('prüfen ✓ 検証');
  });
});

describe('broken JSON', () => {
  it('truncated JSON names line and column of the end of input', async () => {
    const text = '{\n  "summary": {\n    "fsm_name": "x",\n    "total_steps": ';
    const e = failure(await loadText(text));
    expect(e.kind).toBe('json-syntax');
    expect(e.message).toBe('run.json: line 4, column 20: unexpected end of input (truncated JSON?)');
    expect([e.line, e.column]).toEqual([4, 20]);
  });

  it('a truncated real fixture reports the last line', async () => {
    const text = readFileSync(join(FIXTURES, 'fanout-2k.json'), 'utf8');
    const cut = text.slice(0, 1_000_000);
    const lines = cut.split('\n');
    const e = failure(await loadText(cut, 'fanout-2k.json'));
    expect(e.kind).toBe('json-syntax');
    expect(e.line).toBe(lines.length);
    expect(e.column).toBe(lines.at(-1)!.length + 1);
    expect(e.message).toMatch(
      /^fanout-2k\.json: line \d+, column \d+: unexpected end of input.*\(truncated JSON\?\)$/,
    );
  });

  it('a bad token names its line and column', async () => {
    const e = failure(await loadText('{"a": 1,\n "b": tru }'));
    expect(e.message).toBe("run.json: line 2, column 7: unexpected 't'; expected a JSON value");
  });

  it('a missing comma names the place', async () => {
    const e = failure(await loadText('{\n  "paths": [[]]\n  "summary": {}\n}'));
    expect(e.message).toBe(
      "run.json: line 3, column 3: expected ',' or '}' after a property value, found '\"'",
    );
  });

  it('data after the JSON value is an error', async () => {
    const e = failure(await loadText('{} x'));
    expect(e.message).toBe("run.json: line 1, column 4: unexpected 'x' after the end of the JSON value");
  });

  it('a raw newline inside a string is an error naming the line', async () => {
    const e = failure(await loadText('{"a":\n "one\ntwo"}'));
    expect(e.message).toBe(
      'run.json: line 2, column 6: control character U+000A inside a string (the string starts on line 2)',
    );
  });

  it('lineColumnAt counts lines from 1 and columns from 1', () => {
    expect(lineColumnAt('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt('ab\ncd', 3)).toEqual({ line: 2, column: 1 });
    expect(lineColumnAt('ab\r\ncd', 5)).toEqual({ line: 2, column: 2 });
  });
});

describe('the Python JSON dialect', () => {
  it('reads NaN, Infinity and -Infinity as numbers and leaves such words in strings unchanged', async () => {
    const s = step('a', 'NaN handler', {
      error: 'Infinity is not a number: -Infinity, NaN',
      arc_taken: 'to_NaN',
      metrics: { ratio: 'NaN', x: 'NaN', inf: 'Infinity', note: 'say "NaN" or \\"Infinity\\"' },
    });
    const text = JSON.stringify(history([[s]]))
      .replace('"x":"NaN"', '"x":NaN')
      .replace('"inf":"Infinity"', '"inf":Infinity,"neg":-Infinity');
    expect(() => JSON.parse(text)).toThrow();
    const [run] = okRuns(await loadText(text, 'py.json'));
    const st = run!.steps[0]!;
    expect(st.stateName).toBe('NaN handler');
    expect(st.error).toBe('Infinity is not a number: -Infinity, NaN');
    expect(st.arcTaken).toBe('to_NaN');
    const m = st.metrics as Record<string, JsonValue>;
    expect(m.ratio).toBe('NaN');
    expect(Number.isNaN(m.x)).toBe(true);
    expect(m.inf).toBe(Number.POSITIVE_INFINITY);
    expect(m.neg).toBe(Number.NEGATIVE_INFINITY);
    expect(m.note).toBe('say "NaN" or \\"Infinity\\"');
    const w = run!.warnings.filter((x) => x.code === 'non-finite-number');
    expect(w.map((x) => x.message)).toEqual([
      "py.json: paths[0][0].metrics.x: 3 non-finite numbers (NaN, Infinity or -Infinity, Python's JSON dialect) in this run; shown as written",
    ]);
  });

  it('non-finite numbers outside the steps still give a warning', async () => {
    const text = JSON.stringify(history([[step('a', 'start')]], { summary: { duration: 1.5 } })).replace(
      '"duration":1.5',
      '"duration":NaN',
    );
    const [run] = okRuns(await loadText(text));
    expect(run!.producer!.duration).toBeNull();
    expect(run!.warnings.find((w) => w.code === 'non-finite-number')!.message).toContain('summary.duration');
  });

  it('NaN as a bare word is only accepted where a value is', () => {
    expect(() => parseJsonDialect('{"a": NaNa}')).toThrow(JsonSyntaxError);
    expect(() => parseJsonDialect('{"a": nan}')).toThrow(
      "line 1, column 7: unexpected 'n'; expected a JSON value",
    );
    expect(() => parseJsonDialect('[-Inf]')).toThrow('invalid number: expected a digit');
  });
});

describe('our parser agrees with JSON.parse', () => {
  it('on every fixture that JSON.parse reads', () => {
    for (const f of readdirSync(FIXTURES).filter((x) => x.endsWith('.json'))) {
      const text = readFileSync(join(FIXTURES, f), 'utf8');
      let native: unknown;
      try {
        native = JSON.parse(text);
      } catch {
        continue;
      }
      const ours = parseJsonDialect(text);
      expect(ours.nonFinite).toBe(false);
      expect(deepEqual(ours.value, native as JsonValue)).toBe(true);
    }
  });

  it('on escapes, numbers and odd keys', () => {
    const text =
      '{"s":"a\\u00e9\\n\\"\\\\\\/\\b\\f\\r\\t\\ud83d\\ude00","n":[0,-0,1.5e3,-2E-2,12345678901234567890],"__proto__":{"x":1},"":true,"f":false,"z":null}';
    const ours = parseJsonDialect(text).value as Record<string, unknown>;
    expect(ours).toEqual(JSON.parse(text));
    expect(Object.getPrototypeOf(ours)).toBe(Object.prototype);
    expect(Object.hasOwn(ours, '__proto__')).toBe(true);
  });

  it('rejects what JSON rejects (leading zeros, trailing commas, single quotes)', () => {
    for (const bad of ['[01]', '[1,]', '{"a":1,}', "{'a':1}", '[1.]', '[.5]', '{"a" 1}', '"\\x"']) {
      expect(() => parseJsonDialect(bad), bad).toThrow(JsonSyntaxError);
    }
  });
});

describe('deep nesting never overflows the stack', () => {
  it('100,000 nested arrays with a NaN at the bottom (our parser, not JSON.parse)', () => {
    const depth = 100_000;
    const text = `${'['.repeat(depth)}NaN${']'.repeat(depth)}`;
    const { value, nonFinite } = parseJson(text);
    expect(nonFinite).toBe(true);
    let v: JsonValue = value;
    let levels = 0;
    while (Array.isArray(v)) {
      levels++;
      v = v[0]!;
    }
    expect(levels).toBe(depth);
    expect(Number.isNaN(v)).toBe(true);
  });

  it('100,000 nested objects truncated: a syntax error, not a stack overflow', () => {
    const text = '{"a":'.repeat(100_000);
    expect(() => parseJsonDialect(text)).toThrow('unexpected end of input (truncated JSON?)');
  });

  it('deepEqual compares 100,000-deep values, NaN equal to NaN', () => {
    const make = (leaf: number): JsonValue => {
      let v: JsonValue = leaf;
      for (let k = 0; k < 100_000; k++) v = { k: [v] };
      return v;
    };
    expect(deepEqual(make(Number.NaN), make(Number.NaN))).toBe(true);
    expect(deepEqual(make(1), make(2))).toBe(false);
  });
});

describe('base64', () => {
  it('decodes standard and URL-safe, padded or not, and rejects junk', () => {
    expect([...base64ToBytes('aGk=')]).toEqual([104, 105]);
    expect([...base64ToBytes('aGk')]).toEqual([104, 105]);
    expect([...base64ToBytes('-_8=')]).toEqual([251, 255]);
    expect([...base64ToBytes(Buffer.from('hello world!!').toString('base64'))]).toEqual([
      ...encode('hello world!!'),
    ]);
    expect(() => base64ToBytes('a*b=')).toThrow('invalid base64');
    expect(() => base64ToBytes('a')).toThrow('invalid base64 length');
  });
});
