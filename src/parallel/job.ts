/**
 * A tracking job as plain data, and the code that runs its batches. The same code runs in a
 * worker thread (workers/track.ts) and in the main thread (one worker), so that a path's
 * result cannot depend on where it was tracked: it depends only on the job and the path index.
 */
import { compileProgram, type Program } from '../compile/compile.js';
import type { CompiledSystem } from '../compile/types.js';
import type { PolyhedralData } from '../homotopy/polyhedral.js';
import { ProjectiveHomotopy } from '../homotopy/projective.js';
import { StraightLineHomotopy } from '../homotopy/straightLine.js';
import { MultihomogeneousStart } from '../homotopy/multihomogeneous.js';
import { TotalDegreeStart } from '../homotopy/totalDegree.js';
import { Random } from '../numeric/rng.js';
import type { PathResult } from '../track/pathResult.js';
import { presets, type PresetName, type TrackerLimits } from '../track/presets.js';
import { projectiveThenAffine, TrackerCache, type PathSource } from './paths.js';
import { PolyhedralPaths } from './polyhedral.js';
import { packBatch, type PackedBatch } from './records.js';

/** The start system of a job and what it needs, by kind. */
export type StartJob =
  | {
      readonly kind: 'total-degree';
      /** Degrees of the total-degree start system. */
      readonly degrees: number[];
      /** The homogenized system (h appended as the last variable), tracked first. */
      readonly projectiveProgram: Program;
    }
  | {
      readonly kind: 'multihomogeneous';
      /** Variable indices of each group of the partition. */
      readonly groups: number[][];
      /** degrees[i][j]: degree of equation i in group j. */
      readonly degrees: number[][];
      /** The linear forms are drawn from Random(seed, stream). */
      readonly seed: number;
      readonly stream: number;
    }
  | {
      readonly kind: 'polyhedral';
      readonly data: PolyhedralData;
      /** The family P(x; c), one parameter per term (homotopy/polyhedral). */
      readonly family: Program;
      /** The family homogenized, with the chart equation: tracked first. */
      readonly projectiveFamily: Program;
    };

/** Everything a worker needs to track any path of a solve; sent once per worker. */
export interface TrackJob {
  readonly program: Program;
  /** The affine chart a·X = 1 of projective space, interleaved (re, im), n + 1 entries. */
  readonly chart: number[];
  readonly gamma: [number, number];
  readonly limits: TrackerLimits;
  readonly start: StartJob;
}

/** One batch of paths: start-solution indices, tracked with one preset. */
export interface BatchTask {
  /** How many times these paths were started before (0 on their first run). */
  readonly attempt: number;
  readonly preset: PresetName;
  readonly indices: Float64Array;
}

/**
 * The total-degree paths. Each path is tracked projectively first; a path that fails there is
 * tracked again in affine coordinates. Both follow the same path (the chart-restricted
 * projective homotopy divided by h^d is the affine one, with the same γ and start point),
 * and each copes where the other does not: projective with paths that swing near infinity,
 * affine with paths that pass near badly conditioned points at infinity.
 */
class TotalDegreePaths implements PathSource {
  readonly n: number;
  private readonly start: TotalDegreeStart;
  private readonly affine: StraightLineHomotopy;
  private readonly projective: ProjectiveHomotopy;
  private readonly projectiveTrackers: TrackerCache;
  private readonly affineTrackers: TrackerCache;
  private readonly point: Float64Array;
  private readonly projectivePoint: Float64Array;

  constructor(job: TrackJob, start: Extract<StartJob, { kind: 'total-degree' }>, compiled: CompiledSystem) {
    this.start = new TotalDegreeStart(start.degrees);
    this.n = this.start.n;
    this.affine = new StraightLineHomotopy(this.start, compiled, job.gamma);
    this.projective = new ProjectiveHomotopy(this.start, compileProgram(start.projectiveProgram), job.gamma, Float64Array.from(job.chart));
    this.projectiveTrackers = new TrackerCache(this.projective, compiled, job.limits, true);
    this.affineTrackers = new TrackerCache(this.affine, compiled, job.limits, false);
    this.point = new Float64Array(2 * this.n);
    this.projectivePoint = new Float64Array(2 * this.n + 2);
  }

  startSolution(out: Float64Array, index: number): Float64Array {
    return this.start.startSolution(out, BigInt(index));
  }

  trackPath(index: number, preset: PresetName): PathResult {
    const affineStart = this.startSolution(this.point, index);
    const first = this.projectiveTrackers.get(preset).track(index, this.projective.startPoint(this.projectivePoint, affineStart), affineStart);
    return first.code !== 'failed' ? first : projectiveThenAffine(first, this.affineTrackers.get(preset).track(index, affineStart));
  }
}

/**
 * The linear-product paths, tracked in affine coordinates only: the start system is not a
 * product of x_i^d − h^d, so the projective homotopy above does not apply (a multiprojective
 * one would). Paths to infinity are told apart by the affine endgame.
 */
class MultihomogeneousPaths implements PathSource {
  readonly n: number;
  private readonly start: MultihomogeneousStart;
  private readonly homotopy: StraightLineHomotopy;
  private readonly trackers: TrackerCache;
  private readonly point: Float64Array;

  constructor(job: TrackJob, start: Extract<StartJob, { kind: 'multihomogeneous' }>, compiled: CompiledSystem) {
    this.start = new MultihomogeneousStart(start.groups, start.degrees, new Random(start.seed, start.stream));
    this.n = this.start.n;
    this.homotopy = new StraightLineHomotopy(this.start, compiled, job.gamma);
    this.trackers = new TrackerCache(this.homotopy, compiled, job.limits, false);
    this.point = new Float64Array(2 * this.n);
  }

  startSolution(out: Float64Array, index: number): Float64Array {
    return this.start.startSolution(out, BigInt(index));
  }

  trackPath(index: number, preset: PresetName): PathResult {
    return this.trackers.get(preset).track(index, this.startSolution(this.point, index));
  }
}

/** The paths of a job, by its start kind. */
export function pathSource(job: TrackJob, compiled: CompiledSystem): PathSource {
  switch (job.start.kind) {
    case 'total-degree':
      return new TotalDegreePaths(job, job.start, compiled);
    case 'multihomogeneous':
      return new MultihomogeneousPaths(job, job.start, compiled);
    case 'polyhedral':
      return new PolyhedralPaths(job, job.start, compiled);
  }
}

/** The compiled job: the same code in every worker and in the main thread. */
export class JobRunner {
  readonly compiled: CompiledSystem;
  readonly paths: PathSource;

  constructor(readonly job: TrackJob) {
    this.compiled = compileProgram(job.program);
    this.paths = pathSource(job, this.compiled);
  }

  trackPath(index: number, preset: PresetName): PathResult {
    if (!Object.hasOwn(presets, preset)) throw new RangeError(`unknown tracker preset '${preset}'`);
    return this.paths.trackPath(index, preset);
  }

  runBatch(task: BatchTask): PackedBatch {
    const results: PathResult[] = [];
    for (const index of task.indices) results.push(this.trackPath(index, task.preset));
    return packBatch(this.paths.n, results);
  }
}
