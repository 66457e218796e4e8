/**
 * The linear-product paths of a multihomogeneous start system, tracked in affine coordinates
 * only: the start system is not a product of x_i^d − h^d, so the projective homotopy of
 * total-degree paths does not apply (a multiprojective one would). Paths to infinity are told
 * apart by the affine endgame.
 */
import { bestMultihomogeneousBound } from '../bounds/bezout.js';
import type { CompiledSystem } from '../compile/types.js';
import { MultihomogeneousStart } from '../homotopy/multihomogeneous.js';
import { StraightLineHomotopy } from '../homotopy/straightLine.js';
import { Random, STREAMS } from '../numeric/rng.js';
import type { PathResult } from '../track/pathResult.js';
import type { Detour } from '../track/tracker.js';
import type { PresetName } from '../track/presets.js';
import type { StartJob, TrackJob } from './job.js';
import { TrackerCache, type PathSource, type StartKind } from './source.js';

type MultihomogeneousJob = Extract<StartJob, { kind: 'multihomogeneous' }>;

class MultihomogeneousPaths implements PathSource {
  readonly n: number;
  private readonly start: MultihomogeneousStart;
  private readonly trackers: TrackerCache;
  private readonly point: Float64Array;

  constructor(job: TrackJob, start: MultihomogeneousJob, compiled: CompiledSystem) {
    this.start = new MultihomogeneousStart(start.groups, start.degrees, new Random(start.seed, start.stream));
    this.n = this.start.n;
    this.trackers = new TrackerCache(new StraightLineHomotopy(this.start, compiled, job.gamma), compiled, job.limits, false);
    this.point = new Float64Array(2 * this.n);
  }

  startSolution(out: Float64Array, index: number): Float64Array {
    return this.start.startSolution(out, BigInt(index));
  }

  trackPath(index: number, preset: PresetName, detour?: Detour): PathResult {
    return this.trackers.get(preset).track(index, this.startSolution(this.point, index), { detour });
  }
}

/**
 * The plan for the partition with the smallest multihomogeneous Bézout number among natural
 * ones (bounds/bestMultihomogeneousBound).
 */
export const multihomogeneousKind: StartKind<'multihomogeneous'> = {
  kind: 'multihomogeneous',
  plan({ system, seed }) {
    const { partition } = bestMultihomogeneousBound(system);
    const index = new Map(system.variables.map((v, k) => [v, k]));
    const groups = partition.map((g) => g.map((name) => index.get(name)!));
    const degrees = system.equations.map((p) => groups.map((g) => Math.max(0, p.degreeIn(g))));
    const start = new MultihomogeneousStart(groups, degrees, new Random(seed, STREAMS.startForms));
    return {
      kind: 'multihomogeneous',
      pathCount: start.pathCount,
      start: () => ({ kind: 'multihomogeneous', groups, degrees, seed, stream: STREAMS.startForms }),
      startOf: (i) => start.startSolution(new Float64Array(2 * start.n), BigInt(i)),
    };
  },
  paths: (job, start, compiled) => new MultihomogeneousPaths(job, start, compiled),
};
