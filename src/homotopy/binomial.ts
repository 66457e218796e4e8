/**
 * Binomial systems y^{v_l} = r_l (l = 1..n, v_l integer vectors, r_l ≠ 0): the start systems
 * of the polyhedral homotopy, one per mixed cell. Taking logarithms, V·log y = log r
 * (mod 2πi), with V the matrix of rows v_l. A unimodular column transform U (exact, BigInt)
 * brings V to lower-triangular Hermite form H = V·U with a positive diagonal; with
 * log y = U·φ the system becomes H·φ = log r (mod 2πi), solved by forward substitution:
 *
 *   φ_l = (log r_l − Σ_{j<l} H_lj·φ_j + 2πi·k_l) / H_ll,   k_l = 0 … H_ll − 1,
 *
 * so the solutions are numbered in mixed radix (H_11, …, H_nn) — |det V| of them, all
 * distinct, since U is invertible over the integers — and y_k = exp(Σ_j U_kj·φ_j). Angles are
 * reduced mod 2π before they are multiplied by integers, which changes no solution
 * (exp(2πi·m) = 1) and keeps the rounding of large multipliers from growing.
 */
import { cabs } from '../numeric/complex.js';

export interface HermiteForm {
  /** H = V·U, lower triangular, positive diagonal, entries left of the diagonal in [0, H_ll). */
  readonly h: bigint[][];
  /** Unimodular (det ±1). */
  readonly u: bigint[][];
}

/** x, y, g with x·a + y·b = g = gcd(a, b) ≥ 0. */
function extendedGcd(a: bigint, b: bigint): [bigint, bigint, bigint] {
  let [r0, r1, s0, s1, t0, t1] = [a, b, 1n, 0n, 0n, 1n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return r0 < 0n ? [-s0, -t0, -r0] : [s0, t0, r0];
}

/** Floor division of BigInts (rounding toward −∞). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** The lower Hermite form of a nonsingular integer matrix by column operations. */
export function hermiteForm(v: readonly (readonly number[])[]): HermiteForm {
  const n = v.length;
  const h = v.map((row) => {
    if (row.length !== n) throw new RangeError(`the exponent matrix must be square, a row has ${row.length} entries for ${n} rows`);
    return row.map((e) => BigInt(e));
  });
  const u = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1n : 0n)));
  // new col_i = x·col_i + y·col_j, new col_j = −(b/g)·col_i + (a/g)·col_j: determinant 1.
  const combine = (m: bigint[][], i: number, j: number, x: bigint, y: bigint, p: bigint, q: bigint): void => {
    for (const row of m) {
      const ci = row[i]!;
      const cj = row[j]!;
      row[i] = x * ci + y * cj;
      row[j] = p * ci + q * cj;
    }
  };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = h[i]![i]!;
      const b = h[i]![j]!;
      if (b === 0n) continue;
      const [x, y, g] = extendedGcd(a, b);
      combine(h, i, j, x, y, -b / g, a / g);
      combine(u, i, j, x, y, -b / g, a / g);
    }
    if (h[i]![i] === 0n) throw new RangeError('the exponent matrix is singular: the cell has no binomial solutions');
    if (h[i]![i]! < 0n) {
      for (const m of [h, u]) for (const row of m) row[i] = -row[i]!;
    }
    // Reduce the row's entries left of the diagonal into [0, H_ii): col_j −= q·col_i.
    for (let j = 0; j < i; j++) {
      const q = floorDiv(h[i]![j]!, h[i]![i]!);
      if (q === 0n) continue;
      for (const m of [h, u]) for (const row of m) row[j] = row[j]! - q * row[i]!;
    }
  }
  return { h, u };
}

const TWO_PI = 2 * Math.PI;

/** Angle reduced to [−π, π). */
function reduceAngle(a: number): number {
  return a - TWO_PI * Math.floor((a + Math.PI) / TWO_PI);
}

function toSafeNumber(x: bigint, what: string): number {
  const v = Number(x);
  if (!Number.isSafeInteger(v)) throw new RangeError(`${what} ${x} is too large for the binomial solver`);
  return v;
}

/** The solutions of y^{v_l} = r_l for one exponent matrix V, for any right-hand side r. */
export class BinomialSolver {
  readonly n: number;
  /** |det V|: the number of solutions. */
  readonly count: number;
  private readonly h: number[][];
  private readonly u: number[][];
  private readonly diagonal: number[];
  private readonly phi: Float64Array;

  /** @param v the rows v_l, integer, n × n, nonsingular */
  constructor(v: readonly (readonly number[])[]) {
    const form = hermiteForm(v);
    this.n = v.length;
    this.h = form.h.map((row) => row.map((e) => toSafeNumber(e, 'a Hermite form entry')));
    this.u = form.u.map((row) => row.map((e) => toSafeNumber(e, 'a unimodular transform entry')));
    this.diagonal = this.h.map((row, i) => row[i]!);
    this.count = this.diagonal.reduce((a, b) => a * b, 1);
    if (!Number.isSafeInteger(this.count)) throw new RangeError(`a cell with ${this.count} binomial solutions is too large`);
    this.phi = new Float64Array(2 * this.n);
  }

  /**
   * Writes solution number k (0 ≤ k < count) into out (interleaved complex, n entries).
   * @param r the right-hand sides r_l, interleaved complex, all nonzero
   */
  solution(out: Float64Array, r: Float64Array, k: number): Float64Array {
    const { n, h, u, diagonal, phi } = this;
    if (!(Number.isInteger(k) && k >= 0 && k < this.count)) throw new RangeError(`binomial solution ${k} outside 0..${this.count - 1}`);
    let rest = k;
    for (let l = 0; l < n; l++) {
      const d = diagonal[l]!;
      const digit = rest % d;
      rest = Math.floor(rest / d);
      let re = Math.log(cabs(r[2 * l]!, r[2 * l + 1]!));
      let im = Math.atan2(r[2 * l + 1]!, r[2 * l]!) + TWO_PI * digit;
      for (let j = 0; j < l; j++) {
        const c = h[l]![j]!;
        re -= c * phi[2 * j]!;
        im -= c * phi[2 * j + 1]!;
      }
      phi[2 * l] = re / d;
      phi[2 * l + 1] = reduceAngle(im / d);
    }
    for (let i = 0; i < n; i++) {
      let re = 0;
      let im = 0;
      for (let j = 0; j < n; j++) {
        const c = u[i]![j]!;
        if (c === 0) continue;
        re += c * phi[2 * j]!;
        im += reduceAngle(c * phi[2 * j + 1]!);
      }
      const m = Math.exp(re);
      out[2 * i] = m * Math.cos(im);
      out[2 * i + 1] = m * Math.sin(im);
    }
    return out;
  }
}
