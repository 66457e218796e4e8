/**
 * Interval evaluation of a system and its Jacobian over a box of complex rectangular
 * intervals: the companion of the point evaluators in sparse.ts, walking the same sparse
 * terms. Every result encloses the exact value of the polynomial at every point of the box,
 * rounding errors included; parameters enter as degenerate (point) intervals.
 *
 * At a single point the residual F(x̃) is enclosed more tightly by double-double evaluation
 * with an a-priori error bound: near a solution the residual is tiny and a double enclosure
 * would be all rounding error, which Y = J⁻¹ then magnifies by the condition number.
 */
import { cadd, cmul, cpoint, cscale, type CInterval } from '../numeric/cinterval.js';
import { cdd } from '../numeric/doubledouble.js';
import { around, type Interval } from '../numeric/interval.js';
import { nextUp } from '../numeric/rounding.js';
import { evaluateDD, type SparsePoly, type SparseSystem } from './sparse.js';

/** pw[k][e] ⊇ X_k^e for every variable (the box for unknowns, then the parameter points). */
function boxPowers(sys: SparseSystem, box: readonly CInterval[]): CInterval[][] {
  const pw: CInterval[][] = [];
  for (let k = 0; k < sys.maxExp.length; k++) {
    const base = k < sys.n ? box[k]! : cpoint(sys.params[2 * (k - sys.n)]!, sys.params[2 * (k - sys.n) + 1]!);
    const p: CInterval[] = [cpoint(1)];
    for (let e = 1; e <= sys.maxExp[k]!; e++) p.push(e === 1 ? base : cmul(p[e - 1]!, base));
    pw.push(p);
  }
  return pw;
}

function evalPoly(poly: SparsePoly, pw: CInterval[][]): CInterval {
  let sum = cpoint(0);
  for (const t of poly) {
    if (t.vars.length === 0) {
      sum = cadd(sum, cpoint(t.re, t.im));
      continue;
    }
    let prod = pw[t.vars[0]!]![t.exps[0]!]!;
    for (let v = 1; v < t.vars.length; v++) prod = cmul(prod, pw[t.vars[v]!]![t.exps[v]!]!);
    sum = cadd(sum, cscale(prod, t.re, t.im));
  }
  return sum;
}

/** Enclosures of f_1..f_n over the box (one interval per unknown). */
export function evaluateOnBox(sys: SparseSystem, box: readonly CInterval[]): CInterval[] {
  const pw = boxPowers(sys, box);
  return sys.f.map((p) => evalPoly(p, pw));
}

/** Enclosures of the Jacobian entries ∂f_i/∂x_j over the box, row-major n×n. */
export function jacobianOnBox(sys: SparseSystem, box: readonly CInterval[]): CInterval[] {
  const pw = boxPowers(sys, box);
  return sys.jac.map((p) => evalPoly(p, pw));
}

/**
 * A generous bound on the relative error of one complex double-double operation. The real
 * operations here err by at most 7·2⁻¹⁰⁶ (product) and 3·2⁻¹⁰⁶ (sum) (Joldes, Muller and
 * Popescu, 2017); a complex product by √2 times their sum, under 2⁻¹⁰²; a complex sum by less.
 * Using 2⁻¹⁰⁰, times 4 below, covers second-order terms and the rounding of the term sizes.
 */
const DD_UNIT = 2 ** -100;
/** Absolute slack per operation for gradual underflow in the low parts. */
const UNDERFLOW_SLACK = 2 ** -1000;

/** [c − e, c + e] for the double-double c = hi + lo, with c's error e and the rounding of hi + lo. */
function ddAround(hi: number, lo: number, err: number): Interval {
  return around(hi, nextUp(Math.abs(lo) + err));
}

/**
 * Enclosures of f_1..f_n at the point x (interleaved), from double-double evaluation: the
 * error of a value reached through d operations from terms of total size S is at most
 * 4·d·2⁻¹⁰⁰·S (each step adds a relative error to at most the terms below it).
 */
export function encloseAtPoint(sys: SparseSystem, x: Float64Array): CInterval[] {
  const point = Array.from({ length: sys.n }, (_, k) => cdd(x[2 * k]!, x[2 * k + 1]!));
  const values = evaluateDD(sys, point);
  let fallback: CInterval[] | undefined;
  return values.map(({ value, magnitude, depth }, i) => {
    const err = nextUp(nextUp(4 * depth * DD_UNIT * magnitude) + depth * UNDERFLOW_SLACK);
    const box = { re: ddAround(value.re.hi, value.re.lo, err), im: ddAround(value.im.hi, value.im.lo, err) };
    if ([box.re.lo, box.re.hi, box.im.lo, box.im.hi].every(Number.isFinite)) return box;
    // Overflow somewhere: the plain interval evaluation still gives a (wide) enclosure.
    fallback ??= evaluateOnBox(
      sys,
      Array.from({ length: sys.n }, (_, k) => cpoint(x[2 * k]!, x[2 * k + 1]!)),
    );
    return fallback[i]!;
  });
}
