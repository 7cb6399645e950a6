// Command-line parsing for fsm-history-explorer: turns argv into one Command.
// Small hand-written parser (node's parseArgs in Node 20 has no --no-x form).
// A PostgreSQL store (--db URL) has its names and timeout checked here,
// before anything connects.
import { identifierProblem, timeoutProblem } from '../model/store/pgIdent.ts';

/** A PostgreSQL store to read: --db URL [--schema S] [--table T] [--statement-timeout D]. */
export interface DbOptions {
  readonly url: string;
  readonly schema: string;
  /** null: every table of the record shape in the schema. */
  readonly table: string | null;
  readonly statementTimeout: string;
}

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | {
      readonly kind: 'summary';
      readonly files: readonly string[];
      readonly json: boolean;
      /** --run ID (repeatable): report only the runs with these execution ids (or store row ids). */
      readonly runs: readonly string[];
      /** --db: a PostgreSQL store instead of files. */
      readonly db?: DbOptions;
      /** --since DATE (with --db): only runs started then or later, epoch seconds, and the text given. */
      readonly since?: { readonly epoch: number; readonly text: string };
    }
  | {
      readonly kind: 'open';
      readonly files: readonly string[];
      /** 0 picks a free port. */
      readonly port: number;
      /** Open the user's browser (false with --no-open). */
      readonly openBrowser: boolean;
      /** Folder of the built app; null means the package's dist/. */
      readonly dist: string | null;
      /** --db (`serve --db URL`): serve the run browser on a PostgreSQL store instead of files. */
      readonly db?: DbOptions;
    }
  | {
      readonly kind: 'diff';
      /** The two history files: A (the reference, e.g. a good run) and B. */
      readonly a: string;
      readonly b: string;
      readonly json: boolean;
      /** --run-a ID / --run-b ID: which run of a file holding several (execution id). */
      readonly runA: string | null;
      readonly runB: string | null;
    }
  | {
      readonly kind: 'usage-error';
      readonly message: string;
      /** The command the mistake was made in (diff exits 2 on it, to keep 1 for new failures). */
      readonly command?: 'diff';
    };

const SUMMARY_ONLY = new Set(['--json', '--run', '--since']);
const OPEN_ONLY = new Set(['--port', '--no-open', '--dist']);
const DIFF_ONLY = new Set(['--json', '--run-a', '--run-b']);
/** Options of a PostgreSQL store, given with --db. */
const DB_ONLY = ['--table', '--schema', '--statement-timeout', '--since'];
const WITH_VALUE = new Set(['--port', '--dist', '--run', '--run-a', '--run-b', '--db', ...DB_ONLY]);
/** Options that may be given more than once, each value kept. */
const REPEATABLE = new Set(['--run']);
const KNOWN = new Set([
  '--json',
  '--run',
  '--run-a',
  '--run-b',
  '--port',
  '--no-open',
  '--dist',
  '--db',
  ...DB_ONLY,
  '--help',
  '-h',
  '--version',
  '-v',
  '-V',
]);

export function parseArgs(argv: readonly string[]): Command {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  const repeated = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!KNOWN.has(name)) return usageError(`unknown option ${name}`);
    if (WITH_VALUE.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') return usageError(`option ${name} needs a value`);
      options.set(name, value);
      if (REPEATABLE.has(name)) repeated.set(name, [...(repeated.get(name) ?? []), value]);
    } else {
      if (eq > 0) return usageError(`option ${name} takes no value`);
      options.set(name, true);
    }
  }

  if (options.has('--help') || options.has('-h')) return { kind: 'help' };
  if (options.has('--version') || options.has('-v') || options.has('-V')) return { kind: 'version' };

  const first = positionals[0];
  if (first === 'diff') return diffCommand(positionals.slice(1), options);
  const kind = first === 'summary' ? 'summary' : 'open';
  const diffOption = [...options.keys()].find((o) => o === '--run-a' || o === '--run-b');
  if (diffOption) return usageError(`option ${diffOption} is only for the diff command`);
  const files =
    first === 'summary' || first === 'open' || first === 'serve' ? positionals.slice(1) : positionals;
  const misplaced = [...options.keys()].find((o) => (kind === 'summary' ? OPEN_ONLY : SUMMARY_ONLY).has(o));
  if (misplaced) {
    return usageError(
      `option ${misplaced} is only for the ${kind === 'summary' ? 'open' : 'summary'} command`,
    );
  }

  const db = dbOptions(options);
  if (typeof db === 'string') return usageError(db);
  if (db !== null && files.length > 0) return usageError('give FILEs or --db URL, not both');
  if (first === 'serve' && db === null) return usageError('serve needs --db URL');

  if (kind === 'summary') {
    if (files.length === 0 && db === null) return usageError('summary needs at least one FILE (or --db URL)');
    const base = { kind, files, json: options.has('--json'), runs: repeated.get('--run') ?? [] } as const;
    if (db === null) return base;
    const sinceText = options.get('--since');
    if (typeof sinceText !== 'string') return { ...base, db };
    const epoch = parseSince(sinceText);
    if (epoch === null)
      return usageError(`--since ${sinceText} is not a date (YYYY-MM-DD, UTC, or an ISO time with its zone)`);
    return { ...base, db, since: { epoch, text: sinceText } };
  }
  const portText = options.get('--port');
  let port = 0;
  if (typeof portText === 'string') {
    port = Number(portText);
    if (!/^\d+$/.test(portText) || port > 65535)
      return usageError(`--port must be 0..65535, not ${portText}`);
  }
  const dist = options.get('--dist');
  return {
    kind,
    files,
    port,
    openBrowser: !options.has('--no-open'),
    dist: typeof dist === 'string' ? dist : null,
    ...(db === null ? {} : { db }),
  };
}

/** --db and its options, null without --db, or why they cannot be used. */
function dbOptions(options: ReadonlyMap<string, string | true>): DbOptions | null | string {
  const url = options.get('--db');
  if (typeof url !== 'string') {
    const stray = DB_ONLY.find((o) => options.has(o));
    return stray === undefined ? null : `option ${stray} is only for a store given with --db URL`;
  }
  const text = (name: string) => {
    const v = options.get(name);
    return typeof v === 'string' ? v : null;
  };
  const schema = text('--schema') ?? 'public';
  const table = text('--table');
  const statementTimeout = text('--statement-timeout') ?? '5s';
  const problem =
    identifierProblem('schema', schema) ??
    (table === null ? null : identifierProblem('table', table)) ??
    timeoutProblem(statementTimeout);
  return problem ?? { url, schema, table, statementTimeout };
}

/** `2026-11-01` (midnight UTC) or an ISO date-time with Z or an offset, as epoch seconds; null otherwise. */
export function parseSince(text: string): number | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) {
    const ms = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    return new Date(ms).toISOString().slice(0, 10) === text ? ms / 1000 : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms / 1000 : null;
}

function usageError(message: string, command?: 'diff'): Command {
  return command ? { kind: 'usage-error', message, command } : { kind: 'usage-error', message };
}

function diffCommand(files: readonly string[], options: ReadonlyMap<string, string | true>): Command {
  const misplaced = [...options.keys()].find((o) => !DIFF_ONLY.has(o));
  if (misplaced) return usageError(`option ${misplaced} is not for the diff command`, 'diff');
  if (files.length !== 2) {
    return usageError(`diff needs two files, A and B (got ${files.length})`, 'diff');
  }
  const pick = (name: string) => {
    const v = options.get(name);
    return typeof v === 'string' ? v : null;
  };
  return {
    kind: 'diff',
    a: files[0]!,
    b: files[1]!,
    json: options.has('--json'),
    runA: pick('--run-a'),
    runB: pick('--run-b'),
  };
}
