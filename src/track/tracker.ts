/**
 * Tracks one path of a homotopy from t = 0 to t = 1 and says what it is: a regular solution,
 * a singular endpoint (with its winding number), a path to infinity, or a failure with a
 * reason. Phase 1 tracks to t = 1 − s_E; the endgame then walks s down geometrically,
 * watching valuations (divergence), trying to finish directly (regular endpoints) and running
 * Cauchy loops (singular endpoints).
 */
import type { CompiledSystem } from '../compile/types.js';
import type { Homotopy } from '../homotopy/types.js';
import { cauchyLoop, divergesStably, maxAbs, maxAbsDiff, valuations } from './endgame.js';
import type { PathResult, ReturnCode } from './pathResult.js';
import { defaultLimits, presets, type PresetName, type TrackerLimits } from './presets.js';
import { Refiner } from './refine.js';
import { SegmentStepper, type SegmentStatus } from './stepper.js';

/** Condition number above which an endpoint counts as singular (as in HomotopyContinuation.jl). */
export const SINGULAR_CONDITION = 1e14;
/** Condition of Hx below which a direct finish to t = 1 is attempted. */
const FINISH_CONDITION = 1e6;
/** A path is called diverging only when Hx is at least this ill-conditioned. */
const MIN_COND_AT_INFINITY = 1e6;
/** Radius below which the Cauchy endgame is run even for well-conditioned paths. */
const CAUCHY_RADIUS = 1e-3;
/**
 * Growth of ‖x‖ between checkpoints (s shrinking by 4) that counts as steady divergence:
 * 1.5 means an observed valuation below −0.29.
 */
const GROWTH_PER_CHECKPOINT = 1.5;
/** Smallest s the endgame goes to. */
const MIN_S = 1e-14;
/** Steps allowed for one attempt to finish directly from the endgame. */
const FINISH_BUDGET = 100;

export class PathTracker {
  readonly stepper: SegmentStepper;
  private readonly refiner: Refiner;
  private readonly x: Float64Array;
  private readonly trial: Float64Array;
  private readonly xdot: Float64Array;
  private readonly v: Float64Array;
  private readonly vPrev: Float64Array;
  private readonly absPrev: Float64Array;
  private readonly scratch: { point: Float64Array; sum: Float64Array };

  constructor(
    homotopy: Homotopy,
    readonly target: CompiledSystem,
    readonly presetName: PresetName = 'default',
    readonly limits: TrackerLimits = defaultLimits,
  ) {
    const n = homotopy.n;
    this.stepper = new SegmentStepper(homotopy, presets[presetName], limits);
    this.refiner = new Refiner(target);
    this.x = new Float64Array(2 * n);
    this.trial = new Float64Array(2 * n);
    this.xdot = new Float64Array(2 * n);
    this.v = new Float64Array(n);
    this.vPrev = new Float64Array(n);
    this.absPrev = new Float64Array(n);
    this.scratch = { point: new Float64Array(2 * n), sum: new Float64Array(2 * n) };
  }

  track(index: number, start: Float64Array): PathResult {
    const st = this.stepper;
    const preset = presets[this.presetName];
    st.resetCounters();
    const x = this.x;
    x.set(start);
    const sE = preset.endgameStart;
    const status = st.trackSegment(x, 0, 0, 1 - sE, 0);
    if (status !== 'ok') return this.stopped(index, start, status, 1 - sE, 'before the endgame');
    return this.endgame(index, start, sE);
  }

  private endgame(index: number, start: Float64Array, sE: number): PathResult {
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
    for (;;) {
      if (!st.tangent(this.xdot, x, 1 - s, 0)) return this.result(index, start, 'failed', x, 1 - s, 1, 'singular Jacobian in the endgame');
      const cond = st.lu.conditionEstimate();
      valuations(v, x, this.xdot, s);
      // Diverging needs the evidence twice in a row and an ill-conditioned Hx, or three times in
      // a row: a path on its way to a finite regular solution can grow for a while, but stays
      // well conditioned and its valuations drift.
      diverging = checkpoints >= 1 && divergesStably(v, vPrev, x, absPrev, Math.log(preset.endgameRatio)) ? diverging + 1 : 0;
      if ((diverging >= 2 && cond >= MIN_COND_AT_INFINITY) || diverging >= 3) {
        return this.result(index, start, 'at_infinity', x, 1 - s, 1, 'stable negative valuation');
      }
      let minV = Infinity;
      for (let i = 0; i < n; i++) minV = Math.min(minV, v[i]!);
      if (cond < FINISH_CONDITION && diverging === 0 && !finishedSingular) {
        trial.set(x);
        const saved = st.stepLength;
        if (st.trackSegment(trial, 1 - s, 0, 1, 0, FINISH_BUDGET, preset.endgameMaxStep) === 'ok') {
          const direct = this.finished(index, start, trial, 1);
          if (direct.code === 'success') return direct;
          // A singular endpoint reached directly: the Cauchy endgame gives a better estimate
          // and the winding number, so carry on with it and keep this as the fallback.
          finishedSingular = direct;
        }
        st.stepLength = saved;
      }
      if ((s <= CAUCHY_RADIUS || cond >= FINISH_CONDITION) && minV > -0.05) {
        const loop = cauchyLoop(st, x, s, preset.cauchySamples, this.limits.maxWinding, this.scratch);
        if (loop) {
          const scale = Math.max(1, maxAbs(loop.estimate));
          if (previousEstimate && maxAbsDiff(loop.estimate, previousEstimate) < 1e-8 * scale) {
            return this.finished(index, start, loop.estimate, loop.winding);
          }
          previousEstimate = loop.estimate;
        }
      }
      const size = maxAbs(x);
      growing = size > GROWTH_PER_CHECKPOINT * previousSize ? growing + 1 : 0;
      previousSize = size;
      vPrev.set(v);
      for (let i = 0; i < n; i++) absPrev[i] = Math.hypot(x[2 * i]!, x[2 * i + 1]!);
      const sNext = s * preset.endgameRatio;
      if (sNext < MIN_S) {
        if (minV < -0.05) return this.result(index, start, 'at_infinity', x, 1 - s, 1, `negative valuation at s = ${s.toExponential(1)}`);
        if (finishedSingular) return finishedSingular;
        if (previousEstimate) return this.finished(index, start, previousEstimate, 1, 'Cauchy estimates did not settle');
        return this.result(index, start, 'failed', x, 1 - s, 1, 'endgame did not converge');
      }
      const status = st.trackSegment(x, 1 - s, 0, 1 - sNext, 0, undefined, preset.endgameMaxStep);
      if (status !== 'ok') {
        // Tracking broke down on a path already seen to diverge: ill-conditioning from the
        // growth itself, not a failure to find a finite endpoint.
        if (diverging >= 1 || growing >= 2) return this.result(index, start, 'at_infinity', x, 1 - s, 1, `diverging; tracking stopped (${status.replace(/_/g, ' ')})`);
        if (finishedSingular) return finishedSingular;
        if (previousEstimate && status !== 'too_large') return this.finished(index, start, previousEstimate, 1, `endgame stopped: ${status}`);
        return this.stopped(index, start, status, 1 - s, 'in the endgame');
      }
      s = sNext;
      checkpoints++;
    }
  }

  /** A path that reached t = 1: refine, then regular or singular by the conditioning. */
  private finished(index: number, start: Float64Array, end: Float64Array, winding: number, note?: string): PathResult {
    const point = new Float64Array(end);
    const before = this.refiner.measure(point);
    const singular = winding > 1 || before.condition > SINGULAR_CONDITION;
    const measured = singular ? before : this.refiner.refine(point);
    const linear = 'linear' in measured && measured.linear;
    const code: ReturnCode = singular || linear || measured.condition > SINGULAR_CONDITION ? 'singular' : 'success';
    return this.build(index, start, code, point, 1, winding, measured, note);
  }

  private stopped(index: number, start: Float64Array, status: SegmentStatus, t: number, where: string): PathResult {
    if (status === 'too_large') return this.result(index, start, 'at_infinity', this.x, t, 1, `norm passed 1e14 ${where}`);
    return this.result(index, start, 'failed', this.x, t, 1, `${status.replace(/_/g, ' ')} ${where}`);
  }

  private result(index: number, start: Float64Array, code: ReturnCode, end: Float64Array, t: number, winding: number, reason: string): PathResult {
    return this.build(index, start, code, new Float64Array(end), t, winding, { residual: NaN, condition: NaN }, reason);
  }

  private build(
    index: number,
    start: Float64Array,
    code: ReturnCode,
    end: Float64Array,
    t: number,
    windingNumber: number,
    m: { residual: number; condition: number },
    reason?: string,
  ): PathResult {
    return {
      index,
      code,
      ...(reason === undefined ? {} : { reason }),
      start: new Float64Array(start),
      end,
      t,
      acceptedSteps: this.stepper.accepted,
      rejectedSteps: this.stepper.rejected,
      residual: m.residual,
      condition: m.condition,
      windingNumber,
      preset: this.presetName,
    };
  }
}
