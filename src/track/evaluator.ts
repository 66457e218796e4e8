/**
 * The arithmetic of a step: H and its derivatives at a point, and solves with Hx. The corrector
 * and the predictors reach the homotopy only through a StepEvaluator, so the precision of a
 * step is the evaluator it is given, never a second copy of the loop: DoubleEvaluator, or
 * DDStepEvaluator, which evaluates H, Hx and Ht and solves with Hx in double-double where Hx
 * is too ill-conditioned for double (the stepper switches, stepper.ts).
 *
 * Points and results stay complex double either way. A double carries a point of the path to
 * 16 digits, as far as the path needs; what double cannot do near a point of condition κ is
 * evaluate H there (the terms cancel) and solve with Hx: each loses about log10 κ digits. In
 * double-double those 16 digits are lost from 32.
 */
import type { DDHomotopy, Homotopy } from '../homotopy/types.js';
import { DDComplexLU } from '../linalg/ddLu.js';
import { ComplexLU, estimateInverseNorm1, type FactoredSolver } from '../linalg/lu.js';
import { normInf } from '../numeric/complex.js';
import { cddAddScaled, cddSet, fromDD, toDD } from '../numeric/ddArray.js';

export type Precision = 'double' | 'double-double';

export interface StepEvaluator {
  readonly n: number;
  readonly precision: Precision;
  /** The unit round-off of its arithmetic: a Newton update at condition κ is accurate to about epsilon·κ. */
  readonly epsilon: number;
  /** H(x, t) of the last linearize, interleaved (re, im). */
  readonly h: Float64Array;
  /** ∂H/∂t(x, t) of the last linearize. */
  readonly ht: Float64Array;
  /** out = H(x, t); leaves h, ht and the factored Hx as they were. */
  evaluate(out: Float64Array, x: Float64Array, tre: number, tim: number): void;
  /** H, Hx and Ht at (x, t), and Hx factored for solve. False when Hx is singular. */
  linearize(x: Float64Array, tre: number, tim: number): boolean;
  /** out = Hx⁻¹·b with the Hx of the last linearize (out and b distinct). */
  solve(out: Float64Array, b: Float64Array): void;
  /** Estimated condition number of the Hx of the last linearize. */
  conditionEstimate(): number;
  /**
   * How much of H's round-off reaches x: the relative error of a Newton update at x per unit
   * relative error in the terms of H, with the Hx of the last linearize (see sensitivity
   * below). A Newton update in precision ε is accurate to about ε times this. At most about
   * conditionEstimate(), and much less where Hx is ill-conditioned only from the scaling of
   * its rows and columns (a path on its way to infinity).
   */
  sensitivity(x: Float64Array): number;
  /**
   * A weighted sum of values of H, kept in the evaluator's precision and then solved with Hx:
   * the discrete Fourier coefficients of the Padé predictor. sumReset starts it, sumAdd adds
   * (wr + i·wi)·H(x, t), and sumSolve sets out = Hx⁻¹·(scale·sum) with the Hx of the last
   * linearize; false when the scaled sum is not finite.
   */
  sumReset(): void;
  sumAdd(x: Float64Array, tre: number, tim: number, wr: number, wi: number): void;
  sumSolve(out: Float64Array, scale: number): boolean;
}

/** Double precision: the homotopy's own evaluators and a complex LU, buffers made once. */
export class DoubleEvaluator implements StepEvaluator {
  readonly n: number;
  readonly precision = 'double';
  readonly epsilon = Number.EPSILON;
  readonly h: Float64Array;
  readonly ht: Float64Array;
  private readonly hx: Float64Array;
  private readonly lu: ComplexLU;
  private readonly value: Float64Array;
  private readonly acc: Float64Array;
  private scaled: Sensitivity | undefined;

  constructor(readonly homotopy: Homotopy) {
    const n = homotopy.n;
    this.n = n;
    this.h = new Float64Array(2 * n);
    this.hx = new Float64Array(2 * n * n);
    this.ht = new Float64Array(2 * n);
    this.lu = new ComplexLU(n);
    this.value = new Float64Array(2 * n);
    this.acc = new Float64Array(2 * n);
  }

  evaluate(out: Float64Array, x: Float64Array, tre: number, tim: number): void {
    this.homotopy.evaluate(out, x, tre, tim);
  }

  linearize(x: Float64Array, tre: number, tim: number): boolean {
    this.homotopy.evaluateAll(this.h, this.hx, this.ht, x, tre, tim);
    return this.lu.factor(this.hx);
  }

  solve(out: Float64Array, b: Float64Array): void {
    this.lu.solve(out, b);
  }

  conditionEstimate(): number {
    return this.lu.conditionEstimate();
  }

  sensitivity(x: Float64Array): number {
    if (this.lu.singular) return Infinity;
    return (this.scaled ??= new Sensitivity(this.n)).of(this.lu, this.hx, 2, x);
  }

  sumReset(): void {
    this.acc.fill(0);
  }

  sumAdd(x: Float64Array, tre: number, tim: number, wr: number, wi: number): void {
    const { value, acc } = this;
    this.homotopy.evaluate(value, x, tre, tim);
    for (let k = 0; k < acc.length; k += 2) {
      acc[k] = acc[k]! + value[k]! * wr - value[k + 1]! * wi;
      acc[k + 1] = acc[k + 1]! + value[k]! * wi + value[k + 1]! * wr;
    }
  }

  sumSolve(out: Float64Array, scale: number): boolean {
    const acc = this.acc;
    for (let k = 0; k < acc.length; k++) {
      const v = acc[k]! * scale;
      if (!Number.isFinite(v)) return false;
      acc[k] = v;
    }
    this.lu.solve(out, acc);
    return true;
  }
}

/**
 * Double-double: H, Hx and Ht of the homotopy's DDHomotopy at the (double) point, Hx factored
 * by a double-double LU, right-hand sides widened and solutions rounded to double. The residual
 * H of the last linearize is solved from its double-double value, not its rounding.
 */
export class DDStepEvaluator implements StepEvaluator {
  readonly n: number;
  readonly precision = 'double-double';
  /** 2⁻¹⁰⁴: double-double's unit round-off. */
  readonly epsilon = 2 ** -104;
  readonly h: Float64Array;
  readonly ht: Float64Array;
  private readonly x: Float64Array;
  private readonly t = new Float64Array(4);
  private readonly hdd: Float64Array;
  private readonly hxdd: Float64Array;
  private readonly htdd: Float64Array;
  private readonly b: Float64Array;
  private readonly value: Float64Array;
  private readonly acc: Float64Array;
  private readonly lu: DDComplexLU;
  private scaled: Sensitivity | undefined;

  constructor(readonly homotopy: DDHomotopy) {
    const n = homotopy.n;
    this.n = n;
    this.h = new Float64Array(2 * n);
    this.ht = new Float64Array(2 * n);
    this.x = new Float64Array(4 * n);
    this.hdd = new Float64Array(4 * n);
    this.hxdd = new Float64Array(4 * n * n);
    this.htdd = new Float64Array(4 * n);
    this.b = new Float64Array(4 * n);
    this.value = new Float64Array(4 * n);
    this.acc = new Float64Array(4 * n);
    this.lu = new DDComplexLU(n);
  }

  evaluate(out: Float64Array, x: Float64Array, tre: number, tim: number): void {
    this.homotopy.evaluate(this.value, toDD(x, this.x), cddSet(this.t, 0, tre, tim));
    fromDD(this.value, out);
  }

  linearize(x: Float64Array, tre: number, tim: number): boolean {
    this.homotopy.evaluateAll(this.hdd, this.hxdd, this.htdd, toDD(x, this.x), cddSet(this.t, 0, tre, tim));
    fromDD(this.hdd, this.h);
    fromDD(this.htdd, this.ht);
    return this.lu.factor(this.hxdd);
  }

  solve(out: Float64Array, b: Float64Array): void {
    const wide = this.b;
    if (b === this.h) wide.set(this.hdd);
    else toDD(b, wide);
    this.lu.solve(wide, wide);
    fromDD(wide, out);
  }

  conditionEstimate(): number {
    return this.lu.conditionEstimate();
  }

  sensitivity(x: Float64Array): number {
    if (this.lu.singular) return Infinity;
    return (this.scaled ??= new Sensitivity(this.n)).of(this.lu.doubleSolver, this.hxdd, 4, x);
  }

  sumReset(): void {
    this.acc.fill(0);
  }

  sumAdd(x: Float64Array, tre: number, tim: number, wr: number, wi: number): void {
    const { value, acc } = this;
    this.homotopy.evaluate(value, toDD(x, this.x), cddSet(this.t, 0, tre, tim));
    for (let k = 0; k < acc.length; k += 4) cddAddScaled(acc, k, wr, wi, value, k);
  }

  sumSolve(out: Float64Array, scale: number): boolean {
    const { acc, b } = this;
    for (let k = 0; k < acc.length; k += 4) {
      cddSet(b, k, 0, 0);
      cddAddScaled(b, k, scale, 0, acc, k);
      if (!Number.isFinite(b[k]!) || !Number.isFinite(b[k + 2]!)) return false;
    }
    this.lu.solve(b, b);
    fromDD(b, out);
    return true;
  }
}

/**
 * ‖Hx⁻¹·diag(g)‖₁ / max(1, ‖x‖∞), with g_i = Σ_j |∂H_i/∂x_j|·max(1, |x_j|) the size of the
 * terms of H_i (a term c·x^a has Σ_j |x_j·∂_j(c·x^a)| = deg·|c·x^a|): a Newton update
 * Hx⁻¹·H(x) in which each H_i is wrong by ε·g_i is wrong by ε times this, relative to x.
 * Skeel's componentwise condition in the norm of the corrector; estimated by Hager–Higham
 * (lu.ts) on the scaled matrix. Made once per evaluator, its scratch with it.
 */
class Sensitivity implements FactoredSolver {
  private readonly g: Float64Array;
  private readonly v: Float64Array;
  private readonly w: Float64Array;
  private A: FactoredSolver | undefined;

  constructor(private readonly n: number) {
    this.g = new Float64Array(n);
    this.v = new Float64Array(2 * n);
    this.w = new Float64Array(2 * n);
  }

  /** hx holds Hx with `stride` doubles per entry (2, or 4 for double-double, of which the leading parts are read); A solves with it. */
  of(A: FactoredSolver, hx: Float64Array, stride: number, x: Float64Array): number {
    const { n, g } = this;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const e = stride * (i * n + j);
        sum += Math.hypot(hx[e]!, hx[e + stride / 2]!) * Math.max(1, Math.hypot(x[2 * j]!, x[2 * j + 1]!));
      }
      g[i] = sum;
    }
    this.A = A;
    return estimateInverseNorm1(this, n, this.v, this.w) / Math.max(1, normInf(x));
  }

  /** out = Hx⁻¹·diag(g)·b. */
  solve(out: Float64Array, b: Float64Array): Float64Array {
    const g = this.g;
    for (let i = 0; i < this.n; i++) {
      out[2 * i] = g[i]! * b[2 * i]!;
      out[2 * i + 1] = g[i]! * b[2 * i + 1]!;
    }
    return this.A!.solve(out, out);
  }

  /** out = diag(g)·Hx⁻ᴴ·b. */
  solveAdjoint(out: Float64Array, b: Float64Array): Float64Array {
    this.A!.solveAdjoint(out, b);
    const g = this.g;
    for (let i = 0; i < 2 * this.n; i++) out[i] = g[i >> 1]! * out[i]!;
    return out;
  }
}

/** out = dx/dt = −Hx⁻¹·Ht from the evaluator's last linearize; rhs is scratch. */
export function tangentOfLinearization(ev: StepEvaluator, out: Float64Array, rhs: Float64Array): void {
  const ht = ev.ht;
  for (let k = 0; k < rhs.length; k++) rhs[k] = -ht[k]!;
  ev.solve(out, rhs);
}

/** out = dx/dt at (x, t), leaving Hx(x, t) factored in ev; false when it is singular. rhs is scratch. */
export function tangent(ev: StepEvaluator, out: Float64Array, rhs: Float64Array, x: Float64Array, tre: number, tim: number): boolean {
  if (!ev.linearize(x, tre, tim)) return false;
  tangentOfLinearization(ev, out, rhs);
  return true;
}
