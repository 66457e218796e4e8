/**
 * What every kind of start system's paths share: tracking by index, a tracker per preset and
 * mode, and the projective-then-affine chain. A start kind registers one StartKind object
 * (paths/starts.ts): how it plans its paths for a system, and how a worker tracks them.
 */
import type { CompiledSystem } from '../compile/types.js';
import type { MixedSubdivision } from '../bounds/mixedVolume.js';
import type { Homotopy } from '../homotopy/types.js';
import type { Random } from '../numeric/rng.js';
import type { System } from '../poly/system.js';
import type { PathResult } from '../track/pathResult.js';
import type { PresetName, TrackerLimits } from '../track/presets.js';
import { PathTracker, type Detour } from '../track/tracker.js';
import type { StartJob, TrackJob } from './job.js';

/** The paths of a job: start solutions and tracking by index. */
export interface PathSource {
  readonly n: number;
  /** The start solution that path `index`'s record shows. */
  startSolution(out: Float64Array, index: number): Float64Array;
  /** Path `index`, around `detour` before its endgame when one is given. */
  trackPath(index: number, preset: PresetName, detour?: Detour): PathResult;
}

/** What a start kind's plan may draw on: the system, the solve's seed and random choices. */
export interface PlanContext {
  readonly system: System;
  readonly seed: number;
  /** The stream for the start system's random coefficients (derived from the solve's seed). */
  readonly rng: Random;
  /** The projective chart of the job. */
  readonly chart: Float64Array;
  /** Seconds the plan may spend on bounds (the mixed volume); unlimited when absent. */
  readonly timeLimit?: number;
  /** The mixed subdivision, when the caller computed it already (once per run). */
  readonly subdivision?: MixedSubdivision;
}

/**
 * The paths of a start system before the job is assembled: their number, their start
 * solutions, and `start()`, which builds what the workers need (programs, above all) only for
 * the plan that is chosen.
 */
export interface Plan {
  readonly kind: StartJob['kind'];
  readonly pathCount: bigint;
  start(): StartJob;
  startOf(index: number): Float64Array;
}

/** One start system: its name, its plan for a system, and its paths in a worker. */
export interface StartKind<K extends StartJob['kind'] = StartJob['kind']> {
  readonly kind: K;
  plan(context: PlanContext): Plan;
  paths(job: TrackJob, start: Extract<StartJob, { kind: K }>, compiled: CompiledSystem): PathSource;
}

/** The trackers of one homotopy and mode, one per preset, made on first use. */
export class TrackerCache {
  private readonly trackers = new Map<PresetName, PathTracker>();

  constructor(
    private readonly homotopy: Homotopy,
    private readonly target: CompiledSystem,
    private readonly limits: TrackerLimits,
    private readonly projective: boolean,
  ) {}

  get(preset: PresetName): PathTracker {
    let tracker = this.trackers.get(preset);
    if (!tracker) {
      tracker = new PathTracker(this.homotopy, this.target, preset, this.limits, this.projective);
      this.trackers.set(preset, tracker);
    }
    return tracker;
  }
}

/**
 * The result of a path tracked projectively (`first`) and, if that failed, again in affine
 * coordinates (`second`): the second unless it failed too, then a failure with both reasons.
 */
export function projectiveThenAffine(first: PathResult, second: PathResult): PathResult {
  return second.code === 'failed' ? { ...second, reason: `${second.reason}; projectively: ${first.reason}` } : second;
}
