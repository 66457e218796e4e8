import { describe, expect, it } from 'vitest';
import { BinomialSolver, hermiteForm } from '../../src/homotopy/binomial.js';
import { Random } from '../../src/numeric/rng.js';

function multiply(a: readonly (readonly bigint[])[], b: readonly (readonly bigint[])[]): bigint[][] {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, x, k) => s + x * b[k]![j]!, 0n)));
}

function determinant(m: readonly (readonly bigint[])[]): bigint {
  // Laplace expansion: the matrices here are at most 4 × 4.
  if (m.length === 1) return m[0]![0]!;
  return m[0]!.reduce((s, x, j) => {
    const minor = m.slice(1).map((row) => row.filter((_, k) => k !== j));
    return s + (j % 2 === 0 ? 1n : -1n) * x * determinant(minor);
  }, 0n);
}

function randomMatrix(random: Random, n: number): number[][] {
  for (;;) {
    const m = Array.from({ length: n }, () => Array.from({ length: n }, () => random.int(-3, 3)));
    if (determinant(m.map((r) => r.map(BigInt))) !== 0n) return m;
  }
}

/** y^v as a complex number. */
function monomial(y: Float64Array, v: readonly number[]): [number, number] {
  let re = 1;
  let im = 0;
  v.forEach((e, k) => {
    // y_k^e through polar form: exact enough for small exponents.
    const r = Math.hypot(y[2 * k]!, y[2 * k + 1]!) ** e;
    const a = e * Math.atan2(y[2 * k + 1]!, y[2 * k]!);
    const [pr, pi] = [r * Math.cos(a), r * Math.sin(a)];
    [re, im] = [re * pr - im * pi, re * pi + im * pr];
  });
  return [re, im];
}

describe('Hermite normal form', () => {
  it('gives H = V·U lower triangular with a positive diagonal and U unimodular', () => {
    const random = new Random(5);
    for (let trial = 0; trial < 40; trial++) {
      const n = 1 + (trial % 4);
      const v = randomMatrix(random, n);
      const { h, u } = hermiteForm(v);
      expect(
        multiply(
          v.map((r) => r.map(BigInt)),
          u,
        ),
      ).toEqual(h);
      const det = determinant(u);
      expect(det === 1n || det === -1n).toBe(true);
      for (let i = 0; i < n; i++) {
        expect(h[i]![i]! > 0n).toBe(true);
        for (let j = i + 1; j < n; j++) expect(h[i]![j]).toBe(0n);
        for (let j = 0; j < i; j++) expect(h[i]![j]! >= 0n && h[i]![j]! < h[i]![i]!).toBe(true);
      }
      const product = h.reduce((p, row, i) => p * row[i]!, 1n);
      expect(product).toBe(
        determinant(v.map((r) => r.map(BigInt))) < 0n ? -determinant(v.map((r) => r.map(BigInt))) : determinant(v.map((r) => r.map(BigInt))),
      );
    }
  });

  it('refuses a singular matrix', () => {
    expect(() =>
      hermiteForm([
        [1, 2],
        [2, 4],
      ]),
    ).toThrow(/singular/);
  });
});

describe('binomial systems', () => {
  it('finds |det V| distinct solutions of y^v_l = r_l', () => {
    const random = new Random(9);
    for (let trial = 0; trial < 30; trial++) {
      const n = 1 + (trial % 4);
      const v = randomMatrix(random, n);
      const solver = new BinomialSolver(v);
      const det = determinant(v.map((r) => r.map(BigInt)));
      expect(BigInt(solver.count)).toBe(det < 0n ? -det : det);
      const r = new Float64Array(2 * n);
      for (let l = 0; l < n; l++) [r[2 * l], r[2 * l + 1]] = random.complexNormal();
      const found: Float64Array[] = [];
      for (let k = 0; k < solver.count; k++) {
        const y = solver.solution(new Float64Array(2 * n), r, k);
        v.forEach((row, l) => {
          const [re, im] = monomial(y, row);
          const scale = Math.hypot(r[2 * l]!, r[2 * l + 1]!);
          expect(Math.hypot(re - r[2 * l]!, im - r[2 * l + 1]!)).toBeLessThan(1e-10 * Math.max(1, scale));
        });
        found.push(y);
      }
      for (let i = 0; i < found.length; i++) {
        for (let j = i + 1; j < found.length; j++) {
          const d = Math.max(...Array.from(found[i]!, (x, k) => Math.abs(x - found[j]![k]!)));
          expect(d).toBeGreaterThan(1e-8);
        }
      }
    }
  });
});
