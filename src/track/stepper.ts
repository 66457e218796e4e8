/**
 * Tracks a solution of H(x, t) = 0 along a straight segment of the complex t-plane,
 * t = ta + τ·(tb − ta), τ from 0 to 1: an RK4 predictor on the Davidenko equation
 * Hx·dx/dτ = −Ht·dt/dτ, a Newton corrector that rejects steps outside the region of fast
 * convergence, and a step size driven by the measured prediction error. All scratch space is
 * allocated once, with the stepper.
 */
import { ComplexLU } from '../linalg/lu.js';
import { cabs, normInf } from '../numeric/complex.js';
import type { Homotopy } from '../homotopy/types.js';
import type { TrackerLimits, TrackerPreset } from './presets.js';

export type SegmentStatus = 'ok' | 'step_too_small' | 'step_budget' | 'singular_jacobian' | 'too_large';

/**
 * Relative Newton update size that is accepted as converged when updates stop shrinking:
 * near ill-conditioned points round-off keeps updates from going below cond·ε.
 */
const ACCURACY_LIMIT = 1e-7;
/** Round-off in a Newton update is about ε·cond(Hx); this much above it counts as the floor. */
const ROUND_OFF_FACTOR = 100;

/** Paths whose norm passes this are no longer tracked (they are going to infinity). */
export const MAX_NORM = 1e14;

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

export class SegmentStepper {
  readonly n: number;
  readonly lu: ComplexLU;
  /** Steps taken since the last resetCounters(). */
  accepted = 0;
  rejected = 0;
  /** The step length |Δt| last used, carried from segment to segment. */
  stepLength: number;
  /** Relative size of the last Newton update of the last accepted step. */
  lastCorrection = 0;

  private readonly H: Float64Array;
  private readonly Hx: Float64Array;
  private readonly Ht: Float64Array;
  private readonly rhs: Float64Array;
  private readonly k1: Float64Array;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly y: Float64Array;
  private readonly delta: Float64Array;
  private readonly saved: Float64Array;
  private readonly xnew: Float64Array;

  constructor(
    readonly homotopy: Homotopy,
    readonly preset: TrackerPreset,
    readonly limits: TrackerLimits,
  ) {
    const n = homotopy.n;
    this.n = n;
    this.lu = new ComplexLU(n);
    this.H = new Float64Array(2 * n);
    this.Hx = new Float64Array(2 * n * n);
    this.Ht = new Float64Array(2 * n);
    this.rhs = new Float64Array(2 * n);
    this.k1 = new Float64Array(2 * n);
    this.k2 = new Float64Array(2 * n);
    this.k3 = new Float64Array(2 * n);
    this.k4 = new Float64Array(2 * n);
    this.y = new Float64Array(2 * n);
    this.delta = new Float64Array(2 * n);
    this.saved = new Float64Array(2 * n);
    this.xnew = new Float64Array(2 * n);
    this.stepLength = preset.initialStep;
  }

  resetCounters(): void {
    this.accepted = 0;
    this.rejected = 0;
    this.stepLength = this.preset.initialStep;
  }

  /**
   * out = dx/dt at (x, t); leaves the LU of Hx(x, t) in this.lu. False when Hx is singular.
   */
  tangent(out: Float64Array, x: Float64Array, tre: number, tim: number): boolean {
    this.homotopy.evaluateAll(this.H, this.Hx, this.Ht, x, tre, tim);
    if (!this.lu.factor(this.Hx)) return false;
    const { rhs, Ht } = this;
    for (let k = 0; k < 2 * this.n; k++) rhs[k] = -Ht[k]!;
    this.lu.solve(out, rhs);
    return true;
  }

  /** out = dx/dτ = dx/dt · (dr + i·di). */
  private slope(out: Float64Array, x: Float64Array, tre: number, tim: number, dr: number, di: number): boolean {
    if (!this.tangent(out, x, tre, tim)) return false;
    for (let k = 0; k < 2 * this.n; k += 2) {
      const a = out[k]!;
      const b = out[k + 1]!;
      out[k] = a * dr - b * di;
      out[k + 1] = a * di + b * dr;
    }
    return true;
  }

  /**
   * Newton's method on H(·, t) from x, in place. Returns the relative size of the first
   * update (the prediction error), or −1 when Newton did not converge fast enough.
   */
  correct(x: Float64Array, tre: number, tim: number, tolerance: number, maxIterations: number): number {
    const n2 = 2 * this.n;
    let first = -1;
    let previous = Infinity;
    for (let it = 0; it < maxIterations; it++) {
      this.homotopy.evaluateAll(this.H, this.Hx, this.Ht, x, tre, tim);
      if (!this.lu.factor(this.Hx)) return -1;
      this.lu.solve(this.delta, this.H);
      for (let k = 0; k < n2; k++) x[k] = x[k]! - this.delta[k]!;
      const size = relativeSize(this.delta, x, n2);
      if (it === 0) first = size;
      this.lastCorrection = size;
      if (size <= tolerance) return first;
      if (it > 0 && size > this.preset.maxContraction * previous) {
        // Updates stopped shrinking. Either round-off of an ill-conditioned Hx sets the floor
        // (both updates tiny: accept, the point is as accurate as doubles allow), or the
        // prediction lies outside the region of quadratic convergence: reject.
        const floor = Math.max(ACCURACY_LIMIT, ROUND_OFF_FACTOR * Number.EPSILON * this.lu.conditionEstimate());
        return previous <= floor && size <= floor ? first : -1;
      }
      previous = size;
    }
    return -1;
  }

  /** One RK4 prediction from x over Δτ = h into out (y and k1..k4 are scratch). */
  private predict(out: Float64Array, x: Float64Array, tre: number, tim: number, dr: number, di: number, h: number): boolean {
    const { k1, k2, k3, k4, y } = this;
    const n2 = 2 * this.n;
    if (!this.slope(k1, x, tre, tim, dr, di)) return false;
    for (let k = 0; k < n2; k++) y[k] = x[k]! + 0.5 * h * k1[k]!;
    if (!this.slope(k2, y, tre + 0.5 * h * dr, tim + 0.5 * h * di, dr, di)) return false;
    for (let k = 0; k < n2; k++) y[k] = x[k]! + 0.5 * h * k2[k]!;
    if (!this.slope(k3, y, tre + 0.5 * h * dr, tim + 0.5 * h * di, dr, di)) return false;
    for (let k = 0; k < n2; k++) y[k] = x[k]! + h * k3[k]!;
    if (!this.slope(k4, y, tre + h * dr, tim + h * di, dr, di)) return false;
    for (let k = 0; k < n2; k++) out[k] = x[k]! + (h / 6) * (k1[k]! + 2 * k2[k]! + 2 * k3[k]! + k4[k]!);
    return true;
  }

  /** Tracks x (in place) from ta to tb. On anything but 'ok', x holds the last accepted point. */
  trackSegment(
    x: Float64Array,
    tar: number,
    tai: number,
    tbr: number,
    tbi: number,
    budget = this.limits.maxSteps,
    maxStep = this.preset.maxStep,
  ): SegmentStatus {
    const p = this.preset;
    const dr = tbr - tar;
    const di = tbi - tai;
    const length = cabs(dr, di);
    if (length === 0) return 'ok';
    let tau = 0;
    let h = Math.min(maxStep, this.stepLength / length, 1);
    const startSteps = this.accepted + this.rejected;
    const { saved, xnew } = this;
    while (tau < 1) {
      if (this.accepted + this.rejected - startSteps >= budget) return 'step_budget';
      if (h < 1e-13) return 'step_too_small';
      const last = tau + h >= 1;
      const hh = last ? 1 - tau : h;
      const ok = this.predict(xnew, x, tar + tau * dr, tai + tau * di, dr, di, hh);
      const tnr = last ? tbr : tar + (tau + hh) * dr;
      const tni = last ? tbi : tai + (tau + hh) * di;
      saved.set(x);
      let err = -1;
      if (ok) {
        x.set(xnew);
        err = this.correct(x, tnr, tni, p.correctorTolerance, p.maxCorrectorIterations);
      }
      if (err >= 0 && err <= p.maxPredictionError) {
        this.accepted++;
        tau = last ? 1 : tau + hh;
        // A last step clipped to the end of the segment says little about the step the path
        // allows: keep the proposal then, so the next segment does not start from a sliver.
        const grow = 0.8 * Math.pow(p.targetPredictionError / Math.max(err, 1e-300), 0.2);
        if (hh === h) h = Math.min(maxStep, h * Math.min(2, Math.max(0.5, grow)));
        if (normInf(x) > MAX_NORM) return 'too_large';
      } else {
        this.rejected++;
        x.set(saved);
        const shrink = err > 0 ? 0.8 * Math.pow(p.targetPredictionError / err, 0.2) : 0.5;
        h = hh * Math.min(0.5, Math.max(0.1, shrink));
      }
    }
    this.stepLength = h * length;
    return 'ok';
  }
}
