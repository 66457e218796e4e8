/**
 * A witness set for a peer: PHCpack's embedding (the format of `phc -c`'s witness files, which
 * `phc -f` breaks up into irreducible components). For a d-dimensional set of F(x) = 0 in n
 * unknowns it adds slack variables zz1 … zzd: the n equations f_i + Σ_j γ_ij·zz_j = 0 (F
 * randomized to n equations when it has more) and the d slices a_j·x − c_j + zz_j = 0, the
 * slicing's own. The witness points, with zz = 0, solve it; they follow as its solution list.
 */
import { InputError } from '../errors.js';
import { Polynomial } from '../poly/polynomial.js';
import { makeSystem, type System } from '../poly/system.js';
import { writePhc, writePhcSolutions } from '../poly/write.js';
import { Random, STREAMS } from '../numeric/rng.js';
import type { WitnessComponent } from './decompose.js';

/** The embedded system of `c`'s dimension for `system`, and the witness points lifted to it (zz = 0). */
export function embedWitnessSet(
  system: System,
  c: Pick<WitnessComponent, 'dimension' | 'points' | 'slicing'>,
  seed = 1,
): { system: System; points: Float64Array[] } {
  const n = system.variables.length;
  const d = c.dimension;
  if (system.parameters.length > 0) throw new InputError('a witness set for PHCpack needs a system without parameters');
  if (d < 1) throw new InputError('PHCpack witness sets are for components of dimension at least 1');
  const nv = n + d;
  const lift = (p: Polynomial): Polynomial =>
    Polynomial.fromTerms(
      nv,
      [...p.terms].map((t) => ({ re: t.re, im: t.im, exps: Array.from({ length: nv }, (_, k) => (k < n ? t.exps[k]! : 0)) })),
    );
  const rng = new Random(seed, STREAMS.witnessExport);
  let equations = system.equations.map(lift);
  if (equations.length > n) {
    // Random combinations keep every component of dimension ≥ 0 … n − 1 of the original.
    const base = equations;
    equations = Array.from({ length: n }, () => base.reduce((sum, f) => sum.add(f.scale(rng.normal(), rng.normal())), Polynomial.zero(nv)));
  }
  if (equations.length < n - d)
    throw new InputError(`the system has ${equations.length} equations: too few for a component of dimension ${d} in ${n} unknowns`);
  while (equations.length < n) equations.push(Polynomial.zero(nv));
  const slack = (j: number): Polynomial => Polynomial.variable(nv, n + j);
  const embedded = equations.map((f) => {
    let g = f;
    for (let j = 0; j < d; j++) g = g.add(slack(j).scale(rng.normal(), rng.normal()));
    return g;
  });
  const { A, c: offsets } = c.slicing;
  for (let j = 0; j < d; j++) {
    let h = Polynomial.constant(nv, -offsets[2 * j]!, -offsets[2 * j + 1]!).add(slack(j));
    for (let k = 0; k < n; k++) h = h.add(Polynomial.variable(nv, k).scale(A[2 * (j * n + k)]!, A[2 * (j * n + k) + 1]!));
    embedded.push(h);
  }
  const names = [...system.variables, ...Array.from({ length: d }, (_, j) => `zz${j + 1}`)];
  const points = c.points.map((x) => {
    const y = new Float64Array(2 * nv);
    y.set(x.subarray(0, 2 * n));
    return y;
  });
  return { system: makeSystem(names, embedded), points };
}

/** The PHCpack input file of `c`'s witness set: the embedded system, then its solution list. */
export function phcWitnessFile(system: System, c: Pick<WitnessComponent, 'dimension' | 'points' | 'slicing'>, seed = 1): string {
  const e = embedWitnessSet(system, c, seed);
  return `${writePhc(e.system)}\n${writePhcSolutions(e.system, e.points)}`;
}

/**
 * One PHCpack witness file per dimension (`PREFIX_dimD.phc`): the components of a dimension
 * share its slicing, so their points together are that dimension's witness set, in component
 * order. `phc -f` (breakup, by monodromy) reads each and groups its points into factors.
 * Returns the files written, with the component each point belongs to.
 */
export function writePhcWitnessSets(
  system: System,
  components: readonly Pick<WitnessComponent, 'dimension' | 'points' | 'slicing' | 'unresolved'>[],
  prefix: string,
  write: (file: string, text: string) => void,
): { file: string; dimension: number; points: number; components: number[] }[] {
  const dims = [...new Set(components.filter((c) => !c.unresolved).map((c) => c.dimension))].sort((a, b) => b - a);
  return dims.map((dimension) => {
    const mine = components.flatMap((c, k) => (c.dimension === dimension && !c.unresolved ? [{ c, k }] : []));
    const file = `${prefix}_dim${dimension}.phc`;
    const set = { dimension, slicing: mine[0]!.c.slicing, points: mine.flatMap(({ c }) => c.points) };
    write(file, phcWitnessFile(system, set));
    return { file, dimension, points: set.points.length, components: mine.flatMap(({ c, k }) => c.points.map(() => k)) };
  });
}
