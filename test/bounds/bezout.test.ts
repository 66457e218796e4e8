import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Random } from '../../src/numeric/rng.js';
import { Polynomial } from '../../src/poly/polynomial.js';
import { readSystemFile } from '../../src/poly/read.js';
import { bezoutNumber, makeSystem, type System } from '../../src/poly/system.js';
import { bestMultihomogeneousBound, multihomogeneousBezout, namePrefix } from '../../src/bounds/index.js';
import { SYSTEMS_DIR } from '../systems.js';

const systems = SYSTEMS_DIR;

/** n generic bilinear equations in x ∈ Cᵏ, y ∈ Cⁿ⁻ᵏ (affine: all monomials 1, x_i, y_j, x_i·y_j). */
function bilinear(n: number, k: number, random: Random): System {
  const names = [...Array.from({ length: k }, (_, i) => `x${i + 1}`), ...Array.from({ length: n - k }, (_, j) => `y${j + 1}`)];
  const xs = [Polynomial.constant(n, 1), ...Array.from({ length: k }, (_, i) => Polynomial.variable(n, i))];
  const ys = [Polynomial.constant(n, 1), ...Array.from({ length: n - k }, (_, j) => Polynomial.variable(n, k + j))];
  const equations = Array.from({ length: n }, () => {
    let p = Polynomial.zero(n);
    for (const a of xs) for (const b of ys) p = p.add(a.mul(b).scale(random.normal(), random.normal()));
    return p;
  });
  return makeSystem(names, equations);
}

const xGroup = (k: number): string[] => Array.from({ length: k }, (_, i) => `x${i + 1}`);
const yGroup = (m: number): string[] => Array.from({ length: m }, (_, j) => `y${j + 1}`);
const binomial = (n: number, k: number): bigint => (k === 0 ? 1n : (binomial(n - 1, k - 1) * BigInt(n)) / BigInt(k));

describe('Bézout number', () => {
  it.each([
    ['katsura5', 32n],
    ['cyclic5', 120n],
    ['cyclic6', 720n],
    ['noon3', 27n],
    ['noon4', 81n],
    ['dln_2-2-2_m1_s11', 6561n],
  ])('%s: %d', (name, expected) => {
    expect(bezoutNumber(readSystemFile(`${systems}/${name}.phc`))).toBe(expected);
  });
});

describe('multihomogeneous Bézout number', () => {
  it('is 2 for two bilinear equations in (x), (y), against Bézout 4', () => {
    const system = bilinear(2, 1, new Random(1));
    expect(bezoutNumber(system)).toBe(4n);
    expect(multihomogeneousBezout(system, [['x1'], ['y1']])).toBe(2n);
    expect(multihomogeneousBezout(system, [['x1', 'y1']])).toBe(4n);
  });

  it('is C(n, k) for n bilinear equations in x ∈ Cᵏ, y ∈ Cⁿ⁻ᵏ', () => {
    for (const [n, k] of [
      [3, 1],
      [4, 2],
      [6, 2],
      [7, 3],
    ] as const) {
      const system = bilinear(n, k, new Random(n * 10 + k));
      expect(multihomogeneousBezout(system, [xGroup(k), yGroup(n - k)])).toBe(binomial(n, k));
    }
  });

  it('is n for an eigenvalue problem (A − λI)v = 0 with a normalization of v', () => {
    const n = 4;
    const random = new Random(2);
    const vars = n + 1;
    const v = (i: number): Polynomial => Polynomial.variable(vars, i);
    const lambda = Polynomial.variable(vars, n);
    const equations: Polynomial[] = [];
    for (let i = 0; i < n; i++) {
      let row = lambda.mul(v(i)).neg();
      for (let j = 0; j < n; j++) row = row.add(v(j).scale(random.normal()));
      equations.push(row);
    }
    equations.push(v(0).add(v(1)).add(v(2)).add(v(3)).sub(Polynomial.constant(vars, 1)));
    const system = makeSystem(['v1', 'v2', 'v3', 'v4', 'lambda'], equations);
    expect(bezoutNumber(system)).toBe(16n);
    expect(multihomogeneousBezout(system, [['v1', 'v2', 'v3', 'v4'], ['lambda']])).toBe(4n);
    expect(bestMultihomogeneousBound(system).bound).toBe(4n);
  });

  it('finds the layer partition of a deep linear network', () => {
    const system = readSystemFile(`${systems}/dln_2-2-2_m1_s11.phc`);
    const layers = [system.variables.filter((v) => v.startsWith('w1')), system.variables.filter((v) => v.startsWith('w2'))];
    // Gradients in W1 have degrees (1, 2), in W2 (2, 1): the coefficient of a⁴b⁴ in
    // (a + 2b)⁴(2a + b)⁴ is Σ_j C(4, j)²·4^(4−j) = 1921.
    expect(multihomogeneousBezout(system, layers)).toBe(1921n);
    const exhaustive = bestMultihomogeneousBound(system);
    const heuristic = bestMultihomogeneousBound(system, { exhaustiveUpTo: 0 });
    expect(exhaustive.bound).toBe(1921n);
    expect(heuristic.bound).toBe(1921n);
    expect(heuristic.partition.map((g) => [...g].sort())).toEqual(layers.map((g) => [...g].sort()));
  });

  it('finds the bilinear structure by local search when there are too many variables to try all', () => {
    const system = bilinear(10, 5, new Random(7));
    const best = bestMultihomogeneousBound(system);
    expect(best.bound).toBe(252n);
    expect(best.partition.map((g) => [...g].sort())).toEqual([xGroup(5), yGroup(5)]);
  });

  it('groups names by layer prefix', () => {
    expect(['W1[1,2]', 'w2_1_1', 'x12', 'lambda'].map(namePrefix)).toEqual(['W1', 'w2', 'x', 'lambda']);
  });

  it('refuses a partition that is not one, saying what is wrong', () => {
    const system = bilinear(2, 1, new Random(1));
    expect(() => multihomogeneousBezout(system, [['x1'], ['z']])).toThrow(InputError);
    expect(() => multihomogeneousBezout(system, [['x1'], ['z']])).toThrow(/names 'z', which is not a variable/);
    expect(() => multihomogeneousBezout(system, [['x1', 'y1'], ['y1']])).toThrow(/puts the variable 'y1' in two groups/);
    expect(() => multihomogeneousBezout(system, [['x1']])).toThrow(/leaves out y1/);
  });
});
