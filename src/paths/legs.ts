/**
 * One leg of a walk through parameter space: tracking solutions of F(x; p) = 0 from the
 * parameters `from` to `to`, with a stricter retry of any path that does not end regular.
 */
import { fixParameters } from '../compile/fixed.js';
import type { CompiledSystem } from '../compile/types.js';
import { ParameterHomotopy } from '../homotopy/parameter.js';
import type { PathResult } from '../track/pathResult.js';
import { defaultLimits, type PresetName, type TrackerLimits } from '../track/presets.js';
import { PathTracker } from '../track/tracker.js';

export interface LegSettings {
  readonly preset: PresetName;
  readonly limits: TrackerLimits;
}

export const defaultLegSettings: LegSettings = { preset: 'default', limits: defaultLimits };

export class Leg {
  private readonly homotopy: ParameterHomotopy;
  /** F(·; to), on which endpoints are refined. */
  readonly target: CompiledSystem;
  private readonly tracker: PathTracker;
  private careful: PathTracker | undefined;
  /** Paths tracked on this leg, retries included. */
  tracked = 0;

  constructor(
    system: CompiledSystem,
    readonly from: Float64Array,
    readonly to: Float64Array,
    readonly gamma: readonly [number, number] = [1, 0],
    private readonly settings: LegSettings = defaultLegSettings,
  ) {
    this.homotopy = new ParameterHomotopy(system, from, to, gamma);
    this.target = fixParameters(system, to);
    this.tracker = new PathTracker(this.homotopy, this.target, settings.preset, settings.limits);
  }

  /** Tracks x from `from` to `to`; a path that fails or ends singular is tracked again conservatively. */
  track(index: number, x: Float64Array): PathResult {
    this.tracked++;
    const first = this.tracker.track(index, x);
    if (first.code === 'success' || this.settings.preset === 'conservative') return first;
    this.careful ??= new PathTracker(this.homotopy, this.target, 'conservative', this.settings.limits);
    this.tracked++;
    const again = this.careful.track(index, x);
    return again.code === 'success' || first.code === 'failed' ? again : first;
  }
}
