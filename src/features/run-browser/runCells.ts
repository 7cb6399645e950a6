// What the run browser's cells say about a StoreRun, as plain text (React
// renders it as text; nothing from the database ever becomes markup): the
// kind of record, the metadata as "key=value" chips, the start time in UTC.
// Pure; the chips of a run are worked out once per row object.
import type { StoreRun } from '../../model/store/storeTypes.ts';
import { formatNumber } from '../shared-ui/format.ts';

/** "history", "history + 10 step rows", "steps only", "unreadable". */
export function kindText(run: StoreRun): string {
  switch (run.kind) {
    case 'history':
      return run.stepRows > 0
        ? `history + ${formatNumber(run.stepRows)} step ${run.stepRows === 1 ? 'row' : 'rows'}`
        : 'history';
    case 'steps':
      return 'steps only';
    case 'broken':
      return 'unreadable';
  }
}

/** The longer description for a title: compressed history, how many step rows, the problem. */
export function kindDetail(run: StoreRun): string {
  const where = `table ${run.table}, row ${run.rowId}`;
  switch (run.kind) {
    case 'history':
      return `a history row${run.compressed ? ' (compressed history_data)' : ''}${
        run.stepRows > 0 ? ` and ${formatNumber(run.stepRows)} step rows` : ''
      } (${where})`;
    case 'steps':
      return `no history row: assembled from ${formatNumber(run.stepRows)} step rows (first at ${where})`;
    case 'broken':
      return run.problem ?? `cannot be read (${where})`;
  }
}

const chipCache = new WeakMap<StoreRun, readonly string[]>();

function scalarText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The metadata's scalar values as "key=value" (dotted keys for nested objects), in stored order. */
export function metadataChips(run: StoreRun): readonly string[] {
  const hit = chipCache.get(run);
  if (hit) return hit;
  const chips: string[] = [];
  if (run.metadata !== null) {
    let root: unknown;
    try {
      root = JSON.parse(run.metadata);
    } catch {
      root = undefined;
      chips.push(run.metadata);
    }
    // Iterative walk (metadata nests without limit); children kept in order.
    const stack: Array<[unknown, string]> = root === undefined ? [] : [[root, '']];
    while (stack.length > 0) {
      const [v, path] = stack.pop()!;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const entries = Object.entries(v as Record<string, unknown>);
        for (let i = entries.length - 1; i >= 0; i--) {
          const [k, child] = entries[i]!;
          stack.push([child, path ? `${path}.${k}` : k]);
        }
      } else if (path !== '') {
        chips.push(`${path}=${Array.isArray(v) ? JSON.stringify(v) : scalarText(v)}`);
      }
    }
  }
  chipCache.set(run, chips);
  return chips;
}

const UTC_SECONDS = (t: number) => new Date(t * 1000).toISOString().replace('T', ' ').slice(0, 19);

/** "2025-09-20 20:26:45" (UTC, to the second); '—' when not recorded. */
export function startText(epochSeconds: number | null): string {
  if (epochSeconds === null || !Number.isFinite(epochSeconds)) return '—';
  return UTC_SECONDS(epochSeconds);
}
