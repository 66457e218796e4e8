/**
 * Complex LU with partial pivoting in double-double: ComplexLU's algorithm on four doubles per
 * entry (numeric/ddArray.ts), for the Newton corrections of points whose condition is beyond
 * 1/ε. A solve in double loses log10(cond) of 16 digits; here 32 are there to lose.
 *
 * Matrices are row-major n×n, entry (i, j) at 4(i·n + j); vectors 4n.
 */
import { cddAbs, cddDivInto, cddMulInto, cddSet, cddSubInto, fromDD, toDD } from '../numeric/ddArray.js';
import { estimateInverseNorm1, type FactoredSolver } from './lu.js';

/** 2⁻¹⁰⁴: a pivot below n·DD_EPS·max|a_ij| is zero to double-double precision. */
const DD_EPS = 2 ** -104;

export class DDComplexLU {
  private readonly lu: Float64Array;
  private readonly pivots: Int32Array;
  private readonly t = new Float64Array(4);
  private readonly c = new Float64Array(4);
  /** 1/u_kk, four doubles each: a division per row instead of one per entry. */
  private readonly inverses: Float64Array;
  private readonly one = cddSet(new Float64Array(4), 0, 1, 0);
  private factored = false;
  /** ‖A‖₁ of the last factored matrix, and κ₁ once estimated (−1 until then). */
  private anorm = 0;
  private cond = -1;
  /** Scratch of the condition estimate: double vectors and their double-double copies. */
  private readonly v: Float64Array;
  private readonly w: Float64Array;
  private readonly wide: Float64Array;

  constructor(readonly n: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`DDComplexLU needs a size n ≥ 1, got ${n}`);
    this.lu = new Float64Array(4 * n * n);
    this.pivots = new Int32Array(n);
    this.inverses = new Float64Array(4 * n);
    this.v = new Float64Array(2 * n);
    this.w = new Float64Array(2 * n);
    this.wide = new Float64Array(4 * n);
  }

  /** True when the last factor() found A singular (or none was made). */
  get singular(): boolean {
    return !this.factored;
  }

  /** Factors A (left untouched); false when A is singular to double-double precision. */
  factor(A: Float64Array): boolean {
    const n = this.n;
    const lu = this.lu;
    lu.set(A.subarray(0, 4 * n * n));
    let amax = 0;
    for (let e = 0; e < n * n; e++) amax = Math.max(amax, cddAbs(lu, 4 * e));
    const tiny = n * DD_EPS * amax;
    this.factored = false;
    this.cond = -1;
    this.anorm = 0;
    for (let j = 0; j < n; j++) {
      let column = 0;
      for (let i = 0; i < n; i++) column += cddAbs(lu, 4 * (i * n + j));
      this.anorm = Math.max(this.anorm, column);
    }
    for (let k = 0; k < n; k++) {
      let p = k;
      let best = -1;
      for (let i = k; i < n; i++) {
        const a = cddAbs(lu, 4 * (i * n + k));
        if (a > best) {
          best = a;
          p = i;
        }
      }
      this.pivots[k] = p;
      if (p !== k) {
        for (let j = 0; j < 4 * n; j++) {
          const tmp = lu[4 * k * n + j]!;
          lu[4 * k * n + j] = lu[4 * p * n + j]!;
          lu[4 * p * n + j] = tmp;
        }
      }
      if (!(best > tiny)) return false;
      cddDivInto(this.inverses, 4 * k, this.one, 0, lu, 4 * (k * n + k));
      for (let i = k + 1; i < n; i++) {
        const l = 4 * (i * n + k);
        cddMulInto(lu, l, lu, l, this.inverses, 4 * k);
        if (lu[l] === 0 && lu[l + 2] === 0) continue;
        for (let j = k + 1; j < n; j++) {
          cddMulInto(this.t, 0, lu, l, lu, 4 * (k * n + j));
          cddSubInto(lu, 4 * (i * n + j), lu, 4 * (i * n + j), this.t, 0);
        }
      }
    }
    this.factored = true;
    return true;
  }

  /** out = A⁻¹ b (out may be b). */
  solve(out: Float64Array, b: Float64Array): Float64Array {
    if (!this.factored) throw new Error('DDComplexLU: factor a nonsingular matrix before solve');
    const n = this.n;
    const lu = this.lu;
    const t = this.t;
    if (out !== b) out.set(b.subarray(0, 4 * n));
    for (let k = 0; k < n; k++) {
      swapEntries(out, k, this.pivots[k]!);
    }
    for (let i = 1; i < n; i++) {
      for (let j = 0; j < i; j++) {
        cddMulInto(t, 0, lu, 4 * (i * n + j), out, 4 * j);
        cddSubInto(out, 4 * i, out, 4 * i, t, 0);
      }
    }
    for (let i = n - 1; i >= 0; i--) {
      for (let j = i + 1; j < n; j++) {
        cddMulInto(t, 0, lu, 4 * (i * n + j), out, 4 * j);
        cddSubInto(out, 4 * i, out, 4 * i, t, 0);
      }
      cddMulInto(out, 4 * i, out, 4 * i, this.inverses, 4 * i);
    }
    return out;
  }

  /** out = A⁻ᴴ b, the conjugate transpose (out may be b). */
  solveAdjoint(out: Float64Array, b: Float64Array): Float64Array {
    if (!this.factored) throw new Error('DDComplexLU: factor a nonsingular matrix before solve');
    const n = this.n;
    const lu = this.lu;
    const t = this.t;
    const c = this.c;
    if (out !== b) out.set(b.subarray(0, 4 * n));
    // Aᴴ = Uᴴ Lᴴ P: solve Uᴴ w = b, then Lᴴ v = w, then x = Pᵀ v.
    for (let k = 0; k < n; k++) {
      conjugate(c, lu, 4 * (k * n + k));
      cddDivInto(out, 4 * k, out, 4 * k, c, 0);
      for (let i = k + 1; i < n; i++) {
        conjugate(c, lu, 4 * (k * n + i));
        cddMulInto(t, 0, c, 0, out, 4 * k);
        cddSubInto(out, 4 * i, out, 4 * i, t, 0);
      }
    }
    for (let k = n - 1; k > 0; k--) {
      for (let i = 0; i < k; i++) {
        conjugate(c, lu, 4 * (k * n + i));
        cddMulInto(t, 0, c, 0, out, 4 * k);
        cddSubInto(out, 4 * i, out, 4 * i, t, 0);
      }
    }
    for (let k = n - 1; k >= 0; k--) {
      swapEntries(out, k, this.pivots[k]!);
    }
    return out;
  }

  /**
   * Estimate of κ₁(A) = ‖A‖₁·‖A⁻¹‖₁ of the last factored matrix (Hager–Higham, lu.ts), its
   * solves in double-double, so that it holds for condition numbers beyond 1/ε; Infinity
   * when A was singular. Made once per factorization.
   */
  conditionEstimate(): number {
    if (!this.factored) return Infinity;
    if (this.cond < 0) this.cond = this.anorm * estimateInverseNorm1(this.doubleSolver, this.n, this.v, this.w);
    return this.cond;
  }

  /** Solves with A and Aᴴ on complex double vectors: widened, solved in double-double, rounded. */
  readonly doubleSolver: FactoredSolver = {
    solve: (out: Float64Array, b: Float64Array): Float64Array => fromDD(this.solve(this.wide, toDD(b, this.wide)), out),
    solveAdjoint: (out: Float64Array, b: Float64Array): Float64Array => fromDD(this.solveAdjoint(this.wide, toDD(b, this.wide)), out),
  };
}

/** Swaps entries k and p (four doubles each) of a vector. */
function swapEntries(v: Float64Array, k: number, p: number): void {
  if (p === k) return;
  for (let c = 0; c < 4; c++) {
    const tmp = v[4 * k + c]!;
    v[4 * k + c] = v[4 * p + c]!;
    v[4 * p + c] = tmp;
  }
}

/** out[0..4] = conj(a[ia]). */
function conjugate(out: Float64Array, a: Float64Array, ia: number): void {
  out[0] = a[ia]!;
  out[1] = a[ia + 1]!;
  out[2] = -a[ia + 2]!;
  out[3] = -a[ia + 3]!;
}
