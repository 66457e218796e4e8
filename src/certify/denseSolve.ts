/**
 * The dense complex solves of certification (the approximate inverse Y ≈ J(x̃)⁻¹ and Newton
 * steps), on the library's LU. Certification needs no accuracy guarantee here: Y only has to be
 * a good approximation, the interval arithmetic downstream checks everything. A matrix within
 * rounding of singular gives undefined, and certification then reports a singular Jacobian.
 */
import { ComplexLU } from '../linalg/lu.js';

/** Factors A (row-major n×n, interleaved); undefined when A is singular to working precision. */
export function factor(a: Float64Array, n: number): ComplexLU | undefined {
  const lu = new ComplexLU(n);
  return lu.factor(a) ? lu : undefined;
}

/** A⁻¹b for a factored A, as a new array. */
export function solve(f: ComplexLU, b: Float64Array): Float64Array {
  return f.solve(new Float64Array(2 * f.n), b);
}

/** A⁻¹ row-major, or undefined when A is singular. */
export function inverse(a: Float64Array, n: number): Float64Array | undefined {
  const f = factor(a, n);
  if (!f) return undefined;
  const inv = new Float64Array(2 * n * n);
  const e = new Float64Array(2 * n);
  const col = new Float64Array(2 * n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[2 * j] = 1;
    f.solve(col, e);
    for (let i = 0; i < n; i++) {
      inv[2 * (i * n + j)] = col[2 * i]!;
      inv[2 * (i * n + j) + 1] = col[2 * i + 1]!;
    }
  }
  return inv;
}
