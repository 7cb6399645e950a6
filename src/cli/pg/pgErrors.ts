// What went wrong talking to PostgreSQL, said plainly for stderr and for the
// page: cannot connect, cannot log in, no such database / schema / table,
// permission denied, timeout, write refused. The message names the store as
// host:port/database and the user, never the URL or a password; as a last
// guard every secret is masked out of whatever text the error carried.

export interface ErrorContext {
  /** host:port/database */
  readonly label: string;
  readonly user: string;
  /** Texts that must never be shown (the URL, the password from it or from PGPASSWORD). */
  readonly secrets: readonly string[];
  readonly statementTimeout: string;
}

/** Why a query or a connection failed, by kind (the HTTP API maps kinds to status codes). */
export type PgFailureKind = 'connect' | 'login' | 'missing' | 'permission' | 'timeout' | 'refused' | 'other';

const CONNECT_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the server running and listening there?)',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name cannot be resolved',
  EHOSTUNREACH: 'the host cannot be reached',
  ENETUNREACH: 'the network cannot be reached',
  ETIMEDOUT: 'timed out',
  ECONNRESET: 'the connection was reset',
  ENOENT: 'no such socket',
};

interface Described {
  readonly kind: PgFailureKind;
  readonly message: string;
}

function classify(err: unknown, ctx: ErrorContext): Described {
  const e = (err ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const text = typeof e.message === 'string' ? e.message : String(err);
  const at = ctx.label;
  if (CONNECT_CODES[code])
    return { kind: 'connect', message: `cannot connect to ${at}: ${CONNECT_CODES[code]}` };
  if (/connection timeout|timeout expired/i.test(text))
    return { kind: 'connect', message: `cannot connect to ${at}: timed out` };
  if (/Connection terminated|server closed the connection|Client was closed/i.test(text))
    return { kind: 'connect', message: `lost the connection to ${at} (${text})` };
  if (/^no password given$|client password must be a/i.test(text))
    return {
      kind: 'login',
      message: `cannot log in to ${at} as ${ctx.user}: no password given (put it in the URL, in PGPASSWORD or in ~/.pgpass)`,
    };
  switch (code) {
    case '28P01':
      return {
        kind: 'login',
        message: `cannot log in to ${at} as ${ctx.user}: password authentication failed`,
      };
    case '28000':
      return { kind: 'login', message: `cannot log in to ${at} as ${ctx.user}: ${text}` };
    case '3D000':
    case '3F000':
    case '42P01':
      return { kind: 'missing', message: `${at}: ${text}` };
    case '42501':
      return { kind: 'permission', message: `${at}: permission denied (${text})` };
    case '57014':
      return {
        kind: 'timeout',
        message: `${at}: a query ran longer than the statement timeout (${ctx.statementTimeout}) and was cancelled; --statement-timeout allows more`,
      };
    case '25006':
      return { kind: 'refused', message: `${at}: refused, the store is only read (${text})` };
    case '53300':
      return { kind: 'connect', message: `cannot connect to ${at}: ${text}` };
  }
  if (code.startsWith('08')) return { kind: 'connect', message: `cannot connect to ${at}: ${text}` };
  return { kind: 'other', message: `${at}: ${text}` };
}

/** Every secret in `text` replaced by ***. */
export function masked(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    out = out.split(s).join('***');
    const encoded = encodeURIComponent(s);
    if (encoded !== s) out = out.split(encoded).join('***');
  }
  return out;
}

/** An error already described: its message is safe to show, its kind says what failed. */
export class PgFailure extends Error {
  override readonly name = 'PgFailure';
  constructor(
    readonly kind: PgFailureKind,
    message: string,
  ) {
    super(message);
  }

  static of(err: unknown, ctx: ErrorContext): PgFailure {
    if (err instanceof PgFailure) return err;
    const d = classify(err, ctx);
    return new PgFailure(d.kind, masked(d.message, ctx.secrets));
  }
}
