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
  fsm-history-explorer [open] [FILE...] [--port N] [--no-open] [--dist DIR]
      Serve the explorer on 127.0.0.1 with the given files loaded, and open the
      browser. Without files it opens the built-in samples. Ctrl-C stops it.
      --port N        port to listen on (default: a free port)
      --no-open       do not open a browser, just print the address
      --dist DIR      serve the built app from DIR instead of the package's dist/
  fsm-history-explorer --help | --version

Exit codes: 0 ok, 1 usage error, 2 a file or a store's run could not be read, a
--run ID matched no run, or the server failed.
`;

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
