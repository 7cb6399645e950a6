// Picks the benchmark's sizes or stores named on the command line (`--sizes 1k,10k`).

export function byNames<T extends { readonly name: string }>(
  list: string,
  all: readonly T[],
  what: string,
): T[] {
  return list.split(',').map((name) => {
    const item = all.find((s) => s.name === name.trim());
    if (item === undefined)
      throw new Error(`unknown ${what} '${name}' (known: ${all.map((s) => s.name).join(', ')})`);
    return item;
  });
}
