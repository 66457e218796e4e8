/**
 * Newton refinement of an endpoint on the target system F(x) = 0, to full double precision,
 * with the residual and a condition estimate of the Jacobian at the end.
 */
import type { CompiledSystem, DDSystem } from '../compile/types.js';
import { ComplexLU } from '../linalg/lu.js';
import { normInf } from '../numeric/complex.js';
import { refineDD } from './ddRefine.js';

export interface Refinement {
  /** Relative residual ‖F(x)‖∞ / max(1, ‖x‖∞). */
  residual: number;
  /** Condition number estimate of ∂F/∂x at x (Infinity when singular). */
  condition: number;
  /** Size of the last Newton update relative to ‖x‖ (the accuracy reached). */
  accuracy: number;
  /**
   * Newton converged only linearly (updates shrinking by a steady factor, (m−1)/m at a root
   * of multiplicity m), or stalled well above round-off: the signatures of a singular
   * solution, whatever the condition estimate says.
   */
  linear: boolean;
  /** How far refinement moved the point, relative to max(1, ‖x‖∞). */
  moved: number;
  /** Present when the point was refined in double-double (beyond double precision). */
  precision?: 'double-double';
}

/** Ratios of successive Newton updates in this range count as linear convergence. */
const LINEAR_RATIO = { min: 0.1, max: 0.95 };
/** Newton stopping with updates above both of these has stalled short of a regular point. */
const STALL_FLOOR = 1e-10;
const STALL_FACTOR = 1e4;
/** Updates below this are at round-off, where ratios say nothing about convergence. */
const ROUND_OFF_UPDATE = 1e-13;

export class Refiner {
  private readonly F: Float64Array;
  private readonly J: Float64Array;
  private readonly delta: Float64Array;
  private readonly lu: ComplexLU;

  constructor(readonly system: CompiledSystem) {
    const n = system.nvars;
    this.F = new Float64Array(2 * system.neqs);
    this.J = new Float64Array(2 * n * n);
    this.delta = new Float64Array(2 * n);
    this.lu = new ComplexLU(n);
  }

  /**
   * Refines x in place: Newton steps while they keep shrinking; a step that does not reduce the
   * update size (round-off reached, or a singular point) is not taken.
   */
  /** `condition`: an estimate at x, which sets where round-off starts to drive the updates. */
  refine(x: Float64Array, condition = 1, maxIterations = 6): Refinement {
    // Updates below this are round-off of an ill-conditioned J (≈ ε·cond), whose ratios say
    // nothing about the order of convergence.
    const noise = Math.max(ROUND_OFF_UPDATE, STALL_FACTOR * Number.EPSILON * condition);
    let accuracy = Infinity;
    let linearSteps = 0;
    let moved = 0;
    for (let it = 0; it < maxIterations; it++) {
      this.system.evaluateWithJacobian(this.F, this.J, x);
      if (!this.lu.factor(this.J)) break;
      this.lu.solve(this.delta, this.F);
      const size = normInf(this.delta) / Math.max(1, normInf(x));
      if (size >= accuracy) break;
      const ratio = size / accuracy;
      if (size > noise && ratio > LINEAR_RATIO.min && ratio < LINEAR_RATIO.max) linearSteps++;
      for (let k = 0; k < x.length; k++) x[k] = x[k]! - this.delta[k]!;
      moved += size;
      accuracy = size;
      if (size < 1e-15) break;
    }
    const measured = this.measure(x);
    // Newton at a nonsingular point gets down to about ε·cond; stalling far above that (at a
    // double root F ~ δ², so Newton meets round-off with δ still ~1e-8) is singular too.
    const stalled = accuracy > Math.max(STALL_FLOOR, STALL_FACTOR * Number.EPSILON * measured.condition);
    return { ...measured, accuracy, linear: linearSteps >= 2 || stalled, moved };
  }

  /**
   * Refines x in place by Newton in double-double (ddRefine.ts), for a point whose condition is
   * beyond double precision. Undefined, and x untouched, when there is no double-double form of
   * the system or Newton does not converge quadratically there.
   */
  refineWide(x: Float64Array): Refinement | undefined {
    if (this.dd === undefined) this.dd = this.system.doubleDouble?.() ?? null;
    if (this.dd === null) return undefined;
    const r = refineDD(this.dd, x);
    if (!r.converged) return undefined;
    x.set(r.x);
    return { residual: r.residual, condition: r.condition, accuracy: r.accuracy, linear: false, moved: r.moved, precision: 'double-double' };
  }

  private dd: DDSystem | null | undefined;

  /** Residual and condition at x without changing it. */
  measure(x: Float64Array): { residual: number; condition: number } {
    this.system.evaluateWithJacobian(this.F, this.J, x);
    const residual = normInf(this.F) / Math.max(1, normInf(x));
    const condition = this.lu.factor(this.J) ? this.lu.conditionEstimate() : Infinity;
    return { residual, condition };
  }
}
