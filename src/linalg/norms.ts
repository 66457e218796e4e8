/**
 * Norms of complex vectors and matrices in the interleaved (re, im) layout, for step control,
 * residuals and condition estimates. Nothing here allocates. The Euclidean and max-modulus
 * vector norms live in numeric/complex.ts.
 */
import type { CVec } from '../numeric/complex.js';

/** |re + i·im|; Math.hypot guards against overflow we never reach here and is far slower. */
function modulus(re: number, im: number): number {
  return Math.sqrt(re * re + im * im);
}

/** Σ |x_k| over a complex vector of length n. */
export function norm1(x: CVec, n = x.length >> 1): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += modulus(x[2 * k]!, x[2 * k + 1]!);
  return s;
}

/** Largest column sum of moduli of a row-major rows×cols complex matrix: the operator 1-norm. */
export function matrixNorm1(A: CVec, rows: number, cols: number): number {
  let best = 0;
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += modulus(A[2 * (i * cols + j)]!, A[2 * (i * cols + j) + 1]!);
    if (s > best) best = s;
  }
  return best;
}

/** Largest row sum of moduli of a row-major rows×cols complex matrix: the operator ∞-norm. */
export function matrixNormInf(A: CVec, rows: number, cols: number): number {
  let best = 0;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += modulus(A[2 * (i * cols + j)]!, A[2 * (i * cols + j) + 1]!);
    if (s > best) best = s;
  }
  return best;
}

/**
 * out_k = max(|x_k|, floor): weights that make a norm relative for large coordinates and
 * absolute for small ones, so that a step is judged against the size of the point it moves.
 */
export function weightsOf(out: Float64Array, x: CVec, n = x.length >> 1, floor = 1): Float64Array {
  for (let k = 0; k < n; k++) out[k] = Math.max(modulus(x[2 * k]!, x[2 * k + 1]!), floor);
  return out;
}

/** max_k |x_k| / w_k, the max-modulus norm in the weights w (positive, length n). */
export function weightedNormInf(x: CVec, w: Float64Array, n = x.length >> 1): number {
  let m = 0;
  for (let k = 0; k < n; k++) {
    const a = modulus(x[2 * k]!, x[2 * k + 1]!) / w[k]!;
    if (a > m) m = a;
  }
  return m;
}
