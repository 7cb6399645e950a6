// What the user gives for a PostgreSQL store besides its URL. Identifiers
// (--schema, --table): only plain identifiers are taken (a letter or underscore, then letters, digits and
// underscores, at most 63 bytes), checked before any connection is made, and
// always written double-quoted, so they mean exactly the name given, with its
// case (UnifiedDatabaseStorage quotes them too: `"public"."records"`). The
// statement timeout: only what statement_timeout reads as a duration. Pure.

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Why `name` cannot be a --schema / --table name, or null when it is a plain identifier. */
export function identifierProblem(what: 'schema' | 'table', name: string): string | null {
  if (PLAIN.test(name)) return null;
  const shown = JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
  return `--${what} ${shown} is not a plain identifier (letters, digits and _, not starting with a digit, at most 63 characters)`;
}

/** A double-quoted identifier. Only for names that passed identifierProblem or came from the catalog. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Why `text` is not a --statement-timeout (`5s`, `1500ms`, `2min` or plain milliseconds), or null. */
export function timeoutProblem(text: string): string | null {
  return /^\d{1,9}(ms|s|min)?$/.test(text)
    ? null
    : `--statement-timeout ${JSON.stringify(text)} is not a duration (milliseconds, or a number with ms, s or min)`;
}
