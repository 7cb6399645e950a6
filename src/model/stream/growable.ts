// Room in a growable typed array: the array itself while `need` numbers fit,
// else a copy twice as large (or larger) holding the same numbers.

export function float64WithRoom(a: Float64Array<ArrayBuffer>, need: number): Float64Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const grown = new Float64Array(capacityFor(a.length, need));
  grown.set(a);
  return grown;
}

export function int32WithRoom(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const grown = new Int32Array(capacityFor(a.length, need));
  grown.set(a);
  return grown;
}

function capacityFor(length: number, need: number): number {
  let cap = Math.max(length * 2, 16);
  while (cap < need) cap *= 2;
  return cap;
}
