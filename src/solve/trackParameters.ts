/**
 * Solve once, track many: the solutions at one generic (complex) parameter point carried by
 * parameter homotopies to each of many target parameter points, real ones included. For a
 * generic source every solution of every target is reached, since the number of isolated
 * solutions is largest at generic parameters (a target may have fewer: then paths diverge or
 * meet at singular endpoints, and the grouping below says so).
 */
import { buildProgram } from '../compile/compile.js';
import { fixParameters } from '../compile/fixed.js';
import { InputError } from '../errors.js';
import type { System } from '../poly/system.js';
import type { PathResult } from '../track/pathResult.js';
import { defaultLimits, type PresetName, type TrackerLimits } from '../track/presets.js';
import { collectSolutions, type Collected } from './collect.js';
import { TargetRunner, targetStream, type TargetJob } from '../paths/targets.js';
import { trackTargets, type TrackTargetsHooks } from '../parallel/targetTasks.js';

export interface TrackToParametersOptions {
  /** Seed of γ and of the grouping's projection (default 0). */
  seed?: number;
  /** Worker threads, one target per task (default 1: the main thread). The result does not depend on it. */
  workers?: number;
  /** Main-thread seconds of tracking before the threads start (default 0.3, as monodromy's loops). */
  poolAfterSeconds?: number;
  preset?: PresetName;
  limits?: Partial<TrackerLimits>;
}

export interface TrackedInstance extends Collected {
  /** The target parameters (interleaved re, im). */
  readonly parameters: Float64Array;
  /** One path per source solution, in order. */
  readonly paths: PathResult[];
  readonly seconds: number;
}

export async function trackToParameters(
  system: System,
  sourceParameters: Float64Array,
  solutions: readonly Float64Array[],
  targetParameters: readonly Float64Array[],
  options: TrackToParametersOptions = {},
): Promise<TrackedInstance[]> {
  const tracked = await trackToTargets(system, sourceParameters, solutions, targetParameters, options);
  return tracked.map((t) => t!);
}

/**
 * trackToParameters that can resume and stop: the targets in `hooks.known` are not tracked
 * again, each target tracked is handed to `hooks.onTracked`, and once `hooks.signal` is
 * aborted no further target starts; a target not tracked is `undefined`.
 */
export async function trackToTargets(
  system: System,
  sourceParameters: Float64Array,
  solutions: readonly Float64Array[],
  targetParameters: readonly Float64Array[],
  options: TrackToParametersOptions = {},
  hooks: TrackTargetsHooks = {},
): Promise<(TrackedInstance | undefined)[]> {
  const q = system.parameters.length;
  const n = system.variables.length;
  if (q === 0) throw new InputError('tracking to other parameters needs a system with parameters');
  for (const p of [sourceParameters, ...targetParameters]) {
    if (p.length !== 2 * q) throw new InputError(`parameter points need ${q} complex values (${2 * q} numbers), got ${p.length} numbers`);
  }
  for (const x of solutions) {
    if (x.length !== 2 * n) throw new InputError(`solutions need ${n} complex values (${2 * n} numbers), got ${x.length} numbers`);
  }
  const seed = options.seed ?? 0;
  const settings = { preset: options.preset ?? 'default', limits: { ...defaultLimits, ...options.limits } };
  const packed = new Float64Array(2 * n * solutions.length);
  solutions.forEach((x, i) => packed.set(x, 2 * n * i));
  const job: TargetJob = { program: buildProgram(system), source: new Float64Array(sourceParameters), solutions: packed, settings, seed };
  const began = performance.now();
  const runner = new TargetRunner(job);
  const tracked = await trackTargets(runner, targetParameters, options.workers ?? 1, options.poolAfterSeconds, hooks);
  const fresh = tracked.filter((paths, t) => paths !== undefined && !hooks.known?.has(t)).length;
  const perTarget = (performance.now() - began) / 1000 / Math.max(1, fresh);
  const out: (TrackedInstance | undefined)[] = [];
  for (const [t, target] of targetParameters.entries()) {
    const paths = tracked[t];
    if (paths === undefined) {
      out.push(undefined);
      continue;
    }
    const retrack = async (indices: number[]): Promise<PathResult[]> => runner.retrack(t, target, indices);
    const collected = await collectSolutions(paths, fixParameters(runner.compiled, target), targetStream(seed, t).derive(0), retrack);
    out.push({ ...collected, parameters: new Float64Array(target), paths, seconds: hooks.known?.has(t) ? 0 : perTarget });
  }
  return out;
}
