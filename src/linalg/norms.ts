/**
 * Norms of complex vectors and matrices in the interleaved (re, im) layout, for step control,
 * residuals and condition estimates. Nothing here allocates. The Euclidean and max-modulus
 * vector norms live in numeric/complex.ts.
 */
import { cabs, type CVec } from '../numeric/complex.js';

/** Σ |x_k| over a complex vector of length n. */
export function norm1(x: CVec, n = x.length >> 1): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += cabs(x[2 * k]!, x[2 * k + 1]!);
  return s;
}

/** Largest column sum of moduli of a row-major rows×cols complex matrix: the operator 1-norm. */
export function matrixNorm1(A: CVec, rows: number, cols: number): number {
  let best = 0;
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += cabs(A[2 * (i * cols + j)]!, A[2 * (i * cols + j) + 1]!);
    if (s > best) best = s;
  }
  return best;
}
