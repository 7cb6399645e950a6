// Room in a growable Float64Array: the array itself while `need` numbers fit,
// else a copy twice as large (or larger) holding the same numbers.

export function float64WithRoom(a: Float64Array<ArrayBuffer>, need: number): Float64Array<ArrayBuffer> {
  if (need <= a.length) return a;
  let cap = Math.max(a.length * 2, 16);
  while (cap < need) cap *= 2;
  const grown = new Float64Array(cap);
  grown.set(a);
  return grown;
}
