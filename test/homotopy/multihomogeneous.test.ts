import { describe, expect, it } from 'vitest';
import { multihomogeneousBezout } from '../../src/bounds/bezout.js';
import { compileSystem } from '../../src/compile/compile.js';
import { MultihomogeneousStart, multihomogeneousStart } from '../../src/homotopy/multihomogeneous.js';
import { StraightLineHomotopy } from '../../src/homotopy/straightLine.js';
import { Random } from '../../src/numeric/rng.js';
import { readSystemText } from '../../src/poly/read.js';
import type { System } from '../../src/poly/system.js';
import { clusterPoints } from '../../src/solve/dedupe.js';
import { PathTracker } from '../../src/track/tracker.js';
import { testSystem } from '../systems.js';

const maxAbs = (v: Float64Array): number => {
  let m = 0;
  for (let k = 0; k < v.length; k += 2) m = Math.max(m, Math.hypot(v[k]!, v[k + 1]!));
  return m;
};

/** The weights of a 3-layer network, grouped by layer (w1_*, w2_*): the natural partition. */
const byLayer = (system: System): string[][] => ['w1', 'w2'].map((l) => system.variables.filter((v) => v.startsWith(l)));

function direction(n: number, seed: number): Float64Array {
  const r = new Random(seed, 99);
  return Float64Array.from({ length: 2 * n }, () => r.normal());
}

function allStartSolutions(start: MultihomogeneousStart): Float64Array[] {
  const out: Float64Array[] = [];
  for (let k = 0n; k < start.pathCount; k++) out.push(start.startSolution(new Float64Array(2 * start.n), k));
  return out;
}

/** Every start solution is a root of G, and they are pairwise distinct. */
function expectValidStartSolutions(start: MultihomogeneousStart): void {
  const points = allStartSolutions(start);
  const g = new Float64Array(2 * start.n);
  for (const x of points) {
    start.evaluate(g, x);
    expect(maxAbs(g)).toBeLessThan(1e-10 * Math.max(1, maxAbs(x)) ** 3);
  }
  expect(clusterPoints(points, 1e-8, direction(start.n, 3))).toHaveLength(points.length);
}

/** Tracks every path; returns the endpoint codes and the distinct regular endpoints. */
function solveWith(system: System, start: MultihomogeneousStart, seed: number) {
  const target = compileSystem(system);
  const gamma = new Random(seed, 7).unitComplex();
  const tracker = new PathTracker(new StraightLineHomotopy(start, target, gamma), target, 'default');
  const codes: Record<string, number> = {};
  const regular: Float64Array[] = [];
  const x0 = new Float64Array(2 * start.n);
  for (let k = 0n; k < start.pathCount; k++) {
    const r = tracker.track(Number(k), start.startSolution(x0, k));
    codes[r.code] = (codes[r.code] ?? 0) + 1;
    if (r.code === 'success') regular.push(r.end.slice());
  }
  return { codes, distinct: clusterPoints(regular, 1e-8, direction(start.n, seed)).length };
}

describe('MultihomogeneousStart', () => {
  const bilinear = readSystemText('x*y - 2*x + 3*y - 1\nx*y + x - y + 5', 'bilinear');

  it('has as many start solutions as the multihomogeneous Bézout number', () => {
    const dln = testSystem('dln_2-2-2_m1_s11');
    const layers = byLayer(dln);
    expect(multihomogeneousStart(dln, layers, new Random(1)).pathCount).toBe(1921n);
    expect(multihomogeneousBezout(dln, layers)).toBe(1921n);
    const katsura = testSystem('katsura5');
    const v = katsura.variables;
    for (const partition of [[v], v.map((x) => [x]), [v.slice(0, 2), v.slice(2)], [[v[0]!, v[3]!], [v[1]!], v.slice(4), [v[2]!]]]) {
      expect(multihomogeneousStart(katsura, partition, new Random(2)).pathCount).toBe(multihomogeneousBezout(katsura, partition));
    }
  });

  it('counts beyond 2^53 exactly', () => {
    const n = 30;
    const groups = [[...Array(n).keys()]];
    const start = new MultihomogeneousStart(
      groups,
      Array.from({ length: n }, () => [5]),
      new Random(1),
    );
    expect(start.pathCount).toBe(5n ** 30n);
    const x = start.startSolution(new Float64Array(2 * n), 5n ** 30n - 1n);
    const g = new Float64Array(2 * n);
    start.evaluate(g, x);
    expect(maxAbs(g)).toBeLessThan(1e-8 * maxAbs(x) ** 5);
  });

  it('start solutions are distinct roots of G (bilinear, katsura5 in 3 groups, dln_2-2-2 by layer)', () => {
    expectValidStartSolutions(multihomogeneousStart(bilinear, [['x'], ['y']], new Random(5)));
    const katsura = testSystem('katsura5');
    const v = katsura.variables;
    expectValidStartSolutions(multihomogeneousStart(katsura, [v.slice(0, 2), v.slice(2, 4), v.slice(4)], new Random(6)));
    const dln = testSystem('dln_2-2-2_m1_s11');
    expectValidStartSolutions(multihomogeneousStart(dln, byLayer(dln), new Random(7)));
  });

  it('the Jacobian agrees with central differences', () => {
    const katsura = testSystem('katsura5');
    const v = katsura.variables;
    const start = multihomogeneousStart(katsura, [[v[0]!, v[5]!], v.slice(1, 3), v.slice(3, 5)], new Random(8));
    const n = start.n;
    const r = new Random(9);
    const x = Float64Array.from({ length: 2 * n }, () => r.normal());
    const g = new Float64Array(2 * n);
    const gx = new Float64Array(2 * n * n);
    start.evaluateAll(g, gx, x);
    const plain = new Float64Array(2 * n);
    start.evaluate(plain, x);
    expect(maxAbs(plain.map((p, k) => p - g[k]!))).toBeLessThan(1e-12 * maxAbs(g));
    const gp = new Float64Array(2 * n);
    const gm = new Float64Array(2 * n);
    const h = 1e-6;
    for (let j = 0; j < n; j++) {
      const xp = x.slice();
      const xm = x.slice();
      xp[2 * j] += h;
      xm[2 * j] -= h;
      start.evaluate(gp, xp);
      start.evaluate(gm, xm);
      for (let i = 0; i < n; i++) {
        // G is holomorphic, so the real-direction difference quotient is ∂G_i/∂x_j.
        const dr = (gp[2 * i]! - gm[2 * i]!) / (2 * h);
        const di = (gp[2 * i + 1]! - gm[2 * i + 1]!) / (2 * h);
        const scale = Math.max(1, Math.hypot(dr, di));
        expect(Math.abs(dr - gx[2 * (i * n + j)]!)).toBeLessThan(1e-6 * scale);
        expect(Math.abs(di - gx[2 * (i * n + j) + 1]!)).toBeLessThan(1e-6 * scale);
      }
    }
  });

  it('solves a bilinear system with 2 paths instead of 4', () => {
    // Each equation is bilinear in ({x}, {y}): 2-hom Bézout 2, total degree 4; both roots regular.
    const start = multihomogeneousStart(bilinear, [['x'], ['y']], new Random(1));
    expect(start.pathCount).toBe(2n);
    const { codes, distinct } = solveWith(bilinear, start, 1);
    expect(codes).toEqual({ success: 2 });
    expect(distinct).toBe(2);
  });

  it('refuses groups that do not partition the variables, and indices out of range', () => {
    expect(
      () =>
        new MultihomogeneousStart(
          [[0], [0]],
          [
            [1, 1],
            [1, 1],
          ],
          new Random(1),
        ),
    ).toThrow(/variable 0 is out of range or repeated/);
    expect(() => new MultihomogeneousStart([[0]], [[1], [1]], new Random(1))).toThrow(/variable 1 is missing/);
    expect(() => new MultihomogeneousStart([[0, 1]], [[1, 1], [1]], new Random(1))).toThrow(/one nonnegative integer per group/);
    expect(() => multihomogeneousStart(bilinear, [['x'], ['z']], new Random(1))).toThrow(/'z', which is not a variable/);
    const start = multihomogeneousStart(bilinear, [['x'], ['y']], new Random(1));
    expect(() => start.startSolution(new Float64Array(4), 2n)).toThrow(/outside 0\.\.1/);
  });
});
