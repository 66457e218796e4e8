/**
 * Complex LU with partial pivoting in double-double: ComplexLU's algorithm on four doubles per
 * entry (numeric/ddArray.ts), for the Newton corrections of points whose condition is beyond
 * 1/ε. A solve in double loses log10(cond) of 16 digits; here 32 are there to lose.
 *
 * Matrices are row-major n×n, entry (i, j) at 4(i·n + j); vectors 4n.
 */
import { cddAbs, cddDivInto, cddMulInto, cddSubInto } from '../numeric/ddArray.js';

/** 2⁻¹⁰⁴: a pivot below n·DD_EPS·max|a_ij| is zero to double-double precision. */
const DD_EPS = 2 ** -104;

export class DDComplexLU {
  private readonly lu: Float64Array;
  private readonly pivots: Int32Array;
  private readonly t = new Float64Array(4);
  private factored = false;

  constructor(readonly n: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`DDComplexLU needs a size n ≥ 1, got ${n}`);
    this.lu = new Float64Array(4 * n * n);
    this.pivots = new Int32Array(n);
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
      const pivot = 4 * (k * n + k);
      for (let i = k + 1; i < n; i++) {
        const l = 4 * (i * n + k);
        cddDivInto(lu, l, lu, l, lu, pivot);
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
      const p = this.pivots[k]!;
      if (p === k) continue;
      for (let c = 0; c < 4; c++) {
        const tmp = out[4 * k + c]!;
        out[4 * k + c] = out[4 * p + c]!;
        out[4 * p + c] = tmp;
      }
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
      cddDivInto(out, 4 * i, out, 4 * i, lu, 4 * (i * n + i));
    }
    return out;
  }
}
