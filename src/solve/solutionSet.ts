/**
 * A set of solutions with O(1) membership tests, for monodromy, where every tracked endpoint
 * must be checked against the solutions known so far. Points are hashed by a random real
 * projection rounded to cells; a query looks in its own cell and in as many neighbouring cells
 * as its tolerance reaches, so two points within tolerance are always compared.
 */
import type { Random } from '../numeric/rng.js';
import { cabs, distInf, normInf } from '../numeric/complex.js';

/** More cells than this in a query's reach, and the query scans every point instead. */
const MAX_CELLS_SCANNED = 64;

export class SolutionSet {
  readonly points: Float64Array[] = [];
  private readonly cells = new Map<number, number[]>();
  private readonly direction: Float64Array;
  /** Σ|direction_k|: |proj(x) − proj(y)| ≤ weight·‖x − y‖∞. */
  private readonly weight: number;

  /**
   * `cellSize` is the width of a cell along the projection, relative to the weight; points
   * much closer than it share a cell. Pick it near the largest tolerance used.
   */
  constructor(
    readonly n: number,
    rng: Random,
    private readonly cellSize = 1e-6,
  ) {
    this.direction = new Float64Array(2 * n);
    let weight = 0;
    for (let k = 0; k < 2 * n; k += 2) {
      const [re, im] = rng.complexNormal();
      this.direction[k] = re;
      this.direction[k + 1] = im;
      weight += cabs(re, im);
    }
    this.weight = weight;
  }

  get size(): number {
    return this.points.length;
  }

  private project(x: Float64Array): number {
    const d = this.direction;
    let s = 0;
    for (let k = 0; k < x.length; k += 2) s += d[k]! * x[k]! - d[k + 1]! * x[k + 1]!;
    return s / this.weight;
  }

  /**
   * Index of a known point within tolerance·max(1, ‖x‖∞) of x (max-modulus distance), or −1.
   */
  find(x: Float64Array, tolerance: number): number {
    const radius = tolerance * Math.max(1, normInf(x));
    const proj = this.project(x);
    const lo = Math.floor((proj - radius) / this.cellSize);
    const hi = Math.floor((proj + radius) / this.cellSize);
    // A huge point with a loose tolerance spans too many cells: then a plain scan is cheaper.
    if (hi - lo > MAX_CELLS_SCANNED) return this.points.findIndex((y) => distInf(y, x) <= radius);
    for (let c = lo; c <= hi; c++) {
      for (const i of this.cells.get(c) ?? []) {
        if (distInf(this.points[i]!, x) <= radius) return i;
      }
    }
    return -1;
  }

  /** Adds x unless a known point is within tolerance; returns [index, whether it is new]. */
  insert(x: Float64Array, tolerance: number): [number, boolean] {
    const known = this.find(x, tolerance);
    if (known >= 0) return [known, false];
    const index = this.points.length;
    this.points.push(x);
    const cell = Math.floor(this.project(x) / this.cellSize);
    const list = this.cells.get(cell);
    if (list) list.push(index);
    else this.cells.set(cell, [index]);
    return [index, true];
  }
}
