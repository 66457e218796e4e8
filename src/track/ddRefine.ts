/**
 * Newton refinement of an endpoint in double-double: F, ∂F/∂x, the LU and the update all in
 * about 32 digits, so Newton converges quadratically on a point whose condition is beyond what
 * double resolves (1e10 to 1e28). Such a point is then as regular as any: known to 16 digits
 * or more, told apart from its neighbours, its condition measured. Where Newton converges
 * only linearly, or stalls, the point is singular or beyond double-double, and is left as the
 * double tracker saw it.
 */
import type { DDSystem } from '../compile/types.js';
import { DDComplexLU } from '../linalg/ddLu.js';
import { ComplexLU } from '../linalg/lu.js';
import { cddSubInto, fromDD, toDD } from '../numeric/ddArray.js';
import { distInf, normInf } from '../numeric/complex.js';

export interface DDRefinement {
  /** The refined point rounded to double, (re, im) interleaved. */
  x: Float64Array;
  /** The refined point in double-double, four doubles per coordinate. */
  xdd: Float64Array;
  /** True when the updates shrank quadratically to below 1e-16 relative to ‖x‖. */
  converged: boolean;
  /** The last update's size relative to max(1, ‖x‖∞): the accuracy reached. */
  accuracy: number;
  /** Relative residual ‖F(x)‖∞ / max(1, ‖x‖∞) at the refined point, in double-double. */
  residual: number;
  /** How far refinement moved the point, relative to max(1, ‖x‖∞). */
  moved: number;
  /** Condition estimate of ∂F/∂x at the refined point (Infinity where singular). */
  condition: number;
  /** Newton iterations taken. */
  iterations: number;
}

/** Updates below this, relative to ‖x‖, leave the double rounding of x exact to its last bits. */
const CONVERGED = 1e-16;
/** A step this much smaller than the one before it is quadratic convergence, not a linear crawl. */
const QUADRATIC_DROP = 1e-3;
const MAX_ITERATIONS = 8;

/** Refines x (complex double) on F(x; p) = 0 by Newton's method in double-double. */
export function refineDD(evaluator: DDSystem, x0: Float64Array, p?: Float64Array): DDRefinement {
  const n = evaluator.nvars;
  const x = toDD(x0);
  const pdd = p && toDD(p);
  const F = new Float64Array(4 * n);
  const J = new Float64Array(4 * n * n);
  const lu = new DDComplexLU(n);
  const scale = Math.max(1, normInf(x0));
  let previous = Infinity;
  let quadratic = false;
  let accuracy = Infinity;
  let iterations = 0;
  while (iterations < MAX_ITERATIONS) {
    evaluator.evaluateWithJacobian(F, J, x, pdd);
    if (!lu.factor(J)) break;
    const dx = lu.solve(F, F);
    const step = normInf(fromDD(dx)) / scale;
    if (!(step < previous)) break;
    for (let k = 0; k < n; k++) cddSubInto(x, 4 * k, x, 4 * k, dx, 4 * k);
    iterations++;
    if (step <= QUADRATIC_DROP * previous) quadratic = true;
    previous = step;
    accuracy = step;
    if (step <= CONVERGED * 1e-8) break;
  }
  const xd = fromDD(x);
  evaluator.evaluateWithJacobian(F, J, x, pdd);
  const Jd = fromDD(J);
  const double = new ComplexLU(n);
  const condition = double.factor(Jd) ? double.conditionEstimate() : Infinity;
  const moved = distInf(xd, x0) / scale;
  return { x: xd, xdd: x, converged: quadratic && accuracy <= CONVERGED, accuracy, residual: normInf(fromDD(F)) / scale, moved, condition, iterations };
}
