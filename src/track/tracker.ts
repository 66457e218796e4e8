/**
 * Tracks one path of a homotopy from t = 0 to t = 1 (HomotopyContinuation.jl's
 * endgame_tracker.jl). Phase 1 tracks to t = 1 − s_E, around a detour when one is given; the
 * endgame then walks s down geometrically, measuring valuations (divergence), trying to finish
 * directly (regular endpoints) and running Cauchy loops (singular endpoints). After each
 * measurement endgameVerdict (endgameVerdict.ts) says whether the path has ended and how.
 */
import type { CompiledSystem } from '../compile/types.js';
import type { Homotopy } from '../homotopy/types.js';
import { cabs, distInf, normInf } from '../numeric/complex.js';
import { LogTimeHomotopy } from '../homotopy/logTime.js';
import { cauchyLoop, divergesStably, valuations } from './endgame.js';
import { EndgameEvidence, endgameVerdict, isConclusive, SINGULAR_CONDITION, wouldDiverge, type EndpointEvidence, type Verdict } from './endgameVerdict.js';
import { makePath, type PathResult } from './pathResult.js';
import { defaultLimits, presets, type PresetName, type TrackerLimits } from './presets.js';
import { Refiner } from './refine.js';
import { SegmentStepper } from './stepper.js';

/** Where an endpoint counts as singular, for the stages that judge endpoints of their own. */
export { SINGULAR_CONDITION };

/** Condition of an endpoint above which it is refined in double-double (as solve/collect.ts's ill-conditioned ones). */
const WIDE_REFINEMENT = 1e10;
/** Condition above which an endpoint refined in double-double counts as singular: ε_dd·κ ≈ 1e-6. */
const SINGULAR_CONDITION_DD = 1e26;
/** Condition of Hx below which a direct finish to t = 1 is attempted. */
const FINISH_CONDITION = 1e6;
/** Radius below which the Cauchy endgame is run even for well-conditioned paths. */
const CAUCHY_RADIUS = 1e-3;
/**
 * Growth of ‖x‖ between checkpoints (s shrinking by 4) that counts as steady divergence:
 * 1.5 means an observed valuation below −0.29.
 */
const GROWTH_PER_CHECKPOINT = 1.5;
/** A projective endpoint with |h| below this fraction of ‖x‖ (affine size above 1e4) is near infinity. */
const NEAR_INFINITY_H = 1e-4;
/** Smallest s the endgame goes to in double precision (t = 1 − s keeps two digits of s there). */
const MIN_S = 1e-14;
/**
 * Smallest s once the endgame has needed double-double. A finite solution of condition κ is
 * an endpoint the path's series reaches only for s below about 1/κ: before that the path
 * looks like one going to infinity (the 2-2-2 network at λ = 0.01·Λ₀ has such points at
 * κ = 5·10¹⁵). Double-double resolves t = 1 − s, and the homotopy, to s far below that.
 */
const MIN_S_DD = 1e-26;
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

/**
 * A detour of a path around a point t of its segment before the endgame (t real,
 * 0 < t − radius, t + radius < 1 − s_E), above (side 1) or below (−1) it. A path that fails
 * there, steps shrinking to nothing, passes close to a branch point; the detours on its two
 * sides reach the two sheets that meet there (solve/detour.ts chooses).
 */
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
   * Tracks the path from `start` (a projective point when tracking projectively), around
   * `detour` when given. The record keeps `startSolution` when given: the start solution
   * itself, not its round trip through the chart.
   */
  track(index: number, start: Float64Array, { startSolution, detour }: { startSolution?: Float64Array; detour?: Detour } = {}): PathResult {
    this.startRecord.set(startSolution ?? this.toAffine(this.affine, start));
    const st = this.stepper;
    const preset = presets[this.presetName];
    st.resetCounters();
    this.logStepper.resetCounters();
    const x = this.x;
    x.set(start);
    const sE = preset.endgameStart;
    const evidence = new EndgameEvidence(this.projective, this.affine);
    // The waypoints of the path in t before the endgame: the segment [0, 1 − s_E], or with a
    // detour a triangle of height ±r over [t − r, t + r] in the complex t-plane.
    const stops: [number, number][] = detour
      ? [
          [detour.t - detour.radius, 0],
          [detour.t, detour.side * detour.radius],
          [detour.t + detour.radius, 0],
          [1 - sE, 0],
        ]
      : [[1 - sE, 0]];
    let [tr, ti] = [0, 0];
    for (const [br, bi] of stops) {
      const status = st.trackSegment(x, tr, ti, br, bi);
      if (status !== 'ok') {
        evidence.breakdown = { status, t: tr + st.reachedTau * (br - tr), point: this.toAffine(new Float64Array(2 * this.m), x), inEndgame: false };
        return this.record(index, endgameVerdict(evidence)!);
      }
      [tr, ti] = [br, bi];
    }
    return this.record(index, this.endgame(evidence, sE));
  }

  /** The endgame's measurements, from s = sE down, until the verdict says the path has ended. */
  private endgame(e: EndgameEvidence, sE: number): Verdict {
    const st = this.stepper;
    const preset = presets[this.presetName];
    const { x, v, vPrev, absPrev, trial } = this;
    const n = v.length;
    let s = sE;
    let previousEstimate: Float64Array | undefined;
    let previousSize = Infinity;
    e.startNorm = Math.max(1, normInf(this.startRecord));
    for (;;) {
      e.s = s;
      e.settled = undefined;
      const ax = this.toAffine(this.affine, x);
      if (!st.tangent(this.xdot, x, 1 - s, 0)) {
        e.jacobianSingular = true;
        return endgameVerdict(e)!;
      }
      const cond = st.evaluator.conditionEstimate();
      valuations(this.vTracked, x, this.xdot, s);
      this.affineValuations(v);
      const size = normInf(ax);
      e.size = size;
      if (e.checkpoints === 0) e.startSize = Math.max(1, size);
      if (e.checkpoints >= 1 && divergesStably(v, vPrev, ax, absPrev, Math.log(preset.endgameRatio))) {
        if (e.diverging === 0) {
          e.runStart = s / preset.endgameRatio;
          e.runSize = Math.max(1, previousSize);
        }
        e.diverging++;
      } else e.diverging = 0;
      e.minV = minimum(v);
      let verdict = endgameVerdict(e);
      if (verdict) return verdict;
      if (cond < FINISH_CONDITION && e.diverging === 0 && !e.finish) {
        trial.set(x);
        const saved = st.stepLength;
        // A shortcut, in double (the deep look's in double-double too): where it fails the
        // endgame goes on, in the precision it needs.
        st.doubleOnly = !preset.deepPrecision;
        const finished = st.trackSegment(trial, 1 - s, 0, 1, 0, FINISH_BUDGET, preset.endgameMaxStep) === 'ok';
        st.doubleOnly = false;
        if (finished) {
          const reached = this.measureEndpoint(trial, 1);
          if (isConclusive(reached, this.projective)) e.finish = reached;
          verdict = endgameVerdict(e);
          if (verdict) return verdict;
        }
        st.stepLength = saved;
      }
      // A path that grows with a negative valuation stays in double unless the preset follows
      // such paths deep: most of them go to infinity, where precision buys nothing.
      this.logStepper.doubleOnly = !preset.deepPrecision && (e.diverging > 0 || e.growing > 0 || wouldDiverge(e));
      if ((s <= CAUCHY_RADIUS || cond >= FINISH_CONDITION) && e.minV > -0.05) {
        const loop = cauchyLoop(this.logStepper, x, s, preset.cauchySamples, this.limits.maxWinding, this.scratch);
        if (loop) {
          const scale = Math.max(1, normInf(loop.estimate));
          if (previousEstimate && distInf(loop.estimate, previousEstimate) < 1e-8 * scale) {
            e.settled = this.measureEndpoint(loop.estimate, loop.winding);
            verdict = endgameVerdict(e);
            if (verdict) return verdict;
          }
          previousEstimate = loop.estimate;
        }
      }
      e.growing = size > GROWTH_PER_CHECKPOINT * previousSize ? e.growing + 1 : 0;
      previousSize = size;
      vPrev.set(v);
      for (let i = 0; i < n; i++) absPrev[i] = cabs(ax[2 * i]!, ax[2 * i + 1]!);
      const sNext = s * preset.endgameRatio;
      if (sNext < (this.logStepper.ddAccepted > 0 ? MIN_S_DD : MIN_S)) {
        e.exhausted = true;
        if (previousEstimate) e.estimate = this.measureEndpoint(previousEstimate, 1);
        return endgameVerdict(e)!;
      }
      const budget = wouldDiverge(e) ? DIVERGING_SEGMENT_BUDGET : ENDGAME_SEGMENT_BUDGET;
      const status = this.logStepper.trackSegment(x, -Math.log(s), 0, -Math.log(sNext), 0, budget, preset.endgameMaxStep);
      if (status !== 'ok') {
        e.breakdown = { status, t: 1 - s, point: this.toAffine(new Float64Array(2 * this.m), x), inEndgame: true };
        if (previousEstimate) e.estimate = this.measureEndpoint(previousEstimate, 1);
        return endgameVerdict(e)!;
      }
      s = sNext;
      e.checkpoints++;
    }
  }

  /** Refinement's measurements at a point the path reached at t = 1 (singular ones are not refined). */
  private measureEndpoint(end: Float64Array, winding: number): EndpointEvidence {
    const nearInfinity = this.projective && this.nearInfinity(end);
    const tracked = this.toAffine(new Float64Array(2 * this.m), end);
    const point = new Float64Array(tracked);
    const before = this.refiner.measure(point);
    // A point beyond double precision is resolved in double-double when Newton converges
    // quadratically there; otherwise it is judged in double, as singular past SINGULAR_CONDITION.
    const wide = winding === 1 && before.condition > WIDE_REFINEMENT ? this.refiner.refineWide(point) : undefined;
    const singular = wide ? wide.condition > SINGULAR_CONDITION_DD : winding > 1 || before.condition > SINGULAR_CONDITION;
    const measured = wide ?? (singular ? before : this.refiner.refine(point, before.condition));
    const { accepted, rejected, dd } = this.steps();
    return { point, tracked, winding, singular, nearInfinity, measured, acceptedSteps: accepted, rejectedSteps: rejected, ddSteps: dd };
  }

  private steps(): { accepted: number; rejected: number; dd: number } {
    const { stepper: a, logStepper: b } = this;
    return {
      accepted: a.accepted + b.accepted,
      rejected: a.rejected + b.rejected,
      dd: a.ddAccepted + a.ddRejected + b.ddAccepted + b.ddRejected,
    };
  }

  /** The path's record: the verdict, with the steps taken unless the verdict counts its own. */
  private record(index: number, verdict: Verdict): PathResult {
    const { accepted, rejected, dd } = this.steps();
    return makePath({
      index,
      start: new Float64Array(this.startRecord),
      preset: this.presetName,
      acceptedSteps: accepted,
      rejectedSteps: rejected,
      ddSteps: dd,
      ...verdict,
    });
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
}
