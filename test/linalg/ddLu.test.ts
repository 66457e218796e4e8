import { describe, expect, it } from 'vitest';
import { ComplexLU } from '../../src/linalg/lu.js';
import { DDComplexLU } from '../../src/linalg/ddLu.js';
import { cddAddInto, cddMulInto, fromDD, toDD } from '../../src/numeric/ddArray.js';
import { Random } from '../../src/numeric/rng.js';

/** A Hilbert-like complex matrix (1 + i/3)/(i + j + 1), condition about 10^10 at n = 8, rounded to double. */
function hilbert(n: number): Float64Array {
  const A = new Float64Array(2 * n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      A[2 * (i * n + j)] = 1 / (i + j + 1);
      A[2 * (i * n + j) + 1] = 1 / (3 * (i + j + 1));
    }
  }
  return A;
}

/** b = A·x in double-double, for A and x given in double (so b is A·x to 2^-104). */
function product(A: Float64Array, x: Float64Array, n: number): Float64Array {
  const Add = toDD(A);
  const xdd = toDD(x);
  const b = new Float64Array(4 * n);
  const t = new Float64Array(4);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      cddMulInto(t, 0, Add, 4 * (i * n + j), xdd, 4 * j);
      cddAddInto(b, 4 * i, b, 4 * i, t, 0);
    }
  }
  return b;
}

const maxGap = (a: Float64Array, b: Float64Array): number => Math.max(...Array.from(a, (v, k) => Math.abs(v - b[k]!)));

describe('complex LU in double-double', () => {
  it('solves a system of condition 10^10 to 10^-20, where double LU keeps 10^-7', () => {
    const n = 8;
    const A = hilbert(n);
    const rng = new Random(7, 0);
    const x = Float64Array.from({ length: 2 * n }, () => rng.normal());
    const b = product(A, x, n);
    const lu = new DDComplexLU(n);
    expect(lu.factor(toDD(A))).toBe(true);
    const xdd = fromDD(lu.solve(new Float64Array(4 * n), b));
    expect(maxGap(xdd, x)).toBeLessThan(1e-20 * Math.max(...Array.from(x, Math.abs)) + 1e-300);
    const double = new ComplexLU(n);
    double.factor(A);
    const x64 = double.solve(new Float64Array(2 * n), fromDD(b));
    expect(maxGap(x64, x)).toBeGreaterThan(1e-10); // what double loses here, for the comparison
  });

  it('solves in place, pivots, and refuses a singular matrix', () => {
    const lu = new DDComplexLU(2);
    // [[0, 1], [1, 0]] needs a row swap.
    expect(lu.factor(toDD(Float64Array.from([0, 0, 1, 0, 1, 0, 0, 0])))).toBe(true);
    const b = toDD(Float64Array.from([2, 1, 3, -1]));
    expect(Array.from(fromDD(lu.solve(b, b)))).toEqual([3, -1, 2, 1]);
    expect(lu.factor(toDD(Float64Array.from([1, 0, 2, 0, 2, 0, 4, 0])))).toBe(false);
    expect(() => lu.solve(new Float64Array(8), b)).toThrow(/nonsingular/);
  });
});
