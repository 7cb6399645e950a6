// Which steps of a run match the user's filters. A step is kept when it
// matches or is an ancestor of a match (so the tree stays connected).
// Iterative over the typed-array tree links: no recursion.
import type { Run } from './types.ts';

export interface StepFilter {
  /** Case-insensitive substring of the state name; '' matches all. */
  readonly stateQuery: string;
  readonly dataModes: readonly string[];
  readonly statuses: readonly string[];
  readonly networks: readonly string[];
}

export interface FilterResult {
  /** 1 where the step itself matches. */
  readonly matches: Uint8Array;
  /** 1 where the step matches or has a matching descendant. */
  readonly keep: Uint8Array;
  readonly matchCount: number;
  readonly total: number;
  /** False when no filter is set (everything matches). */
  readonly active: boolean;
}

export function isFilterActive(f: StepFilter): boolean {
  return (
    f.stateQuery.trim() !== '' || f.dataModes.length > 0 || f.statuses.length > 0 || f.networks.length > 0
  );
}

export function filterSteps(run: Run, f: StepFilter): FilterResult {
  const n = run.steps.length;
  const matches = new Uint8Array(n);
  const keep = new Uint8Array(n);
  const active = isFilterActive(f);
  if (!active) {
    matches.fill(1);
    keep.fill(1);
    return { matches, keep, matchCount: n, total: n, active };
  }
  const query = f.stateQuery.trim().toLowerCase();
  const modes = new Set(f.dataModes);
  const statuses = new Set(f.statuses);
  const networks = new Set(f.networks);
  // Names repeat a lot: test each distinct state name once.
  const nameHit = new Map<string, boolean>();
  let matchCount = 0;
  const parent = run.tree.parent;
  for (let i = 0; i < n; i++) {
    const s = run.steps[i]!;
    let hit = nameHit.get(s.stateName);
    if (hit === undefined) {
      hit = query === '' || s.stateName.toLowerCase().includes(query);
      nameHit.set(s.stateName, hit);
    }
    if (!hit) continue;
    if (modes.size > 0 && !modes.has(s.dataMode)) continue;
    if (statuses.size > 0 && !statuses.has(s.status)) continue;
    if (networks.size > 0 && !networks.has(s.networkName)) continue;
    matches[i] = 1;
    matchCount++;
    // Mark ancestors until one is already kept.
    let a = i;
    while (a >= 0 && keep[a] === 0) {
      keep[a] = 1;
      a = parent[a] ?? -1;
    }
  }
  return { matches, keep, matchCount, total: n, active };
}

export interface FieldCounts {
  readonly stateName: Array<{ value: string; count: number }>;
  readonly dataMode: Array<{ value: string; count: number }>;
  readonly status: Array<{ value: string; count: number }>;
  readonly networkName: Array<{ value: string; count: number }>;
}

/**
 * Distinct values of the four filterable step fields with their counts, most
 * frequent first, in one pass over the steps. Neighbouring steps mostly share
 * their values, so each field keeps counting its last value until it changes.
 */
export function fieldValueCounts(run: Run): FieldCounts {
  const states = new Counter();
  const modes = new Counter();
  const statuses = new Counter();
  const networks = new Counter();
  const steps = run.steps;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    states.add(s.stateName);
    modes.add(s.dataMode);
    statuses.add(s.status);
    networks.add(s.networkName);
  }
  return {
    stateName: states.sorted(),
    dataMode: modes.sorted(),
    status: statuses.sorted(),
    networkName: networks.sorted(),
  };
}

class Counter {
  private readonly counts = new Map<string, number>();
  private last: string | null = null;
  private run = 0;

  add(value: string): void {
    if (value === this.last) {
      this.run++;
      return;
    }
    this.flush();
    this.last = value;
    this.run = 1;
  }

  sorted(): Array<{ value: string; count: number }> {
    this.flush();
    return [...this.counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }

  private flush(): void {
    if (this.last !== null) this.counts.set(this.last, (this.counts.get(this.last) ?? 0) + this.run);
    this.last = null;
    this.run = 0;
  }
}
