/**
 * Groups endpoints that are the same point. Points are sorted along a random real projection
 * and compared only within a window of it, so grouping costs O(N log N) and not O(N²).
 */
import { cabs, distInf, normInf } from '../numeric/complex.js';
import { UnionFind } from '../numeric/unionFind.js';

export interface Cluster {
  /** Indices (into the input list) of the points in this cluster, in input order. */
  readonly members: number[];
}

/**
 * Clusters points whose max-modulus distance is below tolerance·max(1, ‖x‖∞). `direction`
 * is a random complex vector (interleaved) fixing the projection; pass a seeded one.
 */
export function clusterPoints(points: readonly Float64Array[], tolerance: number, direction: Float64Array): Cluster[] {
  const proj = points.map((x) => {
    let s = 0;
    for (let k = 0; k < x.length; k += 2) s += direction[k]! * x[k]! - direction[k + 1]! * x[k + 1]!;
    return s;
  });
  let weight = 0;
  for (let k = 0; k < direction.length; k += 2) weight += cabs(direction[k]!, direction[k + 1]!);
  const order = points.map((_, i) => i).sort((a, b) => proj[a]! - proj[b]!);
  const sets = new UnionFind(points.length);
  for (let a = 0; a < order.length; a++) {
    const i = order[a]!;
    const tol = tolerance * Math.max(1, normInf(points[i]!));
    // |proj(x) − proj(y)| ≤ weight·‖x − y‖∞, so points farther along the projection cannot match.
    for (let b = a + 1; b < order.length && proj[order[b]!]! - proj[i]! <= weight * tol; b++) {
      const j = order[b]!;
      if (distInf(points[i]!, points[j]!) <= tol) sets.union(i, j);
    }
  }
  return sets.groups().map((members) => ({ members }));
}
