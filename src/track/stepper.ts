/**
 * The step loop (HomotopyContinuation.jl's tracker.jl): tracks a solution of H(x, t) = 0 along
 * a straight segment of the complex t-plane, t = ta + τ·(tb − ta), τ from 0 to 1, by
 * prediction (pade.ts or rk4.ts, as the preset says) and Newton correction (corrector.ts),
 * with a step size driven by the measured prediction error under the predictor's StepRule.
 * All scratch space is allocated once, with the stepper.
 *
 * Adaptive precision (after Bates, Hauenstein, Sommese and Wampler, "Adaptive multiprecision
 * path tracking", 2008): a Newton update at x is accurate to about ε·σ, relative, where σ is
 * the sensitivity of x to round-off in H (evaluator.ts; at most the condition κ of Hx, and far
 * below it where Hx is ill-conditioned only by the scaling of its rows and columns). Double
 * precision holds the corrector to its tolerance τ while ε·σ < τ, and to the round-off floor
 * it accepts (corrector.ts, 1e-7 = 100τ in the default preset) while ε·σ < 100τ. Past that
 * floor, or where a double corrector fails with ε·σ above τ/100, or where steps shrink to
 * nothing in double, the path goes on in double-double (DDStepEvaluator, ε = 2⁻¹⁰⁴); once
 * ε_double·σ is below τ it comes back to double. A homotopy without a double-double form stays
 * in double.
 */
import { cabs, normInf } from '../numeric/complex.js';
import type { Homotopy } from '../homotopy/types.js';
import { NewtonCorrector } from './corrector.js';
import { DDStepEvaluator, DoubleEvaluator, tangent, type Precision, type StepEvaluator } from './evaluator.js';
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

/** ε_double·σ above this multiple of the corrector's tolerance: double cannot reach its round-off floor, go to double-double. */
const RAISE = 100;
/** … and below this multiple: double meets the tolerance again, come back. */
const LOWER = 1;
/** A corrector that fails in double with ε_double·σ above this multiple of its tolerance may fail from round-off: retry in double-double. */
const RAISE_ON_FAILURE = 0.01;
/** The step (fraction of the segment) a path resumes with in double-double after its steps shrank to nothing in double. */
const RESUME_STEP = 1e-10;

/** What one precision needs: its evaluator and a predictor computing through it. */
interface Arithmetic {
  readonly evaluator: StepEvaluator;
  readonly predictor: Predictor;
}

export class SegmentStepper {
  readonly n: number;
  /** Steps taken since the last resetCounters(), and of them those taken in double-double. */
  accepted = 0;
  rejected = 0;
  ddAccepted = 0;
  ddRejected = 0;
  /** The step length |Δt| last used, carried from segment to segment. */
  stepLength: number;
  /**
   * Keep to double precision (set by the endgame on a path seen to diverge, unless the preset
   * tracks such paths deep): no raising, and a path in double-double comes back at its next step.
   */
  doubleOnly = false;
  /** How far the last trackSegment got, as a fraction of its segment (1 when it reached the end). */
  reachedTau = 0;

  private readonly corrector: NewtonCorrector;
  private readonly double: Arithmetic;
  /** Made on first need; null when the homotopy has no double-double form. */
  private wide: Arithmetic | null | undefined;
  private current: Arithmetic;
  private readonly saved: Float64Array;
  private readonly xnew: Float64Array;
  private readonly rhs: Float64Array;

  constructor(
    readonly homotopy: Homotopy,
    readonly preset: TrackerPreset,
    readonly limits: TrackerLimits,
  ) {
    const n = homotopy.n;
    this.n = n;
    this.corrector = new NewtonCorrector(n, preset.maxContraction);
    this.double = this.arithmetic(new DoubleEvaluator(homotopy));
    this.current = this.double;
    this.saved = new Float64Array(2 * n);
    this.xnew = new Float64Array(2 * n);
    this.rhs = new Float64Array(2 * n);
    this.stepLength = preset.initialStep;
  }

  /** The arithmetic of every step, the corrector's and the predictor's: double or double-double, as the path needs. */
  get evaluator(): StepEvaluator {
    return this.current.evaluator;
  }

  get precision(): Precision {
    return this.current.evaluator.precision;
  }

  private get predictor(): Predictor {
    return this.current.predictor;
  }

  private arithmetic(evaluator: StepEvaluator): Arithmetic {
    return { evaluator, predictor: this.preset.predictor === 'pade' ? new PadePredictor(evaluator) : new RK4Predictor(evaluator) };
  }

  /** The double-double arithmetic, made on first need; undefined when the homotopy has none. */
  private doubleDouble(): Arithmetic | undefined {
    if (this.wide === undefined) {
      const dd = this.limits.precision === 'double' ? undefined : this.homotopy.doubleDouble?.();
      this.wide = dd ? this.arithmetic(new DDStepEvaluator(dd)) : null;
    }
    return this.wide ?? undefined;
  }

  /**
   * The precision the last linearization asks for at x (RAISE and LOWER, or RAISE_ON_FAILURE
   * after a failed correction), by the relative accuracy ε_double·sensitivity that a Newton
   * update in double would have there (evaluator.ts); true when it changed. The condition
   * number bounds the sensitivity, so a well-conditioned path never computes the latter. The
   * new arithmetic has not seen the path: its predictor must begin again.
   */
  private adapt(x: Float64Array, failed: boolean): boolean {
    const ev = this.current.evaluator;
    const tolerance = this.preset.correctorTolerance;
    if (this.doubleOnly) {
      if (this.current === this.double || failed) return false;
      this.current = this.double;
      return true;
    }
    if (this.current === this.double) {
      const dd = this.doubleDouble();
      if (!dd) return false;
      const threshold = (failed ? RAISE_ON_FAILURE : RAISE) * tolerance;
      if (!(Number.EPSILON * ev.conditionEstimate() > threshold) || !(Number.EPSILON * ev.sensitivity(x) > threshold)) return false;
      this.current = dd;
      return true;
    }
    if (failed || !(Number.EPSILON * ev.sensitivity(x) < LOWER * tolerance)) return false;
    this.current = this.double;
    return true;
  }

  /** Goes on in double-double (after steps shrank to nothing in double); false when already there or there is none. */
  private raise(): boolean {
    if (this.current !== this.double || this.doubleOnly) return false;
    const dd = this.doubleDouble();
    if (!dd) return false;
    this.current = dd;
    return true;
  }

  resetCounters(): void {
    this.accepted = 0;
    this.rejected = 0;
    this.ddAccepted = 0;
    this.ddRejected = 0;
    this.stepLength = this.preset.initialStep;
    this.current = this.double;
    this.doubleOnly = false;
    this.double.predictor.reset();
    this.wide?.predictor.reset();
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
    const { corrector, saved, xnew } = this;
    const { exponent, maxGrowth, maxGrowthAfterRejection, failedShrink, endSlack, newtonAim, countsOverflowStep } = this.predictor.rule;
    const dr = tbr - tar;
    const di = tbi - tai;
    const length = cabs(dr, di);
    if (length === 0) return 'ok';
    let tau = 0;
    this.reachedTau = 0;
    // Step sizes here are fractions of the segment, like tau; the predictor's trust region is in t.
    let h = Math.min(maxStep, this.stepLength / length, 1);
    const startSteps = this.accepted + this.rejected;
    if (!this.predictor.begin(x, tar, tai, h * length)) return 'singular_jacobian';
    if (this.adapt(x, false) && !this.predictor.begin(x, tar, tai, h * length)) return 'singular_jacobian';
    let lastFailed = false;
    let accuracy = 0;
    // Newton's ω/2 along the path (NewtonCorrector.lastOmega): with a newtonAim the prediction
    // error is kept at a small fraction of the radius of quadratic convergence, so that the
    // corrector cannot be drawn to a nearby path (HomotopyContinuation.jl's step size control,
    // Timme 2020).
    let omega = 1;
    while (tau < 1) {
      if (this.accepted + this.rejected - startSteps >= budget) return 'step_budget';
      h = Math.min(h, (p.trustRegion * this.predictor.trust) / length);
      if (h < 1e-13) {
        if (!this.raise()) return 'step_too_small';
        h = RESUME_STEP;
        if (!this.predictor.begin(x, tar + tau * dr, tai + tau * di, h * length)) return 'singular_jacobian';
        continue;
      }
      // (No sliver of a last step: 0.5 + 0.5 can leave 1 − τ = 2e-16.)
      const last = tau + h >= 1 - endSlack;
      const hh = last ? 1 - tau : h;
      const predicted = this.predictor.predict(xnew, x, tar + tau * dr, tai + tau * di, dr, di, hh);
      const tnr = last ? tbr : tar + (tau + hh) * dr;
      const tni = last ? tbi : tai + (tau + hh) * di;
      saved.set(x);
      let err = -1;
      if (predicted) {
        x.set(xnew);
        err = corrector.correct(this.evaluator, x, tnr, tni, p.correctorTolerance, p.maxCorrectorIterations);
      }
      const wide = this.current !== this.double;
      if (err >= 0 && err <= p.maxPredictionError && (countsOverflowStep || normInf(x) <= MAX_NORM)) {
        this.accepted++;
        if (wide) this.ddAccepted++;
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
        // The corrector's last linearization says which precision the next step needs; a
        // predictor new to the path begins from x, the other learns x as usual.
        if (this.adapt(x, false) ? !this.predictor.begin(x, tnr, tni, h * length) : !this.predictor.advance(x, tnr, tni, h * length))
          return 'singular_jacobian';
        if (countsOverflowStep && normInf(x) > MAX_NORM) return 'too_large';
      } else {
        if (!countsOverflowStep && err >= 0 && normInf(x) > MAX_NORM) return 'too_large';
        this.rejected++;
        if (wide) this.ddRejected++;
        x.set(saved);
        lastFailed = true;
        // A corrector that failed from round-off is tried again, in double-double, with the same step.
        if (err < 0 && predicted && this.adapt(x, true)) {
          if (!this.predictor.begin(x, tar + tau * dr, tai + tau * di, h * length)) return 'singular_jacobian';
          continue;
        }
        const shrink = err > 0 ? 0.8 * Math.pow(aim(p, newtonAim, omega, accuracy) / err, exponent) : failedShrink;
        h = hh * Math.min(0.5, Math.max(0.1, shrink));
      }
    }
    this.stepLength = h * length;
    return 'ok';
  }
}
