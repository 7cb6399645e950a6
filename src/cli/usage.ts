// The help text and the package version for --help / --version.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './paths.ts';

export const USAGE = `Usage:
  fsm-history-explorer summary FILE... [--json] [--run ID]...
      Print a summary of every run in each history file (plain JSON, compressed
      wrapper, history record or FileStorage database, optionally gzipped), or
      in each SQLite or DuckDB store (UnifiedDatabaseStorage; read-only).
      --json          one JSON document keyed by file name (a store's runs:
                      one key each, "store.db › table › id")
      --run ID        only the run with this execution id (or store row id);
                      repeatable
  fsm-history-explorer summary --db URL [--schema S] [--table T] [--since DATE]
                       [--statement-timeout D] [--json] [--run ID]...
      The same for a PostgreSQL store (postgres://USER@HOST:PORT/DB), read-only;
      the password from the URL, PGPASSWORD or ~/.pgpass.
      --schema S      the schema of its tables (default public)
      --table T       only this table (default: every table of the record shape)
      --since DATE    only runs started on or after DATE (YYYY-MM-DD, UTC, or an
                      ISO time with its zone)
      --statement-timeout D  the longest any query may take (default 5s; ms,
                      s or min)
  fsm-history-explorer diff A B [--json] [--run-a ID] [--run-b ID]
      Compare run B with run A (e.g. a failing run with a good one): steps
      matched by their path of state names, then steps only in A or B, status,
      duration and arc changes (new failures first), states and resources.
      --json          the whole comparison as one JSON document
      --run-a ID      which run of A (execution id) when A holds several;
      --run-b ID      the same for B
      Exit 1 when B has failures that A does not, 0 when not, 2 when a file
      cannot be read, a run cannot be chosen, or the command line is wrong.
  fsm-history-explorer [open] [FILE...] [--port N] [--no-open] [--dist DIR]
      Serve the explorer on 127.0.0.1 with the given files loaded, and open the
      browser. Without files it opens the built-in samples. Ctrl-C stops it.
      --port N        port to listen on (default: a free port)
      --no-open       do not open a browser, just print the address
      --dist DIR      serve the built app from DIR instead of the package's dist/
  fsm-history-explorer serve --db URL [--schema S] [--table T]
                       [--statement-timeout D] [--port N] [--no-open] [--dist DIR]
      Serve the explorer on 127.0.0.1 with the run browser on a PostgreSQL
      store: the database lists, filters and pages the runs, the page gets one
      page of runs and one run when asked (never the URL or the password).
  fsm-history-explorer --help | --version

Exit codes of summary and open: 0 ok, 1 usage error, 2 a file or a store's run
could not be read, a --run ID matched no run, or the server failed (diff: above).
`;

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
