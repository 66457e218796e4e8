/**
 * Newton's corrector on H(·, t) = 0 (HomotopyContinuation.jl's newton_corrector.jl): it
 * converges when an update falls below the tolerance or, by the quadratic convergence the
 * updates so far show, its successor would; it measures the prediction error (the first update)
 * and Newton's Lipschitz constant ω, which the step control reads. Evaluation and solves go
 * through the StepEvaluator passed to each call: its precision is the step's.
 */
import type { StepEvaluator } from './evaluator.js';

/**
 * Relative Newton update size that is accepted as converged when updates stop shrinking:
 * near ill-conditioned points round-off keeps updates from going below cond·ε.
 */
const ACCURACY_LIMIT = 1e-7;
/** Round-off in a Newton update is about ε·cond(Hx) (ε the evaluator's); this much above it counts as the floor. */
const ROUND_OFF_FACTOR = 100;

/** ‖v‖∞ / max(1, ‖x‖∞): the relative size of an update v at x. */
function relativeSize(v: Float64Array, x: Float64Array, n2: number): number {
  let vm = 0;
  let xm = 1;
  for (let k = 0; k < n2; k += 2) {
    const a = v[k]! * v[k]! + v[k + 1]! * v[k + 1]!;
    if (a > vm) vm = a;
    const b = x[k]! * x[k]! + x[k + 1]! * x[k + 1]!;
    if (b > xm) xm = b;
  }
  return Math.sqrt(vm / xm);
}

export class NewtonCorrector {
  /** Relative size of the last Newton update of the last correction. */
  lastCorrection = 0;
  /**
   * Δ₁/Δ₀² of the last correction that took two updates or more (NaN otherwise): half the
   * Lipschitz constant ω of Newton's method there, which sets the radius of its region of
   * quadratic convergence, about 1/ω.
   */
  lastOmega = NaN;
  private readonly delta: Float64Array;

  constructor(
    n: number,
    /** Largest allowed ratio of successive updates before they count as not shrinking. */
    private readonly maxContraction: number,
  ) {
    this.delta = new Float64Array(2 * n);
  }

  /**
   * Newton's method on H(·, t) from x, in place. Returns the relative size of the first
   * update (the prediction error), or −1 when Newton did not converge fast enough. Converged
   * means an update below the tolerance, or one whose successor, by the quadratic
   * convergence the updates so far show (Δᵢ₊₁ ≈ Δᵢ³/Δᵢ₋₁²), would be. On return `ev` holds
   * the linearization of the last iterate (one update before x).
   */
  correct(ev: StepEvaluator, x: Float64Array, tre: number, tim: number, tolerance: number, maxIterations: number): number {
    const delta = this.delta;
    const n2 = delta.length;
    let first = -1;
    let previous = Infinity;
    this.lastOmega = NaN;
    for (let it = 0; it < maxIterations; it++) {
      if (!ev.linearize(x, tre, tim)) return -1;
      ev.solve(delta, ev.h);
      for (let k = 0; k < n2; k++) x[k] = x[k]! - delta[k]!;
      const size = relativeSize(delta, x, n2);
      if (it === 0) first = size;
      if (it === 1 && first > 0) this.lastOmega = size / (first * first);
      this.lastCorrection = size;
      if (size <= tolerance) return first;
      if (it > 0 && size > this.maxContraction * previous) {
        // Updates stopped shrinking. Either round-off of an ill-conditioned Hx sets the floor
        // (both updates tiny: accept, the point is as accurate as doubles allow), or the
        // prediction lies outside the region of quadratic convergence: reject.
        const floor = Math.max(ACCURACY_LIMIT, ROUND_OFF_FACTOR * ev.epsilon * ev.conditionEstimate());
        return previous <= floor && size <= floor ? first : -1;
      }
      if (it > 0 && (size * size * size) / (previous * previous) <= tolerance) {
        this.lastCorrection = (size * size * size) / (previous * previous);
        return first;
      }
      previous = size;
    }
    return -1;
  }
}
