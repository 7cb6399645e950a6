// Prints a table of text cells to the console, columns padded to their widest cell.

export function printTable(head: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, k) => c.padEnd(widths[k]!)).join(' | ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
}

export const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;

/** Milliseconds with thousands separators, '-' when there is no figure. */
export const ms = (x: number | null | undefined): string =>
  x === null || x === undefined || Number.isNaN(x)
    ? '-'
    : `${x.toLocaleString('en-US', { maximumFractionDigits: 0 })} ms`;

export const ratio = (x: number | null | undefined): string =>
  x === null || x === undefined || Number.isNaN(x) ? '-' : `${x.toFixed(2)}x`;
