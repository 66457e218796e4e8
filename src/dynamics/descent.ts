/**
 * Gradient descent from a small random initialization (Saxe et al.; Gidel–Bach–Lacoste-Julien):
 * the loss curve, its plateaus, and each plateau matched to the critical point it passes near.
 * Matching uses the end-to-end product W_L⋯W_1 and the loss, not the weights, which drift
 * along the symmetries' soft directions.
 */
import { InputError } from '../errors.js';
import { compileSystem } from '../compile/compile.js';
import type { NetworkResult } from '../network/solveNetwork.js';
import { lossAt, type LinearNetwork } from '../network/model.js';
import { landmarksOf, type Landmark } from './landmarks.js';
import { product, singularValues } from './product.js';
import { halfLearningTimes, initialWeights, type HalfLearning, type Initialization } from './saxe.js';

export { product, singularValues };

export interface DescentOptions {
  /** Step η (default 0.05). */
  readonly step?: number;
  readonly iterations?: number;
  /** Scale ε of the initialization: every weight ε·N(0, 1) (default 1e-4). */
  readonly scale?: number;
  readonly seed?: number;
  /** Stop once ‖∇L‖ is below this (default 1e-10). */
  readonly gradientTolerance?: number;
  /** A plateau: at least this many slow iterations in a row (default 20). */
  readonly plateauLength?: number;
  /** Keep every k-th iterate in the curve (default 1). */
  readonly every?: number;
  /** `random` (default) or `decoupled`: the layers in the singular bases of YXᵀ (Saxe; see saxe.ts). */
  readonly init?: Initialization;
}

export interface Plateau {
  readonly from: number;
  readonly to: number;
  /** The iterate of least gradient inside the plateau: its iteration, loss and product. */
  readonly at: number;
  readonly loss: number;
  readonly singularValues: readonly number[];
  /**
   * The real critical point or component matched, when they were given: `point` indexes the
   * solutions (kind `point`) or the components (kind `component`) of the result.
   */
  readonly match?: {
    readonly kind: Landmark['kind'];
    readonly point: number;
    readonly loss: number;
    readonly index?: number;
    readonly rank: number;
    readonly pattern: string;
    readonly distance: number;
  };
}

export interface DescentResult {
  readonly schema: 'critsolve/descent@1';
  readonly dims: readonly number[];
  readonly step: number;
  readonly scale: number;
  readonly seed: number;
  readonly init: Initialization;
  readonly iterations: number;
  readonly converged: boolean;
  /** [iteration, loss, ‖∇L‖, singular values of the product…] every `every` iterations. */
  readonly curve: readonly (readonly number[])[];
  readonly plateaus: readonly Plateau[];
  /** With the decoupled initialization: each mode's time to half its strength (iteration·η), against Saxe's law. */
  readonly halfLearning?: HalfLearning;
  readonly final: { readonly loss: number; readonly gradient: number; readonly weights: readonly number[] };
}

/** What descent and flow are matched to: a solve, or landmarks already read (e.g. from a result file). */
export type Critical = NetworkResult | readonly Landmark[];

function landmarks(critical: Critical | undefined): readonly Landmark[] {
  if (critical === undefined) return [];
  return Array.isArray(critical) ? (critical as readonly Landmark[]) : landmarksOf(critical as NetworkResult);
}

export function gradientDescent(network: LinearNetwork, options: DescentOptions = {}, critical?: Critical): DescentResult {
  const step = options.step ?? 0.05;
  const iterations = options.iterations ?? 20_000;
  const scale = options.scale ?? 1e-4;
  const seed = options.seed ?? 1;
  const every = options.every ?? 1;
  const gtol = options.gradientTolerance ?? 1e-10;
  const plateauLength = options.plateauLength ?? 20;
  const init = options.init ?? 'random';
  if (!(step > 0) || !(scale > 0)) throw new InputError(`descent needs a positive step and scale, got step ${step} and scale ${scale}`);
  if (!Number.isInteger(iterations) || iterations < 1) throw new InputError(`descent needs a positive whole number of iterations, got ${iterations}`);
  const n = network.variables.length;
  const gradient = compileSystem(network.system);
  const start = initialWeights(network, scale, seed, init);
  const x = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) x[2 * k] = start[k]!;
  const g = new Float64Array(2 * n);
  const curve: number[][] = [];
  const trace: { loss: number; grad: number; sv: number[] }[] = [];
  let converged = false;
  let it = 0;
  for (; it <= iterations; it++) {
    gradient.evaluate(g, x);
    let norm = 0;
    for (let k = 0; k < n; k++) norm += g[2 * k]! ** 2;
    norm = Math.sqrt(norm);
    const loss = lossAt(network, x)[0];
    const sv = singularValues(product(network.dims, x, 2));
    trace.push({ loss, grad: norm, sv });
    if (it % every === 0) curve.push([it, loss, norm, ...sv]);
    if (!Number.isFinite(loss)) throw new InputError(`gradient descent diverged at iteration ${it} (loss ${loss}): take a smaller step than ${step}`);
    if (norm < gtol) {
      converged = true;
      break;
    }
    if (it === iterations) break;
    for (let k = 0; k < n; k++) x[2 * k] -= step * g[2 * k]!;
  }
  if (curve.at(-1)?.[0] !== it) curve.push([it, trace.at(-1)!.loss, trace.at(-1)!.grad, ...trace.at(-1)!.sv]);

  const plateaus = findPlateaus(
    trace.map((t, i) => ({ ...t, time: i })),
    plateauLength,
    landmarks(critical),
    1,
  );
  return {
    schema: 'critsolve/descent@1',
    dims: network.dims,
    step,
    scale,
    seed,
    init,
    iterations: it,
    converged,
    curve,
    plateaus,
    ...(init === 'decoupled'
      ? {
          halfLearning: halfLearningTimes(
            network,
            scale,
            trace.map((t, i) => ({ time: i * step, sv: t.sv })),
          ),
        }
      : {}),
    final: { loss: trace.at(-1)!.loss, gradient: trace.at(-1)!.grad, weights: Array.from({ length: n }, (_, j) => x[2 * j]!) },
  };
}

interface Sample {
  readonly time: number;
  readonly loss: number;
  readonly grad: number;
  readonly sv: number[];
}

/**
 * Plateaus of a trajectory sampled at increasing times: maximal runs of slow samples (loss
 * falling at under 5 % of the trajectory's fastest rate per unit time), lasting at least
 * `minDuration` (plus `unit`: 1 for iterations, which count themselves); the final run, where the trajectory settles, is one too. Each is read at its
 * sample of least gradient and matched to the nearest real critical point by the loss and the
 * product's singular values, both invariant under the network's symmetries (weights are not).
 * `from`, `to` and `at` are sample indices.
 */
function findPlateaus(trace: readonly Sample[], minDuration: number, points: readonly Landmark[], unit: number): Plateau[] {
  const plateaus: Plateau[] = [];
  const rate = trace.map((t, i) => (i + 1 < trace.length ? (t.loss - trace[i + 1]!.loss) / (trace[i + 1]!.time - t.time) : 0));
  const fastest = Math.max(...rate);
  const slow = (i: number): boolean => rate[i]! <= 0.05 * fastest;
  let k = 0;
  while (k < trace.length) {
    if (!slow(k)) {
      k++;
      continue;
    }
    let end = k;
    while (end + 1 < trace.length && slow(end + 1)) end++;
    if (trace[end]!.time - trace[k]!.time + unit >= minDuration || end === trace.length - 1) {
      let at = k;
      for (let j = k; j <= end; j++) if (trace[j]!.grad < trace[at]!.grad) at = j;
      const t = trace[at]!;
      let match: Plateau['match'];
      if (points.length > 0) {
        let best: { p: Landmark; d: number } | undefined;
        for (const p of points) {
          const d = Math.abs(p.loss - t.loss) + Math.sqrt(p.singularValues.reduce((s, v, j) => s + (v - (t.sv[j] ?? 0)) ** 2, 0));
          if (!best || d < best.d) best = { p, d };
        }
        const p = best!.p;
        match = {
          kind: p.kind,
          point: p.id,
          loss: p.loss,
          ...(p.index === undefined ? {} : { index: p.index }),
          rank: p.rank,
          pattern: p.pattern,
          distance: best!.d,
        };
      }
      plateaus.push({ from: k, to: end, at, loss: t.loss, singularValues: t.sv, ...(match ? { match } : {}) });
    }
    k = end + 1;
  }
  return plateaus;
}

export interface FlowOptions {
  /** Scale ε of the initialization and its seed, as for descent (the same draw). */
  readonly scale?: number;
  readonly seed?: number;
  /**
   * Integrate up to this time (default 2000), stopping early once ‖∇L‖ < gradientTolerance
   * (default 1e-7: near a minimum the explicit steps grow to their stability limit, where the
   * step control holds ‖∇L‖ near the local error tolerance instead of driving it to 0).
   */
  readonly time?: number;
  readonly gradientTolerance?: number;
  /** Local error tolerance per step, relative to 1 + |w| (default 1e-8). */
  readonly tolerance?: number;
  /** A plateau lasts at least this long (default 1). */
  readonly plateauDuration?: number;
  /** As for descent. */
  readonly init?: Initialization;
}

export interface FlowResult {
  readonly schema: 'critsolve/flow@1';
  readonly dims: readonly number[];
  readonly scale: number;
  readonly seed: number;
  readonly init: Initialization;
  readonly steps: number;
  readonly rejected: number;
  readonly time: number;
  readonly converged: boolean;
  /** [time, loss, ‖∇L‖, singular values of the product…] at every accepted step. */
  readonly curve: readonly (readonly number[])[];
  /** from, to and at index the curve. */
  readonly plateaus: readonly Plateau[];
  /** With the decoupled initialization: each mode's time to half its strength (iteration·η), against Saxe's law. */
  readonly halfLearning?: HalfLearning;
  readonly final: { readonly loss: number; readonly gradient: number; readonly weights: readonly number[] };
}

/**
 * Gradient flow dw/dt = −∇L(w) by the Dormand–Prince 5(4) pair with adaptive steps, from the
 * same initialization as gradientDescent with the same scale and seed.
 */
export function gradientFlow(network: LinearNetwork, options: FlowOptions = {}, critical?: Critical): FlowResult {
  const scale = options.scale ?? 1e-4;
  const seed = options.seed ?? 1;
  const horizon = options.time ?? 2000;
  const gtol = options.gradientTolerance ?? 1e-7;
  const tol = options.tolerance ?? 1e-8;
  if (!(scale > 0) || !(horizon > 0) || !(tol > 0))
    throw new InputError(`gradient flow needs a positive scale, time and tolerance, got ${scale}, ${horizon} and ${tol}`);
  const n = network.variables.length;
  const compiled = compileSystem(network.system);
  const init = options.init ?? 'random';
  // The field −∇L(w) into `out`, through one complex buffer pair: no allocation per stage.
  const z = new Float64Array(2 * n);
  const buf = new Float64Array(2 * n);
  const field = (w: Float64Array, out: Float64Array): Float64Array => {
    for (let k = 0; k < n; k++) z[2 * k] = w[k]!;
    compiled.evaluate(buf, z);
    for (let k = 0; k < n; k++) out[k] = -buf[2 * k]!;
    return out;
  };
  let w = initialWeights(network, scale, seed, init);
  const sample = (t: number, v: Float64Array, f: Float64Array): number[] => {
    for (let k = 0; k < n; k++) z[2 * k] = v[k]!;
    return [t, lossAt(network, z)[0], Math.hypot(...f), ...singularValues(product(network.dims, v))];
  };
  // Dormand–Prince coefficients.
  const A = [
    [],
    [1 / 5],
    [3 / 40, 9 / 40],
    [44 / 45, -56 / 15, 32 / 9],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
    [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
  ];
  const E = [71 / 57600, 0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40];
  let t = 0;
  let h = 1e-2;
  // Stages K[0..6] (K[0] the field at w, K[6] at the new point: first same as last), the
  // stage point and the candidate, allocated once.
  const K = Array.from({ length: 7 }, () => new Float64Array(n));
  const y = new Float64Array(n);
  let next = new Float64Array(n);
  let f0 = field(w, K[0]!);
  const curve: number[][] = [sample(0, w, f0)];
  let steps = 0;
  let rejected = 0;
  let converged = Math.hypot(...f0) < gtol;
  while (!converged && t < horizon) {
    h = Math.min(h, horizon - t);
    for (let s = 1; s < 7; s++) {
      for (let k = 0; k < n; k++) {
        let acc = 0;
        for (let j = 0; j < s; j++) acc += A[s]![j]! * K[j]![k]!;
        (s === 6 ? next : y)[k] = w[k]! + h * acc;
      }
      field(s === 6 ? next : y, K[s]!);
    }
    let err = 0;
    for (let k = 0; k < n; k++) err = Math.max(err, Math.abs(h * E.reduce((acc, e, j) => acc + e * K[j]![k]!, 0)) / (1 + Math.abs(next[k]!)));
    if (!Number.isFinite(err)) throw new InputError('gradient flow diverged: the loss is not bounded below along this trajectory');
    if (err <= tol) {
      t += h;
      [w, next] = [next, w];
      [K[0], K[6]] = [K[6]!, K[0]!];
      f0 = K[0]!;
      steps++;
      curve.push(sample(t, w, f0));
      converged = curve.at(-1)![2]! < gtol;
    } else rejected++;
    h *= Math.min(5, Math.max(0.2, 0.9 * (tol / Math.max(err, 1e-300)) ** 0.2));
  }
  const trace = curve.map((c) => ({ time: c[0]!, loss: c[1]!, grad: c[2]!, sv: c.slice(3) }));
  return {
    schema: 'critsolve/flow@1',
    dims: network.dims,
    scale,
    seed,
    init,
    steps,
    rejected,
    time: t,
    converged,
    curve,
    plateaus: findPlateaus(trace, options.plateauDuration ?? 1, landmarks(critical), 0),
    ...(init === 'decoupled' ? { halfLearning: halfLearningTimes(network, scale, trace) } : {}),
    final: { loss: curve.at(-1)![1]!, gradient: curve.at(-1)![2]!, weights: Array.from(w) },
  };
}
