/** Disjoint sets over 0 … n−1 (path halving, the smaller root wins): clusters of points, monodromy orbits. */
export class UnionFind {
  private readonly parent: number[];

  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, k) => k);
  }

  find(k: number): number {
    while (this.parent[k] !== k) k = this.parent[k] = this.parent[this.parent[k]!]!;
    return k;
  }

  /** Joins the sets of a and b; false when they were one already. */
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
    return true;
  }

  /** The sets, each in increasing order, ordered by their smallest member. */
  groups(): number[][] {
    const byRoot = new Map<number, number[]>();
    this.parent.forEach((_, k) => {
      const r = this.find(k);
      const g = byRoot.get(r);
      if (g) g.push(k);
      else byRoot.set(r, [k]);
    });
    return [...byRoot.values()].sort((a, b) => a[0]! - b[0]!);
  }
}
