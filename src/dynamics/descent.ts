/**
 * Gradient descent from a small random initialization (Saxe et al.; Gidel–Bach–Lacoste-Julien):
 * the loss curve, its plateaus, and each plateau matched to the critical point it passes near.
 * Matching uses the end-to-end product W_L⋯W_1 and the loss, not the weights, which drift
 * along the symmetries' soft directions.
 */
import { InputError } from '../errors.js';
import { compileSystem } from '../compile/compile.js';
import { Random } from '../numeric/rng.js';
import type { NetworkResult } from '../network/solveNetwork.js';
import { lossAt, type LinearNetwork } from '../network/model.js';

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
}

export interface Plateau {
  readonly from: number;
  readonly to: number;
  /** The iterate of least gradient inside the plateau: its iteration, loss and product. */
  readonly at: number;
  readonly loss: number;
  readonly singularValues: readonly number[];
  /** The real critical point matched, when critical points were given. */
  readonly match?: { readonly point: number; readonly loss: number; readonly index?: number; readonly rank: number; readonly pattern: string; readonly distance: number };
}

export interface DescentResult {
  readonly schema: 'critsolve/descent@1';
  readonly dims: readonly number[];
  readonly step: number;
  readonly scale: number;
  readonly seed: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** [iteration, loss, ‖∇L‖, singular values of the product…] every `every` iterations. */
  readonly curve: readonly (readonly number[])[];
  readonly plateaus: readonly Plateau[];
  readonly final: { readonly loss: number; readonly gradient: number; readonly weights: readonly number[] };
}

/** The product W_L⋯W_1 of real weights (row-major per layer, as weightNames). */
export function product(dims: readonly number[], w: ArrayLike<number>, stride = 1): number[][] {
  let offset = 0;
  let P: number[][] | undefined;
  for (let l = 1; l < dims.length; l++) {
    const rows = dims[l]!;
    const cols = dims[l - 1]!;
    const W = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => w[stride * (offset + i * cols + j)]!));
    offset += rows * cols;
    P = P === undefined ? W : W.map((wr) => P![0]!.map((_, j) => wr.reduce((s, v, k) => s + v * P![k]![j]!, 0)));
  }
  return P!;
}

/** Singular values of a small real matrix, descending (eigenvalues of PᵀP by Jacobi). */
export function singularValues(P: readonly (readonly number[])[]): number[] {
  const n = P[0]!.length;
  const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => P.reduce((s, row) => s + row[i]! * row[j]!, 0)));
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p]![q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(A[p]![q]!) < 1e-300) continue;
        const theta = (A[q]![q]! - A[p]![p]!) / (2 * A[p]![q]!);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k]![p]!;
          const akq = A[k]![q]!;
          A[k]![p] = c * akp - s * akq;
          A[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p]![k]!;
          const aqk = A[q]![k]!;
          A[p]![k] = c * apk - s * aqk;
          A[q]![k] = s * apk + c * aqk;
        }
      }
  }
  return A.map((row, i) => Math.sqrt(Math.max(0, row[i]!))).sort((a, b) => b - a);
}

export function gradientDescent(network: LinearNetwork, options: DescentOptions = {}, critical?: NetworkResult): DescentResult {
  const step = options.step ?? 0.05;
  const iterations = options.iterations ?? 20_000;
  const scale = options.scale ?? 1e-4;
  const seed = options.seed ?? 1;
  const every = options.every ?? 1;
  const gtol = options.gradientTolerance ?? 1e-10;
  const plateauLength = options.plateauLength ?? 20;
  if (!(step > 0) || !(scale > 0)) throw new InputError(`descent needs a positive step and scale, got step ${step} and scale ${scale}`);
  if (!Number.isInteger(iterations) || iterations < 1) throw new InputError(`descent needs a positive whole number of iterations, got ${iterations}`);
  const n = network.variables.length;
  const gradient = compileSystem(network.system);
  const rng = new Random(seed, 0);
  const x = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) x[2 * k] = scale * rng.normal();
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

  // Plateaus: maximal runs of slow iterates (loss decrease per step below 5 % of the fastest
  // decrease of the run), at least plateauLength long; the final run, where the descent
  // settles, is one too. Each is read at its iterate of least gradient.
  const plateaus: Plateau[] = [];
  const points = critical ? critical.points.map((c, i) => ({ c, i, sv: singularValues(product(network.dims, critical.solve.solutions[i]!.x, 2)) })).filter((p) => p.c.real) : [];
  const rate = trace.map((t, i) => (i + 1 < trace.length ? t.loss - trace[i + 1]!.loss : 0));
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
    if (end - k + 1 >= plateauLength || end === trace.length - 1) {
      let at = k;
      for (let j = k; j <= end; j++) if (trace[j]!.grad < trace[at]!.grad) at = j;
      const t = trace[at]!;
      let match: Plateau['match'];
      if (points.length > 0) {
        // Distance: the loss difference plus that of the product's singular values, both
        // invariant under the network's symmetries (the weights themselves are not).
        let best: { p: (typeof points)[number]; d: number } | undefined;
        for (const p of points) {
          const d = Math.abs(p.c.loss[0] - t.loss) + Math.sqrt(p.sv.reduce((s, v, j) => s + (v - (t.sv[j] ?? 0)) ** 2, 0));
          if (!best || d < best.d) best = { p, d };
        }
        match = { point: best!.p.i, loss: best!.p.c.loss[0], ...(best!.p.c.index === undefined ? {} : { index: best!.p.c.index }), rank: best!.p.c.rank, pattern: best!.p.c.zeroPattern.key, distance: best!.d };
      }
      plateaus.push({ from: k, to: end, at, loss: t.loss, singularValues: t.sv, ...(match ? { match } : {}) });
    }
    k = end + 1;
  }
  return {
    schema: 'critsolve/descent@1',
    dims: network.dims,
    step,
    scale,
    seed,
    iterations: it,
    converged,
    curve,
    plateaus,
    final: { loss: trace.at(-1)!.loss, gradient: trace.at(-1)!.grad, weights: Array.from({ length: n }, (_, j) => x[2 * j]!) },
  };
}
