// Type-ahead in the outline (the WAI-ARIA tree pattern): typing a character
// moves to the next visible row whose name starts with it; more characters
// typed quickly narrow the match; the same character again goes on to the
// next row that starts with it. Pure: the component keeps the typed text.

/** Typed characters further apart than this start a new search. */
export const TYPE_AHEAD_RESET_MS = 700;

export interface TypedText {
  readonly text: string;
  readonly at: number;
}

/** The text typed so far after `key` at time `now` (lower case). */
export function typeAheadText(prev: TypedText | null, key: string, now: number): TypedText {
  const fresh = prev === null || now - prev.at > TYPE_AHEAD_RESET_MS;
  return { text: (fresh ? '' : prev.text) + key.toLowerCase(), at: now };
}

/** True for a key that type-ahead takes (a printable character with no modifier other than Shift). */
export function isTypeAheadKey(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): boolean {
  return e.key.length === 1 && e.key !== ' ' && !e.ctrlKey && !e.metaKey && !e.altKey;
}

/**
 * The row to move to for the typed `text`, from the focused row `from`, among
 * `count` rows named by `nameOf`; -1 when no row matches. One character, or
 * the same one repeated, looks from the row after `from`; a longer text
 * looks from `from` itself, so the focused row stays while it still matches.
 * The search wraps around.
 */
export function typeAheadRow(
  count: number,
  nameOf: (row: number) => string,
  from: number,
  text: string,
): number {
  if (count === 0 || text === '') return -1;
  const repeated = [...text].every((c) => c === text[0]);
  const prefix = repeated ? text[0]! : text;
  const start = repeated ? from + 1 : Math.max(from, 0);
  for (let k = 0; k < count; k++) {
    const row = (((start + k) % count) + count) % count;
    if (nameOf(row).toLowerCase().startsWith(prefix)) return row;
  }
  return -1;
}
