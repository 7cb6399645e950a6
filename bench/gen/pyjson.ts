// Writes values exactly as Python's json.dumps does (default separators, or
// indent=N), so generated files look byte-for-byte like the producer's.
// Floats are marked with PyFloat (Python writes 1.0, JS would write 1).
// Iterative (explicit stack), no recursion over nesting.

export class PyFloat {
  constructor(readonly value: number) {}
}

export type PyValue = null | boolean | number | string | PyFloat | PyValue[] | { [key: string]: PyValue };

/** Python's repr() of a float. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return 'Infinity';
  if (x === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const sign = exp < 0 ? '-' : '+';
    return `${mant}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  // Plain notation: JS agrees with Python here except for the trailing ".0".
  const s = String(x);
  return s.includes('.') ? s : `${s}.0`;
}

/** Python's json string encoding with ensure_ascii=True. */
export function pyString(s: string): string {
  const js = JSON.stringify(s);
  let ascii = true;
  for (let i = 0; i < js.length; i++) {
    if (js.charCodeAt(i) > 0x7e) {
      ascii = false;
      break;
    }
  }
  if (ascii) return js;
  let out = '';
  for (let i = 0; i < js.length; i++) {
    const c = js.charCodeAt(i);
    out += c > 0x7e ? `\\u${c.toString(16).padStart(4, '0')}` : js[i];
  }
  return out;
}

function scalar(v: PyValue): string | null {
  if (v === null) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : pyFloat(v);
  if (typeof v === 'string') return pyString(v);
  if (v instanceof PyFloat) return pyFloat(v.value);
  return null;
}

interface Frame {
  readonly close: string;
  readonly keys: string[] | null;
  readonly values: PyValue[];
  i: number;
  readonly level: number;
}

/**
 * json.dumps(value) (indent null) or json.dumps(value, indent=indent) for a
 * value whose first line sits at nesting `level` (the caller writes that line's
 * own indentation).
 */
export function pyDumps(value: PyValue, indent: number | null, level = 0): string {
  const first = scalar(value);
  if (first !== null) return first;
  const itemSep = indent === null ? ', ' : ',';
  let out = '';
  const stack: Frame[] = [];
  const open = (v: PyValue, lvl: number): void => {
    const s = scalar(v);
    if (s !== null) {
      out += s;
      return;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) {
        out += '[]';
        return;
      }
      out += '[';
      stack.push({ close: ']', keys: null, values: v, i: 0, level: lvl });
      return;
    }
    const obj = v as { [key: string]: PyValue };
    const keys = Object.keys(obj);
    if (keys.length === 0) {
      out += '{}';
      return;
    }
    out += '{';
    stack.push({ close: '}', keys, values: keys.map((k) => obj[k]!), i: 0, level: lvl });
  };
  open(value, level);
  while (stack.length > 0) {
    const f = stack[stack.length - 1]!;
    if (f.i === f.values.length) {
      stack.pop();
      if (indent !== null) out += `\n${' '.repeat(indent * f.level)}`;
      out += f.close;
      continue;
    }
    if (f.i > 0) out += itemSep;
    if (indent !== null) out += `\n${' '.repeat(indent * (f.level + 1))}`;
    if (f.keys !== null) out += `${pyString(f.keys[f.i]!)}: `;
    const v = f.values[f.i]!;
    f.i++;
    open(v, f.level + 1);
  }
  return out;
}
