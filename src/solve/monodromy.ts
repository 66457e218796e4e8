/**
 * monodromySolve: every solution of F(x; p0) = 0 for one generic complex p0, from a single
 * start solution, by monodromy. Moving the parameters around a loop that starts and ends at
 * p0 permutes the solutions; when the solutions form one irreducible family over parameter
 * space, the loops act transitively, so sending every known solution around random loops
 * finds them all. (Solutions of other families, e.g. a network's critical points with some
 * neurons off, are never reached from this start: see network/parametrize.)
 *
 * Loop k is the closed walk p0 → v_1 → v_2 → v_3 → p0 through random complex points (a hub
 * shared by all loops would save paths, but measured on network systems such loops mixed the
 * solutions so much worse that they stalled early). Every solution found is sent around every
 * loop, old and new; when no work is left, a new loop is drawn. The search stops at a target
 * count, or when `maxStaleLoops` loops in a row found nothing new (the usual evidence of
 * completeness, not a proof), or at `maxLoops`.
 */
import { compileSystem } from '../compile/compile.js';
import { fixParameters } from '../compile/fixed.js';
import type { CompiledSystem } from '../compile/types.js';
import { InputError } from '../errors.js';
import { Random } from '../numeric/rng.js';
import { assertSquare, type System } from '../poly/system.js';
import { defaultLimits, type PresetName, type TrackerLimits } from '../track/presets.js';
import { Refiner } from '../track/refine.js';
import { SINGULAR_CONDITION } from '../track/tracker.js';
import { Leg } from './legs.js';
import { randomSeed } from './solve.js';
import { SolutionSet } from './solutionSet.js';
import { linearStartPair, type StartPair } from './startPair.js';

export type MonodromyStop = 'target-count' | 'stale-loops' | 'max-loops' | 'aborted';

export interface MonodromyProgress {
  solutions: number;
  loops: number;
  staleLoops: number;
  pathsTracked: number;
}

export interface MonodromyOptions {
  /** Seed of every random choice (start point, loop points); reported in the result. */
  seed?: number;
  /** A solution x at parameters p; by default one is made from a random x (linear parameters only). */
  startPair?: StartPair;
  /** Stop as soon as this many solutions are known. */
  targetCount?: number;
  /**
   * Stop after this many loops in a row that found no new solution (default 20: over 100 seeds
   * each, 5 stale loops found all solutions of x² + y² = a, xy = b in 82 runs and of
   * x⁵ + ax + b in 90; 10 in 98 and 100; 20 in all 200. Loops on small systems are cheap).
   */
  maxStaleLoops?: number;
  /** Stop after this many loops (default 1000). */
  maxLoops?: number;
  preset?: PresetName;
  limits?: Partial<TrackerLimits>;
  /**
   * Generators of a group of symmetries of the solutions that does not depend on the
   * parameters (F(g(x); p) = 0 whenever F(x; p) = 0), such as the sign flips of a network's
   * hidden neurons. Every solution's orbit is added at once, and only one solution per orbit
   * is sent around the loops.
   */
  symmetries?: readonly ((x: Float64Array) => Float64Array)[];
  onProgress?: (progress: MonodromyProgress) => void;
  signal?: AbortSignal;
}

export interface MonodromyResult {
  readonly seed: number;
  readonly variables: readonly string[];
  readonly parameterNames: readonly string[];
  /** The base point p0 (complex, interleaved) at which the solutions were found. */
  readonly parameters: Float64Array;
  /** The distinct solutions at p0, each refined by Newton at p0. */
  readonly solutions: Float64Array[];
  /** Relative residual and condition of each solution, after refinement at p0. */
  readonly residuals: number[];
  readonly conditions: number[];
  /** Solutions sent around loops: one per orbit of the symmetries (all of them without). */
  readonly orbits: number;
  readonly loops: number;
  readonly staleLoops: number;
  readonly pathsTracked: number;
  /** Paths that did not end at a regular solution even when tracked again conservatively. */
  readonly failedPaths: number;
  readonly stoppedBy: MonodromyStop;
  readonly seconds: number;
}

/**
 * Random vertices per loop. A loop through more of them is a longer random walk in the
 * monodromy group, so less often one that fixes the solutions known: on 1-1-1-1 network
 * components (60 seeds, 5 stale loops) 2 vertices stalled in 13% of the runs, 3 in 8%, at a
 * third more paths per loop.
 */
const LOOP_VERTICES = 3;

/** Newton must have converged to this relative update size for a point to count. */
const ACCURACY = 1e-8;

/**
 * Two solutions are the same when closer than this, relative to their size: round-off in a
 * refined solution is about ε·cond, so the tolerance grows with the condition, within bounds
 * that keep distinct solutions of a generic system apart.
 */
export function duplicateTolerance(condition: number): number {
  return Math.min(1e-6, Math.max(1e-10, 100 * Number.EPSILON * condition));
}

/**
 * A random complex point of parameter space for a loop vertex: centred at the origin, each
 * coordinate on the scale of p0's (never below their root mean square), times `size`.
 * Vertices near p0 (p0 plus noise of its size) mixed far worse: with 5 stale loops they found
 * all solutions of x⁵ + ax + b in 21 of 100 runs, against 90 for these.
 */
function randomParameters(p0: Float64Array, rng: Random, size = 1): Float64Array {
  const q = p0.length >> 1;
  let rms = 0;
  for (let k = 0; k < 2 * q; k++) rms += p0[k]! * p0[k]!;
  rms = Math.sqrt(rms / q) || 1;
  const out = new Float64Array(2 * q);
  for (let k = 0; k < 2 * q; k += 2) {
    const scale = size * Math.max(Math.hypot(p0[k]!, p0[k + 1]!), rms);
    const [re, im] = rng.complexNormal();
    out[k] = scale * re;
    out[k + 1] = scale * im;
  }
  return out;
}

/**
 * Every other loop has its vertices scaled by a factor log-uniform in [0.1, 10]: branch points
 * far from p0's scale (on dln_1-2-2-1's 1-1-1-1 components, at |λ1λ2λ3| ≈ 1e8) are then
 * circled too. With loops of one size 3 of 8 seeds missed such a component's solutions even
 * after 20 stale loops; alternating, none did, while simple systems (x⁵ + ax + b, 100 seeds)
 * lost little (90 complete runs against 96).
 */
function loopSize(loop: number, rng: Random): number {
  return loop % 2 === 0 ? 1 : 10 ** (2 * rng.uniform() - 1);
}

/** The start solution refined at p0, or a refusal saying what is wrong with it. */
function checkedStart(system: System, compiled: CompiledSystem, pair: StartPair): Float64Array {
  const n = system.variables.length;
  const q = system.parameters.length;
  if (pair.x.length !== 2 * n || pair.p.length !== 2 * q) {
    throw new InputError(`the start pair needs ${n} complex values for x and ${q} for p, got ${pair.x.length / 2} and ${pair.p.length / 2}`);
  }
  const x = new Float64Array(pair.x);
  const m = new Refiner(fixParameters(compiled, pair.p)).refine(x);
  if (!(m.accuracy <= ACCURACY) || !(m.residual <= ACCURACY)) {
    throw new InputError(`the start pair is not a solution: Newton's method at p0 left a residual of ${m.residual.toExponential(1)}; give x0 with F(x0; p0) = 0`);
  }
  if (!(m.condition < SINGULAR_CONDITION)) {
    throw new InputError(`the start solution is singular (condition ${m.condition.toExponential(1)}); monodromy needs a nonsingular start solution at generic parameters`);
  }
  return x;
}

/** A closed walk p0 → v_1 → … → v_k → p0 through random points. */
interface Loop {
  readonly legs: readonly Leg[];
}

/** See MonodromyOptions.maxStaleLoops for the measurement behind it. */
export const DEFAULT_STALE_LOOPS = 20;

export function monodromySolve(system: System, options: MonodromyOptions = {}): MonodromyResult {
  const began = performance.now();
  assertSquare(system);
  if (system.parameters.length === 0) throw new InputError('monodromy needs a system with parameters: declare them on a `parameters:` line');
  const seed = options.seed ?? randomSeed();
  const maxStale = options.maxStaleLoops ?? DEFAULT_STALE_LOOPS;
  const maxLoops = options.maxLoops ?? 1000;
  const target = options.targetCount ?? Infinity;
  const settings = { preset: options.preset ?? 'default', limits: { ...defaultLimits, ...options.limits } };
  const compiled = compileSystem(system);
  const rng = new Random(seed, 10);
  const pair = options.startPair ?? linearStartPair(system, compiled, rng.derive(0));
  const p0 = new Float64Array(pair.p);
  const refiner = new Refiner(fixParameters(compiled, p0));
  const known = new SolutionSet(system.variables.length, rng.derive(1), 1e-6);
  const residuals: number[] = [];
  const conditions: number[] = [];
  const loops: Loop[] = [];
  const queue: [number, number][] = [];
  /** One solution per orbit of the symmetries: the ones sent around loops. */
  const representatives: number[] = [];
  const symmetries = options.symmetries ?? [];
  let head = 0;
  let failed = 0;
  let stale = 0;
  let foundInLoop = false;

  /** Adds a verified solution; a new one is queued for every loop. */
  const add = (x: Float64Array): void => {
    const m = refiner.refine(x);
    if (!(m.accuracy <= ACCURACY) || !(m.condition < SINGULAR_CONDITION)) {
      failed++;
      return;
    }
    const tolerance = duplicateTolerance(m.condition);
    const [index, fresh] = known.insert(x, tolerance);
    if (!fresh) return;
    foundInLoop = true;
    representatives.push(index);
    loops.forEach((_, k) => queue.push([index, k]));
    // The images under the symmetries are solutions too, and loops map them to the images of
    // what they map x to: they are added, but only x goes around the loops.
    const orbit = [x];
    for (let o = 0; o < orbit.length; o++) {
      residuals.push(m.residual);
      conditions.push(m.condition);
      for (const g of symmetries) {
        const y = g(orbit[o]!);
        if (known.insert(y, tolerance)[1]) orbit.push(y);
      }
    }
  };
  /** x sent around a loop, or null when a leg does not end at a regular solution. */
  const around = (loop: Loop, i: number, x: Float64Array): Float64Array | null => {
    for (const leg of loop.legs) {
      const r = leg.track(i, x);
      if (r.code !== 'success') {
        failed++;
        return null;
      }
      x = r.end;
    }
    return new Float64Array(x);
  };
  const tracked = (): number => loops.reduce((s, l) => s + l.legs.reduce((t, leg) => t + leg.tracked, 0), 0);
  const progress = (): void => options.onProgress?.({ solutions: known.size, loops: loops.length, staleLoops: stale, pathsTracked: tracked() });

  add(checkedStart(system, compiled, pair));
  let stoppedBy: MonodromyStop;
  for (;;) {
    if (options.signal?.aborted) {
      stoppedBy = 'aborted';
      break;
    }
    if (known.size >= target) {
      stoppedBy = 'target-count';
      break;
    }
    if (head === queue.length) {
      if (loops.length > 0) stale = foundInLoop ? 0 : stale + 1;
      progress();
      if (stale >= maxStale) {
        stoppedBy = 'stale-loops';
        break;
      }
      if (loops.length >= maxLoops) {
        stoppedBy = 'max-loops';
        break;
      }
      const vertices = [p0, ...Array.from({ length: LOOP_VERTICES }, () => randomParameters(p0, rng, loopSize(loops.length, rng))), p0];
      loops.push({ legs: vertices.slice(1).map((to, v) => new Leg(compiled, vertices[v]!, to, [1, 0], settings)) });
      foundInLoop = false;
      for (const i of representatives) queue.push([i, loops.length - 1]);
    }
    const [i, k] = queue[head++]!;
    const end = around(loops[k]!, i, known.points[i]!);
    if (!end) continue;
    const before = known.size;
    add(end);
    if (known.size > before) progress();
  }
  progress();
  return {
    seed,
    variables: system.variables,
    parameterNames: system.parameters,
    parameters: p0,
    solutions: known.points,
    residuals,
    conditions,
    orbits: representatives.length,
    loops: loops.length,
    staleLoops: stale,
    pathsTracked: tracked(),
    failedPaths: failed,
    stoppedBy,
    seconds: (performance.now() - began) / 1000,
  };
}
