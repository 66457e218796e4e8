import { describe, expect, test } from 'vitest';
import { matrixNorm1, norm1 } from '../../src/linalg/norms.js';

describe('norms', () => {
  // [[3+4i, 1], [0, -2i]] with column sums 5, 3 and row sums 6, 2.
  const A = new Float64Array([3, 4, 1, 0, 0, 0, 0, -2]);

  test('the matrix 1-norm is the largest column sum of moduli', () => {
    expect(matrixNorm1(A, 2, 2)).toBe(5);
    // A 1×2 row: one column sum per entry.
    expect(matrixNorm1(A, 1, 2)).toBe(5);
  });

  test('vector 1-norm sums moduli', () => {
    expect(norm1(new Float64Array([3, 4, 0, -1]))).toBe(6);
    expect(norm1(new Float64Array([3, 4, 0, -1]), 1)).toBe(5);
  });
});
