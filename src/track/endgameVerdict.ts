/**
 * How a path ends, decided in one place: endgameVerdict reads what the tracker measured (the
 * EndgameEvidence: valuations and growth at the endgame's checkpoints, endpoints reached
 * directly or by Cauchy loops and what refinement found there, where tracking broke down) and
 * says whether the path has ended and how: a regular or singular endpoint, a path to infinity,
 * or a failure with its cause. The tracker (tracker.ts) measures, asks after each measurement,
 * and records the verdict.
 */
import type { PathCause, PathFields } from './pathResult.js';
import type { Refinement } from './refine.js';
import type { SegmentStatus } from './stepper.js';

/** Condition number above which an endpoint counts as singular (as in HomotopyContinuation.jl). */
export const SINGULAR_CONDITION = 1e14;
/**
 * When a path is at infinity. Valuations alone are not conclusive: a path on its way to a far
 * finite solution can grow with stable negative valuations for decades of s (a 2-2-2 network
 * at λ = 0.01·Λ₀: norm 1 → 30 between s = 0.1 and 1e-6, ending at a point of norm 50; at
 * λ = Λ₀, points of norm 10⁴). A path is called diverging only when
 * - its valuations have been stable, and in line with its growth, over DIVERGENCE_DECADES
 *   decades of s, it grew by at least RUN_GROWTH over them, and it passed MIN_NORM_STOPPED
 *   (a 1-1-1 network with data x = 4e-4 has critical points of norm 2.4·10³, which paths reach
 *   after growing like s^(−1/2) for six decades of s); or
 * - it passed MIN_NORM_AT_INFINITY with CONFIRMATIONS stable checkpoints in a row, having
 *   grown by MIN_GROWTH_AT_INFINITY since the endgame began (HomotopyContinuation.jl's
 *   min_coord_growth).
 * A path whose tracking breaks down in the endgame (near a singular point at infinity) is taken
 * to diverge after a stable run of DIVERGENCE_DECADES (whatever its size: cyclic6's paths to
 * its singular set at infinity crawl at norm 34 after 9 decades), or, while growing or in its
 * first endgame segment, once it passed MIN_NORM_STOPPED or grew by MIN_GROWTH_AT_INFINITY
 * from its start point; otherwise it has failed and is re-tracked. A path that does not break
 * down is followed on, as it may be on its way to a far finite point, down to the smallest s,
 * where a negative valuation is taken as divergence if the path was in a stable run or passed
 * MIN_NORM_STOPPED.
 */
const DIVERGENCE_DECADES = 4;
const RUN_GROWTH = 10;
const CONFIRMATIONS = 3;
const MIN_NORM_AT_INFINITY = 1e8;
const MIN_GROWTH_AT_INFINITY = 100;
const MIN_NORM_STOPPED = 1e6;
/** Relative distance refinement may move an endpoint (tracking leaves them within ~1e-8). */
const MAX_REFINEMENT_MOVE = 1e-5;
/** Relative residual above which a refined endpoint is no solution at all. */
const MAX_ENDPOINT_RESIDUAL = 1e-6;

/** A path's record less what the tracker adds (index, start, preset; the steps unless given). */
export type Verdict = Omit<PathFields, 'index' | 'start' | 'preset'>;

/** What refinement measured at an endpoint the endgame reached (t = 1). */
export interface EndpointEvidence {
  /** The affine endpoint, refined unless `singular`. */
  readonly point: Float64Array;
  /** The affine endpoint as tracked, before refinement. */
  readonly tracked: Float64Array;
  readonly winding: number;
  /** Winding number above 1, or condition above SINGULAR_CONDITION before refinement (then not refined). */
  readonly singular: boolean;
  /** A projective endpoint whose h is small next to the other coordinates (affine size above 1e4). */
  readonly nearInfinity: boolean;
  readonly measured: Partial<Refinement> & { readonly residual: number; readonly condition: number };
  /** The path's steps when this endpoint was reached: its record counts these. */
  readonly acceptedSteps: number;
  readonly rejectedSteps: number;
  readonly ddSteps: number;
}

/** Where tracking stopped short of t = 1. */
export interface Breakdown {
  readonly status: Exclude<SegmentStatus, 'ok'>;
  readonly t: number;
  /** The affine point where it stopped. */
  readonly point: Float64Array;
  /** In the endgame, or before it. */
  readonly inEndgame: boolean;
}

/** Everything the tracker measured on one path, as it stands at the latest checkpoint. */
export class EndgameEvidence {
  /** s = 1 − t of the checkpoint. */
  s = NaN;
  /** Endgame segments completed. */
  checkpoints = 0;
  /** Hx was singular at the checkpoint. */
  jacobianSingular = false;
  /** ‖x‖∞ of the affine point, and the smallest affine valuation. */
  size = NaN;
  minV = NaN;
  /** max(1, size) at the first checkpoint, and max(1, ‖start‖∞). */
  startSize = NaN;
  startNorm = NaN;
  /** Checkpoints in a row with a stable negative valuation, where in s that run began and the size there. */
  diverging = 0;
  runStart = NaN;
  runSize = NaN;
  /** Checkpoints in a row at which ‖x‖ grew steadily. */
  growing = 0;
  /** The first endpoint of a direct finish that says what the path is. */
  finish: EndpointEvidence | undefined;
  /** The endpoint of Cauchy estimates that settled at this checkpoint. */
  settled: EndpointEvidence | undefined;
  /** The endgame reached its smallest s. */
  exhausted = false;
  /** The last Cauchy estimate (winding 1), measured once the endgame ran out or broke down. */
  estimate: EndpointEvidence | undefined;
  breakdown: Breakdown | undefined;

  constructor(
    /** Tracking projectively: endpoints near h = 0 are finite only when Newton confirms them. */
    readonly projective: boolean,
    /** The affine point at the checkpoint (the tracker's buffer). */
    readonly point: Float64Array,
  ) {}
}

/**
 * Whether an endpoint says what the path is. A projective endpoint that refinement carried far,
 * or one near h = 0 that Newton does not confirm as a solution (quadratic convergence, a small
 * residual), does not: a path converging slowly to infinity stops with h small but not zero,
 * while the far critical points of a network at λ = Λ₀ (norm 1.05·10⁴) are reached this way.
 * The valuations decide those.
 */
export function isConclusive(m: EndpointEvidence, projective: boolean): boolean {
  if (!projective) return true;
  if (m.measured.moved !== undefined && m.measured.moved > MAX_REFINEMENT_MOVE) return false;
  return !(m.nearInfinity && (m.singular || m.measured.linear !== false || !(m.measured.residual <= MAX_ENDPOINT_RESIDUAL)));
}

/** The path is on its way out: tracking that breaks down now does so from the growth itself. */
export function wouldDiverge(e: EndgameEvidence): boolean {
  return longRun(e) || ((e.diverging >= 1 || e.growing >= 2) && farOrGrown(e));
}

function longRun(e: EndgameEvidence): boolean {
  return e.diverging > 0 && Math.log10(e.runStart / e.s) >= DIVERGENCE_DECADES - 1e-9;
}

function farOrGrown(e: EndgameEvidence): boolean {
  return e.size >= MIN_NORM_STOPPED || e.size >= MIN_GROWTH_AT_INFINITY * e.startNorm;
}

/**
 * Whether and how the path has ended, from the evidence so far; undefined while the endgame
 * should go on. Asked after each measurement, in the order the tracker makes them.
 */
export function endgameVerdict(e: EndgameEvidence): Verdict | undefined {
  const stop = e.breakdown;
  if (stop && !stop.inEndgame) return stopped(stop, 'before the endgame');
  if (e.jacobianSingular) return ended('failed', e.point, 1 - e.s, 'endgame_singular_jacobian');
  const conclusiveRun = longRun(e) && e.size >= RUN_GROWTH * e.runSize && e.size >= MIN_NORM_STOPPED;
  const farAndGrown = e.diverging >= CONFIRMATIONS && e.size >= MIN_NORM_AT_INFINITY && e.size >= MIN_GROWTH_AT_INFINITY * e.startSize;
  if (conclusiveRun || farAndGrown) {
    const detail = `${e.minV.toFixed(2)} over ${Math.log10(e.runStart / e.s).toFixed(1)} decades of s, |x| = ${e.size.toExponential(1)}`;
    return ended('at_infinity', e.point, 1 - e.s, 'stable_valuation', detail);
  }
  // A singular endpoint reached directly is kept as the fallback: the Cauchy endgame gives a
  // better estimate and the winding number.
  const finish = e.finish && endpointVerdict(e.finish, e.projective);
  if (finish?.code === 'success') return finish;
  const settled = e.settled && endpointVerdict(e.settled, e.projective);
  if (settled) return settled;
  if (e.exhausted) {
    if (e.minV < -0.05 && (e.diverging > 0 || e.size >= MIN_NORM_STOPPED)) {
      const detail = `${e.minV.toFixed(2)} at s = ${e.s.toExponential(1)}, |x| = ${e.size.toExponential(1)}`;
      return ended('at_infinity', e.point, 1 - e.s, 'negative_valuation', detail);
    }
    return finish ?? estimateVerdict(e, 'Cauchy estimates did not settle') ?? ended('failed', e.point, 1 - e.s, 'endgame_no_convergence');
  }
  if (stop) {
    // Tracking broke down on a path already seen to diverge: ill-conditioning from the growth
    // itself, not a failure to find a finite endpoint.
    if (wouldDiverge(e) || (e.checkpoints === 0 && farOrGrown(e))) {
      const detail = `(|x| = ${e.size.toExponential(1)}); tracking stopped (${stop.status.replace(/_/g, ' ')})`;
      return ended('at_infinity', e.point, 1 - e.s, 'diverging', detail);
    }
    if (finish) return finish;
    if (stop.status !== 'too_large') {
      const fromEstimate = estimateVerdict(e, `endgame stopped: ${stop.status}`);
      if (fromEstimate) return fromEstimate;
    }
    return stopped(stop, 'in the endgame');
  }
  return undefined;
}

/**
 * An endpoint reached at t = 1: regular or singular by the conditioning and Newton's
 * convergence, or failed when refinement moved it far or it is no solution. Undefined when it
 * is not conclusive.
 */
function endpointVerdict(m: EndpointEvidence, projective: boolean, note?: string): Verdict | undefined {
  if (!isConclusive(m, projective)) return undefined;
  const { measured, point, winding } = m;
  const at = { end: point, t: 1, windingNumber: winding, residual: measured.residual, condition: measured.condition };
  const steps = { acceptedSteps: m.acceptedSteps, rejectedSteps: m.rejectedSteps, ddSteps: m.ddSteps };
  // Refinement polishes an endpoint; one that Newton had to carry far was no endpoint, and
  // where Newton went is some other solution (or none).
  if (measured.moved !== undefined && measured.moved > MAX_REFINEMENT_MOVE) {
    return { code: 'failed', ...at, ...steps, why: { cause: 'moved_under_refinement', detail: `by ${measured.moved.toExponential(1)}` } };
  }
  if (!(measured.residual <= MAX_ENDPOINT_RESIDUAL)) {
    return { code: 'failed', ...at, ...steps, why: { cause: 'not_a_solution', detail: `(residual ${measured.residual.toExponential(1)})` } };
  }
  const singular = m.singular || measured.linear === true || (measured.precision !== 'double-double' && measured.condition > SINGULAR_CONDITION);
  return { code: singular ? 'singular' : 'success', ...at, ...steps, ...(note === undefined ? {} : { why: { note } }) };
}

/** The last Cauchy estimate as the endpoint, or, when it is not conclusive, a path to infinity. */
function estimateVerdict(e: EndgameEvidence, note: string): Verdict | undefined {
  const m = e.estimate;
  if (!m) return undefined;
  return endpointVerdict(m, e.projective, note) ?? ended('at_infinity', m.tracked, 1, 'near_infinity', `(${note})`);
}

function stopped(stop: Breakdown, where: string): Verdict {
  if (stop.status === 'too_large') return ended('at_infinity', stop.point, stop.t, 'norm_too_large', where);
  return ended('failed', stop.point, stop.t, stop.status, where);
}

/** A path that ended without an endpoint to refine: where it was, at t. */
function ended(code: Verdict['code'], end: Float64Array, t: number, cause: PathCause, detail?: string): Verdict {
  return {
    code,
    end: new Float64Array(end),
    t,
    windingNumber: 1,
    residual: NaN,
    condition: NaN,
    why: { cause, ...(detail === undefined ? {} : { detail }) },
  };
}
