/**
 * Endgame helpers. Near t = 1 a path x(s), s = 1 − t, has a Puiseux expansion
 * x_i(s) = a_i·s^{v_i} + …, whose exponents v_i (valuations) tell where it goes: some v_i < 0
 * means the path diverges; all v_i ≥ 0 means a finite endpoint, which is singular when the
 * path winds (fractional exponents) or the Jacobian there is singular.
 */
import { cabs, distInf, normInf } from '../numeric/complex.js';
import type { SegmentStepper } from './stepper.js';

/** v_i = Re(s·x_i'(s) / x_i(s)) = Re(−s·ẋ_i/x_i) from the tangent ẋ = dx/dt. */
export function valuations(out: Float64Array, x: Float64Array, xdot: Float64Array, s: number): Float64Array {
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const xr = x[2 * i]!;
    const xi = x[2 * i + 1]!;
    const m = xr * xr + xi * xi;
    // A coordinate that is exactly zero has no finite valuation; treat it as vanishing.
    out[i] = m === 0 ? 1 : (-s * (xdot[2 * i]! * xr + xdot[2 * i + 1]! * xi)) / m;
  }
  return out;
}

/**
 * True when some coordinate diverges with a stable negative valuation: the instantaneous
 * valuation is clearly negative, agrees with the previous checkpoint, and agrees with the
 * growth actually observed between the checkpoints (log |x| against log s).
 */
export function divergesStably(v: Float64Array, vPrev: Float64Array, x: Float64Array, absPrev: Float64Array, logRatio: number): boolean {
  for (let i = 0; i < v.length; i++) {
    const vi = v[i]!;
    if (vi >= -0.05) continue;
    const a = cabs(x[2 * i]!, x[2 * i + 1]!);
    if (a <= 1 || absPrev[i]! <= 0) continue;
    const observed = Math.log(a / absPrev[i]!) / logRatio;
    const stable = Math.abs(vi - vPrev[i]!) < 0.1 * Math.abs(vi);
    const consistent = Math.abs(observed - vi) < 0.1 * Math.abs(vi) + 0.02;
    if (stable && consistent) return true;
  }
  return false;
}

/**
 * Steps allowed for one arc of a Cauchy loop: an arc is scaled to the loop, so a path that
 * needs more is too ill-conditioned there for the estimate to mean much.
 */
const CAUCHY_CHORD_BUDGET = 100;

export interface CauchyResult {
  readonly winding: number;
  /** Estimate of the endpoint x(s = 0): the mean of x over the loops. */
  readonly estimate: Float64Array;
}

/**
 * The Cauchy endgame: track x around the circle |1 − t| = s until it returns to where it
 * started; the number of loops is the winding number c, and the mean of x over c·N equally
 * spaced samples approximates x(0) with error O(s^N) (trapezoid rule on a periodic function).
 * `stepper` tracks in log-time (homotopy/logTime), where the circle is the vertical segment
 * from u = −log s to u − 2πi, N arcs of it per loop. `x` is left unchanged.
 */
export function cauchyLoop(
  stepper: SegmentStepper,
  x: Float64Array,
  s: number,
  samples: number,
  maxWinding: number,
  scratch: { point: Float64Array; sum: Float64Array },
): CauchyResult | undefined {
  const { point, sum } = scratch;
  const n2 = x.length;
  point.set(x);
  sum.fill(0);
  const scale = Math.max(1, normInf(x));
  const u = -Math.log(s);
  for (let c = 1; c <= maxWinding; c++) {
    for (let j = 0; j < samples; j++) {
      const a0 = (2 * Math.PI * j) / samples;
      const a1 = (2 * Math.PI * (j + 1)) / samples;
      for (let k = 0; k < n2; k++) sum[k] = sum[k]! + point[k]!;
      // u = −log s − i·a: 1 − t = s·e^{ia}, the same circle as before, counterclockwise.
      const status = stepper.trackSegment(point, u, -a0, u, -a1, CAUCHY_CHORD_BUDGET, stepper.preset.endgameMaxStep);
      if (status !== 'ok') return undefined;
    }
    if (distInf(point, x) < 1e-7 * scale) {
      const estimate = new Float64Array(n2);
      for (let k = 0; k < n2; k++) estimate[k] = sum[k]! / (c * samples);
      return { winding: c, estimate };
    }
  }
  return undefined;
}
