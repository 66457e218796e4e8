/**
 * The trace test (as HomotopyContinuation.jl's `trace_test`): is a set of solutions found by
 * monodromy complete?
 *
 * It applies to linear slice families: equations G(x) = 0 free of parameters, and equations
 * ℓ_j(x) = c_j(p) affine in x whose parameters enter only the constant term, affinely (a
 * witness set of the variety G = 0, with the slices' offsets as parameters). Moving p along a
 * line p(s) = p0 + s·v moves the slices in a pencil of parallel affine spaces, and for a
 * pencil of parallel slices the sum of all intersection points, tr(s) = Σ x_i(s), is affine in
 * s (Sommese, Verschelde and Wampler: it is the coefficient of the next-to-top power in the
 * polynomial of a plane projection, of degree at most one in s). The sum over a subset that is
 * not a union of whole components is not, so with s = −1, 0, 1 the residual
 * ‖tr(1) + tr(−1) − 2·tr(0)‖ is at round-off level exactly for a complete set. The slice
 * coefficients must be generic (random), as in a witness set.
 *
 * Other parameter families are refused, because there the linearity of tr(s) along a line in
 * parameter space fails in both directions, as two small systems show (test/solve/traceTest):
 * - x − a·y² = 0, y − b = 0 has the single solution (a·b², b): the set is complete, yet its
 *   trace is cubic in s. A solution that grows faster than linearly as s → ∞, or escapes to
 *   infinity at a finite s, breaks the linearity of the complete set's trace.
 * - x² + y² = a, xy = b has four solutions ±(u, v), ±(v, u): the trace of the two solutions
 *   ±(u, v) is 0 for every s, linear, although the set is incomplete. A symmetry of the
 *   solutions (here x ↦ −x) makes sums over incomplete sets vanish identically.
 * Both hold for parameters that enter linearly (as a network's λ's do). traceResidual computes
 * the residual for any family, for such experiments; traceTest and monodromySolve's
 * `traceTest` option only accept linear slice families.
 */
import { compileSystem } from '../compile/compile.js';
import { InputError } from '../errors.js';
import { normInf } from '../numeric/complex.js';
import { Random, STREAMS } from '../numeric/rng.js';
import type { System } from '../poly/system.js';
import { defaultLimits, type PresetName, type TrackerLimits } from '../track/presets.js';
import { Leg } from '../paths/legs.js';

export interface TraceTestOptions {
  /** Seed of the direction v of the line in parameter space (default 0). */
  seed?: number;
  preset?: PresetName;
  limits?: Partial<TrackerLimits>;
  /** The largest residual that passes (default TRACE_TOLERANCE). */
  tolerance?: number;
}

export interface TraceTestResult {
  /** ‖tr(1) + tr(−1) − 2·tr(0)‖∞ relative to Σ‖x_i‖∞ over the three slices; NaN when a path failed. */
  readonly residual: number;
  readonly tolerance: number;
  /** The residual is at most the tolerance: the set is complete (for generic slices). */
  readonly passes: boolean;
  /** Paths tracked to p0 ± v, retries included. */
  readonly pathsTracked: number;
  /** Paths that did not end at a regular solution: then there is no trace to test. */
  readonly failedPaths: number;
}

/**
 * The residual of a complete set is the round-off of the summed solutions, about ε·cond
 * relative to their size (1e-14 for condition 100); leaving out one of N solutions changes
 * the sum by that solution's curvature along the line, relative size about 1/N. 1e-8 is far
 * from both, as the accuracy that monodromy's Newton steps must reach.
 */
export const TRACE_TOLERANCE = 1e-8;

/** Why the trace test does not apply to the system, or undefined when it does. */
export function traceTestObstacle(system: System): string | undefined {
  const n = system.variables.length;
  const variables = system.variables.map((_, k) => k);
  const parameters = system.parameters.map((_, k) => n + k);
  if (parameters.length === 0) return 'the system has no parameters';
  for (const [i, f] of system.equations.entries()) {
    if (!(f.degreeIn(parameters) > 0)) continue;
    if (f.degreeIn(variables) > 1) return `equation ${i + 1} has parameters and degree ${f.degreeIn(variables)} in the variables`;
    for (const t of f.terms) {
      const inParameters = parameters.reduce((s, k) => s + t.exps[k]!, 0);
      const inVariables = variables.reduce((s, k) => s + t.exps[k]!, 0);
      if (inParameters > 1) return `equation ${i + 1} has degree ${inParameters} in the parameters`;
      if (inParameters > 0 && inVariables > 0) return `in equation ${i + 1} a parameter multiplies a variable`;
    }
  }
  return undefined;
}

export function assertTraceTestApplies(system: System): void {
  const obstacle = traceTestObstacle(system);
  if (obstacle) {
    throw new InputError(
      `the trace test applies only to linear slice families (parameter-free equations, and affine equations whose parameters enter only the constant term), but ${obstacle}; ` +
        'for other families the trace along a line in parameter space need not be linear even for a complete set',
    );
  }
}

/** The trace test of `solutions` (at `parameters`) for a linear slice family; refuses other systems. */
export function traceTest(system: System, parameters: Float64Array, solutions: readonly Float64Array[], options: TraceTestOptions = {}): TraceTestResult {
  assertTraceTestApplies(system);
  return traceResidual(system, parameters, solutions, options);
}

/**
 * The trace residual along the line p0 + s·v (v random, on the scale of p0) for any family.
 * Meaningful only where the trace of the complete set is affine in s: see the module comment.
 */
export function traceResidual(system: System, parameters: Float64Array, solutions: readonly Float64Array[], options: TraceTestOptions = {}): TraceTestResult {
  const q = system.parameters.length;
  if (parameters.length !== 2 * q) throw new InputError(`the parameter point needs ${q} complex values, got ${parameters.length / 2}`);
  const compiled = compileSystem(system);
  const settings = { preset: options.preset ?? 'default', limits: { ...defaultLimits, ...options.limits } };
  const tolerance = options.tolerance ?? TRACE_TOLERANCE;
  const rng = new Random(options.seed ?? 0, STREAMS.traceTest);
  let rms = 0;
  for (const v of parameters) rms += v * v;
  rms = Math.sqrt(rms / q) || 1;
  const v = new Float64Array(2 * q);
  for (let k = 0; k < 2 * q; k += 2) [v[k], v[k + 1]] = rng.complexNormal().map((c) => c * rms) as [number, number];
  const n2 = 2 * system.variables.length;
  const combination = new Float64Array(n2);
  let scale = 0;
  let tracked = 0;
  let failed = 0;
  for (const sign of [1, -1]) {
    const to = parameters.map((p, k) => p + sign * v[k]!);
    const leg = new Leg(compiled, parameters, to, [1, 0], settings);
    solutions.forEach((x, i) => {
      const r = leg.track(i, x);
      if (r.code !== 'success') failed++;
      for (let k = 0; k < n2; k++) combination[k] = combination[k]! + r.end[k]! - x[k]!;
      scale += normInf(r.end) + normInf(x);
    });
    tracked += leg.tracked;
  }
  const residual = failed > 0 ? NaN : normInf(combination) / Math.max(scale, Number.MIN_VALUE);
  return { residual, tolerance, passes: residual <= tolerance, pathsTracked: tracked, failedPaths: failed };
}
