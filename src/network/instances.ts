/**
 * Solve once, track many: the critical points of many random networks of one architecture,
 * from a single monodromy solve.
 *
 * What varies between instances is everything the user's seed draws: the data X, Y and the
 * generic λ's. Instance i is exactly the network `critsolve network --dims D --points M
 * --seed s_i` solves, so any instance can be checked on its own. For that the gradient system
 * takes the data as parameters, beside the λ's: the data term ½‖W_L⋯W_1·X − Y‖² is a
 * polynomial in W, X and Y. (The Gram matrices XXᵀ, YXᵀ would enter linearly, but a generic
 * Gram matrix has full rank while M < d_0 points give a singular one, and the count at full
 * rank is larger: 225 against 33 for 2-2-2. With X itself as the parameter, a random complex
 * X still has M columns, so the source has exactly the count of the instances.)
 *
 * As in networkMonodromy, each choice of on-neurons is its own family and is solved alone:
 * monodromy at a random complex point (W, X, Y) with λ_k = −(∂L_data/∂w_k)/w_k, then one
 * parameter homotopy per instance. By coefficient-parameter theory every isolated critical
 * point of every instance is the end of a path from a complete generic solution set; but
 * monodromy does not prove its set complete, so neither are the instances' counts.
 */
import { compileSystem } from '../compile/compile.js';
import { fixParameters } from '../compile/fixed.js';
import type { CompiledSystem } from '../compile/types.js';
import { InputError } from '../errors.js';
import { Random } from '../numeric/rng.js';
import { PolyMatrix } from '../poly/matrix.js';
import { Polynomial } from '../poly/polynomial.js';
import { makeSystem, type System } from '../poly/system.js';
import { collectSolutions } from '../solve/collect.js';
import { monodromySolve, type MonodromyOptions } from '../solve/monodromy.js';
import type { SolveResult } from '../solve/result.js';
import { randomSeed } from '../numeric/rng.js';
import { trackToParameters, type TrackedInstance } from '../solve/trackParameters.js';
import type { PathResult } from '../track/pathResult.js';
import { Refiner } from '../track/refine.js';
import { SINGULAR_CONDITION } from '../track/tracker.js';
import { classifyPoints, type ClassifyOptions, type CriticalSummary } from './classify.js';
import { linearNetwork, weightIndex, weightNames, type LinearNetwork } from './model.js';
import { aliveChoices, aliveKey, aliveSubnetwork, embed, neuronSignFlips, zeroPoint, type AliveNeurons } from './parametrize.js';
import { incompleteReasons, monodromyIncomplete, monodromyToJSON, networkResultToJSON, type MonodromyComponent, type NetworkResult } from './study.js';

/** Stale loops per component, as networkMonodromy: see COMPONENT_STALE_LOOPS there. */
export const INSTANCE_STALE_LOOPS = 20;

/** The largest seed the CLI accepts; instance seeds wrap around below it. */
const SEED_LIMIT = 2 ** 31;

export interface InstancesOptions {
  /** Layer widths d_0 … d_L. */
  dims: readonly number[];
  /** Data points per instance (default 1). */
  points?: number;
  /** Number of instances, at least 1. */
  instances: number;
  /** Seed of the source solve; instance i (0-based) is the network of seed `seed + i`. */
  seed?: number;
  monodromy?: Pick<MonodromyOptions, 'maxStaleLoops' | 'maxLoops' | 'preset' | 'limits' | 'onProgress' | 'signal' | 'workers'>;
  classify?: ClassifyOptions;
}

/** One instance's critical points, as `critsolve network` reports them, and its network's seed. */
export interface NetworkInstance extends NetworkResult {
  /** The seed that draws this instance's data and λ's (`--seed` of `critsolve network`). */
  readonly networkSeed: number;
}

/** min, mean and max of a count over the instances, and how many instances had each value. */
export interface Spread {
  readonly min: number;
  readonly mean: number;
  readonly max: number;
  readonly histogram: Record<number, number>;
}

export interface InstancesResult {
  readonly seed: number;
  readonly dims: readonly number[];
  readonly points: number;
  /** Solutions at the generic complex source, over every component (W = 0 included). */
  readonly sourceCount: number;
  readonly components: readonly MonodromyComponent[];
  /** Paths tracked: monodromy loops and the parameter homotopies to every instance. */
  readonly pathsTracked: number;
  readonly instances: readonly NetworkInstance[];
  readonly aggregate: { readonly real: Spread; readonly minima: Spread; readonly saddles: Spread; readonly complex: Spread };
  /** True when a signal stopped the source solve: then no instance was tracked. */
  readonly partial: boolean;
  readonly seconds: number;
}

/** The seed of instance i: consecutive seeds from the run's, so instance 1 is `--seed seed`. */
export const instanceSeed = (seed: number, i: number): number => (seed + i) % SEED_LIMIT;

/**
 * The gradient system of a network of widths `dims` with `points` data points, in the
 * weights, with parameters λ (one per weight, `lambda1[1,1]`, …), then X (`X[i,t]`, d_0 × M,
 * row-major) and Y (`Y[i,t]`, d_L × M).
 */
export function dataParametrizedSystem(dims: readonly number[], points: number): System {
  const weights = weightNames(dims);
  const n = weights.length;
  const last = dims.length - 1;
  const names = (matrix: string, rows: number): string[] =>
    Array.from({ length: rows * points }, (_, k) => `${matrix}[${Math.floor(k / points) + 1},${(k % points) + 1}]`);
  const parameters = [...weights.map((w) => `lambda${w.slice(1)}`), ...names('X', dims[0]!), ...names('Y', dims[last]!)];
  const nv = n + parameters.length;
  const variable = (k: number): Polynomial => Polynomial.variable(nv, k);
  const X = PolyMatrix.fromFunction(dims[0]!, points, (i, t) => variable(2 * n + i * points + t));
  const Y = PolyMatrix.fromFunction(dims[last]!, points, (i, t) => variable(2 * n + dims[0]! * points + i * points + t));
  let R = X;
  for (let k = 0; k < last; k++) R = PolyMatrix.fromFunction(dims[k + 1]!, dims[k]!, (i, j) => variable(weightIndex(dims, k, i, j))).mul(R);
  R = R.sub(Y);
  const data = R.hadamard(R).sum().scale(0.5);
  const equations = weights.map((_, k) => data.diff(k).add(variable(k).mul(variable(n + k))));
  return makeSystem(weights, equations, parameters);
}

/** The network's (λ, X, Y) as a parameter point of dataParametrizedSystem (imaginary parts 0). */
export function dataParameters(network: LinearNetwork): Float64Array {
  const values = [...network.lambda.flatMap((m) => m.flat()), ...network.X.flat(), ...network.Y.flat()];
  const p = new Float64Array(2 * values.length);
  values.forEach((v, k) => (p[2 * k] = v));
  return p;
}


/** A full parameter point restricted to a component: its weights' λ's, and all the data. */
function restrict(p: Float64Array, embedding: readonly number[], n: number): Float64Array {
  const data = p.subarray(2 * n);
  const out = new Float64Array(2 * embedding.length + data.length);
  embedding.forEach((k, i) => {
    out[2 * i] = p[2 * k]!;
    out[2 * i + 1] = p[2 * k + 1]!;
  });
  out.set(data, 2 * embedding.length);
  return out;
}

/** A path record of a component moved into the full network's variables, with a new index. */
function embedPath(r: PathResult, embedding: readonly number[], n: number, index: number): PathResult {
  return { ...r, index, start: embed(r.start, embedding, n), end: embed(r.end, embedding, n) };
}

/**
 * A start pair on a component: random complex W (no zero weight, almost surely), X and Y, and
 * the λ's that make W critical, λ_k = −g_k/w_k with g the data gradient.
 */
function componentStart(compiled: CompiledSystem, n: number, rng: Random): { x: Float64Array; p: Float64Array } {
  const x = new Float64Array(2 * n);
  const p = new Float64Array(2 * compiled.nparams);
  for (let k = 0; k < 2 * n; k += 2) [x[k], x[k + 1]] = rng.complexNormal();
  for (let k = 2 * n; k < p.length; k += 2) [p[k], p[k + 1]] = rng.complexNormal();
  const g = compiled.evaluate(new Float64Array(2 * n), x, p);
  for (let k = 0; k < 2 * n; k += 2) {
    const d = x[k]! * x[k]! + x[k + 1]! * x[k + 1]!;
    p[k] = -(g[k]! * x[k]! + g[k + 1]! * x[k + 1]!) / d;
    p[k + 1] = -(g[k + 1]! * x[k]! - g[k]! * x[k + 1]!) / d;
  }
  return { x, p };
}


interface ComponentRun {
  readonly component: MonodromyComponent;
  readonly embedding: readonly number[];
  /** One per instance, in order; empty when the component is. */
  readonly tracked: readonly TrackedInstance[];
  readonly pathsTracked: number;
}

async function runComponent(
  dims: readonly number[],
  points: number,
  alive: AliveNeurons,
  c: number,
  seed: number,
  targets: readonly Float64Array[],
  options: InstancesOptions['monodromy'] = {},
): Promise<ComponentRun> {
  const n = weightNames(dims).length;
  const key = aliveKey(dims, alive);
  const sub = aliveSubnetwork(dims, alive);
  const system = dataParametrizedSystem(sub.dims, points);
  const compiled = compileSystem(system);
  const start = componentStart(compiled, sub.embedding.length, new Random(seed, 100 + c));
  // A singular start: the component has no isolated points at generic parameters.
  if (!(new Refiner(fixParameters(compiled, start.p)).refine(new Float64Array(start.x)).condition < SINGULAR_CONDITION)) {
    return { component: { key, empty: 'singular at generic parameters: no isolated critical points' }, embedding: sub.embedding, tracked: [], pathsTracked: 0 };
  }
  const m = await monodromySolve(system, { maxStaleLoops: INSTANCE_STALE_LOOPS, ...options, seed: seed + c, startPair: start, symmetries: neuronSignFlips(sub.dims) });
  if (m.stoppedBy === 'aborted') return { component: { key, monodromy: m }, embedding: sub.embedding, tracked: [], pathsTracked: m.pathsTracked };
  const subTargets = targets.map((p) => restrict(p, sub.embedding, n));
  const tracked = await trackToParameters(system, m.parameters, m.solutions, subTargets, { seed: seed + c });
  const pathsTracked = m.pathsTracked + tracked.reduce((s, t) => s + t.paths.length + t.retracked.length, 0);
  return { component: { key, monodromy: m }, embedding: sub.embedding, tracked, pathsTracked };
}

/** The spread of the values; all zero for no values (an interrupted run). */
function spread(values: readonly number[]): Spread {
  const histogram: Record<number, number> = {};
  for (const v of values) histogram[v] = (histogram[v] ?? 0) + 1;
  if (values.length === 0) return { min: 0, mean: 0, max: 0, histogram };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { min: Math.min(...values), mean, max: Math.max(...values), histogram };
}

/** Instance i as a solve result: the paths of every component to it, grouped into points. */
async function instanceResult(
  network: LinearNetwork,
  networkSeed: number,
  seed: number,
  runs: readonly ComponentRun[],
  components: readonly MonodromyComponent[],
  i: number,
  target: CompiledSystem,
  classify?: ClassifyOptions,
): Promise<NetworkInstance> {
  const n = network.variables.length;
  const paths: PathResult[] = network.dims.length > 2 ? [zeroPoint(target)] : [];
  for (const r of runs) for (const p of r.tracked[i]?.paths ?? []) paths.push(embedPath(p, r.embedding, n, paths.length));
  const collected = await collectSolutions(paths, target, new Random(seed, 99));
  const seconds = runs.reduce((s, r) => s + (r.tracked[i]?.seconds ?? 0), 0);
  const solve: SolveResult = { seed, variables: network.variables, startSystem: 'monodromy', ...collected, paths, partial: false, seconds };
  const { points, summary } = classifyPoints(network, collected.solutions.map((s) => s.x), classify);
  const incomplete = [monodromyIncomplete(components), ...incompleteReasons(network, solve, false)];
  return { network, networkSeed, method: 'monodromy', solve, points, summary, complete: false, incomplete };
}

/** The checks an options object must pass; InputErrors that say what to change. */
function checkOptions(options: InstancesOptions): void {
  if (!Number.isSafeInteger(options.instances) || options.instances < 1) {
    throw new InputError(`the number of instances must be a positive integer, got ${options.instances}`);
  }
  // linearNetwork checks dims and points, with its messages.
  const probe = linearNetwork({ dims: options.dims, points: options.points ?? 1, seed: 0 });
  if (!probe.isolated) throw new InputError(`instances need isolated critical points: ${probe.warning}`);
}

/**
 * `instances` random networks of widths `dims` (data and generic λ's from consecutive seeds),
 * every critical point of each, classified: one monodromy solve per component at a random
 * complex point, tracked to every instance.
 */
export async function networkInstances(options: InstancesOptions): Promise<InstancesResult> {
  const began = performance.now();
  checkOptions(options);
  const seed = options.seed ?? randomSeed();
  const points = options.points ?? 1;
  const dims = [...options.dims];
  const networks = Array.from({ length: options.instances }, (_, i) => linearNetwork({ dims, points, seed: instanceSeed(seed, i) }));
  const targets = networks.map(dataParameters);
  const full = compileSystem(dataParametrizedSystem(dims, points));
  const hidden = dims.length > 2;
  const runs: ComponentRun[] = [];
  for (const [c, alive] of (hidden ? aliveChoices(dims) : [[]]).entries()) {
    if (options.monodromy?.signal?.aborted) break;
    runs.push(await runComponent(dims, points, alive, c, seed, targets, options.monodromy));
  }
  const partial = runs.some((r) => r.component.monodromy?.stoppedBy === 'aborted') || options.monodromy?.signal?.aborted === true;
  const components: MonodromyComponent[] = [...(hidden ? [{ key: aliveKey(dims, dims.slice(1, -1).map(() => [])) }] : []), ...runs.map((r) => r.component)];
  const sourceCount = (hidden ? 1 : 0) + runs.reduce((s, r) => s + (r.component.monodromy?.solutions.length ?? 0), 0);
  const instances: NetworkInstance[] = [];
  for (const [i, network] of (partial ? [] : networks).entries()) {
    const target = fixParameters(full, targets[i]!);
    instances.push(await instanceResult(network, instanceSeed(seed, i), seed, runs, components, i, target, options.classify));
  }
  const of = (f: (s: CriticalSummary) => number): Spread => spread(instances.map((t) => f(t.summary)));
  return {
    seed,
    dims,
    points,
    sourceCount,
    components,
    pathsTracked: runs.reduce((s, r) => s + r.pathsTracked, 0),
    instances,
    aggregate: { real: of((s) => s.real), minima: of((s) => s.minima), saddles: of((s) => s.saddles), complex: of((s) => s.complex) },
    partial,
    seconds: (performance.now() - began) / 1000,
  };
}

/** What the instances vary, in words for the JSON and the help. */
export const INSTANCES_VARY =
  "the data X, Y and the generic λ's: instance i is the network that `critsolve network --dims D --points M --seed s_i` solves, with s_i = seed + i − 1; " +
  'the gradient system takes λ, X and Y as parameters, solved once by monodromy at a random complex point and tracked to each instance';

/**
 * The JSON form (schema critsolve/instances@1): the source solve, one network result per
 * instance (schema critsolve/result@1's fields, with `instance` and `networkSeed`), and the
 * aggregate over the instances.
 */
export function instancesToJSON(r: InstancesResult): Record<string, unknown> {
  return {
    schema: 'critsolve/instances@1',
    seed: r.seed,
    method: 'monodromy',
    dims: r.dims,
    points: r.points,
    varies: INSTANCES_VARY,
    complete: false,
    incomplete: [monodromyIncomplete(r.components)],
    partial: r.partial,
    source: { solutions: r.sourceCount, ...monodromyToJSON(r.components, r.pathsTracked) },
    instances: r.instances.map((t, i) => ({ instance: i + 1, networkSeed: t.networkSeed, ...networkResultToJSON(t) })),
    aggregate: r.aggregate,
    seconds: r.seconds,
  };
}
