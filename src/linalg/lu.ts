/**
 * Complex LU factorization with partial pivoting, PA = LU, for the Newton and predictor
 * solves of the tracker. Everything is allocated by the constructor; factor, solve and the
 * condition estimate allocate nothing, so one ComplexLU serves a whole path.
 *
 * Matrices are row-major n×n with interleaved (re, im) entries: (i, j) at 2(i·n + j).
 */
import { cabs, type CVec } from '../numeric/complex.js';
import { matrixNorm1, norm1 } from './norms.js';

/** Iterations of the 1-norm estimator; Higham's experience is that 2–3 almost always suffice. */
const ESTIMATOR_ITERATIONS = 5;

export class ComplexLU {
  /** L (unit lower, below the diagonal) and U, overwriting a copy of A. */
  private readonly lu: Float64Array;
  /** Row k was swapped with row pivots[k] at step k. */
  private readonly pivots: Int32Array;
  private readonly v: Float64Array;
  private readonly w: Float64Array;
  private state: 'empty' | 'factored' | 'singular' = 'empty';
  /** Copy of the last factored A: its 1-norm is only needed by the condition estimate. */
  private readonly a: Float64Array;
  private anorm = -1;
  /** κ₁ of the last factored matrix, once estimated (−1 until then). */
  private cond = -1;

  constructor(readonly n: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`ComplexLU needs a size n ≥ 1, got ${n}`);
    this.lu = new Float64Array(2 * n * n);
    this.a = new Float64Array(2 * n * n);
    this.pivots = new Int32Array(n);
    this.v = new Float64Array(2 * n);
    this.w = new Float64Array(2 * n);
  }

  /** True when the last factored matrix was singular to working precision. */
  get singular(): boolean {
    return this.state === 'singular';
  }

  /** ‖A‖₁ of the last factored matrix. */
  get norm1(): number {
    if (this.anorm < 0) this.anorm = matrixNorm1(this.a, this.n, this.n);
    return this.anorm;
  }

  /**
   * Factors A (left untouched). Returns false, and records it, when a pivot is at most
   * n·ε·max|a_ij|: then A is within rounding of a singular matrix and solves are meaningless.
   */
  factor(A: CVec): boolean {
    const n = this.n;
    const lu = this.lu;
    let amax = 0;
    const a = this.a;
    for (let k = 0; k < 2 * n * n; k++) {
      const v = A[k]!;
      lu[k] = v;
      a[k] = v;
      amax = Math.max(amax, Math.abs(v));
    }
    this.anorm = -1;
    this.cond = -1;
    const tiny = n * Number.EPSILON * amax;

    for (let k = 0; k < n; k++) {
      // Pivot on the largest |re| + |im| in column k, as LAPACK's izamax does.
      let p = k;
      let best = -1;
      for (let i = k; i < n; i++) {
        const a = Math.abs(lu[2 * (i * n + k)]!) + Math.abs(lu[2 * (i * n + k) + 1]!);
        if (a > best) {
          best = a;
          p = i;
        }
      }
      this.pivots[k] = p;
      if (p !== k) {
        for (let j = 0; j < 2 * n; j++) {
          const tmp = lu[2 * k * n + j]!;
          lu[2 * k * n + j] = lu[2 * p * n + j]!;
          lu[2 * p * n + j] = tmp;
        }
      }
      const pr = lu[2 * (k * n + k)]!;
      const pi = lu[2 * (k * n + k) + 1]!;
      const modulus = Math.sqrt(pr * pr + pi * pi);
      if (!(modulus > tiny)) {
        this.state = 'singular';
        return false;
      }
      // 1 / pivot, scaled to avoid overflow in |pivot|².
      const ir = pr / modulus / modulus;
      const ii = -pi / modulus / modulus;
      for (let i = k + 1; i < n; i++) {
        const ar = lu[2 * (i * n + k)]!;
        const ai = lu[2 * (i * n + k) + 1]!;
        const lr = ar * ir - ai * ii;
        const li = ar * ii + ai * ir;
        lu[2 * (i * n + k)] = lr;
        lu[2 * (i * n + k) + 1] = li;
        if (lr === 0 && li === 0) continue;
        for (let j = k + 1; j < n; j++) {
          const ur = lu[2 * (k * n + j)]!;
          const ui = lu[2 * (k * n + j) + 1]!;
          lu[2 * (i * n + j)]! -= lr * ur - li * ui;
          lu[2 * (i * n + j) + 1]! -= lr * ui + li * ur;
        }
      }
    }
    this.state = 'factored';
    return true;
  }

  private requireFactored(): void {
    if (this.state !== 'factored') {
      throw new Error(
        this.state === 'empty' ? 'ComplexLU: call factor(A) before solve' : 'ComplexLU: the factored matrix is singular; check the result of factor(A)',
      );
    }
  }

  /** out = A⁻¹ b. out may be b itself. */
  solve(out: CVec, b: CVec): CVec {
    this.requireFactored();
    const n = this.n;
    const lu = this.lu;
    copy(out, b, n);
    for (let k = 0; k < n; k++) swap(out, k, this.pivots[k]!);
    // L y = Pb, then U x = y.
    for (let i = 1; i < n; i++) {
      let sr = out[2 * i]!;
      let si = out[2 * i + 1]!;
      for (let j = 0; j < i; j++) {
        const lr = lu[2 * (i * n + j)]!;
        const li = lu[2 * (i * n + j) + 1]!;
        sr -= lr * out[2 * j]! - li * out[2 * j + 1]!;
        si -= lr * out[2 * j + 1]! + li * out[2 * j]!;
      }
      out[2 * i] = sr;
      out[2 * i + 1] = si;
    }
    for (let i = n - 1; i >= 0; i--) {
      let sr = out[2 * i]!;
      let si = out[2 * i + 1]!;
      for (let j = i + 1; j < n; j++) {
        const ur = lu[2 * (i * n + j)]!;
        const ui = lu[2 * (i * n + j) + 1]!;
        sr -= ur * out[2 * j]! - ui * out[2 * j + 1]!;
        si -= ur * out[2 * j + 1]! + ui * out[2 * j]!;
      }
      divideInto(out, i, sr, si, lu[2 * (i * n + i)]!, lu[2 * (i * n + i) + 1]!);
    }
    return out;
  }

  /** out = A⁻ᴴ b (the conjugate transpose). out may be b itself. */
  solveAdjoint(out: CVec, b: CVec): CVec {
    this.requireFactored();
    const n = this.n;
    const lu = this.lu;
    copy(out, b, n);
    // Aᴴ = Uᴴ Lᴴ P: solve Uᴴ w = b, then Lᴴ v = w, then x = Pᵀ v. Row k of U and L is
    // column k of Uᴴ and Lᴴ, so both sweeps run along rows (contiguous memory).
    for (let k = 0; k < n; k++) {
      divideInto(out, k, out[2 * k]!, out[2 * k + 1]!, lu[2 * (k * n + k)]!, -lu[2 * (k * n + k) + 1]!);
      const wr = out[2 * k]!;
      const wi = out[2 * k + 1]!;
      for (let i = k + 1; i < n; i++) {
        const ur = lu[2 * (k * n + i)]!;
        const ui = -lu[2 * (k * n + i) + 1]!;
        out[2 * i]! -= ur * wr - ui * wi;
        out[2 * i + 1]! -= ur * wi + ui * wr;
      }
    }
    for (let k = n - 1; k > 0; k--) {
      const vr = out[2 * k]!;
      const vi = out[2 * k + 1]!;
      for (let i = 0; i < k; i++) {
        const lr = lu[2 * (k * n + i)]!;
        const li = -lu[2 * (k * n + i) + 1]!;
        out[2 * i]! -= lr * vr - li * vi;
        out[2 * i + 1]! -= lr * vi + li * vr;
      }
    }
    for (let k = n - 1; k >= 0; k--) swap(out, k, this.pivots[k]!);
    return out;
  }

  /**
   * An estimate of ‖A⁻¹‖₁ (Hager's method with Higham's refinements, as in LAPACK's zlacon):
   * a lower bound that in practice is almost always within a factor 3 of the truth.
   */
  inverseNorm1Estimate(): number {
    if (this.state === 'singular') return Infinity;
    this.requireFactored();
    return estimateInverseNorm1(this, this.n, this.v, this.w);
  }

  /** Estimate of κ₁(A) = ‖A‖₁·‖A⁻¹‖₁; Infinity when A is singular, NaN before any factor. Made once per factorization. */
  conditionEstimate(): number {
    if (this.state === 'empty') return NaN;
    if (this.cond < 0) this.cond = this.norm1 * this.inverseNorm1Estimate();
    return this.cond;
  }
}

function copy(out: CVec, b: CVec, n: number): void {
  if (out === b) return;
  for (let k = 0; k < 2 * n; k++) out[k] = b[k]!;
}

function swap(x: CVec, k: number, p: number): void {
  if (p === k) return;
  const r = x[2 * k]!;
  const i = x[2 * k + 1]!;
  x[2 * k] = x[2 * p]!;
  x[2 * k + 1] = x[2 * p + 1]!;
  x[2 * p] = r;
  x[2 * p + 1] = i;
}

/** x_k = (sr + i·si) / (dr + i·di), by Smith's algorithm (no overflow in |d|²). */
function divideInto(x: CVec, k: number, sr: number, si: number, dr: number, di: number): void {
  if (Math.abs(dr) >= Math.abs(di)) {
    const r = di / dr;
    const d = dr + di * r;
    x[2 * k] = (sr + si * r) / d;
    x[2 * k + 1] = (si - sr * r) / d;
  } else {
    const r = dr / di;
    const d = dr * r + di;
    x[2 * k] = (sr * r + si) / d;
    x[2 * k + 1] = (si * r - sr) / d;
  }
}

/** Solves with a factored matrix and with its conjugate transpose, on complex double vectors. */
export interface FactoredSolver {
  solve(out: CVec, b: CVec): CVec;
  solveAdjoint(out: CVec, b: CVec): CVec;
}

/**
 * An estimate of ‖A⁻¹‖₁ from solves with A and Aᴴ (Hager's method with Higham's refinements,
 * as in LAPACK's zlacon): a lower bound that in practice is almost always within a factor 3
 * of the truth. v and w are scratch vectors of 2n.
 */
export function estimateInverseNorm1(A: FactoredSolver, n: number, v: CVec, w: CVec): number {
  v.fill(0);
  for (let k = 0; k < n; k++) v[2 * k] = 1 / n;
  let estimate = 0;
  let last = -1;
  for (let iter = 0; iter < ESTIMATOR_ITERATIONS; iter++) {
    A.solve(v, v);
    const next = norm1(v, n);
    if (iter > 0 && next <= estimate) break;
    estimate = next;
    // w = sign(v), then z = A⁻ᴴ w; the largest |z_j| points at the column to try next.
    for (let k = 0; k < n; k++) {
      const a = cabs(v[2 * k]!, v[2 * k + 1]!);
      w[2 * k] = a === 0 ? 1 : v[2 * k]! / a;
      w[2 * k + 1] = a === 0 ? 0 : v[2 * k + 1]! / a;
    }
    A.solveAdjoint(w, w);
    let j = 0;
    for (let k = 1; k < n; k++) if (cabs(w[2 * k]!, w[2 * k + 1]!) > cabs(w[2 * j]!, w[2 * j + 1]!)) j = k;
    if (j === last) break;
    last = j;
    v.fill(0);
    v[2 * j] = 1;
  }
  // Higham's safeguard against matrices that fool the iteration: x_k = ±(1 + k/(n−1)).
  for (let k = 0; k < n; k++) {
    v[2 * k] = (k % 2 === 0 ? 1 : -1) * (1 + (n === 1 ? 0 : k / (n - 1)));
    v[2 * k + 1] = 0;
  }
  A.solve(v, v);
  return Math.max(estimate, (2 * norm1(v, n)) / (3 * n));
}
