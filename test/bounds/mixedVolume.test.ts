import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Random } from '../../src/numeric/rng.js';
import { Polynomial } from '../../src/poly/polynomial.js';
import { readSystemFile } from '../../src/poly/read.js';
import { bezoutNumber, makeSystem, type System } from '../../src/poly/system.js';
import {
  mixedSubdivision,
  mixedVolume,
  mixedVolumeOfSupports,
  rootCountBounds,
  stableMixedVolume,
  stableMixedVolumeOfSupports,
} from '../../src/bounds/index.js';
import { TimeLimitError } from '../../src/bounds/cellCheck.js';
import { SYSTEMS_DIR } from '../systems.js';

const systems = SYSTEMS_DIR;
const names = (n: number): string[] => Array.from({ length: n }, (_, k) => `x${k + 1}`);

/** cyclic-n: the elementary symmetric-like cyclic sums, and x1⋯xn − 1. */
function cyclic(n: number): System {
  const x = (k: number): Polynomial => Polynomial.variable(n, k % n);
  const equations: Polynomial[] = [];
  for (let len = 1; len < n; len++) {
    let sum = Polynomial.zero(n);
    for (let i = 0; i < n; i++) {
      let m = Polynomial.constant(n, 1);
      for (let j = 0; j < len; j++) m = m.mul(x(i + j));
      sum = sum.add(m);
    }
    equations.push(sum);
  }
  let product = Polynomial.constant(n, 1);
  for (let j = 0; j < n; j++) product = product.mul(x(j));
  equations.push(product.sub(Polynomial.constant(n, 1)));
  return makeSystem(names(n), equations);
}

/** A polynomial with random coefficients on the given exponent vectors. */
function randomPolynomial(n: number, support: number[][], random: Random): Polynomial {
  return Polynomial.fromTerms(
    n,
    support.map((exps) => ({ exps, re: random.normal(), im: random.normal() })),
  );
}

/** Every exponent vector of total degree ≤ d in n variables. */
function denseSupport(n: number, d: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (let e = 0; e <= d; e++) for (const rest of denseSupport(n - 1, d - e)) out.push([e, ...rest]);
  return out;
}

/** Twice the area of the convex hull of integer points in the plane (monotone chain). */
function doubleArea(points: number[][]): number {
  const p = [...new Map(points.map((q) => [q.join(','), q])).values()].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  if (p.length < 3) return 0;
  const cross = (o: number[], a: number[], b: number[]): number => (a[0]! - o[0]!) * (b[1]! - o[1]!) - (a[1]! - o[1]!) * (b[0]! - o[0]!);
  const chain = (pts: number[][]): number[][] => {
    const h: number[][] = [];
    for (const q of pts) {
      while (h.length >= 2 && cross(h[h.length - 2]!, h[h.length - 1]!, q) <= 0) h.pop();
      h.push(q);
    }
    return h;
  };
  const hull = [...chain(p).slice(0, -1), ...chain([...p].reverse()).slice(0, -1)];
  let twice = 0;
  for (let i = 0; i < hull.length; i++) twice += cross([0, 0], hull[i]!, hull[(i + 1) % hull.length]!);
  return Math.abs(twice);
}

describe('mixed volume of the classic systems', () => {
  it.each([
    ['noon3', 21n, 21n],
    ['noon4', 73n, 73n],
    ['cyclic5', 70n, 70n],
    ['cyclic6', 156n, 156n],
    ['katsura5', 32n, 32n],
    ['katsura6', 54n, 64n],
    ['katsura7', 126n, 128n],
  ])('%s: mixed volume %d, stable mixed volume %d', (name, torus, stable) => {
    const system = readSystemFile(`${systems}/${name}.phc`);
    expect(mixedVolume(system)).toBe(torus);
    expect(stableMixedVolume(system)).toBe(stable);
  });

  it('cyclic7 has mixed volume 924', () => {
    expect(mixedVolume(cyclic(7))).toBe(924n);
  });

  it('does not depend on the lifting (seed)', () => {
    const system = readSystemFile(`${systems}/dln_2-2-2_m1_s11.phc`);
    const torus = [1, 2].map((seed) => mixedVolume(system, { seed }));
    const stable = [1, 2].map((seed) => stableMixedVolume(system, { seed }));
    expect(new Set(torus).size).toBe(1);
    expect(new Set(stable).size).toBe(1);
    // The 33 critical points are isolated, so the stable mixed volume bounds them.
    expect(stable[0]!).toBeGreaterThanOrEqual(torus[0]!);
    expect(stable[0]!).toBeGreaterThanOrEqual(33n);
  });
});

describe('mixed volume against independent counts', () => {
  it('equals the Bézout number for dense systems (mixed and semi-mixed supports)', () => {
    const random = new Random(11);
    for (const degrees of [
      [2, 3, 2],
      [2, 2, 2],
      [3, 3, 1, 2],
      [1, 1, 1, 1],
    ]) {
      const n = degrees.length;
      const system = makeSystem(
        names(n),
        degrees.map((d) => randomPolynomial(n, denseSupport(n, d), random)),
      );
      expect(mixedVolume(system)).toBe(bezoutNumber(system));
      expect(stableMixedVolume(system)).toBe(bezoutNumber(system));
    }
  });

  it('is d for one univariate polynomial of degree d with a constant term', () => {
    for (const d of [1, 2, 5, 9]) expect(mixedVolumeOfSupports([[[0], [d], [d >> 1]]])).toBe(BigInt(d));
  });

  it('is 2 for x² + y² − 1, x − y', () => {
    const [x, y] = [Polynomial.variable(2, 0), Polynomial.variable(2, 1)];
    const system = makeSystem(['x', 'y'], [x.pow(2).add(y.pow(2)).sub(Polynomial.constant(2, 1)), x.sub(y)]);
    expect(mixedVolume(system)).toBe(2n);
  });

  it('is 1 for a generic linear system', () => {
    const random = new Random(3);
    const system = makeSystem(
      names(6),
      Array.from({ length: 6 }, () => randomPolynomial(6, denseSupport(6, 1), random)),
    );
    expect(mixedVolume(system)).toBe(1n);
  });

  it('is area(P+Q) − area(P) − area(Q) in the plane, for random supports', () => {
    const random = new Random(5);
    const randomSupport = (): number[][] => Array.from({ length: random.int(1, 6) }, () => [random.int(0, 5), random.int(0, 5)]);
    for (let trial = 0; trial < 40; trial++) {
      const p = randomSupport();
      const q = trial % 4 === 0 ? p : randomSupport();
      const sum = p.flatMap((a) => q.map((b) => [a[0]! + b[0]!, a[1]! + b[1]!]));
      const expected = (doubleArea(sum) - doubleArea(p) - doubleArea(q)) / 2;
      expect(mixedVolumeOfSupports([p, q], { seed: trial })).toBe(BigInt(expected));
    }
  });

  it('counts roots with zero coordinates only in the stable mixed volume', () => {
    // x(x − 1) = 0, y(y − 1) = 0: one root in the torus, four in C².
    expect(
      mixedVolumeOfSupports([
        [
          [2, 0],
          [1, 0],
        ],
        [
          [0, 2],
          [0, 1],
        ],
      ]),
    ).toBe(1n);
    expect(
      stableMixedVolumeOfSupports([
        [
          [2, 0],
          [1, 0],
        ],
        [
          [0, 2],
          [0, 1],
        ],
      ]),
    ).toBe(4n);
    // c1·x³ + c2·x²: one root in C*, three in C (0 is double).
    expect(mixedVolumeOfSupports([[[3], [2]]])).toBe(1n);
    expect(stableMixedVolumeOfSupports([[[3], [2]]])).toBe(3n);
    // A monomial equation has no root in the torus.
    expect(
      mixedVolumeOfSupports([
        [[1, 1]],
        [
          [0, 0],
          [1, 2],
        ],
      ]),
    ).toBe(0n);
  });
});

describe('mixed subdivision', () => {
  it('has cells whose faces are lowest for their inner normal and whose volumes add up', () => {
    const system = cyclic(5);
    const { types, cells, volume } = mixedSubdivision(
      system.equations.map((p) => p.terms.map((t) => [...t.exps])),
      { seed: 9 },
    );
    expect(volume).toBe(70n);
    expect(cells.reduce((s, c) => s + c.volume, 0n)).toBe(70n);
    for (const cell of cells) {
      types.forEach((type, ti) => {
        const face = cell.faces[ti]!;
        expect(face).toHaveLength(type.equations.length + 1);
        const values = type.points.map((a, i) => a.reduce((s, e, k) => s + e * cell.normal1[k]!, type.lift1[i]!));
        const lowest = Math.min(...values);
        const scale = Math.max(...values.map(Math.abs));
        for (const i of face) expect(values[i]! - lowest).toBeLessThanOrEqual(1e-9 * scale);
        values.forEach((v, i) => face.includes(i) || expect(v - lowest).toBeGreaterThan(0));
      });
    }
  });
});

describe('root-count bounds and refusals', () => {
  it('reports every bound', () => {
    const bounds = rootCountBounds(readSystemFile(`${systems}/katsura6.phc`));
    expect(bounds).toMatchObject({ bezout: 64n, mixedVolume: 54n, stableMixedVolume: 64n });
    expect(bounds.multihomogeneous.bound).toBe(64n);
  });

  it('refuses a non-square system with a message that says why', () => {
    const system = makeSystem(['x', 'y'], [Polynomial.variable(2, 0)]);
    expect(() => mixedVolume(system)).toThrow(InputError);
    expect(() => mixedVolume(system)).toThrow(/not square: 1 equation in 2 variables/);
  });

  it('refuses exponent vectors of the wrong length', () => {
    expect(() => mixedVolumeOfSupports([[[1, 0]], [[0]]])).toThrow(/equation 2: an exponent vector has 1 entries, expected 2/);
  });
});

describe('a time limit counts work, not seconds', () => {
  // The 2-2-2 gradient system's stable mixed volume takes about 2.4·10⁷ simplex updates
  // (0.25 s at WORK_PER_SECOND): whatever the machine's load, 0.01 s of work is too little and
  // 2 s enough, and the same seed always stops at the same place.
  const system = readSystemFile(`${SYSTEMS_DIR}/dln_2-2-2_m1_s11.phc`);
  it('gives up within 0.01 s of work, every time, and finishes within 2 s', () => {
    for (let k = 0; k < 2; k++) expect(() => stableMixedVolume(system, { timeLimit: 0.01 })).toThrow(TimeLimitError);
    expect(() => stableMixedVolume(system, { timeLimit: 0.01 })).toThrow(/0.01 s of work \(counted, not timed\)/);
    expect(stableMixedVolume(system, { timeLimit: 2 })).toBe(1089n);
  });
});
