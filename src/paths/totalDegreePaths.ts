/**
 * The total-degree start system's paths. Each path is tracked projectively first; a path that
 * fails there is tracked again in affine coordinates. Both follow the same path (the
 * chart-restricted projective homotopy divided by h^d is the affine one, with the same γ and
 * start point), and each copes where the other does not: projective with paths that swing near
 * infinity, affine with paths that pass near badly conditioned points at infinity.
 */
import { buildProgram, compileProgram } from '../compile/compile.js';
import type { CompiledSystem } from '../compile/types.js';
import { homogenize, ProjectiveHomotopy } from '../homotopy/projective.js';
import { StraightLineHomotopy } from '../homotopy/straightLine.js';
import { TotalDegreeStart } from '../homotopy/totalDegree.js';
import { degrees } from '../poly/system.js';
import type { PathResult } from '../track/pathResult.js';
import type { Detour } from '../track/tracker.js';
import type { PresetName } from '../track/presets.js';
import type { StartJob, TrackJob } from './job.js';
import { projectiveThenAffine, TrackerCache, type PathSource, type StartKind } from './source.js';

type TotalDegreeJob = Extract<StartJob, { kind: 'total-degree' }>;

class TotalDegreePaths implements PathSource {
  readonly n: number;
  private readonly start: TotalDegreeStart;
  private readonly projective: ProjectiveHomotopy;
  private readonly projectiveTrackers: TrackerCache;
  private readonly affineTrackers: TrackerCache;
  private readonly point: Float64Array;
  private readonly projectivePoint: Float64Array;

  constructor(job: TrackJob, start: TotalDegreeJob, compiled: CompiledSystem) {
    this.start = new TotalDegreeStart(start.degrees);
    this.n = this.start.n;
    const affine = new StraightLineHomotopy(this.start, compiled, job.gamma);
    this.projective = new ProjectiveHomotopy(this.start, compileProgram(start.projectiveProgram), job.gamma, Float64Array.from(job.chart));
    this.projectiveTrackers = new TrackerCache(this.projective, compiled, job.limits, true);
    this.affineTrackers = new TrackerCache(affine, compiled, job.limits, false);
    this.point = new Float64Array(2 * this.n);
    this.projectivePoint = new Float64Array(2 * this.n + 2);
  }

  startSolution(out: Float64Array, index: number): Float64Array {
    return this.start.startSolution(out, BigInt(index));
  }

  trackPath(index: number, preset: PresetName, detour?: Detour): PathResult {
    const affineStart = this.startSolution(this.point, index);
    const first = this.projectiveTrackers
      .get(preset)
      .track(index, this.projective.startPoint(this.projectivePoint, affineStart), { startSolution: affineStart, detour });
    return first.code !== 'failed' ? first : projectiveThenAffine(first, this.affineTrackers.get(preset).track(index, affineStart, { detour }));
  }
}

export const totalDegreeKind: StartKind<'total-degree'> = {
  kind: 'total-degree',
  plan({ system }) {
    const start = new TotalDegreeStart(degrees(system));
    return {
      kind: 'total-degree',
      pathCount: start.pathCount,
      start: () => ({ kind: 'total-degree', degrees: [...start.degrees], projectiveProgram: buildProgram(homogenize(system)) }),
      startOf: (i) => start.startSolution(new Float64Array(2 * start.n), BigInt(i)),
    };
  },
  paths: (job, start, compiled) => new TotalDegreePaths(job, start, compiled),
};
