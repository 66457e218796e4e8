/**
 * Witness sets (Sommese–Wampler): a d-dimensional solution set C of F = 0 is represented by
 * the points where it meets a random affine space of codimension d, A·x = c. For a system of
 * m equations in n unknowns, the d-dimensional slice system is
 *
 *   G_i(x) = Σ_j R_ij·F_j(x) = 0   (i < n − d, R a random complex matrix: F randomized to n − d equations)
 *   L_k(x) = Σ_j A_kj·x_j − c_k = 0 (k < d)
 *
 * square in x. Its isolated solutions that also solve F = 0 are a witness superset of
 * dimension d: witness points of the d-dimensional components, and "junk" points on higher
 * ones. With the offsets c as parameters the slice system is a linear slice family: the
 * slices move parallel to themselves, the trace test applies (solve/traceTest), and loops in
 * c permute the witness points of each irreducible component transitively (the covering by a
 * generic linear projection of an irreducible variety is connected).
 */
import { cabs } from '../numeric/complex.js';
import type { Random } from '../numeric/rng.js';
import { Polynomial } from '../poly/polynomial.js';
import { makeSystem, type System } from '../poly/system.js';

/** A random slice of codimension d and the randomization that squares F to n − d equations. */
export interface Slicing {
  readonly dimension: number;
  /** (n − d) × m, interleaved (re, im), row-major. */
  readonly R: Float64Array;
  /** d × n, interleaved, row-major: the slice directions. */
  readonly A: Float64Array;
  /** d offsets, interleaved: the slice is A·x = c. */
  readonly c: Float64Array;
}

/**
 * A random slicing of dimension `dimension`. The randomization keeps F's n − d equations of
 * highest degree and adds random multiples of the others to them (R = [I | random] in that
 * order), so that the slice system's Bézout number is the product of the n − d highest
 * degrees, not the highest degree to the power n − d (cyclic8 at dimension 1: 8!, not 8⁷).
 */
export function randomSlicing(n: number, degrees: readonly number[], dimension: number, rng: Random): Slicing {
  const m = degrees.length;
  const rows = n - dimension;
  const fill = (k: number): Float64Array => {
    const v = new Float64Array(2 * k);
    for (let j = 0; j < 2 * k; j += 2) [v[j], v[j + 1]] = rng.complexNormal();
    return v;
  };
  // Equations by degree, highest first (ties in input order): the first `rows` are kept.
  const order = degrees.map((_, j) => j).sort((a, b) => degrees[b]! - degrees[a]! || a - b);
  const R = new Float64Array(2 * rows * m);
  for (let i = 0; i < rows; i++) {
    R[2 * (i * m + order[i]!)] = 1;
    for (const j of order.slice(rows)) [R[2 * (i * m + j)], R[2 * (i * m + j) + 1]] = rng.complexNormal();
  }
  return { dimension, R, A: fill(dimension * n), c: fill(dimension) };
}

/** R·F, n − d equations in the variables of F extended by `extra` unused ones. */
function randomized(system: System, s: Slicing, extra: number): Polynomial[] {
  const n = system.variables.length;
  const m = system.equations.length;
  const rows = n - s.dimension;
  const F = system.equations.map((f) => f.extend(n + extra));
  return Array.from({ length: rows }, (_, i) =>
    F.reduce((sum, f, j) => sum.add(f.scale(s.R[2 * (i * m + j)]!, s.R[2 * (i * m + j) + 1]!)), Polynomial.zero(n + extra)),
  );
}

/** Σ_j A_kj·x_j as a polynomial in `nvars` variables. */
function linearForm(s: Slicing, n: number, k: number, nvars: number): Polynomial {
  let form = Polynomial.zero(nvars);
  for (let j = 0; j < n; j++) form = form.add(Polynomial.variable(nvars, j).scale(s.A[2 * (k * n + j)]!, s.A[2 * (k * n + j) + 1]!));
  return form;
}

/** The slice system at the slicing's own offsets: square, no parameters (to solve). */
export function sliceSystem(system: System, s: Slicing): System {
  const n = system.variables.length;
  const slices = Array.from({ length: s.dimension }, (_, k) => linearForm(s, n, k, n).add(Polynomial.constant(n, -s.c[2 * k]!, -s.c[2 * k + 1]!)));
  return makeSystem(system.variables, [...randomized(system, s, 0), ...slices]);
}

/** Parameter names of the offsets, `_c1`, …: not names a user's system could hold. */
const offsetName = (k: number): string => `_c${k + 1}`;

/** The slice system with the offsets c as parameters: a linear slice family (moving slices, the trace test). */
export function offsetFamily(system: System, s: Slicing): System {
  const n = system.variables.length;
  const d = s.dimension;
  const nv = n + d;
  const slices = Array.from({ length: d }, (_, k) => linearForm(s, n, k, nv).sub(Polynomial.variable(nv, n + k)));
  return makeSystem(
    system.variables,
    [...randomized(system, s, d), ...slices],
    Array.from({ length: d }, (_, k) => offsetName(k)),
  );
}

/**
 * The slice system with the directions A and the offsets c as parameters (A row-major, then
 * c): for moving a witness set to another slice, a real one included.
 */
export function sliceFamily(system: System, s: Slicing): System {
  const n = system.variables.length;
  const d = s.dimension;
  const nv = n + d * n + d;
  const slices = Array.from({ length: d }, (_, k) => {
    let form = Polynomial.zero(nv);
    for (let j = 0; j < n; j++) form = form.add(Polynomial.variable(nv, j).mul(Polynomial.variable(nv, n + k * n + j)));
    return form.sub(Polynomial.variable(nv, n + d * n + k));
  });
  const names = [
    ...Array.from({ length: d * n }, (_, k) => `_a${Math.floor(k / n) + 1}_${(k % n) + 1}`),
    ...Array.from({ length: d }, (_, k) => offsetName(k)),
  ];
  return makeSystem(system.variables, [...randomized(system, s, d * n + d), ...slices], names);
}

/** The parameter point (A, c) of sliceFamily. */
export function slicePoint(A: Float64Array, c: Float64Array): Float64Array {
  const p = new Float64Array(A.length + c.length);
  p.set(A);
  p.set(c, A.length);
  return p;
}

/** ‖F(x)‖∞ relative to max(1, ‖x‖∞): whether a slice-system solution solves F itself. */
export function relativeResidual(system: System, x: Float64Array): number {
  let r = 0;
  let size = 1;
  for (let k = 0; k < x.length; k += 2) size = Math.max(size, cabs(x[k]!, x[k + 1]!));
  for (const f of system.equations) {
    const [re, im] = f.evaluate(x);
    r = Math.max(r, cabs(re, im));
  }
  return r / size;
}
