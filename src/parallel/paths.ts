/**
 * What every kind of start system's paths share: tracking by index, a tracker per preset and
 * mode, and the projective-then-affine chain.
 */
import type { CompiledSystem } from '../compile/types.js';
import type { Homotopy } from '../homotopy/types.js';
import type { PathResult } from '../track/pathResult.js';
import type { PresetName, TrackerLimits } from '../track/presets.js';
import { PathTracker } from '../track/tracker.js';

/** The paths of a job: start solutions and tracking by index. */
export interface PathSource {
  readonly n: number;
  /** The start solution that path `index`'s record shows. */
  startSolution(out: Float64Array, index: number): Float64Array;
  trackPath(index: number, preset: PresetName): PathResult;
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
