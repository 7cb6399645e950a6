// `fsm-history-explorer summary FILE... [--json] [--run ID...]`: loads each
// file in turn and prints its runs (text as each file is done, or one JSON
// document at the end). A file that starts as an SQLite or DuckDB database is
// read as a store (storeSummary.ts): each of its runs is reported like a file
// of its own, named `store.db › table › id`. A file or run that cannot be
// read is reported on stderr; the others still are. Exit 2 then. With --run,
// only runs whose execution id (or, in a store, id column) is given are
// reported; an id that matches no run is an error. With --db URL, a
// PostgreSQL store is reported the same way (pg/pgSummary.ts, loaded only then).
import type { DbOptions } from './args.ts';
import type { Since } from './pg/pgSummary.ts';
import { describeLoadError, readHistory } from './readHistory.ts';
import { type StoreSink, storeKind, summarizeStore } from './storeSummary.ts';
import { type LoadedFile, summaryJson } from './summaryJson.ts';
import { clean, fileText } from './summaryText.ts';

/** Names that suggest a database; only used to explain an error, never to decide how a file is read. */
const DATABASE_NAME = /\.(db|sqlite|sqlite3|db3|duckdb|ddb)$/i;

function notAStoreNote(path: string): string {
  return DATABASE_NAME.test(path)
    ? " (it is not an SQLite or DuckDB database: it does not start with either's file header, so it was read as a history file)"
    : '';
}

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export async function summaryCommand(
  files: readonly string[],
  json: boolean,
  io: Output,
  runIds: readonly string[] = [],
  db?: { readonly store: DbOptions; readonly since?: Since | undefined },
): Promise<number> {
  const wanted = new Set(runIds);
  let where = files.length === 1 ? clean(files[0] as string) : 'any of the files';
  const matched = new Set<string>();
  const loaded: LoadedFile[] = [];
  let failures = 0;
  let printed = 0;
  const print = (text: string): void => {
    io.out(`${printed > 0 ? '\n' : ''}${text}`);
    printed++;
  };
  const error = (message: string): void => {
    failures++;
    io.err(`fsm-history-explorer: ${message}\n`);
  };
  const storeSink: StoreSink = {
    opened(info, heading, _listed, selected) {
      if (wanted.size > 0 && selected === 0) return;
      if (json) {
        // A file store is keyed by its base name; a server's store by its name (host:port/database).
        if (selected === 0)
          loaded.push({
            path: info.fileName,
            ...(info.engine === 'postgres' ? { key: info.fileName } : {}),
            runs: [],
          });
      } else print(`${heading}\n`);
    },
    run(entry) {
      if (json) loaded.push({ path: entry.name, key: entry.key, runs: entry.runs });
      else print(fileText(entry.name, entry.runs));
    },
    error,
    note(message) {
      io.err(`fsm-history-explorer: warning: ${message}\n`);
    },
  };
  if (db) {
    const { summarizePgStore } = await import('./pg/pgSummary.ts');
    const done = await summarizePgStore(db.store, wanted, db.since, storeSink);
    for (const id of done.matched) matched.add(id);
    where = clean(done.label);
  }
  for (const path of files) {
    const kind = storeKind(path);
    if (kind !== null) {
      const done = await summarizeStore(path, kind, wanted, storeSink);
      for (const id of done.matched) matched.add(id);
      continue;
    }
    const result = await readHistory(path);
    if (!result.ok) {
      error(
        `${describeLoadError(path, result.error)}${result.error.kind === 'io' ? '' : notAStoreNote(path)}`,
      );
      continue;
    }
    let runs = result.runs;
    if (wanted.size > 0) {
      runs = runs.filter((run) => wanted.has(run.executionId));
      for (const run of runs) matched.add(run.executionId);
      if (runs.length === 0) continue;
    }
    if (json) loaded.push({ path, runs });
    else print(fileText(path, runs));
  }
  for (const id of wanted) {
    if (!matched.has(id)) {
      error(`--run ${clean(id)}: no run with this execution id (or row id) in ${where}`);
    }
  }
  if (json) io.out(summaryJson(loaded));
  return failures > 0 ? 2 : 0;
}
