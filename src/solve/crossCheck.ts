/**
 * A second method behind a count: monodromy loops from the solutions found. Tracking every
 * path of a start system misses a solution only when a path is misjudged (called at infinity,
 * or lost in a failure); a loop in a family of systems through the target permutes the
 * family's solutions, so a solution it brings back that was not found is one the paths
 * missed, and a loop path that does not come back to a regular solution marks where the check
 * cannot see. Finding nothing is evidence, not proof: a family component of which no solution
 * was found is never reached.
 *
 * The family is the caller's (a network's data space), or for any system its coefficients:
 * one parameter per term, the origin added to every support (as the polyhedral homotopy does),
 * so that the generic member has the stable mixed volume of solutions, zero coordinates
 * included.
 */
import { buildProgram, compileProgram } from '../compile/compile.js';
import { isReal } from '../numeric/complex.js';
import { Random, STREAMS } from '../numeric/rng.js';
import { Polynomial } from '../poly/polynomial.js';
import { makeSystem, type System } from '../poly/system.js';
import { Refiner } from '../track/refine.js';
import { REGULAR_TOLERANCE, SINGULAR_TOLERANCE } from './collect.js';
import { InputError } from '../errors.js';
import { monodromySolve, type MonodromyResult } from './monodromy.js';
import { SolutionSet } from './solutionSet.js';
import { buildResult, type CrossCheck, type Solution, type SolveResult } from './result.js';

/** A family of systems through the target: the system with parameters, and the target's parameter point. */
export interface Family {
  readonly system: System;
  readonly parameters: Float64Array;
  /** Symmetries of the solutions that do not depend on the parameters (MonodromyOptions.symmetries). */
  readonly symmetries?: readonly ((x: Float64Array) => Float64Array)[];
}

/**
 * Loops for a count: more solutions are more places for a missed one to hide, and each loop
 * costs one circuit per orbit, so the number grows slowly: 3 for 9 solutions, 5 for 225, 6
 * from 1,000 on.
 */
export function crossCheckLoops(count: number): number {
  return 3 + Math.floor(Math.log10(Math.max(1, count)));
}

/** Solutions tried as the loops' start before the check is given up (and the count not called complete). */
const START_ATTEMPTS = 5;
/** Offset of the cross-check's seed from the solve's, so that its loops are other random choices. */
const CROSS_CHECK_STREAM = 0x63c0;

export interface CrossCheckOptions {
  seed: number;
  workers?: number;
  signal?: AbortSignal;
}

/** The coefficient family of `system`: every term's coefficient a parameter, the origin added where missing. */
export function coefficientFamily(system: System): Family {
  const n = system.variables.length;
  const params: string[] = [];
  const values: number[] = [];
  const equations = system.equations.map((f) => {
    const terms = f.terms.map((t) => ({ exps: t.exps.slice(0, n), re: t.re, im: t.im }));
    if (!terms.some((t) => t.exps.every((e) => e === 0))) terms.push({ exps: new Array<number>(n).fill(0), re: 0, im: 0 });
    return terms;
  });
  const total = equations.reduce((s, t) => s + t.length, 0);
  const polys = equations.map((terms) =>
    Polynomial.fromTerms(
      n + total,
      terms.map((t) => {
        const exps = [...t.exps, ...new Array<number>(total).fill(0)];
        exps[n + params.length] = 1;
        params.push(`_c${params.length}`);
        values.push(t.re, t.im);
        return { exps, re: 1, im: 0 };
      }),
    ),
  );
  return { system: makeSystem(system.variables, polys, params), parameters: Float64Array.from(values) };
}

/**
 * Sends `solutions` (regular solutions at the family's target parameters, interleaved) around
 * crossCheckLoops(count) random loops; undefined when there is nothing to start from (no
 * solution, or none of the first few passes monodromy's refinement as a start).
 */
export async function monodromyCrossCheck(family: Family, solutions: readonly Float64Array[], options: CrossCheckOptions): Promise<CrossCheck | undefined> {
  if (solutions.length === 0) return undefined;
  const loops = crossCheckLoops(solutions.length);
  const seed = (options.seed + CROSS_CHECK_STREAM) % 2 ** 31;
  const run = (first: number): Promise<MonodromyResult> =>
    monodromySolve(family.system, {
      seed,
      startPair: { x: solutions[first]!, p: family.parameters },
      knownSolutions: solutions.filter((_, k) => k !== first),
      maxLoops: loops,
      maxStaleLoops: loops,
      ...(family.symmetries ? { symmetries: family.symmetries } : {}),
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  // The start must pass monodromy's own refinement (an ill-conditioned solution may not); the
  // others are added as they refine, and those that do not count as failed paths.
  let m: MonodromyResult | undefined;
  for (let first = 0; first < Math.min(START_ATTEMPTS, solutions.length) && !m; first++) {
    try {
      m = await run(first);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
    }
  }
  if (!m) return undefined;
  // Monodromy keeps solutions apart at its own tolerance; a loop's return to a known solution
  // that the solve located less accurately is still that solution.
  const known = new SolutionSet(family.system.variables.length, new Random(seed, STREAMS.grouping), SINGULAR_TOLERANCE);
  for (const y of solutions) known.insert(y, SINGULAR_TOLERANCE);
  const found = m.solutions.filter((x) => known.find(x, SINGULAR_TOLERANCE) < 0);
  return { loops: m.loops, pathsTracked: m.pathsTracked, failedPaths: m.failedPaths, found, seed, seconds: m.seconds };
}

/** `r` with the solutions the cross-check found added, as regular solutions that no path reached. */
export function withCrossCheck(system: System, r: SolveResult, check: CrossCheck): SolveResult {
  if (check.found.length === 0) return buildResult({ ...r, crossCheck: check });
  const refiner = new Refiner(compileProgram(buildProgram(system)));
  const added: Solution[] = check.found.map((x) => {
    const m = refiner.measure(x);
    return {
      x,
      kind: 'regular',
      multiplicity: 1,
      real: isReal(x, REGULAR_TOLERANCE),
      residual: m.residual,
      condition: m.condition,
      windingNumber: 1,
      paths: [],
    };
  });
  const counts = { ...r.counts, regular: r.counts.regular + added.length, real: r.counts.real + added.filter((s) => s.real).length };
  const warning = `the monodromy cross-check found ${added.length} solution(s) that no path reached; they are added (with no path)`;
  return buildResult({ ...r, counts, solutions: [...r.solutions, ...added], warnings: [...r.warnings, warning], crossCheck: check });
}

/** Why a cross-check withholds "complete", or undefined when it passed. */
export function crossCheckShortfall(check: CrossCheck, method: string): string | undefined {
  const paths = (k: number): string => `${k} path${k === 1 ? '' : 's'}`;
  if (check.found.length > 0) {
    return `the monodromy cross-check (${check.loops} loops) found ${check.found.length} solution(s) that the ${method} paths missed (added), so more may be missing`;
  }
  if (check.failedPaths > 0) {
    return `${paths(check.failedPaths)} of the monodromy cross-check did not come back to a regular solution (far or ill-conditioned solutions the paths could not follow), so solutions may be missing`;
  }
  return undefined;
}

/** One line for the CLI: what the loops saw. */
export function formatCrossCheck(check: CrossCheck): string {
  const verdict =
    check.found.length === 0 && check.failedPaths === 0 ? 'every loop path came back to a solution already found' : crossCheckShortfall(check, 'start system');
  return `cross-check: ${check.loops} monodromy loops, ${check.pathsTracked} paths, ${check.seconds.toFixed(2)} s: ${verdict}`;
}
