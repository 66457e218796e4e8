/**
 * The sparse form of a system that the certification interpreters walk: each polynomial of F
 * and of its Jacobian as a list of terms that name only the variables they use. Parameters are
 * fixed to given values and become trailing "variables" of every point, so one walk serves
 * unknowns and parameters alike. Point evaluators in double and double-double live here; the
 * interval evaluator (intervalEval.ts) walks the same terms.
 */
import type { System } from '../poly/system.js';
import type { Polynomial } from '../poly/polynomial.js';
import { InputError } from '../errors.js';
import { cdd, cddAdd, cddMul, type CDD } from '../numeric/doubledouble.js';
import { nextUp } from '../numeric/rounding.js';

export interface SparseTerm {
  readonly re: number;
  readonly im: number;
  /** Indices (unknowns first, then parameters) of the variables with a positive exponent. */
  readonly vars: Int32Array;
  readonly exps: Int32Array;
}

export type SparsePoly = readonly SparseTerm[];

export interface SparseSystem {
  /** Number of unknowns (also the number of equations: the system is square). */
  readonly n: number;
  /** Parameter values, interleaved (re, im). */
  readonly params: Float64Array;
  /** Highest exponent of each variable (unknowns then parameters) over F and J. */
  readonly maxExp: Int32Array;
  readonly f: readonly SparsePoly[];
  /** ∂f_i/∂x_j at index i·n + j. */
  readonly jac: readonly SparsePoly[];
  /** True when every coefficient and parameter value is real, so solutions come in conjugate pairs. */
  readonly realCoefficients: boolean;
}

function sparsePoly(p: Polynomial, maxExp: Int32Array): SparsePoly {
  return p.terms.map((t) => {
    const vars: number[] = [];
    const exps: number[] = [];
    t.exps.forEach((e, k) => {
      if (e === 0) return;
      vars.push(k);
      exps.push(e);
      if (e > maxExp[k]!) maxExp[k] = e;
    });
    return { re: t.re, im: t.im, vars: Int32Array.from(vars), exps: Int32Array.from(exps) };
  });
}

/**
 * The sparse form of a square system with parameters fixed to `params` (interleaved re, im;
 * required exactly when the system has parameters).
 */
export function sparseSystem(system: System, params: Float64Array = new Float64Array(0)): SparseSystem {
  const n = system.variables.length;
  const q = system.parameters.length;
  if (system.equations.length !== n) {
    throw new InputError(`certification needs a square system: ${system.equations.length} equations in ${n} unknowns`);
  }
  if (params.length !== 2 * q) {
    throw new InputError(`the system has ${q} parameter${q === 1 ? '' : 's'}; pass their values as 'parameters' (${2 * q} numbers: re, im interleaved)`);
  }
  const maxExp = new Int32Array(n + q);
  const f = system.equations.map((p) => sparsePoly(p, maxExp));
  const jac: SparsePoly[] = [];
  for (const p of system.equations) for (let j = 0; j < n; j++) jac.push(sparsePoly(p.diff(j), maxExp));
  let realCoefficients = params.every((v, k) => k % 2 === 0 || v === 0);
  for (const p of system.equations) realCoefficients &&= p.terms.every((t) => t.im === 0);
  return { n, params: Float64Array.from(params), maxExp, f, jac, realCoefficients };
}

/** Powers pw[k][e] = x_k^e of every variable (unknowns from x, then the parameters). */
function pointPowers(sys: SparseSystem, x: Float64Array): Float64Array[] {
  const total = sys.maxExp.length;
  const pw: Float64Array[] = [];
  for (let k = 0; k < total; k++) {
    const xr = k < sys.n ? x[2 * k]! : sys.params[2 * (k - sys.n)]!;
    const xi = k < sys.n ? x[2 * k + 1]! : sys.params[2 * (k - sys.n) + 1]!;
    const m = sys.maxExp[k]!;
    const p = new Float64Array(2 * (m + 1));
    p[0] = 1;
    for (let e = 1; e <= m; e++) {
      p[2 * e] = p[2 * e - 2]! * xr - p[2 * e - 1]! * xi;
      p[2 * e + 1] = p[2 * e - 2]! * xi + p[2 * e - 1]! * xr;
    }
    pw.push(p);
  }
  return pw;
}

function evalPoint(poly: SparsePoly, pw: Float64Array[], out: Float64Array, at: number): void {
  let sr = 0;
  let si = 0;
  for (const t of poly) {
    let pr = t.re;
    let pi = t.im;
    for (let v = 0; v < t.vars.length; v++) {
      const p = pw[t.vars[v]!]!;
      const e = t.exps[v]!;
      const r = pr * p[2 * e]! - pi * p[2 * e + 1]!;
      pi = pr * p[2 * e + 1]! + pi * p[2 * e]!;
      pr = r;
    }
    sr += pr;
    si += pi;
  }
  out[at] = sr;
  out[at + 1] = si;
}

/** outF = F(x) and outJ = J(x) (row-major n×n, interleaved) in double precision. */
export function evaluatePoint(sys: SparseSystem, x: Float64Array, outF: Float64Array, outJ: Float64Array): void {
  const pw = pointPowers(sys, x);
  sys.f.forEach((p, i) => evalPoint(p, pw, outF, 2 * i));
  sys.jac.forEach((p, ij) => evalPoint(p, pw, outJ, 2 * ij));
}

/** One equation evaluated in double-double, with what its rounding-error bound needs. */
export interface DDValue {
  readonly value: CDD;
  /** An upper bound of Σ_terms (|Re t| + |Im t|) over the computed terms. */
  readonly magnitude: number;
  /** Complex double-double operations on the longest path to the value (products + sums). */
  readonly depth: number;
}

/** F(x) in double-double at a double-double point: the residual that drives refinement. */
export function evaluateDD(sys: SparseSystem, x: readonly CDD[]): DDValue[] {
  const pw: CDD[][] = [];
  for (let k = 0; k < sys.maxExp.length; k++) {
    const base = k < sys.n ? x[k]! : cdd(sys.params[2 * (k - sys.n)]!, sys.params[2 * (k - sys.n) + 1]!);
    const p: CDD[] = [cdd(1)];
    for (let e = 1; e <= sys.maxExp[k]!; e++) p.push(cddMul(p[e - 1]!, base));
    pw.push(p);
  }
  return sys.f.map((poly) => {
    let value = cdd(0);
    let magnitude = 0;
    let products = 0;
    for (const t of poly) {
      let prod = cdd(t.re, t.im);
      let chain = 0;
      for (let v = 0; v < t.vars.length; v++) {
        prod = cddMul(prod, pw[t.vars[v]!]![t.exps[v]!]!);
        chain += t.exps[v]!;
      }
      value = cddAdd(value, prod);
      const size = Math.abs(prod.re.hi) + Math.abs(prod.re.lo) + Math.abs(prod.im.hi) + Math.abs(prod.im.lo);
      magnitude = nextUp(magnitude + nextUp(size));
      products = Math.max(products, chain);
    }
    return { value, magnitude, depth: products + poly.length };
  });
}
