// The run browser's query over runs already in memory (the runs of loaded
// files: a FileStorage JSON database, many dropped files), with exactly the
// meaning runQuerySql.ts gives it in SQL for a store: the same filters, the
// same sort (nulls last, then key). A test runs both on the same runs and
// expects the same answers. Pure.
import { isObject } from '../jsonUtil.ts';
import type { JsonValue, Run } from '../types.ts';
import { metadataPath, QueryError } from './runQuerySql.ts';
import type { RunPage, RunQuery, SortColumn, StoreFacets, StoreRun, ValueCount } from './storeTypes.ts';

/** A loaded run as a run-browser row (key = its position in the list given). */
export function storeRunOfRun(run: Run, key: number): StoreRun {
  const failed = run.counts.statusCounts.failed ?? 0;
  const skipped = run.counts.statusCounts.skipped ?? 0;
  return {
    key,
    kind: run.form === 'store-steps' ? 'steps' : 'history',
    table: run.fileName,
    rowId: run.indexInFile,
    id: run.id,
    executionId: run.executionId,
    fsmName: run.fsmName,
    status: run.open ? 'in_progress' : 'completed',
    dataMode: run.dataMode,
    startTime: run.startTime,
    endTime: run.endTime,
    duration: run.startTime !== null && run.endTime !== null ? run.endTime - run.startTime : null,
    steps: run.counts.uniqueSteps,
    failed,
    skipped,
    stepRows: 0,
    compressed: run.form === 'compressed-wrapper',
    metadata: run.metadata,
    problem: null,
  };
}

function metadataValue(metadata: string | null, key: string): string | null {
  if (metadata === null) return null;
  let v: JsonValue;
  try {
    v = JSON.parse(metadata) as JsonValue;
  } catch {
    return null;
  }
  for (const part of key.split('.')) {
    if (!isObject(v) || !(part in v)) return null;
    v = v[part] as JsonValue;
  }
  if (v === null || isObject(v) || Array.isArray(v)) return null;
  return String(v);
}

function matches(r: StoreRun, q: RunQuery): boolean {
  if (q.fsm && r.fsmName !== q.fsm) return false;
  if (q.status && r.status !== q.status) return false;
  if (q.failures === 'with' && !((r.failed ?? 0) > 0)) return false;
  if (q.failures === 'without' && (r.failed ?? 0) !== 0) return false;
  if (
    typeof q.since === 'number' &&
    Number.isFinite(q.since) &&
    !(r.startTime !== null && r.startTime >= q.since)
  ) {
    return false;
  }
  if (
    typeof q.until === 'number' &&
    Number.isFinite(q.until) &&
    !(r.startTime !== null && r.startTime <= q.until)
  ) {
    return false;
  }
  for (const c of q.metadata ?? []) {
    const key = c.key.trim();
    if (key === '') continue;
    if (metadataPath(key) === null)
      throw new QueryError(`metadata key ${JSON.stringify(c.key)} is not a dotted key`);
    if (metadataValue(r.metadata, key) !== c.value) return false;
  }
  const text = q.text?.trim().toLowerCase();
  if (text && !r.id.toLowerCase().includes(text) && !(r.executionId ?? '').toLowerCase().includes(text)) {
    return false;
  }
  return true;
}

const FIELD: Record<SortColumn, (r: StoreRun) => string | number | null> = {
  start_time: (r) => r.startTime,
  end_time: (r) => r.endTime,
  duration: (r) => r.duration,
  fsm_name: (r) => r.fsmName,
  execution_id: (r) => r.executionId,
  status: (r) => r.status,
  steps: (r) => r.steps,
  failed: (r) => r.failed,
  skipped: (r) => r.skipped,
  kind: (r) => r.kind,
  table_name: (r) => r.table,
};

/** SQLite's order: numbers before text, text by code unit (BINARY collation). */
function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function queryRunList(rows: readonly StoreRun[], q: RunQuery, offset: number, limit: number): RunPage {
  const field = FIELD[q.sort] ?? FIELD.start_time;
  const sign = q.desc ? -1 : 1;
  const hits = rows.filter((r) => matches(r, q));
  hits.sort((x, y) => {
    const a = field(x);
    const b = field(y);
    if (a === null || b === null) {
      if (a !== b) return a === null ? 1 : -1;
    } else {
      const c = compareValues(a, b);
      if (c !== 0) return sign * c;
    }
    return sign * (x.key - y.key);
  });
  const from = Math.max(0, Math.floor(offset));
  return { total: hits.length, offset, rows: hits.slice(from, from + Math.max(0, Math.floor(limit))) };
}

function countBy(values: ReadonlyArray<string | null>): ValueCount[] {
  const m = new Map<string, number>();
  for (const v of values) if (v !== null) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
}

function scalarKeys(metadata: string | null): string[] {
  if (metadata === null) return [];
  let root: JsonValue;
  try {
    root = JSON.parse(metadata) as JsonValue;
  } catch {
    return [];
  }
  const out: string[] = [];
  const stack: Array<[JsonValue, string]> = [[root, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (isObject(v))
      for (const k of Object.keys(v)) stack.push([v[k] as JsonValue, path ? `${path}.${k}` : k]);
    else if (!Array.isArray(v) && path !== '') out.push(path);
  }
  return out;
}

export function runListFacets(rows: readonly StoreRun[]): StoreFacets {
  return {
    fsmNames: countBy(rows.map((r) => r.fsmName)),
    statuses: countBy(rows.map((r) => r.status)),
    metadataKeys: countBy(rows.flatMap((r) => [...new Set(scalarKeys(r.metadata))])),
  };
}
