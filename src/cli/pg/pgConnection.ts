// The one way this program talks to PostgreSQL: a small pool of node-postgres
// connections (`pg`), where every statement runs inside a READ ONLY
// transaction with a statement_timeout (and the session itself defaults to
// read-only), values always bound as parameters. The URL is read as `pg` and
// psql read it (pg-connection-string, PGHOST/PGUSER/... for what it leaves
// out); the password comes from the URL, else PGPASSWORD, else ~/.pgpass (or
// PGPASSFILE), looked up only when the server asks for one. Nothing here
// prints the URL or the password: the store is named host:port/database, and
// errors go through pgErrors.ts.

import pg from 'pg';
import { parse } from 'pg-connection-string';
import pgpass from 'pgpass';
import { timeoutProblem } from '../../model/store/pgIdent.ts';
import { type ErrorContext, PgFailure } from './pgErrors.ts';

/** A statement's rows, as pg gives them (text columns as strings, numbers as numbers). */
export type Row = Record<string, unknown>;

export interface Reader {
  query(text: string, values?: readonly unknown[]): Promise<Row[]>;
}

/** What the user gave: a URL, and the timeout every statement runs under. */
export interface PgTarget {
  readonly url: string;
  /** As statement_timeout takes it: `5s`, `500ms`, or milliseconds. */
  readonly statementTimeout: string;
}

export const DEFAULT_STATEMENT_TIMEOUT = '5s';

function lookupPgpass(params: { host?: string; port?: number; database?: string; user?: string }) {
  return new Promise<string | undefined>((resolve) => {
    pgpass(
      {
        host: params.host ?? '',
        port: params.port ?? 5432,
        database: params.database ?? '',
        user: params.user ?? '',
      },
      resolve,
    );
  });
}

/**
 * A pg.Client that drops its socket when connecting fails: pg leaves it open
 * (after a password it could not give, say) until the server's
 * authentication_timeout, which keeps the command from exiting for a minute.
 */
class ClosingClient extends pg.Client {
  override connect(): Promise<pg.Client>;
  override connect(callback: ((err: Error) => void) | ((err: null, c: pg.Client) => void)): void;
  override connect(
    callback?: ((err: Error) => void) | ((err: null, c: pg.Client) => void),
  ): Promise<pg.Client> | undefined {
    const drop = () =>
      (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    if (callback === undefined) {
      return super.connect().catch((err: unknown) => {
        drop();
        throw err;
      });
    }
    const done = callback as (err: Error | null, c?: pg.Client) => void;
    super.connect((err: Error | null, c?: pg.Client) => {
      if (err) drop();
      done(err, c);
    });
    return undefined;
  }
}

export class PgDatabase {
  private readonly pool: pg.Pool;
  readonly context: ErrorContext;
  /** Starts a transaction: read-only, with the timeout (checked by timeoutProblem), dates written in ISO form. */
  private readonly begin: string;

  /** Reads the URL (no connection is made until the first query). Throws an Error with a safe message for a URL pg cannot read. */
  constructor(readonly target: PgTarget) {
    let parsed: ReturnType<typeof parse>;
    try {
      parsed = parse(target.url);
    } catch {
      throw new PgFailure(
        'connect',
        'the --db URL cannot be read (expected postgres://USER@HOST:PORT/DATABASE)',
      );
    }
    const { password: urlPassword, ...rest } = parsed;
    const config = {
      ...(rest as pg.PoolConfig),
      // pg calls this only when the server asks for a password, with what it made of the URL.
      password: (async (params: Parameters<typeof lookupPgpass>[0]) => {
        if (urlPassword) return urlPassword;
        if (process.env.PGPASSWORD) return process.env.PGPASSWORD;
        const found = await lookupPgpass(params);
        if (found === undefined) throw new Error(NO_PASSWORD);
        return found;
      }) as () => Promise<string>,
      Client: ClosingClient as unknown as new () => pg.ClientBase,
      max: 4,
      idleTimeoutMillis: 10_000,
      connectionTimeoutMillis: 10_000,
      application_name: 'fsm-history-explorer',
      options: '-c default_transaction_read_only=on',
      statement_timeout: undefined,
    };
    // A client that never connects: what pg makes of the URL and PG* variables (host, port, database, user).
    const probe = new pg.Client({ ...config, password: 'unused' });
    const cp = (
      probe as unknown as {
        connectionParameters: { host: string; port: number; database: string; user: string };
      }
    ).connectionParameters;
    this.context = {
      label: `${cp.host}:${cp.port}/${cp.database}`,
      user: cp.user,
      secrets: [urlPassword, process.env.PGPASSWORD, target.url].filter(
        (s): s is string => !!s && s.length >= 3,
      ),
      statementTimeout: target.statementTimeout,
    };
    const timeout =
      timeoutProblem(target.statementTimeout) === null ? target.statementTimeout : DEFAULT_STATEMENT_TIMEOUT;
    // The SELECT takes the transaction's snapshot: from then on nothing can make it read-write.
    this.begin = `BEGIN TRANSACTION READ ONLY; SET LOCAL statement_timeout = '${timeout}'; SET LOCAL DateStyle = 'ISO, MDY'; SELECT 1`;
    this.pool = new pg.Pool(config);
    // An idle connection the server drops is not a failure of any query: the next one reconnects.
    this.pool.on('error', () => undefined);
  }

  /** host:port/database: how the store is named in headings, run names and the page. */
  get label(): string {
    return this.context.label;
  }

  /** Runs `work` in one READ ONLY transaction on one connection. Rejects with a safe message. */
  async read<T>(work: (r: Reader) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw this.failure(err);
    }
    let broken = false;
    // A connection that drops while checked out emits 'error' (its query rejects too): never an uncaught one.
    const onError = () => {
      broken = true;
    };
    client.on('error', onError);
    try {
      await client.query(this.begin);
      const result = await work({
        query: async (text, values = []) => (await client.query(text, values as unknown[])).rows as Row[],
      });
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw this.failure(err);
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  /** One statement in a read-only transaction of its own. */
  query(text: string, values: readonly unknown[] = []): Promise<Row[]> {
    return this.read((r) => r.query(text, values));
  }

  /**
   * The rows of `text` a few at a time through a cursor (DECLARE ... FETCH),
   * in one read-only transaction held while the caller iterates.
   */
  async *cursor(text: string, values: readonly unknown[], batch: number): AsyncGenerator<Row[]> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw this.failure(err);
    }
    let broken = false;
    let done = false;
    const onError = () => {
      broken = true;
    };
    client.on('error', onError);
    try {
      await client.query(this.begin);
      await client.query(`DECLARE fsm_explorer_rows NO SCROLL CURSOR FOR ${text}`, values as unknown[]);
      for (;;) {
        const { rows } = await client.query(`FETCH ${Math.max(1, Math.floor(batch))} FROM fsm_explorer_rows`);
        if (rows.length === 0) break;
        yield rows as Row[];
      }
      await client.query('COMMIT');
      done = true;
    } catch (err) {
      throw this.failure(err);
    } finally {
      if (!done) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
      }
      client.off('error', onError);
      client.release(broken);
    }
  }

  /** An Error whose message says what failed without the URL or the password. */
  failure(err: unknown): PgFailure {
    return PgFailure.of(err, this.context);
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}

const NO_PASSWORD = 'no password given';
