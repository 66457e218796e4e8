/**
 * A trace test for parametrized systems whose parameters enter anywhere (Leykin, Rodriguez and
 * Sottile, "Trace test", arXiv 1608.00540; HomotopyContinuation.jl's
 * `verify_solution_completeness`): are the solutions found at a parameter point p0 all of them?
 *
 * The solutions of F(x; p) = 0 over the line p = p0 + s·v (v random) form a curve C in
 * (x, s)-space. Cut C with a random hypersurface s = a·y(x) + c, where y(x) are coordinates
 * that the system's symmetries fix (the network's sign flips: w², and the products
 * w_{k+1}[i,j]·w_k[j,l] through each hidden neuron); in (y, s)-space the cut is a linear slice
 * of the image curve, so the points W of the cut are a witness point set of it, and for the
 * pencil of parallel slices s = a·y + c + δ the sum of (y, s) over a complete W is affine in δ
 * (the trace test of Sommese, Verschelde and Wampler). A symmetric set summed in raw x would
 * pass for any union of orbits (each orbit sums to 0); summed in y it does not.
 *
 * The steps:
 * 1. the known solutions (x, 0) on the slice s = 0 (a = 0, c = 0) move to the generic slice by a
 *    parameter homotopy in (a, c): that gives the points of W that lie over s near 0; the
 *    others, "extra points" (where the slice meets C far from s = 0), come from infinity;
 * 2. monodromy in (a, c) fills W;
 * 3. the traces at δ = −1, 0, 1 are compared: a relative residual below the tolerance says that
 *    W is every point of the cut on the components of C through the known solutions;
 * 4. W moves back to s = 0: every solution of F(x; p0) on those components is reached, so any
 *    that was not known is added.
 * With a random line, C meets every irreducible component of the incidence variety
 * {(x, p) : F(x; p) = 0}; when that variety is irreducible (the monodromy group of the family is
 * transitive, as on one zero pattern of a network), the solutions at p0 are then all of them.
 */
import { compileSystem } from '../compile/compile.js';
import { fixParameters } from '../compile/fixed.js';
import { InputError } from '../errors.js';
import { normInf } from '../numeric/complex.js';
import { Random, STREAMS } from '../numeric/rng.js';
import type { SharedLoopPool } from '../parallel/loopPool.js';
import { Polynomial } from '../poly/polynomial.js';
import { makeSystem, type System } from '../poly/system.js';
import type { PresetName, TrackerLimits } from '../track/presets.js';
import { Refiner } from '../track/refine.js';
import { monodromySolve } from './monodromy.js';
import { SolutionSet } from './solutionSet.js';
import { trackToTargets } from './trackParameters.js';

export interface LineTraceOptions {
  readonly seed: number;
  /** Coordinates y(x) fixed by the symmetries, as polynomials in the system's variables. */
  readonly invariants: readonly Polynomial[];
  /** Generators of the symmetries of the solutions (maps on x), as monodromy's. */
  readonly symmetries?: readonly ((x: Float64Array) => Float64Array)[];
  /** Stale loops of the witness monodromy before each trace (default 5: with 3, a 2-2-2 cut of 240 points stalled at 236 for 4 rounds). */
  readonly staleLoops?: number;
  /** Rounds of loops and trace before giving up (default 4). */
  readonly rounds?: number;
  readonly tolerance?: number;
  readonly workers?: number;
  readonly pool?: SharedLoopPool;
  readonly preset?: PresetName;
  readonly limits?: Partial<TrackerLimits>;
  readonly signal?: AbortSignal;
  /**
   * 'generic' (default): the line moves every parameter, in a random direction, and the test
   * is a proof (for an irreducible incidence variety). 'single': it moves one parameter, which
   * meets fewer extra points, but then C's irreducibility is an assumption.
   */
  readonly line?: 'generic' | 'single';
}

export interface LineTraceResult {
  /** The trace passed and no path of the test failed: the solutions (with `added`) are complete. */
  readonly proven: boolean;
  readonly method: 'trace test (random line in parameter space)';
  /** The last trace residual (relative); NaN when a path of the test failed. */
  readonly residual: number;
  readonly tolerance: number;
  /** Points of the cut: the known solutions' share, and the extra points that monodromy found. */
  readonly witnessPoints: number;
  readonly extraPoints: number;
  /** Solutions at p0 that the complete witness set reached and the input lacked (orbits included). */
  readonly added: Float64Array[];
  readonly rounds: number;
  readonly loops: number;
  readonly pathsTracked: number;
  readonly failedPaths: number;
  /** Loop paths of the witness monodromy that failed even when re-tracked (points they would have reached may be missing). */
  readonly loopFailures: number;
  /** Why it did not prove completeness, when it did not. */
  readonly reason?: string;
  readonly seconds: number;
}

/**
 * The residual of a complete witness set is round-off: 1e-16 to 1e-13 relative on every
 * network component tried with a generic line (2-2-2, 1-2-2-1, 2-3-2, 2-1-2 with two points).
 * One missing orbit changes the trace by its curvature in δ, relative size ~1/|W|. Lines that
 * move a single λ gave residuals of 3e-8 to 1e-5 on 2-1-2 with two data points, stalled over
 * rounds of loops, and 2e-9 on 2-3-2's all-on component: not round-off, so not passed.
 */
export const LINE_TRACE_TOLERANCE = 1e-10;

/**
 * f(x; p) with p = p0 + s·v, in the variables (x, s) and the parameters (a, c) of the cut:
 * `pk[k]` is p_k = p0_k + s·v_k in those N variables.
 */
function onLine(f: Polynomial, n: number, q: number, pk: readonly Polynomial[], N: number): Polynomial {
  let out = Polynomial.zero(N);
  for (const t of f.terms) {
    let term = Polynomial.constant(N, t.re, t.im);
    for (let k = 0; k < n; k++) if (t.exps[k]! > 0) term = term.mul(Polynomial.variable(N, k).pow(t.exps[k]!));
    for (let k = 0; k < q; k++) if (t.exps[n + k]! > 0) term = term.mul(pk[k]!.pow(t.exps[n + k]!));
    out = out.add(term);
  }
  return out;
}

/** The system on the line with the cut s − a·y − c = 0, parameters (a₁…a_m, c). */
export function cutSystem(system: System, p0: Float64Array, v: Float64Array, invariants: readonly Polynomial[]): System {
  const n = system.variables.length;
  const q = system.parameters.length;
  const m = invariants.length;
  const N = n + 1 + m + 1;
  const sv = Polynomial.variable(N, n);
  const pk = Array.from({ length: q }, (_, k) => Polynomial.constant(N, p0[2 * k]!, p0[2 * k + 1]!).add(sv.scale(v[2 * k]!, v[2 * k + 1]!)));
  const equations = system.equations.map((f) => onLine(f, n, q, pk, N));
  let cut = sv.sub(Polynomial.variable(N, N - 1));
  invariants.forEach((y, j) => {
    cut = cut.sub(y.extend(N).mul(Polynomial.variable(N, n + 1 + j)));
  });
  equations.push(cut);
  const s = uniqueName('s', system);
  const a = invariants.map((_, j) => uniqueName(`a${j + 1}`, system));
  return makeSystem([...system.variables, s], equations, [...a, uniqueName('c', system)]);
}

function uniqueName(base: string, system: System): string {
  const taken = new Set([...system.variables, ...system.parameters]);
  let name = `trace_${base}`;
  while (taken.has(name)) name = `_${name}`;
  return name;
}

/** (y(x), s) of a point (x, s), interleaved. */
function traceCoordinates(point: Float64Array, invariants: readonly Polynomial[], n: number): Float64Array {
  const out = new Float64Array(2 * invariants.length + 2);
  const x = point.subarray(0, 2 * n);
  invariants.forEach((y, j) => {
    const [re, im] = y.evaluate(x);
    out[2 * j] = re;
    out[2 * j + 1] = im;
  });
  out[2 * invariants.length] = point[2 * n]!;
  out[2 * invariants.length + 1] = point[2 * n + 1]!;
  return out;
}

/** The trace test of `solutions` of `system` at `parameters` (see the module comment). */
export async function lineTraceTest(
  system: System,
  parameters: Float64Array,
  solutions: readonly Float64Array[],
  options: LineTraceOptions,
): Promise<LineTraceResult> {
  const began = performance.now();
  const n = system.variables.length;
  const q = system.parameters.length;
  if (q === 0) throw new InputError('the trace test moves the parameters along a line: the system has none');
  if (parameters.length !== 2 * q) throw new InputError(`the parameter point needs ${q} complex values, got ${parameters.length / 2}`);
  if (options.invariants.length === 0) throw new InputError('the trace test needs at least one invariant coordinate');
  const tolerance = options.tolerance ?? LINE_TRACE_TOLERANCE;
  const method = 'trace test (random line in parameter space)' as const;
  const rng = new Random(options.seed, STREAMS.traceTest);
  const m = options.invariants.length;
  let rms = 0;
  for (const x of parameters) rms += x * x;
  rms = Math.sqrt(rms / q) || 1;
  const v = new Float64Array(2 * q);
  for (let k = 0; k < 2 * q; k += 2) [v[k], v[k + 1]] = rng.complexNormal().map((c) => c * rms) as [number, number];
  if (options.line === 'single') {
    const keep = Math.floor(rng.uniform() * q);
    for (let k = 0; k < q; k++) if (k !== keep) v[2 * k] = v[2 * k + 1] = 0;
  }
  const aug = cutSystem(system, parameters, v, options.invariants);
  // The cut's coefficients: each invariant's term of size about 1/m on the solutions.
  const typical = options.invariants.map((y) => {
    let sum = 0;
    for (const x of solutions) {
      const [re, im] = y.evaluate(x);
      sum += Math.hypot(re, im);
    }
    return sum / Math.max(1, solutions.length) || 1;
  });
  const P = new Float64Array(2 * (m + 1));
  for (let j = 0; j < m; j++) [P[2 * j], P[2 * j + 1]] = rng.complexNormal().map((c) => c / (m * typical[j]!)) as [number, number];
  [P[2 * m], P[2 * m + 1]] = rng.complexNormal();
  const P0 = new Float64Array(2 * (m + 1));
  const symmetries = (options.symmetries ?? []).map((g) => (z: Float64Array): Float64Array => {
    const out = new Float64Array(z);
    out.set(g(z.subarray(0, 2 * n)), 0);
    return out;
  });
  const settings = {
    seed: options.seed,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    symmetries,
    ...(options.preset === undefined ? {} : { preset: options.preset }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  };
  const hooks = options.signal ? { signal: options.signal } : {};
  let pathsTracked = 0;
  let loops = 0;
  let loopFailures = 0;
  const fail = (reason: string, extra: Partial<LineTraceResult> = {}): LineTraceResult => ({
    proven: false,
    method,
    residual: NaN,
    tolerance,
    witnessPoints: 0,
    extraPoints: 0,
    added: [],
    rounds: 0,
    loops,
    pathsTracked,
    failedPaths: 0,
    loopFailures,
    reason,
    ...extra,
    seconds: (performance.now() - began) / 1000,
  });
  // 1. The known solutions onto the generic cut.
  const lifted = solutions.map((x) => {
    const z = new Float64Array(2 * n + 2);
    z.set(x);
    return z;
  });
  const [onCut] = await trackToTargets(aug, P0, lifted, [P], settings, hooks);
  if (!onCut) return fail('interrupted');
  pathsTracked += onCut.pathsTracked;
  const failedOn = onCut.paths.filter((p) => p.code !== 'success').length;
  if (failedOn > 0) return fail(`${failedOn} known solution(s) did not reach the cut regularly`, { failedPaths: failedOn });
  let witness = onCut.paths.map((p) => p.end);
  const known = witness.length;
  // 2–3. Monodromy on the cut, then the trace; more loops while it fails.
  const rounds = options.rounds ?? 4;
  let residual = NaN;
  let round = 0;
  let failedPaths = 0;
  for (; round < rounds; round++) {
    if (options.signal?.aborted) return fail('interrupted');
    const mono = await monodromySolve(aug, {
      seed: options.seed + 7919 * (round + 1),
      startPair: { x: witness[0]!, p: P },
      knownSolutions: witness.slice(1),
      // More stale loops each round: a point the loops keep missing needs a longer search.
      maxStaleLoops: (options.staleLoops ?? 5) * 2 ** round,
      symmetries,
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.pool ? { pool: options.pool } : {}),
      ...(options.preset === undefined ? {} : { preset: options.preset }),
      ...(options.limits === undefined ? {} : { limits: options.limits }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (mono.stoppedBy === 'aborted') return fail('interrupted');
    pathsTracked += mono.pathsTracked;
    loops += mono.loops;
    loopFailures += mono.failedPaths;
    witness = mono.solutions;
    const pencil = [1, -1].map((d) => {
      const p = new Float64Array(P);
      p[2 * m] = p[2 * m]! + d;
      return p;
    });
    const moved = await trackToTargets(aug, P, witness, pencil, settings, hooks);
    if (moved.some((t) => t === undefined)) return fail('interrupted');
    pathsTracked += moved.reduce((s, t) => s + t!.pathsTracked, 0);
    failedPaths = moved.reduce((s, t) => s + t!.paths.filter((p) => p.code !== 'success').length, 0);
    if (failedPaths > 0) {
      residual = NaN;
      continue;
    }
    const combination = new Float64Array(2 * m + 2);
    let scale = 0;
    for (const [i, z] of witness.entries()) {
      const y0 = traceCoordinates(z, options.invariants, n);
      const yp = traceCoordinates(moved[0]!.paths[i]!.end, options.invariants, n);
      const ym = traceCoordinates(moved[1]!.paths[i]!.end, options.invariants, n);
      for (let k = 0; k < combination.length; k++) combination[k] = combination[k]! + yp[k]! + ym[k]! - 2 * y0[k]!;
      scale += normInf(yp) + normInf(ym) + 2 * normInf(y0);
    }
    residual = normInf(combination) / Math.max(scale, Number.MIN_VALUE);
    if (residual <= tolerance) break;
  }
  const base = {
    residual,
    tolerance,
    witnessPoints: witness.length,
    extraPoints: witness.length - known,
    rounds: Math.min(round + 1, rounds),
    loops,
    failedPaths,
    loopFailures,
  };
  if (!(residual <= tolerance)) {
    return fail(
      failedPaths > 0
        ? `${failedPaths} path(s) of the trace failed`
        : `the trace residual ${residual.toExponential(1)} stayed above ${tolerance.toExponential(0)} after ${rounds} rounds of loops`,
      base,
    );
  }
  // 4. The complete witness set back to s = 0: the solutions at p0 on the same components.
  const [back] = await trackToTargets(aug, P, witness, [P0], settings, hooks);
  if (!back) return fail('interrupted', base);
  pathsTracked += back.pathsTracked;
  const target = fixParameters(compileSystem(system), parameters);
  const refiner = new Refiner(target);
  const set = new SolutionSet(n, new Random(options.seed, STREAMS.grouping), 1e-6);
  for (const x of solutions) set.insert(x, 0);
  const added: Float64Array[] = [];
  // Paths of the cut's points that go to infinity as the cut returns to s = 0 are the extra
  // points; any other that does not end at a regular solution is one the proof cannot see.
  let unaccounted = 0;
  for (const p of back.paths) {
    if (p.code === 'at_infinity') continue;
    const x = new Float64Array(p.end.subarray(0, 2 * n));
    if (p.code !== 'success' || !(normInf(x) < 1e8) || !(refiner.refine(x, refiner.measure(x).condition).residual <= 1e-8)) {
      unaccounted++;
      continue;
    }
    if (set.find(x, 1e-6) >= 0) continue;
    set.insert(x, 0);
    added.push(x);
  }
  const seconds = (performance.now() - began) / 1000;
  if (unaccounted > 0) {
    return {
      proven: false,
      method,
      ...base,
      failedPaths: base.failedPaths + unaccounted,
      added,
      pathsTracked,
      reason: `${unaccounted} point(s) of the complete cut did not come back to a regular solution at s = 0`,
      seconds,
    };
  }
  return { proven: true, method, ...base, added, pathsTracked, seconds };
}
