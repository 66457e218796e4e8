/**
 * Multihomogeneous Bézout bounds. Split the variables into groups of sizes n_1..n_m and let
 * d_ij be the degree of equation i in group j; the number of isolated roots is at most the
 * coefficient of Π α_j^{n_j} in Π_i (Σ_j d_ij α_j). That coefficient counts the ways to hand
 * each equation one group, every group j receiving exactly n_j equations, weighted by the
 * product of the degrees — a sum computed by dynamic programming over the equations, the
 * state being how many equations each group still needs.
 */
import { InputError } from '../errors.js';
import { assertSquare, type System } from '../poly/system.js';

/** Groups of variable names; every variable in exactly one group. */
export type Partition = readonly (readonly string[])[];

export interface PartitionSearchOptions {
  /** Try every set partition when there are at most this many variables. Default 8. */
  readonly exhaustiveUpTo?: number;
  /** Partitions to evaluate in the local search beyond that. Default 4000. */
  readonly maxEvaluations?: number;
}

export interface MultihomogeneousBound {
  readonly partition: string[][];
  readonly bound: bigint;
}

/** The multihomogeneous Bézout number of a square system for the given partition. */
export function multihomogeneousBezout(system: System, partition: Partition): bigint {
  assertSquare(system);
  const groups = partitionIndices(system.variables, partition);
  return coefficient(
    new DegreeTable(system).degrees(groups),
    groups.map((g) => g.length),
    exact,
  );
}

/**
 * The smallest multihomogeneous Bézout number over natural partitions: all of them for few
 * variables, else a local search (move one variable, merge two groups) started from the
 * total-degree partition, the groups of a common name prefix (W1[..], W2[..] or w1_.., w2_..)
 * and the groups of variables with equal degree profiles.
 */
export function bestMultihomogeneousBound(system: System, options: PartitionSearchOptions = {}): MultihomogeneousBound {
  assertSquare(system);
  const table = new DegreeTable(system);
  const n = system.variables.length;
  const estimate = (groups: number[][]): number =>
    coefficient(
      table.degrees(groups),
      groups.map((g) => g.length),
      approximate,
    );
  let best: number[][];
  if (n <= (options.exhaustiveUpTo ?? 8)) {
    best = [[...Array(n).keys()]];
    let value = estimate(best);
    for (const groups of setPartitions(n)) {
      const v = estimate(groups);
      if (v < value) [best, value] = [groups, v];
    }
  } else {
    best = localSearch(startingPartitions(system, table), estimate, options.maxEvaluations ?? 4000);
  }
  const bound = coefficient(
    table.degrees(best),
    best.map((g) => g.length),
    exact,
  );
  return { partition: best.map((g) => g.map((k) => system.variables[k]!)), bound };
}

/** Per-equation exponent vectors in the variables, for fast degrees in any group. */
class DegreeTable {
  private readonly terms: number[][][];

  constructor(system: System) {
    const n = system.variables.length;
    this.terms = system.equations.map((p) => p.terms.map((t) => t.exps.slice(0, n)));
  }

  /** d[i][j]: degree of equation i in group j (0 for the zero polynomial). */
  degrees(groups: readonly (readonly number[])[]): number[][] {
    return this.terms.map((terms) =>
      groups.map((g) =>
        terms.reduce(
          (d, e) =>
            Math.max(
              d,
              g.reduce((s, k) => s + e[k]!, 0),
            ),
          0,
        ),
      ),
    );
  }

  /** The degree of each equation in variable k alone: a variable's degree profile. */
  profile(k: number): string {
    return this.degrees([[k]]).join(',');
  }
}

/** The arithmetic of the coefficient: floats to compare partitions fast, BigInt to answer. */
interface Arithmetic<T> {
  readonly zero: T;
  readonly one: T;
  add(a: T, b: T): T;
  times(a: T, d: number): T;
}

const exact: Arithmetic<bigint> = { zero: 0n, one: 1n, add: (a, b) => a + b, times: (a, d) => a * BigInt(d) };
const approximate: Arithmetic<number> = { zero: 0, one: 1, add: (a, b) => a + b, times: (a, d) => a * d };

/** Σ over assignments of equations to groups (group j gets sizes[j] of them) of Π d_ij. */
function coefficient<T>(degrees: number[][], sizes: number[], arithmetic: Arithmetic<T>): T {
  const weight: number[] = [];
  let w = 1;
  for (const s of sizes) {
    weight.push(w);
    w *= s + 1;
  }
  // A state is the mixed-radix number whose digit j is how many equations group j still needs.
  const needs = (state: number, j: number): boolean => Math.floor(state / weight[j]!) % (sizes[j]! + 1) > 0;
  let states = new Map<number, T>([[sizes.reduce((s, nj, j) => s + nj * weight[j]!, 0), arithmetic.one]]);
  for (const row of degrees) {
    const next = new Map<number, T>();
    for (const [state, value] of states) {
      for (let j = 0; j < sizes.length; j++) {
        if (row[j] === 0 || !needs(state, j)) continue;
        const to = state - weight[j]!;
        next.set(to, arithmetic.add(next.get(to) ?? arithmetic.zero, arithmetic.times(value, row[j]!)));
      }
    }
    states = next;
  }
  return states.get(0) ?? arithmetic.zero;
}

/** Every set partition of 0..n-1, as restricted growth strings. */
function* setPartitions(n: number): Generator<number[][]> {
  const label = new Array<number>(n).fill(0);
  const recurse = function* (k: number, groups: number): Generator<number[][]> {
    if (k === n) {
      const out: number[][] = Array.from({ length: groups }, () => []);
      label.forEach((g, v) => out[g]!.push(v));
      yield out;
      return;
    }
    for (let g = 0; g <= groups; g++) {
      label[k] = g;
      yield* recurse(k + 1, Math.max(groups, g + 1));
    }
  };
  yield* recurse(0, 0);
}

/** The variable name's prefix: before the first '[' or '_', else without trailing digits. */
export function namePrefix(name: string): string {
  const cut = name.search(/[[_]/);
  return cut > 0 ? name.slice(0, cut) : name.replace(/\d+$/, '');
}

function groupBy(n: number, key: (k: number) => string): number[][] {
  const groups = new Map<string, number[]>();
  for (let k = 0; k < n; k++) {
    const g = groups.get(key(k));
    if (g) g.push(k);
    else groups.set(key(k), [k]);
  }
  return [...groups.values()];
}

function startingPartitions(system: System, table: DegreeTable): number[][][] {
  const n = system.variables.length;
  return [[[...Array(n).keys()]], groupBy(n, (k) => namePrefix(system.variables[k]!)), groupBy(n, (k) => table.profile(k))];
}

/**
 * First-improvement local search from each start: move one variable to another or a new
 * group, or merge two groups, while the bound drops and the budget lasts.
 */
function localSearch(starts: number[][][], estimate: (groups: number[][]) => number, budget: number): number[][] {
  let best = starts[0]!;
  let bestValue = estimate(best);
  let evaluations = 1;
  for (const start of starts) {
    let current = start;
    let value = estimate(current);
    evaluations++;
    let improved = true;
    while (improved && evaluations < budget) {
      improved = false;
      for (const candidate of neighbours(current)) {
        const v = estimate(candidate);
        evaluations++;
        if (v < value) {
          [current, value, improved] = [candidate, v, true];
          break;
        }
        if (evaluations >= budget) break;
      }
    }
    if (value < bestValue) [best, bestValue] = [current, value];
  }
  return best;
}

function* neighbours(groups: number[][]): Generator<number[][]> {
  const clean = (gs: number[][]): number[][] => gs.filter((g) => g.length > 0).map((g) => [...g].sort((a, b) => a - b));
  for (let a = 0; a < groups.length; a++) {
    for (let b = a + 1; b < groups.length; b++) {
      yield clean([...groups.filter((_, j) => j !== a && j !== b), [...groups[a]!, ...groups[b]!]]);
    }
  }
  for (let a = 0; a < groups.length; a++) {
    for (const v of groups[a]!) {
      const without = groups.map((g, j) => (j === a ? g.filter((x) => x !== v) : g));
      for (let b = 0; b < groups.length; b++) {
        if (b !== a) yield clean(without.map((g, j) => (j === b ? [...g, v] : g)));
      }
      if (groups[a]!.length > 1) yield clean([...without, [v]]);
    }
  }
}

/** Checks that the named groups partition the variables; returns them as indices. */
function partitionIndices(variables: readonly string[], partition: Partition): number[][] {
  const index = new Map(variables.map((v, k) => [v, k]));
  const seen = new Set<string>();
  const groups = partition.map((group) =>
    group.map((name) => {
      const k = index.get(name);
      if (k === undefined) throw new InputError(`the partition names '${name}', which is not a variable (variables: ${variables.join(', ')})`);
      if (seen.has(name)) throw new InputError(`the partition puts the variable '${name}' in two groups; each variable belongs to exactly one`);
      seen.add(name);
      return k;
    }),
  );
  const missing = variables.filter((v) => !seen.has(v));
  if (missing.length > 0) throw new InputError(`the partition leaves out ${missing.join(', ')}; every variable must be in a group`);
  if (groups.some((g) => g.length === 0)) throw new InputError('the partition has an empty group; drop it');
  return groups;
}
