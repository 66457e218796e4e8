/**
 * The critical-point diagram against the regularization strength (Taghvaei–Kim–Mehta): λ =
 * t·Λ₀ for t on a log grid. One complete solve at the grid's first t; every other t, and every
 * bisection step, is reached by a parameter homotopy from that solve (never solved again), so
 * branch i is the continuation of source point i. Events between grid points (the real count
 * changes: a fold, where a real pair turns complex, or a pitchfork, where a branch that stays
 * real changes its Morse index; or the global minimum changes hands) are located by bisection.
 *
 * Uniform weight decay (Λ₀ all ones) has isolated critical points only when every hidden
 * layer has width 1; wider layers need a generic Λ₀ (the spec's or a seeded one).
 */
import { InputError } from '../errors.js';
import { classifyPoints, type CriticalPointClass } from '../network/classify.js';
import { parametrizeNetwork } from '../network/families.js';
import { linearNetwork, type LinearNetwork, type LinearNetworkOptions, type Matrix } from '../network/model.js';
import { solveNetwork } from '../network/solveNetwork.js';
import { trackToParameters } from '../solve/trackParameters.js';
import { product } from './product.js';

export interface DiagramOptions {
  /** The network's widths and data; its regularization is replaced by t·Λ₀. */
  readonly network: LinearNetworkOptions;
  /** Λ₀ per weight matrix; default all ones (uniform weight decay λ = t). */
  readonly lambda0?: readonly Matrix[];
  readonly tMin: number;
  readonly tMax: number;
  /** Grid points, log-spaced from tMin to tMax (default 25). */
  readonly steps?: number;
  /** Bisection stops when the bracket is narrower than this, relative to t (default 1e-8). */
  readonly tolerance?: number;
  readonly seed?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface BranchPoint {
  readonly real: boolean;
  readonly loss: number;
  readonly index?: number;
  readonly degenerate: boolean;
  readonly pattern: string;
  readonly rank: number;
  /** ‖W_L⋯W_1‖ (Frobenius) at a real point. */
  readonly productNorm?: number;
}

export interface DiagramSlice {
  readonly t: number;
  /** One entry per branch (source point), in branch order. */
  readonly branches: readonly BranchPoint[];
  readonly real: number;
  /**
   * The global minimum among the real points: its loss, the product norm of one minimizer,
   * and every branch attaining it (sign-symmetric minimizers share the loss).
   */
  readonly globalMinimum: { readonly branch: number; readonly branches: readonly number[]; readonly loss: number; readonly productNorm: number };
  /** The origin's type: a strict local minimum, a saddle (with its index), or degenerate. */
  readonly origin: 'strict local minimum' | 'saddle' | 'degenerate';
}

export interface DiagramEvent {
  readonly kind: 'fold' | 'pitchfork' | 'global minimum changes';
  /** Located to the tolerance: the bracket's midpoint, and the bracket. */
  readonly t: number;
  readonly bracket: readonly [number, number];
  /** Real points just below and just above t. */
  readonly realBelow: number;
  readonly realAbove: number;
  /** Branches involved: those that turn real/complex, or the old and new minimizers. */
  readonly branches: readonly number[];
  /**
   * For a change of the global minimum: how far the minimizer's product norm jumps across the
   * bracket. Large for a first-order transition (two or more hidden layers under weight decay),
   * near 0 where the minimizer moves continuously into the point that takes over (a pitchfork).
   */
  readonly normJump?: number;
}

export interface DiagramResult {
  readonly schema: 'critsolve/diagram@1';
  readonly dims: readonly number[];
  readonly lambda0: readonly Matrix[];
  readonly seed: number;
  /** Critical points of the complete solve every slice is tracked from. */
  readonly points: number;
  readonly slices: readonly DiagramSlice[];
  readonly events: readonly DiagramEvent[];
  /** Paths that failed or went to infinity over all homotopies (each one a branch lost at that t). */
  readonly lostPaths: number;
  readonly warnings: readonly string[];
}

const scaled = (lambda0: readonly Matrix[], t: number): Matrix[] => lambda0.map((m) => m.map((row) => row.map((v) => v * t)));

function productNorm(network: LinearNetwork, x: Float64Array): number {
  return Math.sqrt(
    product(network.dims, x, 2)
      .flat()
      .reduce((s, v) => s + v * v, 0),
  );
}

export async function lambdaDiagram(options: DiagramOptions): Promise<DiagramResult> {
  const { tMin, tMax } = options;
  const steps = options.steps ?? 25;
  const tolerance = options.tolerance ?? 1e-8;
  const seed = options.seed ?? 1;
  if (!(tMin > 0) || !(tMax > tMin)) throw new InputError(`the sweep needs 0 < t-min < t-max, got t-min ${tMin} and t-max ${tMax}`);
  if (!Number.isInteger(steps) || steps < 2) throw new InputError(`the grid needs at least 2 steps, got ${steps}`);
  const base = linearNetwork({ ...options.network, regularization: { kind: 'generic' } });
  const lambda0 = options.lambda0 ?? base.lambda.map((m) => m.map((row) => row.map(() => 1)));
  const at = (t: number): LinearNetwork =>
    linearNetwork({ ...options.network, X: base.X, Y: base.Y, regularization: { kind: 'entrywise', lambda: scaled(lambda0, t) } });
  const start = at(tMin);
  if (!start.isolated) throw new InputError(`the critical points are not isolated at t = ${tMin}: ${start.warning}`);
  const family = parametrizeNetwork({ ...options.network, X: base.X, Y: base.Y, regularization: { kind: 'entrywise', lambda: scaled(lambda0, tMin) } });
  // The family's parameters are the λ's themselves, so the point of t is the start's scaled.
  const parameters = (t: number): Float64Array => family.parameters.map((v) => (v * t) / tMin);

  const solved = await solveNetwork(start, { seed, method: 'total-degree', workers: 1 });
  const warnings: string[] = [];
  if (!solved.complete) warnings.push(`the solve at t = ${tMin} is not a complete count (${solved.incomplete.join('; ')}): branches may be missing`);
  const source = solved.solve.solutions.map((s) => s.x);
  const sourceParameters = family.parameters;
  let lostPaths = 0;

  const slice = async (t: number): Promise<DiagramSlice> => {
    const network = at(t);
    let xs: Float64Array[];
    if (t === tMin) xs = source.map((x) => new Float64Array(x));
    else {
      const [tracked] = await trackToParameters(family.system, sourceParameters, source, [parameters(t)], { seed, workers: 1 });
      xs = tracked!.paths.map((p) => p.end);
      const lost = tracked!.paths.filter((p) => p.code !== 'success').length;
      lostPaths += lost;
      if (lost > 0) warnings.push(`t = ${t}: ${lost} path(s) from the solve did not end at a finite point`);
    }
    const classes = classifyPoints(network, xs).points;
    const branches = classes.map((c: CriticalPointClass, i): BranchPoint => ({
      real: c.real,
      loss: c.loss[0],
      ...(c.index === undefined ? {} : { index: c.index }),
      degenerate: c.type === 'degenerate',
      pattern: c.zeroPattern.key,
      rank: c.rank,
      ...(c.real ? { productNorm: productNorm(network, xs[i]!) } : {}),
    }));
    const real = branches.filter((b) => b.real).length;
    let best = -1;
    branches.forEach((b, i) => {
      if (b.real && (best < 0 || b.loss < branches[best]!.loss - 1e-12)) best = i;
    });
    const o = branches.find((b, i) => b.real && xs[i]!.every((v) => Math.abs(v) < 1e-9));
    const minLoss = branches[best]?.loss ?? NaN;
    const minimizers = branches.flatMap((b, i) => (b.real && b.loss <= minLoss + 1e-9 * (1 + Math.abs(minLoss)) ? [i] : []));
    return {
      t,
      branches,
      real,
      globalMinimum: { branch: best, branches: minimizers, loss: minLoss, productNorm: branches[best]?.productNorm ?? NaN },
      origin: !o || o.degenerate ? 'degenerate' : o.index === 0 ? 'strict local minimum' : 'saddle',
    };
  };

  const grid = Array.from({ length: steps }, (_, k) => tMin * (tMax / tMin) ** (k / (steps - 1)));
  const slices: DiagramSlice[] = [];
  for (const [k, t] of grid.entries()) {
    slices.push(await slice(t));
    options.onProgress?.(k + 1, steps);
  }

  const realSet = (s: DiagramSlice): number[] => s.branches.flatMap((b, i) => (b.real ? [i] : []));
  const sameReal = (a: DiagramSlice, b: DiagramSlice): boolean => a.real === b.real;
  const sameMinimum = (a: DiagramSlice, b: DiagramSlice): boolean => a.globalMinimum.branches.some((i) => b.globalMinimum.branches.includes(i));
  /**
   * Bisects [lo, hi] on the predicate "like the lower grid point", always against that point:
   * near a change the minimizers of both sides tie, and chaining "overlaps the last one" would
   * carry the lower side past the change.
   */
  const bisect = async (lo: DiagramSlice, hi: DiagramSlice, same: (a: DiagramSlice, b: DiagramSlice) => boolean): Promise<[DiagramSlice, DiagramSlice]> => {
    const reference = lo;
    while (hi.t - lo.t > tolerance * hi.t) {
      const mid = await slice(Math.sqrt(lo.t * hi.t));
      if (same(reference, mid)) lo = mid;
      else hi = mid;
    }
    return [lo, hi];
  };
  const events: DiagramEvent[] = [];
  for (let k = 0; k + 1 < slices.length; k++) {
    const a = slices[k]!;
    const b = slices[k + 1]!;
    if (!sameReal(a, b)) {
      const [lo, hi] = await bisect(a, b, sameReal);
      const below = realSet(lo);
      const above = realSet(hi);
      const changed = [...below.filter((i) => !above.includes(i)), ...above.filter((i) => !below.includes(i))].sort((x, y) => x - y);
      // A branch real on both sides whose Morse index differs between the grid points (the
      // bisection's ends are too close to the singular point to read an index) marks a pitchfork.
      const staying = realSet(a).filter((i) => realSet(b).includes(i));
      const pitchfork = staying.some((i) => a.branches[i]!.index !== b.branches[i]!.index);
      events.push({
        kind: pitchfork ? 'pitchfork' : 'fold',
        t: Math.sqrt(lo.t * hi.t),
        bracket: [lo.t, hi.t],
        realBelow: lo.real,
        realAbove: hi.real,
        branches: changed,
      });
    }
    if (!sameMinimum(a, b)) {
      const [lo, hi] = await bisect(a, b, sameMinimum);
      // Across the bracket the old and new minimizers tie; compare the old one (below) with the new one (above).
      const old = lo.globalMinimum.branches.find((i) => a.globalMinimum.branches.includes(i)) ?? lo.globalMinimum.branch;
      const fresh = hi.globalMinimum.branches.find((i) => b.globalMinimum.branches.includes(i)) ?? hi.globalMinimum.branch;
      const normJump = Math.abs((hi.branches[fresh]?.productNorm ?? NaN) - (lo.branches[old]?.productNorm ?? NaN));
      events.push({
        kind: 'global minimum changes',
        t: Math.sqrt(lo.t * hi.t),
        bracket: [lo.t, hi.t],
        realBelow: lo.real,
        realAbove: hi.real,
        branches: [...new Set([...a.globalMinimum.branches, ...b.globalMinimum.branches])].sort((x, y) => x - y),
        normJump,
      });
    }
  }
  events.sort((x, y) => x.t - y.t);
  return { schema: 'critsolve/diagram@1', dims: base.dims, lambda0, seed, points: source.length, slices, events, lostPaths, warnings };
}
