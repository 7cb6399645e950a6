// `summary --db URL`: a PostgreSQL store reported as `summary` reports a
// store file (storeSummary.ts): the same heading, each run named
// `host:port/database › table › id` and loaded with the explorer's loaders,
// the same sink, so the same facts, layout and exit codes. The runs are
// walked in the store's order a page at a time (never all in memory) and
// selected in SQL (--run ids, --since); each is loaded and reported before
// the next is read. Never throws: failures go to the sink, with messages
// that name the store, never the URL or a password.
import type { DbOptions } from '../args.ts';
import { describeLoadError } from '../readHistory.ts';
import { isReadFailure, type StoreSink, type StoreSummary, storeHeading } from '../storeSummary.ts';
import { PgStore } from './pgStore.ts';

export interface Since {
  readonly epoch: number;
  readonly text: string;
}

export async function summarizePgStore(
  db: DbOptions,
  wanted: ReadonlySet<string>,
  since: Since | undefined,
  sink: StoreSink,
): Promise<StoreSummary & { readonly label: string }> {
  const matched = new Set<string>();
  let store: PgStore;
  try {
    store = await PgStore.open(db);
  } catch (err) {
    sink.error(err instanceof Error ? err.message : String(err));
    return { opened: false, matched, label: 'the store' };
  }
  const label = store.info.fileName;
  try {
    const filter = since ? { since: since.epoch } : {};
    const ids = wanted.size > 0 ? [...wanted] : null;
    const by = [ids ? '--run' : null, since ? `--since ${since.text}` : null].filter(Boolean).join(' and ');
    const selected = by === '' ? store.info.runs : await store.selectedCount(filter, ids);
    sink.opened(
      store.info,
      storeHeading(label, store.info, by === '' ? null : selected, by),
      store.info.runs,
      selected,
    );
    for (const problem of store.info.problems) {
      if (isReadFailure(problem)) sink.error(`${label}: ${problem}`);
      else sink.note(`${label}: ${problem}`);
    }
    for await (const run of store.storeOrder(filter, ids)) {
      for (const id of [run.executionId, run.id]) if (id !== null && wanted.has(id)) matched.add(id);
      const result = await store.loadRun(run);
      if (!result.ok) {
        sink.error(describeLoadError(label, result.error));
        continue;
      }
      const name = store.runFileName(run);
      sink.run({ name, key: name, runs: result.runs });
    }
    return { opened: true, matched, label };
  } catch (err) {
    sink.error(err instanceof Error ? err.message : String(err));
    return { opened: true, matched, label };
  } finally {
    await store.close();
  }
}
