/**
 * The arithmetic of a step: H and its derivatives at a point, and solves with Hx. The corrector
 * and the predictors reach the homotopy only through a StepEvaluator, so the precision of a
 * step is the evaluator it is given (double here; one that evaluates H in double-double where
 * Hx is ill-conditioned can take its place), never a second copy of the loop.
 */
import type { Homotopy } from '../homotopy/types.js';
import { ComplexLU } from '../linalg/lu.js';

export interface StepEvaluator {
  readonly n: number;
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
}

/** Double precision: the homotopy's own evaluators and a complex LU, buffers made once. */
export class DoubleEvaluator implements StepEvaluator {
  readonly n: number;
  readonly h: Float64Array;
  readonly ht: Float64Array;
  private readonly hx: Float64Array;
  private readonly lu: ComplexLU;

  constructor(readonly homotopy: Homotopy) {
    const n = homotopy.n;
    this.n = n;
    this.h = new Float64Array(2 * n);
    this.hx = new Float64Array(2 * n * n);
    this.ht = new Float64Array(2 * n);
    this.lu = new ComplexLU(n);
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
