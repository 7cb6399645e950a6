// String interning: one string instance per distinct value, so that state,
// network, status and data-mode names cost memory per distinct value rather
// than per step (JSON.parse gives every occurrence its own string).
export class Interner {
  private readonly map = new Map<string, string>();
  intern(s: string): string {
    const hit = this.map.get(s);
    if (hit !== undefined) return hit;
    this.map.set(s, s);
    return s;
  }
  get size(): number {
    return this.map.size;
  }
}
