/**
 * A tracking job as plain data, and the code that runs its batches. The same code runs in a
 * worker thread (workers/track.ts) and in the main thread (one worker), so that a path's
 * result cannot depend on where it was tracked: it depends only on the job and the path index.
 */
import { compileProgram, type Program } from '../compile/compile.js';
import type { CompiledSystem } from '../compile/types.js';
import { ProjectiveHomotopy } from '../homotopy/projective.js';
import { StraightLineHomotopy } from '../homotopy/straightLine.js';
import { TotalDegreeStart } from '../homotopy/totalDegree.js';
import type { PathResult } from '../track/pathResult.js';
import { presets, type PresetName, type TrackerLimits } from '../track/presets.js';
import { PathTracker } from '../track/tracker.js';
import { packBatch, type PackedBatch } from './records.js';

/** Everything a worker needs to track any path of a solve; sent once per worker. */
export interface TrackJob {
  readonly program: Program;
  /** The homogenized system (h appended as the last variable), tracked first. */
  readonly projectiveProgram: Program;
  /** The affine chart a·X = 1 of projective space, interleaved (re, im), n + 1 entries. */
  readonly chart: number[];
  /** Degrees of the total-degree start system. */
  readonly degrees: number[];
  readonly gamma: [number, number];
  readonly limits: TrackerLimits;
}

/** One batch of paths: start-solution indices, tracked with one preset. */
export interface BatchTask {
  /** How many times these paths were started before (0 on their first run). */
  readonly attempt: number;
  readonly preset: PresetName;
  readonly indices: Float64Array;
}

/**
 * The compiled job. Each path is tracked projectively first; a path that fails there is
 * tracked again in affine coordinates. Both follow the same path (the chart-restricted
 * projective homotopy divided by h^d is the affine one, with the same γ and start point),
 * and each copes where the other does not: projective with paths that swing near infinity,
 * affine with paths that pass near badly conditioned points at infinity.
 */
export class JobRunner {
  readonly start: TotalDegreeStart;
  readonly compiled: CompiledSystem;
  private readonly affine: StraightLineHomotopy;
  private readonly projective: ProjectiveHomotopy;
  private readonly trackers = new Map<string, PathTracker>();
  private readonly point: Float64Array;
  private readonly projectivePoint: Float64Array;

  constructor(readonly job: TrackJob) {
    this.compiled = compileProgram(job.program);
    this.start = new TotalDegreeStart(job.degrees);
    this.affine = new StraightLineHomotopy(this.start, this.compiled, job.gamma);
    this.projective = new ProjectiveHomotopy(this.start, compileProgram(job.projectiveProgram), job.gamma, Float64Array.from(job.chart));
    this.point = new Float64Array(2 * this.start.n);
    this.projectivePoint = new Float64Array(2 * this.start.n + 2);
  }

  private tracker(preset: PresetName, projective: boolean): PathTracker {
    const key = `${preset}:${projective}`;
    let tracker = this.trackers.get(key);
    if (!tracker) {
      tracker = new PathTracker(projective ? this.projective : this.affine, this.compiled, preset, this.job.limits, projective);
      this.trackers.set(key, tracker);
    }
    return tracker;
  }

  trackPath(index: number, preset: PresetName): PathResult {
    if (!Object.hasOwn(presets, preset)) throw new RangeError(`unknown tracker preset '${preset}'`);
    const affineStart = this.start.startSolution(this.point, BigInt(index));
    const first = this.tracker(preset, true).track(index, this.projective.startPoint(this.projectivePoint, affineStart), affineStart);
    if (first.code !== 'failed') return first;
    const second = this.tracker(preset, false).track(index, affineStart);
    return second.code === 'failed' ? { ...second, reason: `${second.reason}; projectively: ${first.reason}` } : second;
  }

  runBatch(task: BatchTask): PackedBatch {
    const results: PathResult[] = [];
    for (const index of task.indices) results.push(this.trackPath(index, task.preset));
    return packBatch(this.start.n, results);
  }
}
