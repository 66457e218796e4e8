/**
 * Tracks one path of a homotopy from t = 0 to t = 1 and says what it is: a regular solution,
 * a singular endpoint (with its winding number), a path to infinity, or a failure with a
 * reason. Phase 1 tracks to t = 1 − s_E; the endgame then walks s down geometrically,
 * watching valuations (divergence), trying to finish directly (regular endpoints) and running
 * Cauchy loops (singular endpoints).
 */
import type { CompiledSystem } from '../compile/types.js';
import type { Homotopy } from '../homotopy/types.js';
import { cabs, distInf, normInf } from '../numeric/complex.js';
import { LogTimeHomotopy } from '../homotopy/logTime.js';
import { cauchyLoop, divergesStably, valuations } from './endgame.js';
import { makePath, type FailureCause, type PathCause, type PathResult, type ReturnCode } from './pathResult.js';
import { defaultLimits, presets, type PresetName, type TrackerLimits } from './presets.js';
import { Refiner, type Refinement } from './refine.js';
import { SegmentStepper, type SegmentStatus } from './stepper.js';

/** Condition number above which an endpoint counts as singular (as in HomotopyContinuation.jl). */
export const SINGULAR_CONDITION = 1e14;
/** Condition of Hx below which a direct finish to t = 1 is attempted. */
const FINISH_CONDITION = 1e6;
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
 * down is followed on, as it may be on its way to a far finite point, down to s = MIN_S, where
 * a negative valuation is taken as divergence if the path was in a stable run or passed
 * MIN_NORM_STOPPED.
 */
const DIVERGENCE_DECADES = 4;
const RUN_GROWTH = 10;
const CONFIRMATIONS = 3;
const MIN_NORM_AT_INFINITY = 1e8;
const MIN_GROWTH_AT_INFINITY = 100;
const MIN_NORM_STOPPED = 1e6;
/** Radius below which the Cauchy endgame is run even for well-conditioned paths. */
const CAUCHY_RADIUS = 1e-3;
/**
 * Growth of ‖x‖ between checkpoints (s shrinking by 4) that counts as steady divergence:
 * 1.5 means an observed valuation below −0.29.
 */
const GROWTH_PER_CHECKPOINT = 1.5;
/**
 * A projective endpoint with |h| below this fraction of ‖x‖ (affine size above 1e4) is taken
 * as finite from a direct finish or a Cauchy estimate only when Newton on F confirms it
 * (quadratic convergence, a small residual): a path converging slowly to infinity stops with
 * h small but not zero, while the far critical points of a network at λ = Λ₀ (norm 1.05·10⁴)
 * are reached this way. Otherwise the valuations decide.
 */
const NEAR_INFINITY_H = 1e-4;
/** Relative distance refinement may move an endpoint (tracking leaves them within ~1e-8). */
const MAX_REFINEMENT_MOVE = 1e-5;
/** Relative residual above which a refined endpoint is no solution at all. */
const MAX_ENDPOINT_RESIDUAL = 1e-6;
/** Smallest s the endgame goes to. */
const MIN_S = 1e-14;
/**
 * Steps allowed for one geometric segment of the endgame (s → s·ratio). The segments are
 * scale-invariant, so a smooth path crosses one in a handful of steps; one that needs a
 * thousand is crawling past a far, ill-conditioned point, and is judged on what has been seen.
 * At 2-2-2 with λ = 0.001·Λ₀ such paths spent up to 20,000 steps each, and still failed; at
 * λ = 0.01·Λ₀ a budget of 300 failed 29 paths that 1,000 follows to the end.
 */
const ENDGAME_SEGMENT_BUDGET = 1000;
/**
 * The budget of a segment once the breakdown rule would already call the path at infinity: a
 * diverging path that crawls towards a singular point at infinity (1,000–3,000 steps on some
 * dln_2-2-2 paths) gets that verdict after 100 steps instead of 1,000.
 */
const DIVERGING_SEGMENT_BUDGET = 100;
/** Steps allowed for one attempt to finish directly from the endgame. */
const FINISH_BUDGET = 100;

function minimum(v: Float64Array): number {
  let m = Infinity;
  for (let i = 0; i < v.length; i++) m = Math.min(m, v[i]!);
  return m;
}

/** A detour of a path around a point t of its segment before the endgame (PathTracker.detour). */
export interface Detour {
  readonly t: number;
  readonly side: 1 | -1;
  readonly radius: number;
}

export class PathTracker {
  readonly stepper: SegmentStepper;
  /** The endgame's segments and Cauchy loops, tracked in log-time u = −log(1 − t). */
  readonly logStepper: SegmentStepper;
  private readonly refiner: Refiner;
  private readonly x: Float64Array;
  private readonly trial: Float64Array;
  private readonly xdot: Float64Array;
  /** Valuations of the tracked coordinates, then of the affine ones. */
  private readonly vTracked: Float64Array;
  private readonly v: Float64Array;
  private readonly vPrev: Float64Array;
  /** The affine point x (= X/h when tracking projectively). */
  private readonly affine: Float64Array;
  /** Number of affine unknowns. */
  private readonly m: number;
  /** The start solution of the path being tracked, as its record will show it. */
  private readonly startRecord: Float64Array;
  private readonly absPrev: Float64Array;
  private readonly scratch: { point: Float64Array; sum: Float64Array };

  constructor(
    homotopy: Homotopy,
    readonly target: CompiledSystem,
    readonly presetName: PresetName = 'default',
    readonly limits: TrackerLimits = defaultLimits,
    /** True when the last tracked coordinate is the homogenizing h (ProjectiveHomotopy). */
    readonly projective = false,
  ) {
    const n = homotopy.n;
    const m = projective ? n - 1 : n;
    this.m = m;
    this.vTracked = new Float64Array(n);
    this.affine = new Float64Array(2 * m);
    this.startRecord = new Float64Array(2 * m);
    this.stepper = new SegmentStepper(homotopy, presets[presetName], limits);
    this.logStepper = new SegmentStepper(new LogTimeHomotopy(homotopy), presets[presetName], limits);
    this.refiner = new Refiner(target);
    this.x = new Float64Array(2 * n);
    this.trial = new Float64Array(2 * n);
    this.xdot = new Float64Array(2 * n);
    this.v = new Float64Array(m);
    this.vPrev = new Float64Array(m);
    this.absPrev = new Float64Array(m);
    this.scratch = { point: new Float64Array(2 * n), sum: new Float64Array(2 * n) };
  }

  /**
   * Tracks the path from `start` (a projective point when tracking projectively). The record
   * keeps `startSolution` when given: the start solution itself, not its round trip through
   * the chart.
   */
  track(index: number, start: Float64Array, startSolution?: Float64Array): PathResult {
    this.startRecord.set(startSolution ?? this.toAffine(this.affine, start));
    const st = this.stepper;
    const preset = presets[this.presetName];
    st.resetCounters();
    this.logStepper.resetCounters();
    const x = this.x;
    x.set(start);
    const sE = preset.endgameStart;
    // The waypoints of the path in t before the endgame: the segment [0, 1 − s_E], or with a
    // detour a triangle of height ±r over [t − r, t + r] in the complex t-plane.
    const d = this.detour;
    const stops: [number, number][] = d
      ? [
          [d.t - d.radius, 0],
          [d.t, d.side * d.radius],
          [d.t + d.radius, 0],
          [1 - sE, 0],
        ]
      : [[1 - sE, 0]];
    let [tr, ti] = [0, 0];
    for (const [br, bi] of stops) {
      const status = st.trackSegment(x, tr, ti, br, bi);
      if (status !== 'ok') return this.stopped(index, status, tr + st.reachedTau * (br - tr), 'before the endgame');
      [tr, ti] = [br, bi];
    }
    return this.endgame(index, sE);
  }

  /**
   * A detour of the next paths around a point of the segment before the endgame (t real,
   * 0 < t − radius, t + radius < 1 − s_E), above (side 1) or below (−1) it; none when undefined.
   * A path that fails there, steps shrinking to nothing, passes close to a branch point; the
   * detours on its two sides reach the two sheets that meet there (solve/detour.ts chooses).
   */
  detour: Detour | undefined;

  private endgame(index: number, sE: number): PathResult {
    const st = this.stepper;
    const preset = presets[this.presetName];
    const { x, v, vPrev, absPrev, trial } = this;
    const n = v.length;
    let s = sE;
    let previousEstimate: Float64Array | undefined;
    let checkpoints = 0;
    let diverging = 0;
    let growing = 0;
    let finishedSingular: PathResult | undefined;
    let previousSize = Infinity;
    let startSize = NaN;
    const startNorm = Math.max(1, normInf(this.startRecord));
    // The run of checkpoints with stable divergence: where in s it began, and the size there.
    let runStart = NaN;
    let runSize = NaN;
    for (;;) {
      if (!st.tangent(this.xdot, x, 1 - s, 0)) return this.result(index, 'failed', this.toAffine(this.affine, x), 1 - s, 1, 'endgame_singular_jacobian');
      const cond = st.lu.conditionEstimate();
      valuations(this.vTracked, x, this.xdot, s);
      this.affineValuations(v);
      const ax = this.toAffine(this.affine, x);
      const size = normInf(ax);
      if (checkpoints === 0) startSize = Math.max(1, size);
      if (checkpoints >= 1 && divergesStably(v, vPrev, ax, absPrev, Math.log(preset.endgameRatio))) {
        if (diverging === 0) {
          runStart = s / preset.endgameRatio;
          runSize = Math.max(1, previousSize);
        }
        diverging++;
      } else diverging = 0;
      const conclusiveRun = diverging > 0 && Math.log10(runStart / s) >= DIVERGENCE_DECADES - 1e-9 && size >= RUN_GROWTH * runSize && size >= MIN_NORM_STOPPED;
      const farAndGrown = diverging >= CONFIRMATIONS && size >= MIN_NORM_AT_INFINITY && size >= MIN_GROWTH_AT_INFINITY * startSize;
      if (conclusiveRun || farAndGrown) {
        return this.result(
          index,
          'at_infinity',
          ax,
          1 - s,
          1,
          'stable_valuation',
          `${minimum(v).toFixed(2)} over ${Math.log10(runStart / s).toFixed(1)} decades of s, |x| = ${size.toExponential(1)}`,
        );
      }
      const minV = minimum(v);
      if (cond < FINISH_CONDITION && diverging === 0 && !finishedSingular) {
        trial.set(x);
        const saved = st.stepLength;
        if (st.trackSegment(trial, 1 - s, 0, 1, 0, FINISH_BUDGET, preset.endgameMaxStep) === 'ok') {
          const direct = this.finished(index, trial, 1);
          if (direct?.code === 'success') return direct;
          // A singular endpoint reached directly: the Cauchy endgame gives a better estimate
          // and the winding number, so carry on with it and keep this as the fallback.
          if (direct) finishedSingular = direct;
        }
        st.stepLength = saved;
      }
      if ((s <= CAUCHY_RADIUS || cond >= FINISH_CONDITION) && minV > -0.05) {
        const loop = cauchyLoop(this.logStepper, x, s, preset.cauchySamples, this.limits.maxWinding, this.scratch);
        if (loop) {
          const scale = Math.max(1, normInf(loop.estimate));
          if (previousEstimate && distInf(loop.estimate, previousEstimate) < 1e-8 * scale) {
            const done = this.finished(index, loop.estimate, loop.winding);
            if (done) return done;
          }
          previousEstimate = loop.estimate;
        }
      }
      growing = size > GROWTH_PER_CHECKPOINT * previousSize ? growing + 1 : 0;
      previousSize = size;
      vPrev.set(v);
      for (let i = 0; i < n; i++) absPrev[i] = cabs(ax[2 * i]!, ax[2 * i + 1]!);
      const sNext = s * preset.endgameRatio;
      if (sNext < MIN_S) {
        if (minV < -0.05 && (diverging > 0 || size >= MIN_NORM_STOPPED)) {
          return this.result(
            index,
            'at_infinity',
            ax,
            1 - s,
            1,
            'negative_valuation',
            `${minV.toFixed(2)} at s = ${s.toExponential(1)}, |x| = ${size.toExponential(1)}`,
          );
        }
        if (finishedSingular) return finishedSingular;
        if (previousEstimate) return this.finishedOrInfinite(index, previousEstimate, 'Cauchy estimates did not settle');
        return this.result(index, 'failed', ax, 1 - s, 1, 'endgame_no_convergence');
      }
      const longRun = diverging > 0 && Math.log10(runStart / s) >= DIVERGENCE_DECADES - 1e-9;
      const farOrGrown = size >= MIN_NORM_STOPPED || size >= MIN_GROWTH_AT_INFINITY * startNorm;
      const wouldDiverge = longRun || ((diverging >= 1 || growing >= 2) && farOrGrown);
      const budget = wouldDiverge ? DIVERGING_SEGMENT_BUDGET : ENDGAME_SEGMENT_BUDGET;
      const status = this.logStepper.trackSegment(x, -Math.log(s), 0, -Math.log(sNext), 0, budget, preset.endgameMaxStep);
      if (status !== 'ok') {
        // Tracking broke down on a path already seen to diverge: ill-conditioning from the
        // growth itself, not a failure to find a finite endpoint.
        if (wouldDiverge || (checkpoints === 0 && farOrGrown)) {
          return this.result(
            index,
            'at_infinity',
            ax,
            1 - s,
            1,
            'diverging',
            `(|x| = ${size.toExponential(1)}); tracking stopped (${status.replace(/_/g, ' ')})`,
          );
        }
        if (finishedSingular) return finishedSingular;
        if (previousEstimate && status !== 'too_large') return this.finishedOrInfinite(index, previousEstimate, `endgame stopped: ${status}`);
        return this.stopped(index, status, 1 - s, 'in the endgame');
      }
      s = sNext;
      checkpoints++;
    }
  }

  private finishedOrInfinite(index: number, end: Float64Array, note: string): PathResult {
    return this.finished(index, end, 1, note) ?? this.result(index, 'at_infinity', this.toAffine(this.affine, end), 1, 1, 'near_infinity', `(${note})`);
  }

  /**
   * A path that reached t = 1: refine, then regular or singular by the conditioning. Undefined
   * for a projective endpoint near h = 0 that Newton does not confirm as a solution: the
   * endgame's valuations decide those.
   */
  private finished(index: number, end: Float64Array, winding: number, note?: string): PathResult | undefined {
    const nearInfinity = this.projective && this.nearInfinity(end);
    const point = this.toAffine(new Float64Array(2 * this.m), end);
    const before = this.refiner.measure(point);
    const singular = winding > 1 || before.condition > SINGULAR_CONDITION;
    const measured: Partial<Refinement> & { residual: number; condition: number } = singular ? before : this.refiner.refine(point, before.condition);
    const linear = measured.linear === true;
    // Refinement polishes an endpoint; one that Newton had to carry far was no endpoint, and
    // where Newton went is some other solution (or none).
    if (measured.moved !== undefined && measured.moved > MAX_REFINEMENT_MOVE) {
      if (this.projective) return undefined;
      return this.build(index, 'failed', point, 1, winding, measured, { cause: 'moved_under_refinement', detail: `by ${measured.moved.toExponential(1)}` });
    }
    // Near h = 0 only a point that Newton confirms (quadratic convergence, no move) is finite:
    // a path converging slowly to infinity stops with h small but not zero.
    if (nearInfinity && (singular || measured.linear !== false || !(measured.residual <= MAX_ENDPOINT_RESIDUAL))) return undefined;
    if (!(measured.residual <= MAX_ENDPOINT_RESIDUAL)) {
      return this.build(index, 'failed', point, 1, winding, measured, { cause: 'not_a_solution', detail: `(residual ${measured.residual.toExponential(1)})` });
    }
    const code: ReturnCode = singular || linear || measured.condition > SINGULAR_CONDITION ? 'singular' : 'success';
    return this.build(index, code, point, 1, winding, measured, note === undefined ? undefined : { note });
  }

  private stopped(index: number, status: Exclude<SegmentStatus, 'ok'>, t: number, where: string): PathResult {
    const last = this.toAffine(this.affine, this.x);
    if (status === 'too_large') return this.result(index, 'at_infinity', last, t, 1, 'norm_too_large', where);
    return this.result(index, 'failed', last, t, 1, status satisfies FailureCause, where);
  }

  /** out = the affine point of a tracked point X (X itself unless projective). */
  toAffine(out: Float64Array, X: Float64Array): Float64Array {
    const m = this.m;
    if (!this.projective) {
      for (let k = 0; k < 2 * m; k++) out[k] = X[k]!;
      return out;
    }
    const hr = X[2 * m]!;
    const hi = X[2 * m + 1]!;
    const q = hr * hr + hi * hi;
    for (let k = 0; k < 2 * m; k += 2) {
      const a = X[k]!;
      const b = X[k + 1]!;
      out[k] = (a * hr + b * hi) / q;
      out[k + 1] = (b * hr - a * hi) / q;
    }
    return out;
  }

  /** Affine valuations v(x_i) = v(X_i) − v(h) from the tracked ones. */
  private affineValuations(out: Float64Array): void {
    const vh = this.projective ? this.vTracked[this.m]! : 0;
    for (let i = 0; i < this.m; i++) out[i] = this.vTracked[i]! - vh;
  }

  /** A projective endpoint whose h is small next to the other coordinates. */
  private nearInfinity(X: Float64Array): boolean {
    const m = this.m;
    return cabs(X[2 * m]!, X[2 * m + 1]!) < NEAR_INFINITY_H * Math.max(1e-300, normInf(X, m));
  }

  private result(index: number, code: ReturnCode, end: Float64Array, t: number, winding: number, cause: PathCause, detail?: string): PathResult {
    return this.build(
      index,
      code,
      new Float64Array(end),
      t,
      winding,
      { residual: NaN, condition: NaN },
      { cause, ...(detail === undefined ? {} : { detail }) },
    );
  }

  private build(
    index: number,
    code: ReturnCode,
    end: Float64Array,
    t: number,
    windingNumber: number,
    m: { residual: number; condition: number },
    why?: { cause: PathCause; detail?: string } | { note: string },
  ): PathResult {
    return makePath({
      index,
      code,
      start: new Float64Array(this.startRecord),
      end,
      t,
      acceptedSteps: this.stepper.accepted + this.logStepper.accepted,
      rejectedSteps: this.stepper.rejected + this.logStepper.rejected,
      residual: m.residual,
      condition: m.condition,
      windingNumber,
      preset: this.presetName,
      ...(why === undefined ? {} : { why }),
    });
  }
}
