/**
 * Solve once, track many: the solutions at one generic (complex) parameter point carried by
 * parameter homotopies to each of many target parameter points, real ones included. For a
 * generic source every solution of every target is reached, since the number of isolated
 * solutions is largest at generic parameters (a target may have fewer: then paths diverge or
 * meet at singular endpoints, and the grouping below says so).
 */
import { buildProgram } from '../compile/compile.js';
import { fixParameters } from '../compile/fixed.js';
import { checkInteger, InputError } from '../errors.js';
import type { System } from '../poly/system.js';
import { makePath, type PathResult } from '../track/pathResult.js';
import { Random } from '../numeric/rng.js';
import { SolutionSet } from './solutionSet.js';
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
  /**
   * Symmetries of the solutions for every parameter value (maps of solutions to solutions, as
   * monodromy's): one solution per orbit is tracked, and the paths of its images are its
   * path's images, since a symmetry maps the homotopy's solution paths onto each other.
   */
  symmetries?: readonly ((x: Float64Array) => Float64Array)[];
}

export interface TrackedInstance extends Collected {
  /** The target parameters (interleaved re, im). */
  readonly parameters: Float64Array;
  /** One path per source solution, in order. */
  readonly paths: PathResult[];
  /** Paths tracked to this target, re-tracks included: one per orbit, or one per solution without symmetries. */
  readonly pathsTracked: number;
  /**
   * Set when direct paths to this target failed and every path was tracked again along a
   * detour through a random parameter point: how many direct paths had failed, and how many
   * detours were tried. The paths and solutions are then the detour's.
   */
  readonly detour?: { readonly directFailed: number; readonly attempts: number };
  readonly seconds: number;
}

/** The orbits of the solutions: the solutions tracked, and how every solution is reached from one of them. */
export interface Orbits {
  /** Indices of the solutions tracked, one per orbit. */
  readonly representatives: number[];
  /** Per solution: the position of its representative, and the generators that map that one to it, first applied first. */
  readonly word: { readonly rep: number; readonly generators: readonly number[] }[];
}

/**
 * The orbits of the solutions under the generators. A solution equal (to 1e-10, relative) to
 * an image of an earlier one is reached by the generators from its representative; one that
 * is not an image of any is a representative. Without generators each solution is its own.
 */
export function solutionOrbits(solutions: readonly Float64Array[], generators: readonly ((x: Float64Array) => Float64Array)[]): Orbits {
  const representatives: number[] = [];
  const word: ({ rep: number; generators: number[] } | undefined)[] = solutions.map(() => undefined);
  if (generators.length === 0) return { representatives: solutions.map((_, i) => i), word: solutions.map((_, i) => ({ rep: i, generators: [] })) };
  const n = (solutions[0]?.length ?? 0) / 2;
  const set = new SolutionSet(n, new Random(0, 0), 1e-6);
  for (const x of solutions) set.insert(x, 0);
  // Each point's index in the set is its solution index, unless two solutions coincide: then
  // they are tracked one by one.
  if (set.size !== solutions.length) return solutionOrbits(solutions, []);
  for (const [i, x] of solutions.entries()) {
    if (word[i] !== undefined) continue;
    const rep = representatives.length;
    representatives.push(i);
    word[i] = { rep, generators: [] };
    const queue: [Float64Array, number[]][] = [[x, []]];
    for (let q = 0; q < queue.length; q++) {
      const [y, w] = queue[q]!;
      for (const [g, gen] of generators.entries()) {
        const z = gen(y);
        const j = set.find(z, 1e-10);
        if (j < 0 || word[j] !== undefined) continue;
        word[j] = { rep, generators: [...w, g] };
        queue.push([z, [...w, g]]);
      }
    }
  }
  return { representatives, word: word.map((w) => w!) };
}

/** The path of solution i: its representative's path carried by the generators of its word. */
function imagePath(
  i: number,
  start: Float64Array,
  repPath: PathResult,
  generators: readonly number[],
  symmetries: readonly ((x: Float64Array) => Float64Array)[],
  repIndex: number,
): PathResult {
  if (generators.length === 0) return { ...repPath, index: i, start };
  let end = repPath.end;
  for (const g of generators) end = symmetries[g]!(end);
  const why = repPath.cause !== undefined ? { cause: repPath.cause } : { note: `the image under the symmetries of the path of solution ${repIndex + 1}` };
  const p = makePath({ ...repPath, index: i, start, end, acceptedSteps: 0, rejectedSteps: 0, preset: 'symmetry', why });
  // A failed or diverging path keeps its representative's reason, numbers included.
  return repPath.reason === undefined || repPath.cause === undefined ? p : { ...p, reason: repPath.reason };
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

/** Detours tried for a target whose direct paths failed. */
const DETOUR_ATTEMPTS = 2;

/** The warning of a target tracked again along a detour; `left` paths still failed. */
export function detourWarning(detour: NonNullable<TrackedInstance['detour']>, left: number): string {
  return `${detour.directFailed} direct path(s) failed; every path was tracked again along a detour through a random parameter point (${detour.attempts} tried)${left === 0 ? ', and none failed' : ''}`;
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
  const symmetries = options.symmetries ?? [];
  const orbits = solutionOrbits(solutions, symmetries);
  const reps = orbits.representatives;
  for (const [t, paths] of hooks.known ?? []) {
    if (paths.length !== reps.length)
      throw new InputError(
        `the checkpoint's paths to target ${t + 1} are ${paths.length}, not one per orbit of the solutions (${reps.length}): it was written by another version; start afresh without --resume`,
      );
  }
  const packed = new Float64Array(2 * n * reps.length);
  reps.forEach((r, k) => packed.set(solutions[r]!, 2 * n * k));
  const job: TargetJob = { program: buildProgram(system), source: new Float64Array(sourceParameters), solutions: packed, settings, seed };
  const began = performance.now();
  const runner = new TargetRunner(job);
  const tracked = await trackTargets(runner, targetParameters, checkInteger('workers', options.workers ?? 1), options.poolAfterSeconds, hooks);
  const fresh = tracked.filter((paths, t) => paths !== undefined && !hooks.known?.has(t)).length;
  const perTarget = (performance.now() - began) / 1000 / Math.max(1, fresh);
  /** Every solution's path from the representatives' paths. */
  const expand = (repPaths: readonly PathResult[], indices: readonly number[]): PathResult[] =>
    indices.map((i) => {
      const w = orbits.word[i]!;
      return imagePath(i, new Float64Array(solutions[i]!), repPaths[w.rep]!, w.generators, symmetries, reps[w.rep]!);
    });
  const all = solutions.map((_, i) => i);
  const out: (TrackedInstance | undefined)[] = [];
  for (const [t, target] of targetParameters.entries()) {
    let repPaths = tracked[t];
    if (repPaths === undefined) {
      out.push(undefined);
      continue;
    }
    let retracks = 0;
    // Failed paths between generic parameters are points lost. Track the whole target again
    // along detours (never a single path: a detour may permute the endpoints, so only a whole
    // set of detoured paths ends one at each solution), and keep the first with fewer failures.
    // Targets read from a checkpoint hold their direct paths: the detour, deterministic, is redone.
    let detour: TrackedInstance['detour'];
    /** The detour whose paths are kept (its attempt number), or undefined for the direct paths. */
    let via: number | undefined;
    const failures = (ps: readonly PathResult[]): number => ps.filter((p) => p.code === 'failed').length;
    const directFailed = failures(repPaths) === 0 ? 0 : failures(expand(repPaths, all));
    if (directFailed > 0) {
      const positions = reps.map((_, k) => k);
      let a = 0;
      for (; a < DETOUR_ATTEMPTS && failures(repPaths) > 0; a++) {
        retracks += positions.length;
        const again = runner.detour(t, target, a, positions);
        if (failures(again) < failures(repPaths)) [repPaths, via] = [again, a];
      }
      detour = { directFailed, attempts: a };
    }
    const chosen = repPaths;
    // A re-track follows the route of the paths kept, so that the set stays one route's.
    const retrack = async (indices: number[]): Promise<PathResult[]> => {
      const positions = [...new Set(indices.map((i) => orbits.word[i]!.rep))];
      retracks += positions.length;
      const again = via === undefined ? runner.retrack(t, target, positions) : runner.detour(t, target, via, positions, 'conservative');
      const byRep = [...chosen];
      positions.forEach((k, j) => (byRep[k] = again[j]!));
      return expand(byRep, indices);
    };
    const paths = expand(chosen, all);
    const collected = await collectSolutions(paths, fixParameters(runner.compiled, target), targetStream(seed, t).derive(0), retrack);
    if (detour) collected.warnings.unshift(detourWarning(detour, collected.counts.failed));
    out.push({
      ...collected,
      parameters: new Float64Array(target),
      paths,
      pathsTracked: reps.length + retracks,
      seconds: hooks.known?.has(t) ? 0 : perTarget,
      ...(detour ? { detour } : {}),
    });
  }
  return out;
}
