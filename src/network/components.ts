/**
 * The component engine: every critical point of a network, one family of them at a time,
 * solved once and tracked to any number of target parameter points.
 *
 * The critical points do not form one family. A hidden neuron whose incoming and outgoing
 * weights all vanish ("off") leaves the data gradient of those weights zero whatever their λ,
 * so for each choice of the neurons that stay on there is a separate component of solutions:
 * the critical points with no zero weight of the smaller network made of those neurons. (For
 * generic λ no other zero pattern occurs: a zero weight with a data gradient that does not
 * vanish identically costs one more equation than it frees.) Monodromy cannot leave a
 * component, so each is solved by itself, on its own smaller network, at a random complex
 * parameter point, then tracked by parameter homotopies to every target (solve/trackParameters);
 * W = 0 (every neuron off) is a critical point for every λ.
 *
 * `networkMonodromy` (one target: the network's λ's) and `networkInstances` (many targets:
 * random data and λ's) are this engine with the λ-family and the data family (network/families).
 */
import { availableParallelism } from 'node:os';
import { compileSystem } from '../compile/compile.js';
import { fixParameters } from '../compile/fixed.js';
import type { CompiledSystem } from '../compile/types.js';
import { Random, STREAMS } from '../numeric/rng.js';
import { SharedLoopPool } from '../parallel/loopPool.js';
import { lineTraceTest, type LineTraceResult } from '../solve/lineTrace.js';
import { monodromySolve, type MonodromyOptions, type MonodromyResult } from '../solve/monodromy.js';
import { trackToTargets, type TrackedInstance } from '../solve/trackParameters.js';
import { makePath, type PathResult } from '../track/pathResult.js';
import { Refiner } from '../track/refine.js';
import { SINGULAR_CONDITION } from '../track/tracker.js';
import { neuronSignFlips, signInvariants, type AliveSubnetwork, type ComponentFamily } from './families.js';
import { weightIndex } from './model.js';

/**
 * Default stale loops per component. Most components hold a handful of orbits of the sign
 * flips, so a loop sends few solutions around and is cheap, but a stale one is weak evidence:
 * on the 1-1-1-1 components of dln_1-2-2-1 (60 seeds) 5 stale loops stopped short in about
 * one run in ten; with 20, 8 seeds of 8 found all 129 critical points.
 */
export const COMPONENT_STALE_LOOPS = 20;

/**
 * Stale loops per component when the trace test checks the count (issue #17: the certificate
 * replaces the evidence of many stale loops; a failed test runs more loops).
 */
export const TRACED_STALE_LOOPS = 3;

/** What the JSON and the summary keep of a component's trace test. */
export type ComponentTrace = Omit<LineTraceResult, 'added'> & { readonly added: number; readonly line: 'single' | 'generic' };

/** The neurons that are on, per hidden layer (0-based indices). */
export type AliveNeurons = readonly (readonly number[])[];

/** Every choice of on-neurons with at least one per hidden layer, all-on last. */
export function aliveChoices(dims: readonly number[]): AliveNeurons[] {
  let choices: number[][][] = [[]];
  for (const width of dims.slice(1, -1)) {
    const subsets = Array.from({ length: 2 ** width - 1 }, (_, m) => {
      const mask = m + 1;
      return Array.from({ length: width }, (_, j) => j).filter((j) => (mask >> j) & 1);
    });
    choices = choices.flatMap((c) => subsets.map((s) => [...c, s]));
  }
  const size = (c: AliveNeurons): number => c.reduce((s, l) => s + l.length, 0);
  return choices.sort((a, b) => size(a) - size(b));
}

/** The key of classify's zeroPattern: per hidden layer one digit per neuron, 1 on, 0 off. */
export function aliveKey(dims: readonly number[], alive: AliveNeurons): string {
  if (dims.length <= 2) return '-';
  return dims
    .slice(1, -1)
    .map((width, k) => Array.from({ length: width }, (_, j) => (alive[k]?.includes(j) ? '1' : '0')).join(''))
    .join('|');
}

/** Every input and output neuron, and the on-neurons of the hidden layers. */
export function aliveSubnetwork(dims: readonly number[], alive: AliveNeurons): AliveSubnetwork {
  const L = dims.length - 1;
  const kept = dims.map((d, k) => (k === 0 || k === L ? Array.from({ length: d }, (_, j) => j) : [...alive[k - 1]!]));
  const embedding: number[] = [];
  for (let k = 0; k < L; k++) for (const i of kept[k + 1]!) for (const j of kept[k]!) embedding.push(weightIndex(dims, k, i, j));
  return { kept, dims: kept.map((neurons) => neurons.length), embedding };
}

/** Moves a point of a component's network into the full network's variables (zeros elsewhere). */
export function embed(x: Float64Array, embedding: readonly number[], n: number): Float64Array {
  const out = new Float64Array(2 * n);
  embedding.forEach((k, i) => {
    out[2 * k] = x[2 * i]!;
    out[2 * k + 1] = x[2 * i + 1]!;
  });
  return out;
}

/** W = 0, a critical point for every λ when there is a hidden layer, as a path record. */
export function zeroPoint(target: CompiledSystem): PathResult {
  const x = new Float64Array(2 * target.nvars);
  const m = new Refiner(target).measure(x);
  return makePath({
    index: 0,
    code: m.condition < SINGULAR_CONDITION ? 'success' : 'singular',
    start: x,
    end: new Float64Array(x),
    residual: m.residual,
    condition: m.condition,
    preset: 'none',
    why: { note: 'W = 0 is a critical point for every λ' },
  });
}

/** A family of critical points solved by monodromy: a choice of on-neurons. */
export interface MonodromyComponent {
  /** Pattern key, as classify's zeroPattern key; `0…0` for W = 0, which needs no solving. */
  readonly key: string;
  readonly monodromy?: MonodromyResult;
  /**
   * The key of the earlier component of the same shape (widths of the on-neurons) whose
   * monodromy solve this one shares: the same system at the same source point, so its solutions
   * are this component's too, and only the tracking to the targets differs.
   */
  readonly sharesSolveOf?: string;
  /** Why the component has no solutions at generic parameters, when it has none. */
  readonly empty?: string;
  /** The trace test of the component's solutions at its source point, when asked for. */
  readonly trace?: ComponentTrace;
}

/** One component solved: its monodromy run, and its solutions tracked to every target. */
export interface ComponentRun extends MonodromyComponent {
  /** The component's weights' indices in the full network. */
  readonly embedding: readonly number[];
  /**
   * One per target, in order; empty when the component is empty or its monodromy was stopped,
   * `undefined` for a target the signal left untracked.
   */
  readonly tracked: readonly (TrackedInstance | undefined)[];
  readonly pathsTracked: number;
}

export interface ComponentsOptions {
  /** Seed of every random choice; component c uses seed + c and stream 100 + c. */
  readonly seed: number;
  /** Stopping rules, tracker settings, workers and signal of each component's monodromy. */
  readonly monodromy?: Omit<MonodromyOptions, 'seed' | 'startPair' | 'symmetries' | 'knownSolutions' | 'traceTest' | 'targetCount'>;
  /**
   * A count for the whole network (with one target): the components are solved smallest
   * first, and the last, all-on one stops when the total is reached.
   */
  readonly targetCount?: number;
  /** Where finished work is kept and read back from, so that a stopped run resumes. */
  readonly store?: ComponentStore;
  /**
   * Check each component's solutions by the trace test along a line in its parameter space
   * (solve/lineTrace), in the sign-invariant coordinates: 'generic' moves every λ, 'single'
   * one. Solutions the test reaches are added; monodromy then stops after TRACED_STALE_LOOPS.
   */
  readonly traceTest?: 'single' | 'generic';
  /**
   * Solve and track only the components for which this is true (by index c among the choices
   * of on-neurons, W = 0 aside): a queue unit's share of the work (queue/monodromy). The
   * others are left out of `runs`, and the result is partial.
   */
  readonly only?: (c: number) => boolean;
}

/**
 * What a resumable run keeps: each component's monodromy solve, and its paths to each target.
 * A component read back is not solved again, a target read back is not tracked again.
 */
export interface ComponentStore {
  monodromy(c: number): MonodromyResult | undefined;
  tracked(c: number): ReadonlyMap<number, PathResult[]>;
  saveMonodromy(c: number, m: MonodromyResult): void;
  /** Component c shares the monodromy solve of component `of` (the same shape). */
  saveShared(c: number, of: number): void;
  saveTracked(c: number, t: number, paths: readonly PathResult[]): void;
}

export interface ComponentsResult {
  /** W = 0 first when there is a hidden layer, then every choice of on-neurons, all-on last. */
  readonly components: readonly MonodromyComponent[];
  /** The components that were solved (W = 0 needs no solving), in order. */
  readonly runs: readonly ComponentRun[];
  /** Solutions at the components' generic source points, W = 0 included. */
  readonly sourceCount: number;
  readonly pathsTracked: number;
  /** True when the signal stopped the run: components after it were not solved or tracked. */
  readonly partial: boolean;
}

/** Successful paths so far, for a network-wide target count. */
const successes = (runs: readonly ComponentRun[]): number =>
  runs.reduce((s, r) => s + (r.tracked[0]?.paths.filter((p) => p.code === 'success').length ?? 0), 0);

/** One component: its start pair, monodromy at it, and the tracking to every target. */
async function solveComponent(
  family: ComponentFamily,
  sub: AliveSubnetwork,
  key: string,
  c: number,
  targets: readonly Float64Array[],
  options: ComponentsOptions,
  pool: SharedLoopPool | undefined,
  count: number | undefined,
  workers: number,
  sameShape?: { key: string; c: number; m: MonodromyResult; trace?: ComponentTrace },
): Promise<ComponentRun> {
  const system = family.system(sub);
  const compiled = compileSystem(system);
  const start = family.startPair(system, compiled, new Random(options.seed, STREAMS.componentStart + c));
  const none = { key, embedding: sub.embedding, tracked: [], pathsTracked: 0 };
  // A singular start means the component's critical points have no isolated member at
  // generic parameters (they form a proper subvariety), so it contributes nothing.
  if (!(new Refiner(fixParameters(compiled, start.p)).refine(new Float64Array(start.x)).condition < SINGULAR_CONDITION)) {
    return { ...none, empty: `singular at generic ${family.parametersName}: no isolated critical points` };
  }
  const store = options.store;
  const kept = sameShape?.m ?? store?.monodromy(c);
  let m =
    kept ??
    (await monodromySolve(system, {
      maxStaleLoops: options.traceTest ? TRACED_STALE_LOOPS : COMPONENT_STALE_LOOPS,
      ...options.monodromy,
      ...(pool ? { pool } : {}),
      seed: options.seed + c,
      startPair: start,
      symmetries: neuronSignFlips(sub.dims),
      ...(count === undefined ? {} : { targetCount: count }),
    }));
  if (m.stoppedBy === 'aborted') return { ...none, monodromy: m, pathsTracked: m.pathsTracked };
  let trace = sameShape?.trace;
  let tracePaths = 0;
  if (options.traceTest && !sameShape && m.solutions.length > 0) {
    const t = await lineTraceTest(system, m.parameters, m.solutions, {
      seed: options.seed + c,
      invariants: signInvariants(sub.dims),
      symmetries: neuronSignFlips(sub.dims),
      line: options.traceTest,
      workers,
      ...(pool ? { pool } : {}),
      ...(options.monodromy?.preset === undefined ? {} : { preset: options.monodromy.preset }),
      ...(options.monodromy?.signal ? { signal: options.monodromy.signal } : {}),
    });
    const { added, ...rest } = t;
    trace = { ...rest, added: added.length, line: options.traceTest };
    tracePaths = t.pathsTracked;
    if (added.length > 0) m = { ...m, solutions: [...m.solutions, ...added] };
  }
  if (sameShape) store?.saveShared(c, sameShape.c);
  else if (kept === undefined) store?.saveMonodromy(c, m);
  const settings = {
    seed: options.seed + c,
    workers,
    symmetries: neuronSignFlips(sub.dims),
    ...(options.monodromy?.poolAfterSeconds === undefined ? {} : { poolAfterSeconds: options.monodromy.poolAfterSeconds }),
  };
  const signal = options.monodromy?.signal;
  const hooks = {
    ...(store ? { known: store.tracked(c), onTracked: (t: number, paths: PathResult[]) => store.saveTracked(c, t, paths) } : {}),
    ...(signal ? { signal } : {}),
  };
  const tracked = await trackToTargets(
    system,
    m.parameters,
    m.solutions,
    targets.map((p) => family.restrict(p, sub)),
    settings,
    hooks,
  );
  const pathsTracked = (sameShape ? 0 : m.pathsTracked + tracePaths) + tracked.reduce((s, t) => s + (t?.pathsTracked ?? 0), 0);
  return { ...none, monodromy: m, ...(sameShape ? { sharesSolveOf: sameShape.key } : {}), ...(trace ? { trace } : {}), tracked, pathsTracked };
}

/**
 * Every component of the family, solved once at a random complex point and tracked to each
 * target (parameter points of the whole network's family). One pool of worker threads serves
 * every component's loops, started once; the tracking to the targets runs in `workers` threads
 * too, one target per task.
 */
export async function solveComponents(family: ComponentFamily, targets: readonly Float64Array[], options: ComponentsOptions): Promise<ComponentsResult> {
  const { dims } = family;
  const hidden = dims.length > 2;
  const signal = options.monodromy?.signal;
  const workers = options.monodromy?.workers ?? availableParallelism();
  const shared = options.monodromy?.pool ?? (workers > 1 ? new SharedLoopPool(workers, options.monodromy?.poolAfterSeconds) : undefined);
  const choices = hidden ? aliveChoices(dims) : [[]];
  const runs: ComponentRun[] = [];
  // One monodromy solve per shape: a component's system depends only on its widths.
  const byShape = new Map<string, { key: string; c: number; m: MonodromyResult; trace?: ComponentTrace }>();
  try {
    for (const [c, alive] of choices.entries()) {
      if (signal?.aborted) break;
      if (options.only && !options.only(c)) continue;
      const last = c === choices.length - 1;
      const count = last && options.targetCount !== undefined ? Math.max(1, options.targetCount - (hidden ? 1 : 0) - successes(runs)) : undefined;
      const sub = aliveSubnetwork(dims, alive);
      const shape = sub.dims.join(',');
      const run = await solveComponent(
        family,
        sub,
        aliveKey(dims, alive),
        c,
        targets,
        options,
        shared,
        count,
        workers,
        count === undefined ? byShape.get(shape) : undefined,
      );
      runs.push(run);
      if (run.monodromy && run.monodromy.stoppedBy !== 'aborted' && !byShape.has(shape))
        byShape.set(shape, { key: run.key, c, m: run.monodromy, ...(run.trace ? { trace: run.trace } : {}) });
    }
  } finally {
    if (shared && shared !== options.monodromy?.pool) await shared.close();
  }
  const zero: MonodromyComponent[] = hidden
    ? [
        {
          key: aliveKey(
            dims,
            dims.slice(1, -1).map(() => []),
          ),
        },
      ]
    : [];
  const components = [
    ...zero,
    ...runs.map(({ key, monodromy, sharesSolveOf, empty, trace }) => ({
      key,
      ...(monodromy ? { monodromy } : {}),
      ...(sharesSolveOf ? { sharesSolveOf } : {}),
      ...(empty ? { empty } : {}),
      ...(trace ? { trace } : {}),
    })),
  ];
  const partial = runs.length < choices.length || runs.some((r) => r.monodromy?.stoppedBy === 'aborted' || r.tracked.includes(undefined));
  return {
    components,
    runs,
    sourceCount: zero.length + runs.reduce((s, r) => s + (r.monodromy?.solutions.length ?? 0), 0),
    pathsTracked: runs.reduce((s, r) => s + r.pathsTracked, 0),
    partial,
  };
}

/**
 * The paths to target `i` in the whole network's variables: W = 0 first (when there is a
 * hidden layer; `target` is the whole system at the target), then every component's, indexed
 * one after another.
 */
export function pathsToTarget(result: ComponentsResult, i: number, dims: readonly number[], target: CompiledSystem): PathResult[] {
  const n = target.nvars;
  const paths: PathResult[] = dims.length > 2 ? [zeroPoint(target)] : [];
  for (const r of result.runs) {
    for (const p of r.tracked[i]?.paths ?? [])
      paths.push({ ...p, index: paths.length, start: embed(p.start, r.embedding, n), end: embed(p.end, r.embedding, n) });
  }
  return paths;
}
