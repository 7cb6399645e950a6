// Reads the small fields of a record row from the first bytes of its `data`
// JSON, without parsing the rest (a history row's history_data is the whole
// run). UnifiedDatabaseStorage writes the summary fields before
// history_data, and a step row's step_id, timestamp, end_time and data_mode
// before its metrics, so they are all in the first few hundred characters.
// Anything this scanner is not sure of (a key order it does not expect, an
// escape it would have to decode, a prefix that ends too early) returns
// null, and the caller asks SQLite's json_extract instead: the answer is the
// same either way, only slower. Pure.

export interface RowFields {
  /** Which of history_data / step_data the row has, and that value's JSON type. */
  readonly kind: 'history' | 'step' | null;
  readonly executionId: string | null;
  readonly fsmName: string | null;
  readonly status: string | null;
  readonly dataMode: string | null;
  readonly startTime: number | null;
  readonly endTime: number | null;
  readonly totalSteps: number | null;
  readonly failedSteps: number | null;
  readonly skippedSteps: number | null;
  readonly compressed: boolean;
  readonly stepId: string | null;
  readonly stepTimestamp: number | null;
  readonly stepEndTime: number | null;
  readonly stepDataMode: string | null;
  /** Where history_data's / step_data's value starts in the text (its `{`), when it is an object. */
  readonly valueAt: number | null;
}

type Scalar = string | number | boolean | null;

const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function digitsEnd(s: string, from: number): number {
  let k = from;
  while (k < s.length && s.charCodeAt(k) >= 0x30 && s.charCodeAt(k) <= 0x39) k++;
  return k;
}

class Cursor {
  i = 0;
  constructor(readonly s: string) {}
  ws(): void {
    while (this.i < this.s.length && isWs(this.s.charCodeAt(this.i))) this.i++;
  }
  peek(): string {
    return this.s[this.i] ?? '';
  }
  eat(ch: string): boolean {
    this.ws();
    if (this.s[this.i] !== ch) return false;
    this.i++;
    return true;
  }
  /** A string without escapes (an escaped one is left to SQLite). */
  str(): string | null {
    this.ws();
    if (this.s[this.i] !== '"') return null;
    const end = this.s.indexOf('"', this.i + 1);
    if (end < 0) return null;
    for (let k = this.i + 1; k < end; k++) {
      const ch = this.s.charCodeAt(k);
      if (ch === 0x5c || ch < 0x20) return null;
    }
    const body = this.s.slice(this.i + 1, end);
    this.i = end + 1;
    return body;
  }
  /** A scalar value; undefined when it is an object/array (not consumed) or cannot be read here. */
  scalar(): Scalar | undefined {
    this.ws();
    const c = this.peek();
    if (c === '"') {
      const v = this.str();
      return v === null ? undefined : v;
    }
    if (c === 'n' || c === 't' || c === 'f') {
      const word = c === 'n' ? 'null' : c === 't' ? 'true' : 'false';
      if (!this.s.startsWith(word, this.i)) return undefined;
      this.i += word.length;
      return c === 'n' ? null : c === 't';
    }
    const end = this.numberEnd(this.i);
    // No number here, or one cut by the end of the prefix (it could be longer): not sure of it.
    if (end <= this.i || end >= this.s.length) return undefined;
    const v = Number(this.s.slice(this.i, end));
    this.i = end;
    return v;
  }
  /** End of a JSON number starting at `at` (at itself when there is none). */
  private numberEnd(at: number): number {
    const s = this.s;
    let i = at;
    if (s.charCodeAt(i) === 0x2d) i++;
    const intEnd = digitsEnd(s, i);
    if (intEnd === i || (s.charCodeAt(i) === 0x30 && intEnd > i + 1)) return at;
    i = intEnd;
    if (s.charCodeAt(i) === 0x2e) {
      const fracEnd = digitsEnd(s, i + 1);
      if (fracEnd === i + 1) return at;
      i = fracEnd;
    }
    if (s.charCodeAt(i) === 0x65 || s.charCodeAt(i) === 0x45) {
      let k = i + 1;
      if (s.charCodeAt(k) === 0x2b || s.charCodeAt(k) === 0x2d) k++;
      const expEnd = digitsEnd(s, k);
      if (expEnd === k) return at;
      i = expEnd;
    }
    return i;
  }
}

const num = (v: Scalar | undefined): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;
const txt = (v: Scalar | undefined): string | null => (typeof v === 'string' ? v : null);

/**
 * Reads the members of one object up to its first object/array member; returns
 * them and the name of that member (null when the object ended), or null
 * when the text is not what the producer writes.
 */
function members(c: Cursor, out: Map<string, Scalar>): { nested: string | null } | null {
  if (!c.eat('{')) return null;
  if (c.eat('}')) return { nested: null };
  for (;;) {
    const key = c.str();
    if (key === null || !c.eat(':')) return null;
    c.ws();
    const p = c.peek();
    if (p === '{' || p === '[') return { nested: key };
    const v = c.scalar();
    if (v === undefined) return null;
    // A repeated key: SQLite takes the first, and so would this; keep it simple and let SQLite answer.
    if (out.has(key)) return null;
    out.set(key, v);
    if (c.eat(',')) continue;
    if (c.eat('}')) return { nested: null };
    return null;
  }
}

const HISTORY_TOP = [
  'execution_id',
  'fsm_name',
  'status',
  'data_mode',
  'start_time',
  'end_time',
  'total_steps',
  'failed_steps',
  'skipped_steps',
];
const STEP_TOP = ['execution_id', 'status'];
const STEP_INNER = ['step_id', 'timestamp', 'end_time', 'data_mode'];
/** The first member of a plain to_dict() history; the compressed wrapper starts with "compressed". */
const PLAIN_HISTORY_KEYS = new Set(['summary', 'paths', 'mode_storage']);

/** The row's small fields from a prefix of its `data`, or null to ask SQLite. */
export function readRowPrefix(prefix: string): RowFields | null {
  const c = new Cursor(prefix);
  const top = new Map<string, Scalar>();
  const first = members(c, top);
  // members() stops with the cursor on the nested value's first character.
  const valueAt = first !== null && first.nested !== null ? c.i : null;
  if (first === null) return null;
  const whole = first.nested === null;
  let kind: RowFields['kind'] = null;
  const inner = new Map<string, Scalar>();
  if (first.nested === 'history_data' || first.nested === 'step_data') {
    c.ws();
    if (c.peek() === '[') return null;
    kind = first.nested === 'history_data' ? 'history' : 'step';
    if (kind === 'history') {
      // Only its first member matters: "compressed" (the wrapper) or a to_dict() part (plain).
      if (!c.eat('{')) return null;
      const key = c.str();
      if (key === null || !c.eat(':')) return null;
      c.ws();
      if (key === 'compressed') {
        const v = c.scalar();
        if (v === undefined) return null;
        inner.set(key, v);
      } else if (!(PLAIN_HISTORY_KEYS.has(key) && (c.peek() === '{' || c.peek() === '['))) {
        return null;
      }
    } else if (members(c, inner) === null) {
      return null;
    }
  } else if (!whole) {
    // Another nested member first: history_data / step_data may still follow.
    return null;
  } else if (typeof top.get('history_data') === 'string') {
    kind = 'history';
  } else if (typeof top.get('step_data') === 'string') {
    // A step_data kept as a JSON string: its fields are inside the string.
    return null;
  }
  const need = kind === 'step' ? STEP_TOP : kind === 'history' ? HISTORY_TOP : [];
  if (!whole && need.some((k) => !top.has(k))) return null;
  if (kind === 'step' && STEP_INNER.some((k) => !inner.has(k))) return null;
  return {
    kind,
    executionId: txt(top.get('execution_id')),
    fsmName: txt(top.get('fsm_name')),
    status: txt(top.get('status')),
    dataMode: txt(top.get('data_mode')),
    startTime: num(top.get('start_time')),
    endTime: num(top.get('end_time')),
    totalSteps: num(top.get('total_steps')),
    failedSteps: num(top.get('failed_steps')),
    skippedSteps: num(top.get('skipped_steps')),
    compressed: kind === 'history' && inner.get('compressed') === true,
    stepId: kind === 'step' ? txt(inner.get('step_id')) : null,
    stepTimestamp: kind === 'step' ? num(inner.get('timestamp')) : null,
    stepEndTime: kind === 'step' ? num(inner.get('end_time')) : null,
    stepDataMode: kind === 'step' ? txt(inner.get('data_mode')) : null,
    valueAt: kind !== null ? valueAt : null,
  };
}
