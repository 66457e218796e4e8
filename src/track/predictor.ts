/**
 * What the step loop (stepper.ts) asks of a predictor (HomotopyContinuation.jl's
 * predictor.jl): a prediction of the path a step ahead, what it learns at each accepted
 * point, the trust region of its local model, and the rule that sizes its steps. The
 * predictors are rk4.ts and pade.ts; each computes through the StepEvaluator it is built with.
 */

/**
 * How the step loop sizes the steps of a predictor whose local error behaves like e·Δ^order.
 * Each predictor keeps the rule it was tuned with.
 */
export interface StepRule {
  /** 1/order: a step is scaled by (aim/err)^exponent. */
  readonly exponent: number;
  /** Largest growth of the step after an accepted step. */
  readonly maxGrowth: number;
  /** Largest growth after the first accepted step that follows a rejection. */
  readonly maxGrowthAfterRejection: number;
  /** Shrink factor of a step whose corrector failed outright (no prediction error measured). */
  readonly failedShrink: number;
  /** A step reaching within this of the segment's end takes the rest of it (no sliver of a last step). */
  readonly endSlack: number;
  /**
   * The prediction error aimed for follows Newton's ω and the accuracy of the point stepped
   * from (see stepper.ts); otherwise it is the preset's targetPredictionError.
   */
  readonly newtonAim: boolean;
  /**
   * A corrected point past MAX_NORM ends the segment after its step was accepted and counted;
   * otherwise before, whatever its prediction error, the step uncounted.
   */
  readonly countsOverflowStep: boolean;
}

export interface Predictor {
  readonly rule: StepRule;
  /** |Δt| to which its local model is trusted (the nearest pole); Infinity when it has none. */
  readonly trust: number;
  /** Forgets the path it was on. */
  reset(): void;
  /**
   * Readies a segment from x at t, whose first step is about `radius` long in t. False when
   * Hx is singular there or H cannot be sampled.
   */
  begin(x: Float64Array, tre: number, tim: number, radius: number): boolean;
  /** out = the prediction at t + h·(dr + i·di) from x at t; false when none can be made. */
  predict(out: Float64Array, x: Float64Array, tre: number, tim: number, dr: number, di: number, h: number): boolean;
  /**
   * Learns the path at x, just accepted at t, with the corrector's last linearization in the
   * evaluator; the next step is about `radius` long in t. False when it cannot.
   */
  advance(x: Float64Array, tre: number, tim: number, radius: number): boolean;
}
