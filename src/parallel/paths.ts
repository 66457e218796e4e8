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

/** Trackers by preset and mode, made on first use: one per homotopy and setting. */
export class TrackerCache {
  private readonly trackers = new Map<string, PathTracker>();

  constructor(
    private readonly target: CompiledSystem,
    private readonly limits: TrackerLimits,
  ) {}

  get(homotopy: Homotopy, preset: PresetName, projective: boolean): PathTracker {
    const key = `${preset}:${projective}`;
    let tracker = this.trackers.get(key);
    if (!tracker) {
      tracker = new PathTracker(homotopy, this.target, preset, this.limits, projective);
      this.trackers.set(key, tracker);
    }
    return tracker;
  }
}

/** Projective first, affine when that fails; the failure records both reasons. */
export function projectiveThenAffine(projective: () => PathResult, affine: () => PathResult): PathResult {
  const first = projective();
  if (first.code !== 'failed') return first;
  const second = affine();
  return second.code === 'failed' ? { ...second, reason: `${second.reason}; projectively: ${first.reason}` } : second;
}
