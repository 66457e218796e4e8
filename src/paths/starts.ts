/**
 * The registry of start systems: one StartKind object per kind, and the job runner that turns
 * a job into the paths of its kind. A new start system is one more file and one more entry here.
 */
import { compileProgram } from '../compile/compile.js';
import type { CompiledSystem } from '../compile/types.js';
import type { PathResult } from '../track/pathResult.js';
import type { Detour } from '../track/tracker.js';
import { presets, type PresetName } from '../track/presets.js';
import type { StartJob, StartKindName, TrackJob } from './job.js';
import { multihomogeneousKind } from './multihomogeneousPaths.js';
import { polyhedralKind } from './polyhedralPaths.js';
import type { PathSource, StartKind } from './source.js';
import { totalDegreeKind } from './totalDegreePaths.js';

export const startKinds: { readonly [K in StartKindName]: StartKind<K> } = {
  'total-degree': totalDegreeKind,
  multihomogeneous: multihomogeneousKind,
  polyhedral: polyhedralKind,
};

/** The start kinds in the order `auto` prefers them on a tie of path counts. */
export const START_KIND_ORDER: readonly StartKindName[] = ['total-degree', 'polyhedral', 'multihomogeneous'];

export function isStartKind(name: unknown): name is StartKindName {
  return typeof name === 'string' && Object.hasOwn(startKinds, name);
}

function pathSource<K extends StartKindName>(job: TrackJob, start: Extract<StartJob, { kind: K }>, compiled: CompiledSystem): PathSource {
  return (startKinds[start.kind] as StartKind<K>).paths(job, start, compiled);
}

/** The compiled job: the same code in every worker and in the main thread. */
export class JobRunner {
  readonly compiled: CompiledSystem;
  readonly paths: PathSource;

  constructor(readonly job: TrackJob) {
    this.compiled = compileProgram(job.program);
    this.paths = pathSource(job, job.start, this.compiled);
  }

  trackPath(index: number, preset: PresetName, detour?: Detour): PathResult {
    if (!Object.hasOwn(presets, preset)) throw new RangeError(`unknown tracker preset '${preset}'`);
    return this.paths.trackPath(index, preset, detour);
  }

  /** Path `index` tracked around `detour` before its endgame. */
  trackDetoured(index: number, preset: PresetName, detour: Detour): PathResult {
    return this.trackPath(index, preset, detour);
  }
}
