// The JSON bytes the streaming scanners look for (ObjectExtent, StepIndexer,
// PlainStreamParser), and which of them are whitespace.

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const LF = 0x0a;

/** JSON whitespace: space, tab, CR, LF. */
export function isWs(c: number): boolean {
  return c === 0x20 || c === LF || c === 0x0d || c === 0x09;
}
