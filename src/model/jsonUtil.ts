// Small helpers over JsonValue used by the loaders and checks: an iterative
// deep-equal (NaN equals NaN), an iterative scan for non-finite numbers, type
// names for messages and JSON-path building for "where" strings. No recursion:
// metrics can be nested hundreds of levels deep.
import type { JsonObject, JsonValue } from './types.ts';

export function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Name of a JSON value's type for messages: `string`, `number`, `array`, `object`, `null`, ... */
export function jsonTypeName(v: JsonValue | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return typeof v;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `base.key`, or `base["odd key"]` when the key is not identifier-like. */
export function joinKey(base: string, key: string): string {
  if (IDENT.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

export function joinIndex(base: string, index: number): string {
  return `${base}[${index}]`;
}

/** Prefix + a relative place (`paths[0]` or `summary`), joined with a dot unless it starts with `[`. */
export function joinWhere(prefix: string, rest: string): string {
  if (prefix === '') return rest;
  if (rest === '') return prefix;
  return rest.startsWith('[') ? `${prefix}${rest}` : `${prefix}.${rest}`;
}

function sameNumber(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** Structural equality; object key order does not matter; NaN equals NaN. Iterative. */
export function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  const left: Array<JsonValue | undefined> = [a];
  const right: Array<JsonValue | undefined> = [b];
  while (left.length > 0) {
    const x = left.pop();
    const y = right.pop();
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') {
      if (sameNumber(x, y)) continue;
      return false;
    }
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || x.length !== y.length) return false;
      for (let k = 0; k < x.length; k++) {
        left.push(x[k]);
        right.push(y[k]);
      }
      continue;
    }
    if (Array.isArray(y)) return false;
    const xk = Object.keys(x);
    if (xk.length !== Object.keys(y).length) return false;
    for (const k of xk) {
      if (!Object.hasOwn(y, k)) return false;
      left.push(x[k]);
      right.push(y[k]);
    }
  }
  return true;
}

export interface NonFiniteScan {
  count: number;
  /** Place of the first non-finite number found, relative to the scanned value. */
  first: string | null;
}

/** Counts NaN/Infinity/-Infinity inside a value (iterative); `base` prefixes reported places. */
export function scanNonFinite(value: JsonValue, base: string, into: NonFiniteScan): void {
  if (typeof value !== 'object' || value === null) {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      into.count++;
      into.first ??= base;
    }
    return;
  }
  const values: JsonValue[] = [value];
  const places: string[] = [base];
  while (values.length > 0) {
    const v = values.pop()!;
    const place = places.pop()!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) {
        into.count++;
        into.first ??= place;
      }
    } else if (Array.isArray(v)) {
      // Push in reverse so the first reported place is the first in document order.
      for (let k = v.length - 1; k >= 0; k--) {
        const e = v[k]!;
        if (typeof e === 'object' || typeof e === 'number') {
          values.push(e);
          places.push(into.first === null ? joinIndex(place, k) : '');
        }
      }
    } else if (v !== null && typeof v === 'object') {
      const ks = Object.keys(v);
      for (let k = ks.length - 1; k >= 0; k--) {
        const key = ks[k]!;
        const e = v[key]!;
        if (typeof e === 'object' || typeof e === 'number') {
          values.push(e);
          places.push(into.first === null ? joinKey(place, key) : '');
        }
      }
    }
  }
}
