/**
 * Algorithm constants of the tracker, in named presets. User limits (step budgets, seeds)
 * are options elsewhere; these are the numerical method's own settings.
 */
export interface TrackerPreset {
  /** 'pade': Padé (2,1) predictor with a trust region; 'rk4': classical Runge–Kutta. */
  readonly predictor: 'pade' | 'rk4';
  /** Largest step as a fraction of the Padé trust region (distance to the nearest pole). */
  readonly trustRegion: number;
  /**
   * The Padé tracker aims for a first Newton contraction Δ₁/Δ₀ of about this (its prediction
   * error this fraction of the radius 1/ω where Newton converges quadratically).
   */
  readonly newtonContraction: number;
  /** Relative prediction error (first Newton update) the step-size control aims for. */
  readonly targetPredictionError: number;
  /** A step whose prediction error exceeds this is rejected even if Newton converged. */
  readonly maxPredictionError: number;
  /** Relative Newton update below which the corrector has converged while tracking. */
  readonly correctorTolerance: number;
  /** Newton iterations allowed per step. */
  readonly maxCorrectorIterations: number;
  /** Largest allowed ratio of successive Newton updates (quadratic-convergence check). */
  readonly maxContraction: number;
  /** Initial step as a fraction of the segment. */
  readonly initialStep: number;
  /** Largest step as a fraction of the segment, before the endgame. */
  readonly maxStep: number;
  /**
   * Largest step as a fraction of an endgame segment (geometric pieces in s, Cauchy chords):
   * these are already scaled to the distance from t = 1, so the prediction error alone
   * should limit the step.
   */
  readonly endgameMaxStep: number;
  /** s = 1 − t where the endgame starts. */
  readonly endgameStart: number;
  /** Factor between the endgame's geometric checkpoints in s. */
  readonly endgameRatio: number;
  /** Sample points per loop of the Cauchy endgame. */
  readonly cauchySamples: number;
  /**
   * Track paths the endgame sees diverging in double-double too where double cannot resolve
   * them, down to s = 1e-26: a finite solution of condition κ looks like a point at infinity
   * until s is below about 1/κ. Costly (most such paths do go to infinity), so only the
   * second look at paths judged to diverge takes it (solve/collect.ts).
   */
  readonly deepPrecision: boolean;
}

/** The default preset: the Padé tracker as tuned on the test systems. */
const DEFAULT = {
  predictor: 'pade',
  trustRegion: 0.4,
  newtonContraction: 1e-3,
  targetPredictionError: 3e-3,
  maxPredictionError: 1e-2,
  correctorTolerance: 1e-9,
  maxCorrectorIterations: 3,
  maxContraction: 0.25,
  initialStep: 0.02,
  maxStep: 0.1,
  endgameMaxStep: 0.5,
  endgameStart: 0.1,
  endgameRatio: 0.25,
  cauchySamples: 8,
  deepPrecision: false,
} as const satisfies TrackerPreset;

export const presets = {
  default: DEFAULT,
  fast: {
    predictor: 'pade',
    trustRegion: 0.75,
    newtonContraction: 3e-3,
    targetPredictionError: 1e-2,
    maxPredictionError: 3e-2,
    correctorTolerance: 1e-8,
    maxCorrectorIterations: 3,
    maxContraction: 0.5,
    initialStep: 0.05,
    maxStep: 0.2,
    endgameMaxStep: 1,
    endgameStart: 0.1,
    endgameRatio: 0.25,
    cauchySamples: 8,
    deepPrecision: false,
  },
  conservative: {
    predictor: 'rk4',
    trustRegion: 0.25,
    newtonContraction: 3e-4,
    targetPredictionError: 1e-8,
    maxPredictionError: 1e-6,
    correctorTolerance: 1e-11,
    maxCorrectorIterations: 3,
    maxContraction: 0.1,
    initialStep: 0.005,
    maxStep: 0.02,
    endgameMaxStep: 0.1,
    endgameStart: 0.1,
    endgameRatio: 0.5,
    cauchySamples: 16,
    deepPrecision: false,
  },
  /** The deep look (solve.ts): the default preset, with paths seen to diverge followed in double-double. */
  deep: { ...DEFAULT, deepPrecision: true },
} as const satisfies Record<string, TrackerPreset>;

export type PresetName = keyof typeof presets;

/** User limits, kept apart from the algorithm's constants. */
export interface TrackerLimits {
  /** Accepted plus rejected steps allowed for one path (all phases together). */
  readonly maxSteps: number;
  /** Largest winding number the Cauchy endgame tries. */
  readonly maxWinding: number;
  /**
   * 'adaptive' (the default): double-double where double cannot resolve a step
   * (track/stepper.ts); 'double': double throughout, as before adaptive precision (for
   * comparisons, and to exercise the fallbacks of double: re-tracks and detours).
   */
  readonly precision?: 'adaptive' | 'double';
}

export const defaultLimits: TrackerLimits = { maxSteps: 20_000, maxWinding: 8 };
