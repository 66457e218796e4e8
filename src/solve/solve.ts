/**
 * solve: every isolated solution of a square polynomial system by a total-degree homotopy.
 * Tracks every path, re-tracks failed paths and paths that ended at the same regular
 * solution (a path jump) with conservative settings, then groups endpoints into solutions.
 */
import { InputError } from '../errors.js';
import { compileSystem } from '../compile/compile.js';
import type { CompiledSystem } from '../compile/types.js';
import { StraightLineHomotopy } from '../homotopy/straightLine.js';
import { TotalDegreeStart } from '../homotopy/totalDegree.js';
import type { StartSystem } from '../homotopy/types.js';
import { Random } from '../numeric/rng.js';
import { assertSquare, degrees, type System } from '../poly/system.js';
import type { PathResult } from '../track/pathResult.js';
import { defaultLimits, type PresetName, type TrackerLimits } from '../track/presets.js';
import { PathTracker } from '../track/tracker.js';
import { collectSolutions } from './collect.js';
import type { Counts, SolveResult } from './result.js';

export interface SolveProgress {
  done: number;
  total: number;
  counts: Pick<Counts, 'atInfinity' | 'failed'> & { success: number; singular: number };
}

export interface SolveOptions {
  /** Seed of every random choice (γ, projections); the same seed gives the same result. */
  seed?: number;
  start?: 'auto' | 'total-degree';
  preset?: PresetName;
  limits?: Partial<TrackerLimits>;
  /** Refuse to start more paths than this (default 10,000,000). */
  maxPaths?: number;
  onProgress?: (progress: SolveProgress) => void;
  /** Stops tracking; the result is then marked partial. */
  signal?: AbortSignal;
}

/** A seed for callers that did not give one; it is reported in the result. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

interface Setup {
  compiled: CompiledSystem;
  start: StartSystem;
  gamma: [number, number];
  limits: TrackerLimits;
}

function setup(system: System, seed: number, options: SolveOptions): Setup {
  assertSquare(system);
  if (system.parameters.length > 0) {
    throw new InputError(`the system declares parameters (${system.parameters.join(', ')}); give them values, or solve it with --method monodromy`);
  }
  const rng = new Random(seed);
  const start = new TotalDegreeStart(degrees(system));
  const maxPaths = options.maxPaths ?? 10_000_000;
  if (start.pathCount > BigInt(maxPaths)) {
    throw new InputError(
      `the total-degree start system has ${start.pathCount} paths, more than the limit of ${maxPaths}; raise the limit (--max-paths) or use a start system that needs fewer paths`,
    );
  }
  return { compiled: compileSystem(system), start, gamma: rng.unitComplex(), limits: { ...defaultLimits, ...options.limits } };
}

export async function solve(system: System, options: SolveOptions = {}): Promise<SolveResult> {
  const began = performance.now();
  const seed = options.seed ?? randomSeed();
  const { compiled, start, gamma, limits } = setup(system, seed, options);
  const homotopy = new StraightLineHomotopy(start, compiled, gamma);
  const tracker = new PathTracker(homotopy, compiled, options.preset ?? 'default', limits);
  const total = Number(start.pathCount);
  const paths: PathResult[] = [];
  const startPoint = new Float64Array(2 * start.n);
  const live = { success: 0, singular: 0, atInfinity: 0, failed: 0 };
  let partial = false;
  let lastYield = performance.now();
  for (let index = 0; index < total; index++) {
    if (options.signal?.aborted) {
      partial = true;
      break;
    }
    const result = tracker.track(index, start.startSolution(startPoint, BigInt(index)));
    paths.push(result);
    tally(live, result);
    // Let timers and signals run now and then on long serial runs.
    if (performance.now() - lastYield > 100) {
      options.onProgress?.({ done: index + 1, total, counts: { ...live } });
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
  }
  options.onProgress?.({ done: paths.length, total, counts: { ...live } });
  const conservative = new PathTracker(homotopy, compiled, 'conservative', limits);
  const retrack = (index: number): PathResult => conservative.track(index, start.startSolution(startPoint, BigInt(index)));
  const collected = collectSolutions(paths, compiled, new Random(seed, 1), partial ? undefined : retrack);
  return {
    seed,
    variables: system.variables,
    startSystem: 'total-degree',
    ...collected,
    paths,
    partial,
    seconds: (performance.now() - began) / 1000,
  };
}

function tally(live: SolveProgress['counts'], r: PathResult): void {
  if (r.code === 'success') live.success++;
  else if (r.code === 'singular') live.singular++;
  else if (r.code === 'at_infinity') live.atInfinity++;
  else live.failed++;
}
