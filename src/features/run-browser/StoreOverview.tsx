// What the run browser says about the store it shows: its file name, engine,
// size and run count; each table of execution-history records with its rows
// (the runs' "Table" column says which one each came from); the problems met
// while listing (unreadable rows, corrupt pages), each naming table and row.
// With several stores open, which one to show; and "Close store".
import type { StoreInfo, StoreTable } from '../../model/store/storeTypes.ts';
import { useBrowserStore } from '../../store/browserStore.ts';
import { getStore, unregisterStore } from '../../store/storeRegistry.ts';
import type { StoreHandle } from '../../worker/storeClient.ts';
import { formatBytes } from '../loading/LoadProgressBar.tsx';
import { countOf, formatNumber } from '../shared-ui/format.ts';

const KIND: Record<StoreInfo['engine'], string> = {
  sqlite: 'SQLite store',
  duckdb: 'DuckDB store',
  postgres: 'PostgreSQL store',
  files: 'Loaded files',
};

/** A table of a database: its rows, how many are histories and step rows. */
function TableFacts({ table: t }: { table: StoreTable }) {
  return (
    <span className="store-table__rows">
      {countOf(t.rows, 'row')}: {formatNumber(t.historyRows)} {t.historyRows === 1 ? 'history' : 'histories'},{' '}
      {countOf(t.stepRows, 'step row')}
    </span>
  );
}

/** A file of a list of loaded runs: how many runs it gave, and how many were rebuilt from step records. */
function FileFacts({ table: t }: { table: StoreTable }) {
  return (
    <span className="store-table__rows">
      {countOf(t.rows, 'run')}
      {t.stepRows > 0 && ` (${formatNumber(t.stepRows)} from step records)`}
    </span>
  );
}

function StorePicker({ shownId }: { shownId: string }) {
  const storeIds = useBrowserStore((s) => s.storeIds);
  const showStore = useBrowserStore((s) => s.showStore);
  if (storeIds.length < 2) return null;
  return (
    <label className="field">
      <span className="field__label">Store</span>
      <select
        className="field__select"
        value={shownId}
        onChange={(e) => showStore(e.currentTarget.value)}
        aria-label="Store shown"
      >
        {storeIds.map((id, i) => (
          <option key={id} value={id}>
            {getStore(id)?.info.fileName ?? id} ({i + 1})
          </option>
        ))}
      </select>
    </label>
  );
}

export function StoreOverview({ store }: { store: StoreHandle }) {
  const removeStore = useBrowserStore((s) => s.removeStore);
  const info = store.info;
  const files = info.engine === 'files';
  const Facts = files ? FileFacts : TableFacts;
  const many = info.tables.length !== 1;
  return (
    <section className="box store-overview" aria-label={files ? 'Run list' : 'Store'}>
      <div className="store-overview__head">
        <div className="store-overview__title">
          <span className="store-overview__kind">{KIND[info.engine]}</span>
          <h2 className="store-overview__name">{info.fileName}</h2>
        </div>
        <span className="store-overview__facts">
          {countOf(info.runs, 'run')}
          {info.size > 0 && ` · ${formatBytes(info.size)}`}
        </span>
        <span className="store-overview__actions">
          <StorePicker shownId={store.id} />
          <button
            type="button"
            className="btn btn--small"
            title={
              files
                ? 'Close this list (its runs stay loaded)'
                : 'Close this store (runs opened from it stay loaded)'
            }
            onClick={() => {
              removeStore(store.id);
              unregisterStore(store.id);
            }}
          >
            {files ? 'Close list' : 'Close store'}
          </button>
        </span>
      </div>
      <div className="store-overview__body">
        <span className="store-overview__label">
          {files ? (many ? 'Files' : 'File') : many ? 'Tables' : 'Table'}
        </span>
        <ul className="store-tables">
          {info.tables.map((t) => (
            <li key={t.name} className="store-table">
              <span className="mono store-table__name">{t.name}</span> <Facts table={t} />
            </li>
          ))}
        </ul>
      </div>
      {info.problems.length > 0 && (
        <details className="store-problems" open={info.problems.length <= 3}>
          <summary>
            {countOf(info.problems.length, 'problem')} while listing: the runs that could be read are listed
          </summary>
          <ul className="warning-list">
            {info.problems.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: problems are fixed for the store and may repeat.
              <li key={i} className="warning">
                {p}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
