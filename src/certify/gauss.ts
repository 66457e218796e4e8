/**
 * Small dense complex Gaussian elimination with partial pivoting, for the approximate inverse
 * Y ≈ J(x̃)⁻¹ and the Newton steps of certification. Matrices are row-major n×n, interleaved
 * (re, im). Certification needs no accuracy guarantee here: Y only has to be a good
 * approximation, the interval arithmetic downstream checks everything.
 */
export interface ComplexLU {
  readonly n: number;
  /** L (unit lower, below the diagonal) and U packed together, row-major interleaved. */
  readonly lu: Float64Array;
  readonly perm: Int32Array;
}

/** Factors PA = LU; undefined when a pivot is zero or not finite (the matrix is singular). */
export function factor(a: Float64Array, n: number): ComplexLU | undefined {
  const lu = Float64Array.from(a);
  const perm = Int32Array.from({ length: n }, (_, k) => k);
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = -1;
    for (let i = k; i < n; i++) {
      const m = Math.hypot(lu[2 * (i * n + k)]!, lu[2 * (i * n + k) + 1]!);
      if (m > best) [best, p] = [m, i];
    }
    if (!(best > 0 && Number.isFinite(best))) return undefined;
    if (p !== k) {
      for (let j = 0; j < 2 * n; j++) [lu[2 * k * n + j], lu[2 * p * n + j]] = [lu[2 * p * n + j]!, lu[2 * k * n + j]!];
      [perm[k], perm[p]] = [perm[p]!, perm[k]!];
    }
    const pr = lu[2 * (k * n + k)]!;
    const pi = lu[2 * (k * n + k) + 1]!;
    const d = pr * pr + pi * pi;
    for (let i = k + 1; i < n; i++) {
      const ar = lu[2 * (i * n + k)]!;
      const ai = lu[2 * (i * n + k) + 1]!;
      const lr = (ar * pr + ai * pi) / d;
      const li = (ai * pr - ar * pi) / d;
      lu[2 * (i * n + k)] = lr;
      lu[2 * (i * n + k) + 1] = li;
      for (let j = k + 1; j < n; j++) {
        const ur = lu[2 * (k * n + j)]!;
        const ui = lu[2 * (k * n + j) + 1]!;
        lu[2 * (i * n + j)] -= lr * ur - li * ui;
        lu[2 * (i * n + j) + 1] -= lr * ui + li * ur;
      }
    }
  }
  return { n, lu, perm };
}

/** Solves A x = b for the factored A; returns x (interleaved, length 2n). */
export function solve(f: ComplexLU, b: Float64Array): Float64Array {
  const { n, lu, perm } = f;
  const x = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    let sr = b[2 * perm[i]!]!;
    let si = b[2 * perm[i]! + 1]!;
    for (let j = 0; j < i; j++) {
      const lr = lu[2 * (i * n + j)]!;
      const li = lu[2 * (i * n + j) + 1]!;
      sr -= lr * x[2 * j]! - li * x[2 * j + 1]!;
      si -= lr * x[2 * j + 1]! + li * x[2 * j]!;
    }
    x[2 * i] = sr;
    x[2 * i + 1] = si;
  }
  for (let i = n - 1; i >= 0; i--) {
    let sr = x[2 * i]!;
    let si = x[2 * i + 1]!;
    for (let j = i + 1; j < n; j++) {
      const ur = lu[2 * (i * n + j)]!;
      const ui = lu[2 * (i * n + j) + 1]!;
      sr -= ur * x[2 * j]! - ui * x[2 * j + 1]!;
      si -= ur * x[2 * j + 1]! + ui * x[2 * j]!;
    }
    const pr = lu[2 * (i * n + i)]!;
    const pi = lu[2 * (i * n + i) + 1]!;
    const d = pr * pr + pi * pi;
    x[2 * i] = (sr * pr + si * pi) / d;
    x[2 * i + 1] = (si * pr - sr * pi) / d;
  }
  return x;
}

/** A⁻¹ row-major, or undefined when A is singular. */
export function inverse(a: Float64Array, n: number): Float64Array | undefined {
  const f = factor(a, n);
  if (!f) return undefined;
  const inv = new Float64Array(2 * n * n);
  const e = new Float64Array(2 * n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[2 * j] = 1;
    const col = solve(f, e);
    for (let i = 0; i < n; i++) {
      inv[2 * (i * n + j)] = col[2 * i]!;
      inv[2 * (i * n + j) + 1] = col[2 * i + 1]!;
    }
  }
  return inv;
}
