/**
 * The deep linear network's gradient system with the regularization weights λ as declared
 * parameters, and networkMonodromy: every complex critical point by monodromy.
 *
 * Equation k is ∂L_data/∂w_k + λ_k·w_k = 0, where L_data is the data term of the loss. The
 * λ's enter linearly, one per equation, so any point W with no zero weight is a critical point
 * for λ_k = −(∂L_data/∂w_k)(W)/w_k: a start pair for free (linearStartPair finds exactly this).
 *
 * But the critical points do not form one family. A hidden neuron whose incoming and outgoing
 * weights all vanish ("off") leaves the data gradient of those weights zero whatever their λ,
 * so for each choice of the neurons that stay on there is a separate component of solutions:
 * the critical points with no zero weight of the smaller network made of those neurons. (For
 * generic λ no other zero pattern occurs: a zero weight with a data gradient that does not
 * vanish identically costs one more equation than it frees.) Monodromy cannot leave a
 * component, so each is solved by itself, on its own smaller network, at its own random
 * complex λ, and tracked to the network's real λ's; W = 0 (every neuron off) is a critical
 * point for every λ.
 */
import { fixParameters } from '../compile/fixed.js';
import { compileSystem } from '../compile/compile.js';
import type { CompiledSystem } from '../compile/types.js';
import { Polynomial } from '../poly/polynomial.js';
import { makeSystem, type System } from '../poly/system.js';
import { Random } from '../numeric/rng.js';
import { collectSolutions, type Collected } from '../solve/collect.js';
import { monodromySolve, SharedLoopPool, type MonodromyOptions, type MonodromyResult } from '../solve/monodromy.js';
import { availableParallelism } from 'node:os';
import { linearStartPair } from '../solve/startPair.js';
import { randomSeed } from '../numeric/rng.js';
import { trackToParameters } from '../solve/trackParameters.js';
import type { PathResult } from '../track/pathResult.js';
import { Refiner } from '../track/refine.js';
import { SINGULAR_CONDITION } from '../track/tracker.js';
import { linearNetwork, weightIndex, type LinearNetwork, type LinearNetworkOptions } from './model.js';

export interface ParametrizedNetwork {
  /** The network itself, with its actual λ's. */
  readonly network: LinearNetwork;
  /** The gradient system in the weights, with parameters `lambda1[1,1]`, … (same order as the weights). */
  readonly system: System;
  /** The network's λ's as a parameter point (interleaved, imaginary parts zero). */
  readonly parameters: Float64Array;
}

/** Parameter names: `lambda1[1,1]` is the λ of `W1[1,1]`. */
const parameterName = (weight: string): string => `lambda${weight.slice(1)}`;

export function parametrizeNetwork(options: LinearNetworkOptions): ParametrizedNetwork {
  const network = linearNetwork(options);
  // The same data without regularization: its gradient is the data term alone.
  const data = linearNetwork({ ...options, X: network.X, Y: network.Y, regularization: { kind: 'none' } });
  const n = network.variables.length;
  const equations = data.system.equations.map((g, k) =>
    g.extend(2 * n).add(Polynomial.variable(2 * n, k).mul(Polynomial.variable(2 * n, n + k))),
  );
  const system = makeSystem(network.variables, equations, network.variables.map(parameterName));
  const parameters = new Float64Array(2 * n);
  network.lambda.flatMap((m) => m.flat()).forEach((v, k) => (parameters[2 * k] = v));
  return { network, system, parameters };
}

/**
 * The sign flips of the hidden neurons, one generator per neuron: negating the incoming and
 * the outgoing weights of a neuron changes neither W_L⋯W_1 nor any λ·w², so it maps critical
 * points to critical points, for every λ.
 */
export function neuronSignFlips(dims: readonly number[]): ((x: Float64Array) => Float64Array)[] {
  const flips: ((x: Float64Array) => Float64Array)[] = [];
  for (let k = 1; k < dims.length - 1; k++) {
    for (let j = 0; j < dims[k]!; j++) {
      const weights = [
        ...Array.from({ length: dims[k - 1]! }, (_, c) => weightIndex(dims, k - 1, j, c)),
        ...Array.from({ length: dims[k + 1]! }, (_, r) => weightIndex(dims, k, r, j)),
      ];
      flips.push((x) => {
        const y = new Float64Array(x);
        for (const w of weights) {
          y[2 * w] = -y[2 * w]!;
          y[2 * w + 1] = -y[2 * w + 1]!;
        }
        return y;
      });
    }
  }
  return flips;
}

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

/** A component's network: the neurons kept per layer, its widths, and its weights' indices in the full network. */
export interface AliveSubnetwork {
  readonly kept: number[][];
  readonly dims: number[];
  readonly embedding: number[];
}

/** Every input and output neuron, and the on-neurons of the hidden layers. */
export function aliveSubnetwork(dims: readonly number[], alive: AliveNeurons): AliveSubnetwork {
  const L = dims.length - 1;
  const kept = dims.map((d, k) => (k === 0 || k === L ? Array.from({ length: d }, (_, j) => j) : [...alive[k - 1]!]));
  const embedding: number[] = [];
  for (let k = 0; k < L; k++) for (const i of kept[k + 1]!) for (const j of kept[k]!) embedding.push(weightIndex(dims, k, i, j));
  return { kept, dims: kept.map((neurons) => neurons.length), embedding };
}

/** The smaller network of the on-neurons, with the network's data and λ's. */
function subnetwork(network: LinearNetwork, alive: AliveNeurons): { options: LinearNetworkOptions; embedding: number[] } {
  const { kept, dims, embedding } = aliveSubnetwork(network.dims, alive);
  const lambda = network.lambda.map((m, k) => kept[k + 1]!.map((i) => kept[k]!.map((j) => m[i]![j]!)));
  return { options: { dims, X: network.X, Y: network.Y, regularization: { kind: 'entrywise', lambda } }, embedding };
}

/**
 * Default stale loops per component. Most components hold a handful of orbits of the sign
 * flips, so a loop sends few solutions around and is cheap, but a stale one is weak evidence:
 * on the 1-1-1-1 components of dln_1-2-2-1 (60 seeds) 5 stale loops stopped short in about
 * one run in ten; with 20, 8 seeds of 8 found all 129 critical points.
 */
const COMPONENT_STALE_LOOPS = 20;

export interface NetworkComponent {
  /** Pattern key, as classify's zeroPattern key (`10|11`); `0…0` for W = 0. */
  readonly key: string;
  /** The monodromy solve on the component's network (absent for W = 0, or an empty component). */
  readonly monodromy?: MonodromyResult;
  /** Why the component has no solutions at generic λ, when it has none. */
  readonly empty?: string;
  /** Distinct regular critical points of the network in this component. */
  readonly regular: number;
}

export interface NetworkMonodromyResult extends Collected {
  readonly seed: number;
  readonly network: LinearNetwork;
  /** The full gradient system with the λ's as parameters. */
  readonly system: System;
  readonly components: NetworkComponent[];
  /** Paths tracked in all monodromy loops and parameter homotopies. */
  readonly pathsTracked: number;
  /** One record per tracked solution, in the full network's variables. */
  readonly paths: PathResult[];
  readonly seconds: number;
}

/** Moves a point (or path record) of a component's network into the full network's variables. */
export function embed(x: Float64Array, embedding: readonly number[], n: number): Float64Array {
  const out = new Float64Array(2 * n);
  embedding.forEach((k, i) => {
    out[2 * k] = x[2 * i]!;
    out[2 * k + 1] = x[2 * i + 1]!;
  });
  return out;
}

/**
 * Every complex critical point of the network: for each component (a choice of on-neurons),
 * monodromy at a random complex λ on the component's network, then one parameter homotopy to
 * the network's real λ's. A `targetCount` is the count for the whole network: the components
 * are solved smallest first, and the last, all-on one stops when the total is reached.
 */
export async function networkMonodromy(options: LinearNetworkOptions, monodromy: MonodromyOptions = {}): Promise<NetworkMonodromyResult> {
  const began = performance.now();
  const seed = monodromy.seed ?? randomSeed();
  const full = parametrizeNetwork(options);
  const { network } = full;
  const n = network.variables.length;
  const target = fixParameters(compileSystem(full.system), full.parameters);
  const components: NetworkComponent[] = [];
  const paths: PathResult[] = [];
  let pathsTracked = 0;
  const hidden = network.dims.length > 2;
  if (hidden) {
    paths.push(zeroPoint(target));
    components.push({ key: aliveKey(network.dims, network.dims.slice(1, -1).map(() => [])), regular: paths[0]!.code === 'success' ? 1 : 0 });
  }
  const choices = hidden ? aliveChoices(network.dims) : [[]];
  // One pool for every component's loops: started once, not once per component.
  const workers = monodromy.workers ?? availableParallelism();
  const shared = monodromy.pool ?? (workers > 1 ? new SharedLoopPool(workers, monodromy.poolAfterSeconds) : undefined);
  try {
    for (const [c, alive] of choices.entries()) {
      const key = aliveKey(network.dims, alive);
      const { options: subOptions, embedding } = subnetwork(network, alive);
      const sub = parametrizeNetwork(subOptions);
      const rng = new Random(seed, 100 + c);
      const compiled = compileSystem(sub.system);
      const start = linearStartPair(sub.system, compiled, rng);
      // A singular start means the component's critical points have no isolated member at
      // generic λ (its λ's form a proper subvariety), so it contributes nothing.
      const check = new Refiner(fixParameters(compiled, start.p)).refine(new Float64Array(start.x));
      if (!(check.condition < SINGULAR_CONDITION)) {
        components.push({ key, regular: 0, empty: 'singular at generic λ: no isolated critical points' });
        continue;
      }
      const last = c === choices.length - 1;
      const found = countSoFar(paths);
      const count = last && monodromy.targetCount !== undefined ? Math.max(1, monodromy.targetCount - found) : undefined;
      const { targetCount: _, ...rest } = monodromy;
      const m = await monodromySolve(sub.system, {
        maxStaleLoops: COMPONENT_STALE_LOOPS,
        ...rest,
        ...(shared ? { pool: shared } : {}),
        seed: seed + c,
        startPair: start,
        symmetries: neuronSignFlips(subOptions.dims),
        ...(count === undefined ? {} : { targetCount: count }),
      });
      const [instance] = await trackToParameters(sub.system, m.parameters, m.solutions, [sub.parameters], { seed: seed + c });
      pathsTracked += m.pathsTracked + instance!.paths.length + instance!.retracked.length;
      const offset = paths.length;
      for (const r of instance!.paths) paths.push({ ...r, index: offset + r.index, start: embed(r.start, embedding, n), end: embed(r.end, embedding, n) });
      components.push({ key, monodromy: m, regular: instance!.counts.regular });
    }
  } finally {
    if (shared && shared !== monodromy.pool) await shared.close();
  }
  const collected = await collectSolutions(paths, target, new Random(seed, 99));
  return { seed, network, system: full.system, components, pathsTracked, paths, ...collected, seconds: (performance.now() - began) / 1000 };
}

function countSoFar(paths: readonly PathResult[]): number {
  return paths.filter((p) => p.code === 'success').length;
}

/** W = 0, a critical point for every λ when there is a hidden layer, as a path record. */
export function zeroPoint(target: CompiledSystem): PathResult {
  const x = new Float64Array(2 * target.nvars);
  const m = new Refiner(target).measure(x);
  return {
    index: 0,
    code: m.condition < SINGULAR_CONDITION ? 'success' : 'singular',
    reason: 'W = 0 is a critical point for every λ',
    start: x,
    end: new Float64Array(x),
    t: 1,
    acceptedSteps: 0,
    rejectedSteps: 0,
    residual: m.residual,
    condition: m.condition,
    windingNumber: 1,
    preset: 'none',
  };
}
