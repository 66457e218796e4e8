/**
 * A deep linear network's gradient system as parametric families, the shape every solver of
 * network/ works in. Equation k is ∂L_data/∂w_k + λ_k·w_k = 0, where L_data is the data term of
 * the loss. The λ's enter linearly, one per equation, so any point W with no zero weight is a
 * critical point for λ_k = −(∂L_data/∂w_k)(W)/w_k: a start pair for free.
 *
 * - the λ-family (parametrizeNetwork, lambdaFamily): the network's data fixed, the λ's free;
 * - the data family (dataParametrizedSystem, dataFamily): λ, X and Y all free, so that one
 *   solve serves many random instances, and a count can be cross-checked in data space. (The
 *   Gram matrices XXᵀ, YXᵀ would enter linearly, but a generic Gram matrix has full rank while
 *   M < d_0 points give a singular one, and the count at full rank is larger: 225 against 33
 *   for 2-2-2. With X itself as the parameter, a random complex X still has M columns.)
 */
import type { CompiledSystem } from '../compile/types.js';
import type { Random } from '../numeric/rng.js';
import { PolyMatrix } from '../poly/matrix.js';
import { Polynomial } from '../poly/polynomial.js';
import { makeSystem, type System } from '../poly/system.js';
import type { Family } from '../solve/crossCheck.js';
import { linearStartPair, type StartPair } from '../solve/startPair.js';
import { linearNetwork, weightIndex, weightNames, type LinearNetwork, type LinearNetworkOptions } from './model.js';

/** A component's network: the neurons kept per layer, its widths, and its weights' indices in the full network. */
export interface AliveSubnetwork {
  readonly kept: number[][];
  readonly dims: number[];
  readonly embedding: number[];
}

/**
 * How a network's critical points depend on parameters, for any subnetwork of on-neurons (the
 * component engine, network/components, solves one subnetwork at a time).
 */
export interface ComponentFamily {
  readonly dims: readonly number[];
  /** The gradient system of a subnetwork, in its weights, with the family's parameters. */
  system(sub: AliveSubnetwork): System;
  /** A parameter point of the whole network's family, restricted to a subnetwork's. */
  restrict(p: Float64Array, sub: AliveSubnetwork): Float64Array;
  /** A random start pair (x0, p0) of a subnetwork's system. */
  startPair(system: System, compiled: CompiledSystem, rng: Random): StartPair;
  /** What the parameters are called, in the reason a component is empty ("λ", "parameters"). */
  readonly parametersName: string;
}

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

/** The network's gradient system with its λ's as parameters, and its own λ's as a point. */
export function parametrizeNetwork(options: LinearNetworkOptions): ParametrizedNetwork {
  const network = linearNetwork(options);
  // The same data without regularization: its gradient is the data term alone.
  const data = linearNetwork({ ...options, X: network.X, Y: network.Y, regularization: { kind: 'none' } });
  const n = network.variables.length;
  const equations = data.system.equations.map((g, k) => g.extend(2 * n).add(Polynomial.variable(2 * n, k).mul(Polynomial.variable(2 * n, n + k))));
  const system = makeSystem(network.variables, equations, network.variables.map(parameterName));
  const parameters = new Float64Array(2 * n);
  network.lambda.flatMap((m) => m.flat()).forEach((v, k) => (parameters[2 * k] = v));
  return { network, system, parameters };
}

/** The λ's of a subnetwork's weights, from a point with one λ per weight of the whole network. */
function restrictWeights(p: Float64Array, embedding: readonly number[], rest: Float64Array = new Float64Array(0)): Float64Array {
  const out = new Float64Array(2 * embedding.length + rest.length);
  embedding.forEach((k, i) => {
    out[2 * i] = p[2 * k]!;
    out[2 * i + 1] = p[2 * k + 1]!;
  });
  out.set(rest, 2 * embedding.length);
  return out;
}

/** The network's λ-family: its data fixed, one λ per weight free (start pairs by linearStartPair). */
export function lambdaFamily(network: LinearNetwork): ComponentFamily {
  return {
    dims: network.dims,
    system: ({ kept, dims }) => {
      const lambda = network.lambda.map((m, k) => kept[k + 1]!.map((i) => kept[k]!.map((j) => m[i]![j]!)));
      return parametrizeNetwork({ dims, X: network.X, Y: network.Y, regularization: { kind: 'entrywise', lambda } }).system;
    },
    restrict: (p, sub) => restrictWeights(p, sub.embedding),
    startPair: linearStartPair,
    parametersName: 'λ',
  };
}

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
  const parameters = [...weights.map(parameterName), ...names('X', dims[0]!), ...names('Y', dims[last]!)];
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

/**
 * A start pair of the data family: random complex W (no zero weight, almost surely), X and Y,
 * and the λ's that make W critical, λ_k = −g_k/w_k with g the data gradient.
 */
function dataStartPair(system: System, compiled: CompiledSystem, rng: Random): StartPair {
  const n = system.variables.length;
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

/** The data family of networks of widths `dims` with `points` data points: λ, X and Y free. */
export function dataFamily(dims: readonly number[], points: number): ComponentFamily {
  const n = weightNames(dims).length;
  return {
    dims,
    system: (sub) => dataParametrizedSystem(sub.dims, points),
    restrict: (p, sub) => restrictWeights(p, sub.embedding, p.subarray(2 * n)),
    startPair: dataStartPair,
    parametersName: 'parameters',
  };
}

/**
 * The sign flips of the hidden neurons, one generator per neuron: negating the incoming and
 * the outgoing weights of a neuron changes neither W_L⋯W_1 nor any λ·w², so it maps critical
 * points to critical points, for every λ and all data.
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

/**
 * The family a network's count is cross-checked in (solve/crossCheck): the data family at the
 * network's own data, with the sign flips as symmetries. Zero patterns stay critical points for
 * all data, so loops reach every pattern of which one point was found.
 */
export function networkFamily(network: LinearNetwork): Family {
  return {
    system: dataParametrizedSystem(network.dims, network.X[0]?.length ?? 0),
    parameters: dataParameters(network),
    symmetries: neuronSignFlips(network.dims),
  };
}

/**
 * Coordinates that the sign flips fix, as polynomials in the weights: every w², and the
 * products w_{k+1}[i,j]·w_k[j,l] through each hidden neuron j (a flip of j negates both
 * factors). Together they tell the orbits apart: the trace test's coordinates.
 */
export function signInvariants(dims: readonly number[]): Polynomial[] {
  const n = weightNames(dims).length;
  const w = (k: number): Polynomial => Polynomial.variable(n, k);
  const out: Polynomial[] = [];
  for (let k = 0; k < n; k++) out.push(w(k).mul(w(k)));
  for (let k = 1; k < dims.length - 1; k++) {
    for (let j = 0; j < dims[k]!; j++) {
      for (let i = 0; i < dims[k + 1]!; i++) {
        for (let l = 0; l < dims[k - 1]!; l++) out.push(w(weightIndex(dims, k, i, j)).mul(w(weightIndex(dims, k - 1, j, l))));
      }
    }
  }
  return out;
}
