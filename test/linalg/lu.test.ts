import { describe, expect, test } from 'vitest';
import { ComplexLU } from '../../src/linalg/lu.js';
import { matrixNorm1 } from '../../src/linalg/norms.js';
import { cabs, normInf } from '../../src/numeric/complex.js';
import { Random } from '../../src/numeric/rng.js';

function randomMatrix(rng: Random, rows: number, cols = rows): Float64Array {
  const A = new Float64Array(2 * rows * cols);
  for (let k = 0; k < rows * cols; k++) [A[2 * k], A[2 * k + 1]] = rng.complexNormal();
  return A;
}

/** C = A·B for row-major complex matrices (m×l times l×n). */
function multiply(A: Float64Array, B: Float64Array, m: number, l: number, n: number): Float64Array {
  const C = new Float64Array(2 * m * n);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < l; k++) {
      const [ar, ai] = [A[2 * (i * l + k)]!, A[2 * (i * l + k) + 1]!];
      for (let j = 0; j < n; j++) {
        const [br, bi] = [B[2 * (k * n + j)]!, B[2 * (k * n + j) + 1]!];
        C[2 * (i * n + j)]! += ar * br - ai * bi;
        C[2 * (i * n + j) + 1]! += ar * bi + ai * br;
      }
    }
  }
  return C;
}

/** ‖Ax − b‖∞ / (‖A‖∞‖x‖∞): the normwise backward error of a solve. */
/** Largest row sum of moduli (the operator ∞-norm), for the backward error. */
function matrixNormInf(A: Float64Array, rows: number, cols: number): number {
  let best = 0;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += cabs(A[2 * (i * cols + j)]!, A[2 * (i * cols + j) + 1]!);
    best = Math.max(best, s);
  }
  return best;
}

function backwardError(A: Float64Array, x: Float64Array, b: Float64Array, n: number): number {
  const r = multiply(A, x, n, n, 1);
  for (let k = 0; k < 2 * n; k++) r[k]! -= b[k]!;
  return normInf(r) / (matrixNormInf(A, n, n) * normInf(x));
}

/** The inverse, column by column, and from it the true κ₁. */
function trueCondition(A: Float64Array, n: number): number {
  const lu = new ComplexLU(n);
  expect(lu.factor(A)).toBe(true);
  const inverse = new Float64Array(2 * n * n);
  const e = new Float64Array(2 * n);
  const column = new Float64Array(2 * n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[2 * j] = 1;
    lu.solve(column, e);
    for (let i = 0; i < n; i++) [inverse[2 * (i * n + j)], inverse[2 * (i * n + j) + 1]] = [column[2 * i]!, column[2 * i + 1]!];
  }
  return matrixNorm1(A, n, n) * matrixNorm1(inverse, n, n);
}

/** A unitary matrix: Gram–Schmidt (twice, for orthogonality to rounding) on a random matrix's rows. */
function randomUnitary(rng: Random, n: number): Float64Array {
  const Q = randomMatrix(rng, n);
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < i; k++) {
        let [dr, di] = [0, 0];
        for (let j = 0; j < n; j++) {
          const [qr, qi, ar, ai] = [Q[2 * (k * n + j)]!, Q[2 * (k * n + j) + 1]!, Q[2 * (i * n + j)]!, Q[2 * (i * n + j) + 1]!];
          dr += qr * ar + qi * ai;
          di += qr * ai - qi * ar;
        }
        for (let j = 0; j < n; j++) {
          const [qr, qi] = [Q[2 * (k * n + j)]!, Q[2 * (k * n + j) + 1]!];
          Q[2 * (i * n + j)]! -= dr * qr - di * qi;
          Q[2 * (i * n + j) + 1]! -= dr * qi + di * qr;
        }
      }
      let s = 0;
      for (let j = 0; j < 2 * n; j++) s += Q[2 * i * n + j]! ** 2;
      for (let j = 0; j < 2 * n; j++) Q[2 * i * n + j]! /= Math.sqrt(s);
    }
  }
  return Q;
}

/** U·diag(σ)·V with singular values from 1 down to 1/κ, so the 2-norm condition is κ. */
function matrixWithCondition(rng: Random, n: number, kappa: number): Float64Array {
  const U = randomUnitary(rng, n);
  const V = randomUnitary(rng, n);
  for (let j = 0; j < n; j++) {
    const sigma = n === 1 ? 1 : kappa ** (-j / (n - 1));
    for (let i = 0; i < n; i++) {
      U[2 * (i * n + j)]! *= sigma;
      U[2 * (i * n + j) + 1]! *= sigma;
    }
  }
  return multiply(U, V, n, n, n);
}

describe('ComplexLU', () => {
  test('solves random systems of sizes 1..60 to a backward error below 1e-12', () => {
    const rng = new Random(31);
    for (let n = 1; n <= 60; n++) {
      const A = randomMatrix(rng, n);
      const lu = new ComplexLU(n);
      expect(lu.factor(A)).toBe(true);
      expect(lu.singular).toBe(false);
      const b = randomMatrix(rng, n, 1);
      const x = lu.solve(new Float64Array(2 * n), b);
      expect(backwardError(A, x, b, n)).toBeLessThan(1e-12);
    }
  });

  test('reuses one factorization for several right-hand sides, in place too', () => {
    const rng = new Random(32);
    const n = 25;
    const A = randomMatrix(rng, n);
    const lu = new ComplexLU(n);
    lu.factor(A);
    for (let r = 0; r < 5; r++) {
      const b = randomMatrix(rng, n, 1);
      const x = Float64Array.from(b);
      expect(lu.solve(x, x)).toBe(x);
      expect(backwardError(A, x, b, n)).toBeLessThan(1e-12);
    }
  });

  test('solves with the conjugate transpose', () => {
    const rng = new Random(33);
    const n = 17;
    const A = randomMatrix(rng, n);
    const AH = new Float64Array(2 * n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) [AH[2 * (j * n + i)], AH[2 * (j * n + i) + 1]] = [A[2 * (i * n + j)]!, -A[2 * (i * n + j) + 1]!];
    const lu = new ComplexLU(n);
    lu.factor(A);
    const b = randomMatrix(rng, n, 1);
    expect(backwardError(AH, lu.solveAdjoint(new Float64Array(2 * n), b), b, n)).toBeLessThan(1e-12);
  });

  test('reports singular matrices instead of throwing', () => {
    const rng = new Random(34);
    const n = 8;
    const lu = new ComplexLU(n);
    // Rank n − 1: a product through an (n − 1)-dimensional space.
    const A = multiply(randomMatrix(rng, n, n - 1), randomMatrix(rng, n - 1, n), n, n - 1, n);
    expect(lu.factor(A)).toBe(false);
    expect(lu.singular).toBe(true);
    expect(lu.conditionEstimate()).toBe(Infinity);
    expect(() => lu.solve(new Float64Array(2 * n), new Float64Array(2 * n))).toThrow(/singular; check the result of factor/);
    expect(lu.factor(new Float64Array(2 * n * n))).toBe(false);
    // A good matrix after a singular one factors again.
    expect(lu.factor(randomMatrix(rng, n))).toBe(true);
  });

  test('refuses to solve before factoring', () => {
    expect(() => new ComplexLU(3).solve(new Float64Array(6), new Float64Array(6))).toThrow(/call factor\(A\) before solve/);
  });
});

describe('condition estimate', () => {
  // The estimate is a lower bound on κ₁; Higham reports it within a factor 3 almost always.
  const within = (estimate: number, truth: number) => {
    expect(estimate).toBeLessThanOrEqual(truth * (1 + 1e-8));
    expect(estimate).toBeGreaterThan(truth / 10);
  };

  test('random matrices', () => {
    const rng = new Random(35);
    for (const n of [1, 2, 3, 5, 10, 20, 40]) {
      const A = randomMatrix(rng, n);
      const lu = new ComplexLU(n);
      lu.factor(A);
      within(lu.conditionEstimate(), trueCondition(A, n));
    }
  });

  test('ill-conditioned matrices, κ up to 1e12', () => {
    const rng = new Random(36);
    for (const [n, kappa] of [
      [4, 1e4],
      [10, 1e8],
      [20, 1e10],
      [30, 1e12],
      [12, 1e6],
    ] as const) {
      const A = matrixWithCondition(rng, n, kappa);
      const lu = new ComplexLU(n);
      expect(lu.factor(A)).toBe(true);
      const truth = trueCondition(A, n);
      expect(truth).toBeGreaterThan(kappa / 10);
      within(lu.conditionEstimate(), truth);
    }
  });
});
