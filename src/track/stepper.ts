/**
 * The step loop (HomotopyContinuation.jl's tracker.jl): tracks a solution of H(x, t) = 0 along
 * a straight segment of the complex t-plane, t = ta + τ·(tb − ta), τ from 0 to 1, by
 * prediction (pade.ts or rk4.ts, as the preset says) and Newton correction (corrector.ts),
 * with a step size driven by the measured prediction error under the predictor's StepRule.
 * All scratch space is allocated once, with the stepper.
 */
import { cabs, normInf } from '../numeric/complex.js';
import type { Homotopy } from '../homotopy/types.js';
import { NewtonCorrector } from './corrector.js';
import { DoubleEvaluator, tangent, type StepEvaluator } from './evaluator.js';
import { PadePredictor } from './pade.js';
import type { Predictor } from './predictor.js';
import type { TrackerLimits, TrackerPreset } from './presets.js';
import { RK4Predictor } from './rk4.js';

export type SegmentStatus = 'ok' | 'step_too_small' | 'step_budget' | 'singular_jacobian' | 'too_large';

/** Paths whose norm passes this are no longer tracked (they are going to infinity). */
export const MAX_NORM = 1e14;

/**
 * The prediction error the step control aims for. A predictor with a newtonAim aims for
 * targetPredictionError, at most newtonContraction/ω (a small fraction of Newton's radius of
 * quadratic convergence), and at least 1/newtonContraction times the accuracy of the point
 * stepped from (the error measured includes that inaccuracy, the round-off floor near
 * ill-conditioned points, and the contraction Δ₁/Δ₀ must be told from round-off).
 */
function aim(p: TrackerPreset, newtonAim: boolean, omega: number, accuracy: number): number {
  if (!newtonAim) return p.targetPredictionError;
  return Math.max(Math.min(p.targetPredictionError, p.newtonContraction / omega), accuracy / p.newtonContraction);
}

export class SegmentStepper {
  readonly n: number;
  /** The arithmetic of every step: the corrector's and the predictor's. */
  readonly evaluator: StepEvaluator;
  /** Steps taken since the last resetCounters(). */
  accepted = 0;
  rejected = 0;
  /** The step length |Δt| last used, carried from segment to segment. */
  stepLength: number;
  /** How far the last trackSegment got, as a fraction of its segment (1 when it reached the end). */
  reachedTau = 0;

  private readonly corrector: NewtonCorrector;
  private readonly predictor: Predictor;
  private readonly saved: Float64Array;
  private readonly xnew: Float64Array;
  private readonly rhs: Float64Array;

  constructor(
    homotopy: Homotopy,
    readonly preset: TrackerPreset,
    readonly limits: TrackerLimits,
  ) {
    const n = homotopy.n;
    this.n = n;
    this.evaluator = new DoubleEvaluator(homotopy);
    this.corrector = new NewtonCorrector(n, preset.maxContraction);
    this.predictor = preset.predictor === 'pade' ? new PadePredictor(this.evaluator) : new RK4Predictor(this.evaluator);
    this.saved = new Float64Array(2 * n);
    this.xnew = new Float64Array(2 * n);
    this.rhs = new Float64Array(2 * n);
    this.stepLength = preset.initialStep;
  }

  resetCounters(): void {
    this.accepted = 0;
    this.rejected = 0;
    this.stepLength = this.preset.initialStep;
    this.predictor.reset();
  }

  /** out = dx/dt at (x, t), leaving Hx(x, t) factored in the evaluator. False when Hx is singular. */
  tangent(out: Float64Array, x: Float64Array, tre: number, tim: number): boolean {
    return tangent(this.evaluator, out, this.rhs, x, tre, tim);
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
    const { evaluator, corrector, predictor, saved, xnew } = this;
    const { exponent, maxGrowth, maxGrowthAfterRejection, failedShrink, endSlack, newtonAim, countsOverflowStep } = predictor.rule;
    const dr = tbr - tar;
    const di = tbi - tai;
    const length = cabs(dr, di);
    if (length === 0) return 'ok';
    let tau = 0;
    this.reachedTau = 0;
    // Step sizes here are fractions of the segment, like tau; the predictor's trust region is in t.
    let h = Math.min(maxStep, this.stepLength / length, 1);
    const startSteps = this.accepted + this.rejected;
    if (!predictor.begin(x, tar, tai, h * length)) return 'singular_jacobian';
    let lastFailed = false;
    let accuracy = 0;
    // Newton's ω/2 along the path (NewtonCorrector.lastOmega): with a newtonAim the prediction
    // error is kept at a small fraction of the radius of quadratic convergence, so that the
    // corrector cannot be drawn to a nearby path (HomotopyContinuation.jl's step size control,
    // Timme 2020).
    let omega = 1;
    while (tau < 1) {
      if (this.accepted + this.rejected - startSteps >= budget) return 'step_budget';
      h = Math.min(h, (p.trustRegion * predictor.trust) / length);
      if (h < 1e-13) return 'step_too_small';
      // (No sliver of a last step: 0.5 + 0.5 can leave 1 − τ = 2e-16.)
      const last = tau + h >= 1 - endSlack;
      const hh = last ? 1 - tau : h;
      const predicted = predictor.predict(xnew, x, tar + tau * dr, tai + tau * di, dr, di, hh);
      const tnr = last ? tbr : tar + (tau + hh) * dr;
      const tni = last ? tbi : tai + (tau + hh) * di;
      saved.set(x);
      let err = -1;
      if (predicted) {
        x.set(xnew);
        err = corrector.correct(evaluator, x, tnr, tni, p.correctorTolerance, p.maxCorrectorIterations);
      }
      if (err >= 0 && err <= p.maxPredictionError && (countsOverflowStep || normInf(x) <= MAX_NORM)) {
        this.accepted++;
        tau = last ? 1 : tau + hh;
        this.reachedTau = tau;
        // ω is learnt only from a contraction above the aim: a smaller second update may be
        // round-off alone, and Δ₁/Δ₀² of round-off grows as the steps shrink, which would
        // shrink them further. Below the aim the step was safe whatever ω is.
        const lastOmega = corrector.lastOmega;
        if (Number.isFinite(lastOmega) && lastOmega * err > p.newtonContraction) omega = Math.max(lastOmega, 0.5 * omega);
        else omega *= 0.5;
        // A last step clipped to the end of the segment says little about the step the path
        // allows: keep the proposal then, so the next segment does not start from a sliver.
        const grow = 0.8 * Math.pow(aim(p, newtonAim, omega, accuracy) / Math.max(err, 1e-300), exponent);
        accuracy = corrector.lastCorrection;
        if (hh === h) h = Math.min(maxStep, h * Math.min(lastFailed ? maxGrowthAfterRejection : maxGrowth, Math.max(0.5, grow)));
        lastFailed = false;
        if (!predictor.advance(x, tnr, tni, h * length)) return 'singular_jacobian';
        if (countsOverflowStep && normInf(x) > MAX_NORM) return 'too_large';
      } else {
        if (!countsOverflowStep && err >= 0 && normInf(x) > MAX_NORM) return 'too_large';
        this.rejected++;
        x.set(saved);
        lastFailed = true;
        const shrink = err > 0 ? 0.8 * Math.pow(aim(p, newtonAim, omega, accuracy) / err, exponent) : failedShrink;
        h = hh * Math.min(0.5, Math.max(0.1, shrink));
      }
    }
    this.stepLength = h * length;
    return 'ok';
  }
}
