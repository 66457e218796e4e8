/**
 * A small dense simplex method for the linear programs of mixed-cell enumeration.
 *
 * Every program has the same shape: free unknowns α ∈ Rⁿ (only the columns listed in `free`
 * vary; the others are pinned by equalities that were already eliminated from the rows) and
 * constraints r_i(α) = g_i·α + h_i ≥ 0. The constants are lexicographic pairs h = (h0, h1),
 * read as M·h0 + h1 for an infinitely large M: that is how the stable mixed volume lifts the
 * added origin "very high" without a numeric M. The coefficient matrix never involves M, so
 * right-hand sides stay pairs through every pivot and only comparisons become lexicographic.
 *
 * The method starts from a known point (the parent node's witness), which is why it works in
 * dictionary form with the free unknowns as nonbasic columns: no phase 1 is needed when the
 * witness is feasible, and a single artificial variable repairs it when it is not. Free
 * unknowns enter first and never leave, so Bland's rule on the remaining pivots rules out
 * cycling — the programs here are highly degenerate.
 */

/** Row layout: n coefficients, then h0 (the M part), then h1. */
export const rowStride = (n: number): number => n + 2;

/** Tolerances of the float simplex; values are lifts in [0, 1) and small integer exponents. */
export const lpTolerance = {
  /** A value (pair component) this close to zero is zero. */
  value: 1e-9,
  /** Reduced costs and pivot elements below this are zero. */
  pivot: 1e-9,
} as const;

/** Lexicographic comparison of pairs (a0, a1) < (b0, b1), exact on already-snapped values. */
const lexLess = (a0: number, a1: number, b0: number, b1: number): boolean => a0 < b0 || (a0 === b0 && a1 < b1);

/** Snaps the M part of a value to exact zero: it is a rational with small denominator. */
const snap = (v: number): number => (Math.abs(v) < lpTolerance.value ? 0 : v);

/** Is the pair (v0, v1) at most zero up to the tolerance? */
const atMostZero = (v0: number, v1: number): boolean => v0 < 0 || (v0 === 0 && v1 <= lpTolerance.value);

/**
 * Scratch space for the simplex, sized once for the largest program of an enumeration; the
 * hot loop allocates nothing.
 */
export class SimplexWorkspace {
  private table: Float64Array;
  private b0: Float64Array;
  private b1: Float64Array;
  private basic: Int32Array;
  private readonly nonbasic: Int32Array;
  private readonly cost: Float64Array;
  private z0 = 0;
  private z1 = 0;
  private m = 0;
  private d = 0;
  private width = 0;
  /** Work done so far: the table entries updated by every pivot, a count that does not depend on the machine. */
  work = 0;

  constructor(private readonly n: number) {
    this.table = new Float64Array(0);
    this.b0 = new Float64Array(0);
    this.b1 = new Float64Array(0);
    this.basic = new Int32Array(0);
    this.nonbasic = new Int32Array(n + 1);
    this.cost = new Float64Array(n + 1);
  }

  /**
   * Is there α, agreeing with `alpha` outside the free columns, with every row ≥ 0 and (when
   * `objective` ≥ 0) row `objective` = 0? On success `alpha` (pairs: alpha0 the M part,
   * alpha1 the rest) is moved to such a point, up to the tolerance.
   */
  feasible(rows: Float64Array, count: number, free: Int32Array, nfree: number, objective: number, alpha0: Float64Array, alpha1: Float64Array): boolean {
    this.load(rows, count, free, nfree, alpha0, alpha1);
    let worst = -1;
    for (let i = 0; i < count; i++) {
      if (lexLess(this.b0[i]!, this.b1[i]!, 0, -lpTolerance.value)) {
        if (worst < 0 || lexLess(this.b0[i]!, this.b1[i]!, this.b0[worst]!, this.b1[worst]!)) worst = i;
      }
    }
    if (worst >= 0) {
      // Phase 1: one artificial t added to every violated row; minimize t from t = -b_worst.
      const w = this.width;
      for (let i = 0; i < count; i++) {
        this.table[i * w + nfree] = lexLess(this.b0[i]!, this.b1[i]!, 0, -lpTolerance.value) ? 1 : 0;
      }
      this.cost.fill(0, 0, nfree);
      this.cost[nfree] = 1;
      this.z0 = 0;
      this.z1 = 0;
      this.pivot(worst, nfree);
      if (this.run() && !atMostZero(this.z0, this.z1)) return false;
      this.extract(free, alpha0, alpha1);
      if (objective < 0) return true;
      this.load(rows, count, free, nfree, alpha0, alpha1);
    } else if (objective < 0) {
      return true;
    }
    const w = this.width;
    for (let j = 0; j < nfree; j++) this.cost[j] = this.table[objective * w + j]!;
    this.cost[nfree] = 0;
    this.z0 = this.b0[objective]!;
    this.z1 = this.b1[objective]!;
    if (this.run() && !atMostZero(this.z0, this.z1)) return false;
    this.extract(free, alpha0, alpha1);
    return true;
  }

  /** Builds the dictionary at the point alpha: slacks basic, free unknowns nonbasic at 0. */
  private load(rows: Float64Array, count: number, free: Int32Array, nfree: number, alpha0: Float64Array, alpha1: Float64Array): void {
    const n = this.n;
    const stride = rowStride(n);
    const w = nfree + 1;
    this.m = count;
    this.d = nfree;
    this.width = w;
    if (this.table.length < count * w) this.table = new Float64Array(count * w * 2);
    if (this.b0.length < count) {
      this.b0 = new Float64Array(count * 2);
      this.b1 = new Float64Array(count * 2);
      this.basic = new Int32Array(count * 2);
    }
    for (let i = 0; i < count; i++) {
      const o = i * stride;
      let v0 = rows[o + n]!;
      let v1 = rows[o + n + 1]!;
      for (let k = 0; k < n; k++) {
        const g = rows[o + k]!;
        if (g !== 0) {
          v0 += g * alpha0[k]!;
          v1 += g * alpha1[k]!;
        }
      }
      // The witness may violate rows by round-off; within the tolerance that is zero.
      v0 = snap(v0);
      if (v0 === 0 && v1 < 0 && v1 >= -lpTolerance.value) v1 = 0;
      this.b0[i] = v0;
      this.b1[i] = v1;
      for (let j = 0; j < nfree; j++) this.table[i * w + j] = rows[o + free[j]!]!;
      this.table[i * w + nfree] = 0;
      this.basic[i] = nfree + i;
    }
    for (let j = 0; j <= nfree; j++) this.nonbasic[j] = j;
    // The artificial t gets the largest id so Bland's rule prefers real variables.
    this.nonbasic[nfree] = nfree + count;
  }

  /**
   * Simplex iterations until optimal or the objective reaches zero (all that is asked).
   * Returns false on an unbounded ray, impossible in exact arithmetic since the objective is
   * itself a constrained row; numerically the caller then says "feasible" rather than lose a
   * cell (the exact check of each final cell catches a wrong yes, nothing catches a wrong no).
   */
  private run(): boolean {
    const d = this.d;
    const w = this.width;
    for (;;) {
      if (atMostZero(this.z0, this.z1)) return true;
      const j = this.entering();
      if (j < 0) return true;
      const dir = this.nonbasic[j]! < d && this.cost[j]! > 0 ? -1 : 1;
      let leave = -1;
      let r0 = 0;
      let r1 = 0;
      for (let i = 0; i < this.m; i++) {
        if (this.basic[i]! < d) continue;
        const a = dir * this.table[i * w + j]!;
        if (a >= -lpTolerance.pivot) continue;
        const q0 = snap(this.b0[i]! / -a);
        const q1 = this.b1[i]! / -a;
        if (
          leave < 0 ||
          lexLess(q0, q1, r0, r1 - lpTolerance.value) ||
          (q0 === r0 && Math.abs(q1 - r1) <= lpTolerance.value && this.basic[i]! < this.basic[leave]!)
        ) {
          leave = i;
          r0 = q0;
          r1 = q1;
        }
      }
      if (leave < 0) return false;
      this.pivot(leave, j);
    }
  }

  /** Entering column: a free unknown with nonzero cost first, else Bland's smallest id. */
  private entering(): number {
    const d = this.d;
    let best = -1;
    for (let j = 0; j < this.width; j++) {
      const id = this.nonbasic[j]!;
      const c = this.cost[j]!;
      if (id < d) {
        if (Math.abs(c) > lpTolerance.pivot) return j;
      } else if (c < -lpTolerance.pivot && (best < 0 || id < this.nonbasic[best]!)) {
        best = j;
      }
    }
    return best;
  }

  /** Exchanges the basic variable of row r with the nonbasic variable of column j. */
  private pivot(r: number, j: number): void {
    const w = this.width;
    this.work += this.m * w;
    const t = this.table;
    const ro = r * w;
    const p = t[ro + j]!;
    const inv = 1 / p;
    for (let k = 0; k < w; k++) t[ro + k] = -t[ro + k]! * inv;
    t[ro + j] = inv;
    const br0 = snap(-this.b0[r]! * inv);
    const br1 = -this.b1[r]! * inv;
    this.b0[r] = br0;
    this.b1[r] = br1;
    for (let i = 0; i < this.m; i++) {
      if (i === r) continue;
      const io = i * w;
      const f = t[io + j]!;
      if (f === 0) continue;
      for (let k = 0; k < w; k++) t[io + k] = t[io + k]! + f * t[ro + k]!;
      t[io + j] = f * inv;
      this.b0[i] = snap(this.b0[i]! + f * br0);
      this.b1[i] = this.b1[i]! + f * br1;
      // Clamp round-off below zero on nonnegative basics so later ratios stay nonnegative.
      if (this.basic[i]! >= this.d && this.b0[i] === 0 && this.b1[i]! < 0 && this.b1[i]! > -lpTolerance.value) this.b1[i] = 0;
    }
    const f = this.cost[j]!;
    if (f !== 0) {
      for (let k = 0; k < w; k++) this.cost[k] = this.cost[k]! + f * t[ro + k]!;
      this.cost[j] = f * inv;
      this.z0 = snap(this.z0 + f * br0);
      this.z1 += f * br1;
    }
    const leaving = this.basic[r]!;
    this.basic[r] = this.nonbasic[j]!;
    this.nonbasic[j] = leaving;
  }

  /** Moves alpha by the displacement of the free unknowns that are basic. */
  private extract(free: Int32Array, alpha0: Float64Array, alpha1: Float64Array): void {
    for (let i = 0; i < this.m; i++) {
      const id = this.basic[i]!;
      if (id < this.d) {
        const k = free[id]!;
        alpha0[k] = alpha0[k]! + this.b0[i]!;
        alpha1[k] = alpha1[k]! + this.b1[i]!;
      }
    }
  }
}
