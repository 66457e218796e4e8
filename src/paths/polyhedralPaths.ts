/**
 * The paths of a polyhedral homotopy (homotopy/polyhedral): path k starts at a binomial
 * solution of its mixed cell, follows the cell's toric homotopy in log-time to the
 * random-coefficient system P(y; c), then the coefficient-parameter homotopy to the target,
 * projectively first and in affine coordinates when that fails (as total-degree paths do).
 * The toric phase needs no endgame: its end is a solution of a generic system, regular. Its
 * steps count in the path's record.
 */
import { mixedSubdivision, type MixedSubdivision } from '../bounds/mixedVolume.js';
import { liftScale } from '../bounds/supports.js';
import { buildProgram, compileProgram } from '../compile/compile.js';
import type { CompiledSystem } from '../compile/types.js';
import { ParameterHomotopy } from '../homotopy/parameter.js';
import { augmentedSupports, polyhedralData, polyhedralFamily, PolyhedralStart, ToricHomotopy } from '../homotopy/polyhedral.js';
import { onChart } from '../homotopy/projective.js';
import { ComplexLU } from '../linalg/lu.js';
import { normInf } from '../numeric/complex.js';
import { liftingSeed } from '../numeric/rng.js';
import { makePath, type PathResult } from '../track/pathResult.js';
import type { Detour } from '../track/tracker.js';
import { presets, type PresetName } from '../track/presets.js';
import type { System } from '../poly/system.js';
import { SegmentStepper } from '../track/stepper.js';
import type { StartJob, TrackJob } from './job.js';
import { projectiveThenAffine, TrackerCache, type PathSource, type StartKind } from './source.js';

/** Newton steps on the binomial start point before the toric phase (its error is ~1e-10). */
const START_NEWTON_STEPS = 3;

/** A polyhedral homotopy's paths; the recovery of failed toric phases (solve/toricRecovery) uses its phases apart. */
export class PolyhedralPaths implements PathSource {
  readonly n: number;
  readonly pathCount: number;
  private readonly start: PolyhedralStart;
  private readonly toric: ToricHomotopy;
  private readonly steppers = new Map<PresetName, SegmentStepper>();
  private readonly affine: ParameterHomotopy;
  private readonly projective: ParameterHomotopy;
  private readonly affineTrackers: TrackerCache;
  private readonly projectiveTrackers: TrackerCache;
  private readonly chart: Float64Array;
  private readonly y: Float64Array;
  private readonly binomial: Float64Array;
  private readonly projectivePoint: Float64Array;
  private readonly lu: ComplexLU;
  private readonly h: Float64Array;
  private readonly hx: Float64Array;
  private readonly ht: Float64Array;
  private readonly dy: Float64Array;

  constructor(
    private readonly job: TrackJob,
    start: Extract<StartJob, { kind: 'polyhedral' }>,
    compiled: CompiledSystem,
  ) {
    const { data } = start;
    this.n = data.n;
    this.start = new PolyhedralStart(data);
    this.pathCount = this.start.pathCount;
    const family = compileProgram(start.family);
    const c0 = Float64Array.from(data.start);
    const c1 = Float64Array.from(data.target);
    this.toric = new ToricHomotopy(family, data);
    this.affine = new ParameterHomotopy(family, c0, c1, job.gamma);
    this.projective = new ParameterHomotopy(compileProgram(start.projectiveFamily), c0, c1, job.gamma);
    this.affineTrackers = new TrackerCache(this.affine, compiled, job.limits, false);
    this.projectiveTrackers = new TrackerCache(this.projective, compiled, job.limits, true);
    this.chart = Float64Array.from(job.chart);
    const n = this.n;
    this.y = new Float64Array(2 * n);
    this.binomial = new Float64Array(2 * n);
    this.projectivePoint = new Float64Array(2 * n + 2);
    this.lu = new ComplexLU(n);
    this.h = new Float64Array(2 * n);
    this.hx = new Float64Array(2 * n * n);
    this.ht = new Float64Array(2 * n);
    this.dy = new Float64Array(2 * n);
  }

  startSolution(out: Float64Array, index: number): Float64Array {
    return this.start.startSolution(out, index);
  }

  private stepper(preset: PresetName): SegmentStepper {
    let stepper = this.steppers.get(preset);
    if (!stepper) {
      // The toric phase keeps the Runge–Kutta predictor: in log-time its paths are
      // exponentials of rates up to s0·e (s0 large), whose Taylor coefficients the sampled
      // Padé coefficients resolve poorly; RK4 took fewer steps there (cyclic7: 44 against 103).
      stepper = new SegmentStepper(this.toric, { ...presets[preset], predictor: 'rk4' }, this.job.limits);
      this.steppers.set(preset, stepper);
    }
    return stepper;
  }

  /** A few Newton steps on H(·, 0) of the toric homotopy; false if the Jacobian is singular. */
  private polish(y: Float64Array): boolean {
    const { h, hx, ht, dy, lu } = this;
    for (let k = 0; k < START_NEWTON_STEPS; k++) {
      this.toric.evaluateAll(h, hx, ht, y, 0, 0);
      if (!lu.factor(hx)) return false;
      lu.solve(dy, h);
      for (let j = 0; j < y.length; j++) y[j] = y[j]! - dy[j]!;
      if (normInf(dy) <= 1e-15 * Math.max(1, normInf(y))) break;
    }
    return true;
  }

  /**
   * Path `index`'s toric phase: y ends at a solution of the start-coefficient system P(y; c).
   * Returns the phase's status and steps; y holds the last point reached.
   */
  private toricPhase(index: number, preset: PresetName, y: Float64Array): { status: string; accepted: number; rejected: number; cell: number } {
    const [cell, j] = this.start.locate(index);
    const setup = this.start.cell(cell);
    setup.solver.solution(this.binomial, setup.rhs, j);
    y.set(this.binomial);
    this.toric.setCell(setup);
    const stepper = this.stepper(preset);
    stepper.resetCounters();
    const status = this.polish(y) ? stepper.trackSegment(y, 0, 0, 1, 0) : 'singular_jacobian';
    return { status, accepted: stepper.accepted, rejected: stepper.rejected, cell };
  }

  /** The solution of P(y; c) that path `index`'s toric phase reaches, or undefined when it fails. */
  toricEnd(index: number, preset: PresetName): Float64Array | undefined {
    const y = new Float64Array(2 * this.n);
    return this.toricPhase(index, preset, y).status === 'ok' ? y : undefined;
  }

  /**
   * The coefficient-parameter homotopy from y, a solution of P(y; c), to the target, around
   * `detour` when given; `start` is what the record shows.
   */
  fromStartCoefficients(index: number, y: Float64Array, start: Float64Array, preset: PresetName, detour?: Detour): PathResult {
    const first = this.projectiveTrackers.get(preset).track(index, onChart(this.projectivePoint, this.chart, y), { startSolution: start, detour });
    return first.code !== 'failed' ? first : projectiveThenAffine(first, this.affineTrackers.get(preset).track(index, y, { startSolution: start, detour }));
  }

  trackPath(index: number, preset: PresetName, detour?: Detour): PathResult {
    const y = this.y;
    const toric = this.toricPhase(index, preset, y);
    const binomial = new Float64Array(this.binomial);
    if (toric.status !== 'ok') {
      return makePath({
        index,
        code: 'failed',
        start: binomial,
        end: new Float64Array(y),
        t: 0,
        acceptedSteps: toric.accepted,
        rejectedSteps: toric.rejected,
        preset,
        why: { cause: 'toric_phase', detail: `of cell ${toric.cell}: ${toric.status.replace(/_/g, ' ')}` },
      });
    }
    const result = this.fromStartCoefficients(index, y, binomial, preset, detour);
    return { ...result, acceptedSteps: result.acceptedSteps + toric.accepted, rejectedSteps: result.rejectedSteps + toric.rejected };
  }
}

/**
 * The mixed cells of a random lifting of the system's augmented supports. The lifting's seed
 * derives from the solve's seed, so a resumed run finds the same cells; a caller that needs the
 * mixed volume first (to choose a method) computes this once and passes it to the solve.
 */
export function polyhedralSubdivision(system: System, seed: number, timeLimit?: number): MixedSubdivision {
  return mixedSubdivision(augmentedSupports(system), { seed: liftingSeed(seed), ...(timeLimit === undefined ? {} : { timeLimit }) });
}

export const polyhedralKind: StartKind<'polyhedral'> = {
  kind: 'polyhedral',
  plan({ system, seed, rng, chart, timeLimit, subdivision }) {
    const data = polyhedralData(system, subdivision ?? polyhedralSubdivision(system, seed, timeLimit), liftScale, rng);
    const start = new PolyhedralStart(data);
    return {
      kind: 'polyhedral',
      pathCount: BigInt(start.pathCount),
      start: () => ({ kind: 'polyhedral', data, family: buildProgram(polyhedralFamily(data)), projectiveFamily: buildProgram(polyhedralFamily(data, chart)) }),
      startOf: (i) => start.startSolution(new Float64Array(2 * start.n), i),
    };
  },
  paths: (job, start, compiled) => new PolyhedralPaths(job, start, compiled),
};
