/**
 * What a tracked path is, when it ends. A path that fails is a result with a reason, never an
 * exception: its return code says what it is, its cause (a structured code) why, and its
 * reason is the cause in words, with the numbers the tracker saw.
 */
export type ReturnCode = 'success' | 'at_infinity' | 'singular' | 'failed';

/** Why a path failed. */
export type FailureCause =
  /** The step size fell below its floor (the path passed near a singular point, or jumped). */
  | 'step_too_small'
  /** The step budget (maxSteps) ran out. */
  | 'step_budget'
  /** The Jacobian of the homotopy was singular on the path. */
  | 'singular_jacobian'
  /** The Jacobian was singular in the endgame. */
  | 'endgame_singular_jacobian'
  /** The endgame reached s = 1e-14 with neither a settled endpoint nor evidence of divergence. */
  | 'endgame_no_convergence'
  /** Newton refinement carried the endpoint far: it was not an endpoint. */
  | 'moved_under_refinement'
  /** The endpoint's residual is too large for a solution. */
  | 'not_a_solution'
  /** The toric phase of a polyhedral path (from its binomial start) broke down. */
  | 'toric_phase'
  /** The worker thread tracking the path died every time it was tried. */
  | 'worker_died';

/** The evidence on which a path was judged to go to infinity. */
export type InfinityCause =
  /** Valuations stable over several decades of s, with growth and a large norm. */
  | 'stable_valuation'
  /** Still diverging at the smallest s. */
  | 'negative_valuation'
  /** Tracking broke down on a path seen to diverge. */
  | 'diverging'
  /** A projective endpoint with h near 0 that Newton did not confirm as finite. */
  | 'near_infinity'
  /** The norm passed 1e14. */
  | 'norm_too_large';

export type PathCause = FailureCause | InfinityCause;

/** Each cause in words; a reason is these words, then the numbers the tracker saw. */
export const CAUSE_WORDS: Readonly<Record<PathCause, string>> = {
  step_too_small: 'step too small',
  step_budget: 'step budget',
  singular_jacobian: 'singular jacobian',
  endgame_singular_jacobian: 'singular Jacobian in the endgame',
  endgame_no_convergence: 'endgame did not converge',
  moved_under_refinement: 'endpoint moved under refinement',
  not_a_solution: 'endpoint is not a solution',
  toric_phase: 'toric phase',
  worker_died: 'the worker tracking this path died',
  stable_valuation: 'stable negative valuation',
  negative_valuation: 'negative valuation',
  diverging: 'diverging',
  near_infinity: 'endpoint near the hyperplane at infinity',
  norm_too_large: 'norm passed 1e14',
};

export const PATH_CAUSES = Object.keys(CAUSE_WORDS) as PathCause[];

export function isPathCause(value: unknown): value is PathCause {
  return typeof value === 'string' && Object.hasOwn(CAUSE_WORDS, value);
}

/** The reason of a cause: its words, then the detail (numbers, where on the path). */
export function reasonFor(cause: PathCause, detail?: string): string {
  return detail ? `${CAUSE_WORDS[cause]} ${detail}` : CAUSE_WORDS[cause];
}

export interface PathResult {
  /** Index of the start solution. */
  readonly index: number;
  readonly code: ReturnCode;
  /** Why a failed or at-infinity path ended so, as a code (absent for solutions). */
  readonly cause?: PathCause;
  /** The cause in words with the numbers seen (reasonFor), or a note on a solution. */
  readonly reason?: string;
  readonly start: Float64Array;
  /** Endpoint at t = 1 (for at_infinity: the last point tracked). */
  readonly end: Float64Array;
  /** t at which tracking stopped (1 unless at infinity or failed). */
  readonly t: number;
  readonly acceptedSteps: number;
  readonly rejectedSteps: number;
  /** Of the steps (accepted and rejected), those taken in double-double: the rest were in double. */
  readonly ddSteps: number;
  /** ‖F(end)‖∞ relative to the size of the endpoint. */
  readonly residual: number;
  /** Estimated condition number of ∂F/∂x at the endpoint. */
  readonly condition: number;
  /** Winding number from the Cauchy endgame (1 when the endpoint was reached directly). */
  readonly windingNumber: number;
  /** Which preset produced this result (re-tracks use a stricter one). */
  readonly preset: string;
}

/** What a path record is made of; steps default to 0, residual and condition to NaN, winding to 1. */
export interface PathFields {
  readonly index: number;
  readonly code: ReturnCode;
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly preset: string;
  readonly t?: number;
  readonly acceptedSteps?: number;
  readonly rejectedSteps?: number;
  readonly ddSteps?: number;
  readonly residual?: number;
  readonly condition?: number;
  readonly windingNumber?: number;
  /** Why a failed or at-infinity path ended so, with the numbers seen (the reason is derived). */
  readonly why?: { readonly cause: PathCause; readonly detail?: string } | { readonly note: string };
}

/**
 * The one way a path record is made: the reason always follows from the cause (reasonFor), so
 * no record can carry a cause and a reason that disagree. The arrays are taken as given.
 */
export function makePath(f: PathFields): PathResult {
  const why = f.why;
  return {
    index: f.index,
    code: f.code,
    ...(why === undefined ? {} : 'note' in why ? { reason: why.note } : { cause: why.cause, reason: reasonFor(why.cause, why.detail) }),
    start: f.start,
    end: f.end,
    t: f.t ?? (f.code === 'failed' ? 0 : 1),
    acceptedSteps: f.acceptedSteps ?? 0,
    rejectedSteps: f.rejectedSteps ?? 0,
    ddSteps: f.ddSteps ?? 0,
    residual: f.residual ?? NaN,
    condition: f.condition ?? NaN,
    windingNumber: f.windingNumber ?? 1,
    preset: f.preset,
  };
}

/** A path that failed before it moved: it ends where it started, at t = 0. */
export function failedPath(index: number, start: Float64Array, cause: FailureCause, detail: string, preset: string): PathResult {
  return makePath({ index, code: 'failed', start: new Float64Array(start), end: new Float64Array(start), t: 0, preset, why: { cause, detail } });
}
