// JSON text -> JsonValue. Fast path: the native JSON.parse. When it fails we
// run our own parser, which also accepts Python's json.dumps dialect (NaN,
// Infinity, -Infinity as bare numbers) and, when the text really is broken,
// reports the 1-based line and column of the problem. The parser is iterative
// (an explicit stack of open containers), so nesting depth is limited only by
// memory, never by the call stack.
import type { JsonObject, JsonValue } from './types.ts';

export interface ParsedJson {
  readonly value: JsonValue;
  /** True when NaN / Infinity / -Infinity literals were read. */
  readonly nonFinite: boolean;
}

export class JsonSyntaxError extends Error {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  /** The problem without the place, e.g. `unexpected end of input (truncated JSON?)`. */
  readonly reason: string;
  constructor(reason: string, offset: number, line: number, column: number) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'JsonSyntaxError';
    this.reason = reason;
    this.offset = offset;
    this.line = line;
    this.column = column;
  }
}

/** Native JSON.parse first; on failure our dialect-aware parser (throws JsonSyntaxError). */
export function parseJson(text: string): ParsedJson {
  try {
    return { value: JSON.parse(text) as JsonValue, nonFinite: false };
  } catch {
    return parseJsonDialect(text);
  }
}

/** 1-based line and column (in UTF-16 code units) of an offset in text. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  let nl = text.indexOf('\n');
  while (nl !== -1 && nl < end) {
    line++;
    lineStart = nl + 1;
    nl = text.indexOf('\n', lineStart);
  }
  return { line, column: end - lineStart + 1 };
}

enum Ch {
  Tab = 9,
  Lf = 10,
  Cr = 13,
  Space = 32,
  Quote = 34,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  UpperE = 69,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  LowerE = 101,
  OpenBrace = 123,
  CloseBrace = 125,
}

function describeChar(text: string, i: number): string {
  if (i >= text.length) return 'end of input';
  const c = text.codePointAt(i) ?? 0;
  if (c < 0x20 || c === 0x7f) return `control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${String.fromCodePoint(c)}'`;
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Our parser only: JSON plus NaN/Infinity/-Infinity. Throws JsonSyntaxError. */
export function parseJsonDialect(text: string): ParsedJson {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let nonFinite = false;

  const fail = (reason: string, at: number): never => {
    const { line, column } = lineColumnAt(text, at);
    throw new JsonSyntaxError(reason, at, line, column);
  };
  const failHere = (expected: string): never => {
    if (i >= n) return fail('unexpected end of input (truncated JSON?)', n);
    return fail(`${expected}, found ${describeChar(text, i)}`, i);
  };
  const skipWs = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === Ch.Space || c === Ch.Lf || c === Ch.Cr || c === Ch.Tab) i++;
      else break;
    }
  };

  const readString = (): string => {
    // i is at the opening quote.
    const start = i;
    i++;
    let chunkStart = i;
    let out = '';
    for (;;) {
      if (i >= n) return fail('unexpected end of input inside a string (truncated JSON?)', n);
      const c = text.charCodeAt(i);
      if (c === Ch.Quote) {
        out += text.slice(chunkStart, i);
        i++;
        return out;
      }
      if (c === Ch.Backslash) {
        out += text.slice(chunkStart, i);
        const e = text[i + 1];
        if (e === undefined) return fail('unexpected end of input inside a string (truncated JSON?)', n);
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            if (i + 6 > n) return fail('unexpected end of input inside a string (truncated JSON?)', n);
            return fail('bad \\u escape in a string (expected 4 hex digits)', i);
          }
          out += String.fromCharCode(Number.parseInt(hex, 16));
          i += 6;
        } else {
          const r = ESCAPES[e];
          if (r === undefined) return fail(`bad escape '\\${e}' in a string`, i);
          out += r;
          i += 2;
        }
        chunkStart = i;
        continue;
      }
      if (c < 0x20) {
        const { line } = lineColumnAt(text, start);
        return fail(`${describeChar(text, i)} inside a string (the string starts on line ${line})`, i);
      }
      i++;
    }
  };

  const skipDigits = (): void => {
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d < Ch.Zero || d > Ch.Nine) break;
      i++;
    }
  };

  const readNumber = (): number => {
    const start = i;
    if (text.charCodeAt(i) === Ch.Minus) i++;
    let c = text.charCodeAt(i);
    if (c === Ch.Zero) {
      i++;
    } else if (c > Ch.Zero && c <= Ch.Nine) {
      skipDigits();
    } else {
      return failHere('invalid number: expected a digit');
    }
    if (text.charCodeAt(i) === Ch.Dot) {
      i++;
      const digits = i;
      skipDigits();
      if (i === digits) return failHere('invalid number: expected a digit after the decimal point');
    }
    c = text.charCodeAt(i);
    if (c === Ch.LowerE || c === Ch.UpperE) {
      i++;
      c = text.charCodeAt(i);
      if (c === Ch.Plus || c === Ch.Minus) i++;
      const digits = i;
      skipDigits();
      if (i === digits) return failHere('invalid number: expected a digit in the exponent');
    }
    return Number(text.slice(start, i));
  };

  type Container = JsonValue[] | JsonObject;
  const stack: Container[] = [];
  const keys: string[] = [];

  const setKey = (obj: JsonObject, key: string, value: JsonValue): void => {
    if (key === '__proto__') {
      Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
    } else {
      obj[key] = value;
    }
  };

  const readKey = (): string => {
    skipWs();
    if (text.charCodeAt(i) !== Ch.Quote) return failHere('expected a property name in double quotes');
    const key = readString();
    skipWs();
    if (text.charCodeAt(i) !== Ch.Colon) return failHere("expected ':' after a property name");
    i++;
    return key;
  };

  let result: JsonValue = null;
  // Main loop: read a value, then attach it to the open containers, closing as many as end here.
  outer: for (;;) {
    skipWs();
    if (i >= n) return fail('unexpected end of input (truncated JSON?)', n);
    const c = text.charCodeAt(i);
    let value: JsonValue;
    if (c === Ch.OpenBrace) {
      i++;
      skipWs();
      if (text.charCodeAt(i) === Ch.CloseBrace) {
        i++;
        value = {};
      } else {
        stack.push({});
        keys.push(readKey());
        continue;
      }
    } else if (c === Ch.OpenBracket) {
      i++;
      skipWs();
      if (text.charCodeAt(i) === Ch.CloseBracket) {
        i++;
        value = [];
      } else {
        stack.push([]);
        keys.push('');
        continue;
      }
    } else if (c === Ch.Quote) {
      value = readString();
    } else if (c === Ch.Minus && text.startsWith('-Infinity', i)) {
      i += 9;
      value = Number.NEGATIVE_INFINITY;
      nonFinite = true;
    } else if (c === Ch.Minus || (c >= Ch.Zero && c <= Ch.Nine)) {
      value = readNumber();
    } else if (text.startsWith('true', i)) {
      i += 4;
      value = true;
    } else if (text.startsWith('false', i)) {
      i += 5;
      value = false;
    } else if (text.startsWith('null', i)) {
      i += 4;
      value = null;
    } else if (text.startsWith('NaN', i)) {
      i += 3;
      value = Number.NaN;
      nonFinite = true;
    } else if (text.startsWith('Infinity', i)) {
      i += 8;
      value = Number.POSITIVE_INFINITY;
      nonFinite = true;
    } else {
      return fail(`unexpected ${describeChar(text, i)}; expected a JSON value`, i);
    }

    // Attach the value; close containers that end right after it.
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        result = value;
        break outer;
      }
      if (Array.isArray(top)) top.push(value);
      else setKey(top, keys[keys.length - 1]!, value);
      skipWs();
      const d = text.charCodeAt(i);
      if (d === Ch.Comma) {
        i++;
        if (!Array.isArray(top)) keys[keys.length - 1] = readKey();
        continue outer;
      }
      if (Array.isArray(top) ? d === Ch.CloseBracket : d === Ch.CloseBrace) {
        i++;
        stack.pop();
        keys.pop();
        value = top;
        continue;
      }
      return failHere(
        Array.isArray(top)
          ? "expected ',' or ']' after an array element"
          : "expected ',' or '}' after a property value",
      );
    }
  }
  skipWs();
  if (i < n) return fail(`unexpected ${describeChar(text, i)} after the end of the JSON value`, i);
  return { value: result, nonFinite };
}
