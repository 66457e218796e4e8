import { describe, expect, it } from 'vitest';
import { fromPairs } from '../../src/numeric/complex.js';
import { Random } from '../../src/numeric/rng.js';
import { classifyPoint, classifyPoints, hessianAt, productRank, renderSummary, zeroPattern } from '../../src/network/classify.js';
import { linearNetwork } from '../../src/network/model.js';

const real = (values: readonly number[]): Float64Array => fromPairs(values.map((v) => [v, 0] as [number, number]));

/**
 * dims (1,1,1), one data point x = 1, y = 3, λ = (1, 4): L(a, b) = ½(ab − 3)² + ½a² + 2b².
 * By hand: ∂L/∂a = (ab − 3)b + a and ∂L/∂b = (ab − 3)a + 4b vanish at 0 and where
 * λ1a² = λ2b² and (ab − 3)² = λ1λ2, i.e. ab = 1 (a² = 2, b² = ½: two real minima, loss 4)
 * or ab = 5 (a² = −10, b² = −5/2: two complex points, loss −8). At 0 the Hessian is
 * [[1, −3], [−3, 4]] with determinant −5: a saddle of index 1, loss 9/2.
 */
const handNetwork = () => linearNetwork({ dims: [1, 1, 1], X: [[1]], Y: [[3]], regularization: { kind: 'entrywise', lambda: [[[1]], [[4]]] } });
const handPoints: Float64Array[] = [
  real([0, 0]),
  real([Math.SQRT2, Math.SQRT1_2]),
  real([-Math.SQRT2, -Math.SQRT1_2]),
  fromPairs([
    [0, Math.sqrt(10)],
    [0, -Math.sqrt(2.5)],
  ]),
  fromPairs([
    [0, -Math.sqrt(10)],
    [0, Math.sqrt(2.5)],
  ]),
];

describe('classifyPoint on a case solved by hand', () => {
  const network = handNetwork();

  it('the points are critical', () => {
    for (const x of handPoints) {
      for (const g of network.system.equations) expect(Math.hypot(...g.evaluate(x))).toBeLessThan(1e-12);
    }
  });

  it('finds the saddle at 0, the two minima and the two complex points', () => {
    const [origin, min1, min2, c1, c2] = handPoints.map((x) => classifyPoint(network, x));
    expect(origin).toMatchObject({ real: true, type: 'saddle', index: 1, loss: [4.5, 0], rank: 0 });
    expect(origin!.eigenvalues![0]).toBeCloseTo((5 - Math.sqrt(45)) / 2, 12);
    for (const m of [min1!, min2!]) {
      expect(m).toMatchObject({ real: true, type: 'minimum', index: 0, rank: 1 });
      expect(m.loss[0]).toBeCloseTo(4, 12);
    }
    for (const c of [c1!, c2!]) {
      expect(c.real).toBe(false);
      expect(c.type).toBe('complex');
      expect(c.index).toBeUndefined();
      expect(c.loss[0]).toBeCloseTo(-8, 12);
      expect(c.loss[1]).toBeCloseTo(0, 12);
      expect(c.rank).toBe(1);
    }
  });

  it('summarizes: counts per type and pattern, and the global minima', () => {
    const { summary } = classifyPoints(network, handPoints);
    expect(summary).toMatchObject({ points: 5, complex: 2, real: 3, minima: 2, saddles: 1, degenerate: 0 });
    expect(summary.saddlesByIndex).toEqual({ 1: 1 });
    expect(summary.patterns).toEqual({ '0': 1, '1': 4 });
    expect(summary.byPattern['0']).toEqual({ points: 1, complex: 0, minima: 0, saddles: 1, degenerate: 0 });
    expect(summary.globalMinimum?.points).toEqual([1, 2]);
    expect(summary.globalMinimum?.loss).toBeCloseTo(4, 12);
    const table = renderSummary(summary);
    expect(table).toMatch(/^pattern\s+points\s+complex\s+minima\s+saddles\s+degenerate$/m);
    expect(table).toMatch(/^1\s+4\s+2\s+2\s+0\s+0$/m);
    expect(table).toMatch(/^total\s+5\s+2\s+2\s+1\s+0$/m);
    expect(table).toMatch(/saddles by Morse index: index 1: 1/);
    expect(table).toMatch(/global minimum: loss 4\.000000000 at 2 points \(#2, #3\)/);
  });

  it('treats imaginary parts far below the tolerance as rounding', () => {
    const x = Float64Array.from(handPoints[1]!);
    x[1] = 1e-13;
    expect(classifyPoint(network, x)).toMatchObject({ real: true, type: 'minimum', loss: [expect.closeTo(4, 12), 0] });
    x[1] = 1e-4;
    expect(classifyPoint(network, x).real).toBe(false);
  });

  it('calls a point with a flat Hessian direction degenerate', () => {
    // Without regularization L = ½(ab − 1)² is critical on the whole curve ab = 1, and its
    // Hessian [[b², 2ab − 1], [2ab − 1, a²]] has eigenvalues 0 and a² + b² there.
    const flat = linearNetwork({ dims: [1, 1, 1], X: [[1]], Y: [[1]], regularization: { kind: 'none' } });
    const c = classifyPoint(flat, real([2, 0.5]));
    expect(c.type).toBe('degenerate');
    expect(c.eigenvalues![0]).toBeCloseTo(0, 12);
    expect(c.eigenvalues![1]).toBeCloseTo(4.25, 12);
    expect(classifyPoints(flat, [real([2, 0.5])]).summary.globalMinimum).toBeUndefined();
  });
});

describe('hessianAt', () => {
  it('agrees with central finite differences of the gradient', () => {
    const network = linearNetwork({ dims: [2, 3, 2], points: 4, seed: 12 });
    const n = network.variables.length;
    const rng = new Random(5);
    const x = real(Array.from({ length: n }, () => rng.normal()));
    const H = hessianAt(network, x);
    // The gradient is a cubic: central differences with h = 1e-5 have truncation error
    // ~h²·|∇³g| ≈ 1e-9 and rounding ~ε·|g|/h ≈ 1e-11·|g|, well below 1e-6 relative.
    const h = 1e-5;
    for (let j = 0; j < n; j++) {
      const plus = Float64Array.from(x);
      const minus = Float64Array.from(x);
      plus[2 * j] += h;
      minus[2 * j] -= h;
      network.system.equations.forEach((g, i) => {
        const fd = (g.evaluate(plus)[0] - g.evaluate(minus)[0]) / (2 * h);
        expect(Math.abs(fd - H[i]![j]!)).toBeLessThan(1e-6 * Math.max(1, Math.abs(H[i]![j]!)));
      });
    }
    H.forEach((row, i) => row.forEach((v, j) => expect(v).toBe(H[j]![i])));
  });
});

describe('zeroPattern', () => {
  const dims = [2, 2, 2];
  // W1 = [[a, b], [c, d]] then W2 = [[e, f], [g, h]], in variable order.
  it('switches a hidden neuron off only when its row of W1 and column of W2 both vanish', () => {
    const off = zeroPattern(dims, real([0, 0, 1, 2, 0, 3, 0, 4]));
    expect(off.zeroWeights).toEqual([0, 1, 4, 6]);
    expect(off.offNeurons).toEqual([{ layer: 1, neuron: 1 }]);
    expect(off.key).toBe('01');
    const rowOnly = zeroPattern(dims, real([0, 0, 1, 2, 5, 3, 0, 4]));
    expect(rowOnly.offNeurons).toEqual([]);
    expect(rowOnly.key).toBe('11');
  });

  it('uses a tolerance relative to the size of the point, on complex moduli', () => {
    const tiny = fromPairs([
      [1e-12, 1e-12],
      [0, -1e-11],
      [1, 0],
      [0, 2],
      [-1e-10, 0],
      [3, 0],
      [0, 0],
      [4, 1],
    ]);
    expect(zeroPattern(dims, tiny).key).toBe('01');
    expect(zeroPattern(dims, tiny, 1e-13).key).toBe('11');
  });

  it('keys every hidden layer, and networks without one', () => {
    // dims (1, 2, 2, 1): W1 is 2×1, W2 2×2, W3 1×2. Neuron 2 of layer 1 and neuron 1 of layer 2 off.
    const x = real([1, 0, 0, 0, 3, 0, 0, 5]);
    expect(zeroPattern([1, 2, 2, 1], x).key).toBe('10|01');
    expect(zeroPattern([2, 1], real([0, 0])).key).toBe('-');
  });
});

describe('productRank', () => {
  it('is the numerical rank of W2·W1 at real points', () => {
    expect(productRank([2, 2, 2], real([1, 2, 3, 4, 1, 0, 0, 1]))).toBe(2);
    expect(productRank([2, 2, 2], real([1, 2, 2, 4, 1, 0, 0, 1]))).toBe(1);
    expect(productRank([2, 2, 2], real([1, 2, 3, 4, 0, 0, 0, 0]))).toBe(0);
    // Rank 1 through the bottleneck of a width-1 hidden layer.
    expect(productRank([2, 1, 2], real([1, 2, 3, 4]))).toBe(1);
  });

  it('is complex-safe: [[1, i], [i, −1]] has rank 1 though its real part has rank 2', () => {
    const W1 = [
      [1, 0],
      [0, 1],
      [0, 1],
      [-1, 0],
    ] as [number, number][];
    const identity = [
      [1, 0],
      [0, 0],
      [0, 0],
      [1, 0],
    ] as [number, number][];
    expect(productRank([2, 2, 2], fromPairs([...W1, ...identity]))).toBe(1);
    const rotated = [
      [0, 1],
      [0, 0],
      [0, 0],
      [0, 1],
    ] as [number, number][];
    expect(productRank([2, 2, 2], fromPairs([...W1, ...rotated]))).toBe(1);
  });
});
