/**
 * A polynomial system: named variables, optional named parameters, and equations. Every
 * polynomial lives in variables.length + parameters.length variables; parameters come last.
 */
import { InputError } from '../errors.js';
import { Polynomial } from './polynomial.js';

export interface System {
  readonly variables: readonly string[];
  readonly parameters: readonly string[];
  readonly equations: readonly Polynomial[];
}

export function makeSystem(variables: readonly string[], equations: readonly Polynomial[], parameters: readonly string[] = []): System {
  const nvars = variables.length + parameters.length;
  const seen = new Set<string>();
  for (const name of [...variables, ...parameters]) {
    if (seen.has(name)) throw new InputError(`the name '${name}' is declared twice`);
    seen.add(name);
  }
  for (const [k, p] of equations.entries()) {
    if (p.nvars !== nvars) throw new RangeError(`equation ${k + 1} has ${p.nvars} variables, expected ${nvars}`);
  }
  return { variables: [...variables], parameters: [...parameters], equations: [...equations] };
}

/** Degrees of the equations in the variables only (parameters excluded). */
export function degrees(system: System): number[] {
  const vars = system.variables.map((_, k) => k);
  return system.equations.map((p) => Math.max(0, p.degreeIn(vars)));
}

/** The Bézout number: the product of the degrees, exact as a BigInt. */
export function bezoutNumber(system: System): bigint {
  return degrees(system).reduce((acc, d) => acc * BigInt(d), 1n);
}

/** Requires a square system (as many equations as variables), else explains the problem. */
export function assertSquare(system: System): void {
  const n = system.variables.length;
  const m = system.equations.length;
  if (m === 0) throw new InputError('the system is empty: no equations');
  if (m !== n) {
    throw new InputError(
      `the system is not square: ${m} equation${m === 1 ? '' : 's'} in ${n} variable${n === 1 ? '' : 's'} (${system.variables.join(', ')}); critsolve solves square systems`,
    );
  }
}

/** Exponent vectors of each equation in the variables (parameters count as coefficients). */
export function supportsOf(system: System): number[][][] {
  const n = system.variables.length;
  return system.equations.map((p) => {
    const seen = new Map<string, number[]>();
    for (const t of p.terms) {
      const exps = t.exps.slice(0, n);
      seen.set(exps.join(','), exps);
    }
    return [...seen.values()];
  });
}
