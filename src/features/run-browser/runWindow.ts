// The run browser's rows for one query of one store, fetched in pages of
// PAGE_SIZE as the list scrolls to them and kept (a store is read-only, so a
// page once fetched stays right). A new query gets a new RunWindow, so an
// answer to an older query can only land in its own window and never shows
// in the list. The last few windows of each store are kept, so going back to
// a query (or coming back to the browser) shows its rows at once. Filtering
// and sorting are the store's work (SQL in its worker, or a server's); this
// only pages. A server's store counts apart (RunPage.counted): the rows show
// at once, with the runs known so far as the total until the count comes.
import type { RunPage, RunQuery, StoreRun } from '../../model/store/storeTypes.ts';
import { queryKey } from '../../store/browserState.ts';

export const PAGE_SIZE = 200;
const KEPT_WINDOWS = 6;

export type FetchPage = (offset: number, limit: number) => Promise<RunPage>;

export class RunWindow {
  /** Runs matching the query; null until the first page arrives. */
  total: number | null = null;
  /** True while the store is still counting (total is then the runs known so far). */
  counting = false;
  private countAsked = false;
  /** Why a page could not be fetched (the store's message), or null. */
  error: string | null = null;
  /** Bumped on every change, for useSyncExternalStore. */
  version = 0;
  private readonly pages = new Map<number, readonly StoreRun[]>();
  private readonly asked = new Set<number>();
  private readonly positions = new Map<number, number>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly fetchPage: FetchPage,
    /** Every run seen by this store's windows, by key (shared between them). */
    private readonly known: Map<number, StoreRun> = new Map(),
    readonly pageSize = PAGE_SIZE,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** The run at a position in the list, if its page is here. */
  rowAt(position: number): StoreRun | undefined {
    return this.pages.get(Math.floor(position / this.pageSize))?.[position % this.pageSize];
  }

  /** Where a run (by key) is in the list, if its page is here. */
  positionOf(key: number): number | undefined {
    return this.positions.get(key);
  }

  /** True once every page covering from..to has been asked for. */
  hasAsked(from: number, to: number): boolean {
    for (let p = Math.floor(Math.max(0, from) / this.pageSize); p <= Math.floor(to / this.pageSize); p++) {
      if (!this.asked.has(p)) return false;
    }
    return true;
  }

  /**
   * Asks for the pages covering positions from..to (inclusive) that are
   * neither here nor on their way. A page that failed is not asked again.
   */
  ensure(from: number, to: number): void {
    const last = this.total === null ? Math.max(0, from) : Math.min(to, this.total - 1);
    const first = Math.max(0, from);
    if (last < first) return;
    for (let p = Math.floor(first / this.pageSize); p <= Math.floor(last / this.pageSize); p++) {
      if (this.asked.has(p)) continue;
      this.asked.add(p);
      void this.load(p);
    }
  }

  private changed(): void {
    this.version++;
    for (const l of [...this.listeners]) l();
  }

  /** A store that counts apart: the runs known so far until the count comes (waited for once per window). */
  private awaitCount(counted: Promise<number>, known: number): void {
    if (this.countAsked && !this.counting) return;
    this.total = Math.max(this.total ?? 0, known);
    if (this.countAsked) return;
    this.countAsked = true;
    this.counting = true;
    counted.then(
      (n) => {
        this.total = n;
        this.counting = false;
        this.changed();
      },
      (err: unknown) => {
        this.error = err instanceof Error ? err.message : String(err);
        this.counting = false;
        this.changed();
      },
    );
  }

  private async load(page: number): Promise<void> {
    try {
      const answer = await this.fetchPage(page * this.pageSize, this.pageSize);
      this.pages.set(page, answer.rows);
      answer.rows.forEach((r, i) => {
        this.positions.set(r.key, page * this.pageSize + i);
        this.known.set(r.key, r);
      });
      if (answer.counted) this.awaitCount(answer.counted, page * this.pageSize + answer.rows.length);
      else this.total = answer.total;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      if (this.total === null) this.total = 0;
    }
    this.changed();
  }
}

interface SourceWindows {
  readonly windows: Map<string, RunWindow>;
  readonly known: Map<number, StoreRun>;
}

const sources = new WeakMap<object, SourceWindows>();

function windowsOf(source: object): SourceWindows {
  let s = sources.get(source);
  if (!s) {
    s = { windows: new Map(), known: new Map() };
    sources.set(source, s);
  }
  return s;
}

/** A run of `source` listed by any of its windows so far (to open a selection made under another sort). */
export function knownRun(source: object, key: number): StoreRun | undefined {
  return sources.get(source)?.known.get(key);
}

/** The window of `query` on `source` (kept from before, or new); `source` is the store handle. */
export function runWindowFor(source: object, query: RunQuery, fetchPage: FetchPage): RunWindow {
  const { windows: kept, known } = windowsOf(source);
  const key = queryKey(query);
  const hit = kept.get(key);
  if (hit && hit.error === null) {
    // Most recently used last.
    kept.delete(key);
    kept.set(key, hit);
    return hit;
  }
  const fresh = new RunWindow(fetchPage, known);
  kept.delete(key);
  kept.set(key, fresh);
  while (kept.size > KEPT_WINDOWS) {
    const oldest = kept.keys().next().value;
    if (oldest === undefined) break;
    kept.delete(oldest);
  }
  return fresh;
}
