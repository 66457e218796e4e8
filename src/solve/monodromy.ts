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
 * loop, old and new: the (solution, loop) tasks form a queue, tracked ahead by the worker pool
 * and merged strictly in queue order, so the result depends on the seed alone, not on the
 * number of workers. When every known solution has been around every loop, new loops are drawn
 * (several at once while there are few orbits, so that every worker has work). The search stops at a target count,
 * when `maxStaleLoops` loops drawn after the last new solution found nothing (the usual
 * evidence of completeness, not a proof), or at `maxLoops`. For linear slice families a trace
 * test (traceTest.ts) can then check the count.
 */
import { cabs } from '../numeric/complex.js';
import { availableParallelism } from 'node:os';
import { buildProgram, compileProgram } from '../compile/compile.js';
import { fixParameters } from '../compile/fixed.js';
import type { CompiledSystem } from '../compile/types.js';
import { checkInteger, InputError } from '../errors.js';
import { Random, STREAMS } from '../numeric/rng.js';
import { assertSquare, type System } from '../poly/system.js';
import { defaultLimits, type PresetName, type TrackerLimits } from '../track/presets.js';
import { Refiner } from '../track/refine.js';
import { SINGULAR_CONDITION } from '../track/tracker.js';
import type { LoopData, LoopOutcome } from '../paths/loops.js';
import { LoopPool, SharedLoopPool, type LoopTask } from '../parallel/loopPool.js';

export { SharedLoopPool };
import { randomSeed } from '../numeric/rng.js';
import { SolutionSet } from './solutionSet.js';
import { linearStartPair, type StartPair } from './startPair.js';
import { assertTraceTestApplies, traceTest, type TraceTestResult } from './traceTest.js';

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
  /**
   * More solutions at the start pair's parameters, known before the loops begin (a cross-check
   * sends a complete solve's whole set around a few loops). Each is refined at p0 and added.
   */
  knownSolutions?: readonly Float64Array[];
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
  /**
   * Worker threads that track the loops (default: the available CPUs; 1 tracks in the main
   * thread). The result does not depend on it.
   */
  workers?: number;
  /**
   * Seconds of tracking in the main thread before the pool starts (default POOL_AFTER_SECONDS:
   * small runs never pay for starting threads); 0 starts it at once. The result does not
   * depend on it.
   */
  poolAfterSeconds?: number;
  /**
   * Track in this pool, shared with other runs (it is not closed here), instead of one of the
   * run's own; `workers` is then the pool's.
   */
  pool?: SharedLoopPool;
  /**
   * Check the solutions found by a trace test (traceTest.ts) and report it as `trace`. Only
   * for linear slice families, where the test is valid; other systems are refused up front.
   */
  traceTest?: boolean;
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
  /** Threads that tracked loops: 1 when the run was too short to start the pool. */
  readonly workers: number;
  /** The trace test of the solutions found, when asked for (MonodromyOptions.traceTest). */
  readonly trace?: TraceTestResult;
  readonly seconds: number;
}

/**
 * Random vertices per loop. A loop through more of them is a longer random walk in the
 * monodromy group, so less often one that fixes the solutions known: on 1-1-1-1 network
 * components (60 seeds, 5 stale loops) 2 vertices stalled in 13% of the runs, 3 in 8%, at a
 * third more paths per loop.
 */
const LOOP_VERTICES = 3;

/** A Newton refinement at p0: how far it converged, the residual and the condition. */
interface Measure {
  readonly accuracy: number;
  readonly residual: number;
  readonly condition: number;
}

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
    const scale = size * Math.max(cabs(p0[k]!, p0[k + 1]!), rms);
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
    throw new InputError(
      `the start pair is not a solution: Newton's method at p0 left a residual of ${m.residual.toExponential(1)}; give x0 with F(x0; p0) = 0`,
    );
  }
  if (!(m.condition < SINGULAR_CONDITION)) {
    throw new InputError(
      `the start solution is singular (condition ${m.condition.toExponential(1)}); monodromy needs a nonsingular start solution at generic parameters`,
    );
  }
  return x;
}

/** See MonodromyOptions.maxStaleLoops for the measurement behind it. */
export const DEFAULT_STALE_LOOPS = 20;

/**
 * When every known solution has been around every loop, enough new loops are drawn for about
 * this many tasks (one loop once there are this many orbits), so that there is work for every
 * worker. A draw counts towards the stale loops only if none of its loops found anything, so
 * up to one draw's tasks are spent beyond what drawing loop by loop would spend; fewer would
 * leave workers idle. Fixed, never derived from the number of workers, so that the loops drawn,
 * and with them the result, are the same for every number of workers.
 */
const DRAW_TASKS = 8;

export async function monodromySolve(system: System, options: MonodromyOptions = {}): Promise<MonodromyResult> {
  const began = performance.now();
  assertSquare(system);
  if (system.parameters.length === 0) throw new InputError('monodromy needs a system with parameters: declare them on a `parameters:` line');
  const workers = checkInteger('workers', options.workers ?? availableParallelism());
  if (options.traceTest) assertTraceTestApplies(system);
  const seed = options.seed ?? randomSeed();
  const maxStale = options.maxStaleLoops ?? DEFAULT_STALE_LOOPS;
  const maxLoops = options.maxLoops ?? 1000;
  const target = options.targetCount ?? Infinity;
  const settings = { preset: options.preset ?? 'default', limits: { ...defaultLimits, ...options.limits } };
  const program = buildProgram(system);
  const compiled = compileProgram(program);
  const rng = new Random(seed, STREAMS.loops);
  const pair = options.startPair ?? linearStartPair(system, compiled, rng.derive(0));
  const p0 = new Float64Array(pair.p);
  const known = new SolutionSet(system.variables.length, rng.derive(1), 1e-6);
  const residuals: number[] = [];
  const conditions: number[] = [];
  const loops: LoopData[] = [];
  const queue: LoopTask[] = [];
  /** One solution per orbit of the symmetries: the ones sent around loops. */
  const representatives: number[] = [];
  const symmetries = options.symmetries ?? [];
  let head = 0;
  let failed = 0;
  let stale = 0;
  let paths = 0;
  let drawn = 0;
  let foundSinceDraw = false;

  /** Adds a refined solution unless it is singular, not converged or known; a new one is queued for every loop. */
  const add = (x: Float64Array, m: Measure): void => {
    if (!(m.accuracy <= ACCURACY) || !(m.condition < SINGULAR_CONDITION)) {
      failed++;
      return;
    }
    const tolerance = duplicateTolerance(m.condition);
    const [index, fresh] = known.insert(x, tolerance);
    if (!fresh) return;
    foundSinceDraw = true;
    representatives.push(index);
    for (const loop of loops) queue.push({ loop: loop.id, index, x });
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
  /** New loops, with every representative queued for each. */
  const draw = (count: number): void => {
    for (let d = 0; d < count; d++) {
      const id = loops.length;
      const vertices = new Float64Array(LOOP_VERTICES * p0.length);
      for (let v = 0; v < LOOP_VERTICES; v++) vertices.set(randomParameters(p0, rng, loopSize(id, rng)), v * p0.length);
      loops.push({ id, vertices });
      for (const i of representatives) queue.push({ loop: id, index: i, x: known.points[i]! });
    }
    drawn = count;
    foundSinceDraw = false;
  };
  const progress = (): void => options.onProgress?.({ solutions: known.size, loops: loops.length, staleLoops: stale, pathsTracked: paths });

  const start = checkedStart(system, compiled, pair);
  const atBase = new Refiner(fixParameters(compiled, p0));
  add(start, atBase.refine(start));
  for (const known of options.knownSolutions ?? []) {
    const x = new Float64Array(known);
    add(x, atBase.refine(x));
  }
  const pool = new LoopPool({ program, base: p0, settings }, workers, options.poolAfterSeconds, options.pool);
  // Tasks are tracked ahead (queue[head..dispatched)) but merged strictly in queue order, so
  // the queue, and everything merged from it, is what tracking one task at a time would give.
  const inFlight = new Map<number, Promise<LoopOutcome>>();
  let dispatched = 0;
  let stoppedBy: MonodromyStop;
  try {
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
        // Every known solution has been around every loop.
        if (loops.length > 0) stale = foundSinceDraw ? 0 : stale + drawn;
        progress();
        if (stale >= maxStale) {
          stoppedBy = 'stale-loops';
          break;
        }
        if (loops.length >= maxLoops) {
          stoppedBy = 'max-loops';
          break;
        }
        draw(Math.max(1, Math.min(Math.ceil(DRAW_TASKS / representatives.length), maxStale - stale, maxLoops - loops.length)));
      }
      for (; dispatched < queue.length && dispatched - head < pool.window; dispatched++) {
        const task = queue[dispatched]!;
        const outcome = pool.track(loops[task.loop]!, task);
        // Only the head is awaited; a later task failing first must not be an unhandled
        // rejection (that would end the process). Its error still surfaces when it is the head.
        outcome.catch(() => {});
        inFlight.set(dispatched, outcome);
      }
      const outcome = await inFlight.get(head)!;
      inFlight.delete(head++);
      paths += outcome.paths;
      if (!outcome.end) {
        failed++;
        continue;
      }
      const before = known.size;
      add(outcome.end, outcome);
      if (known.size > before) progress();
    }
  } finally {
    // Tasks tracked ahead of a stop are finished but not merged: they count nowhere.
    await Promise.allSettled(inFlight.values());
    await pool.close();
  }
  progress();
  const solutions = known.points;
  const trace = options.traceTest ? traceTest(system, p0, solutions, { seed, ...settings }) : undefined;
  return {
    seed,
    variables: system.variables,
    parameterNames: system.parameters,
    parameters: p0,
    solutions,
    residuals,
    conditions,
    orbits: representatives.length,
    loops: loops.length,
    staleLoops: stale,
    pathsTracked: paths,
    failedPaths: failed,
    stoppedBy,
    workers: pool.threads,
    ...(trace ? { trace } : {}),
    seconds: (performance.now() - began) / 1000,
  };
}
