import { describe, expect, it } from 'vitest';
import { resultToJSON } from '../../src/solve/result.js';
import { solve } from '../../src/solve/solve.js';
import { parseSystem } from '../../src/poly/parse.js';
import { distInf } from '../../src/numeric/complex.js';
import { testSystem } from '../systems.js';

const SEEDS = [1, 2, 3, 4, 5];

describe('solve by the polyhedral homotopy', () => {
  for (const [name, mixedVolume] of [
    ['cyclic5', 70],
    ['cyclic6', 156],
  ] as const) {
    it(`tracks ${mixedVolume} paths for ${name} and finds all ${mixedVolume} solutions, for 5 seeds`, async () => {
      const system = testSystem(name);
      for (const seed of SEEDS) {
        const r = await solve(system, { seed, start: 'polyhedral', workers: 1 });
        expect(r.startSystem).toBe('polyhedral');
        expect(r.counts.paths).toBe(mixedVolume);
        expect(r.counts.failed).toBe(0);
        expect(r.counts.regular).toBe(mixedVolume);
        expect(r.counts.singular).toBe(0);
        const regular = r.solutions.filter((s) => s.kind === 'regular');
        for (const s of regular) expect(s.residual).toBeLessThan(1e-10);
        for (let i = 0; i < regular.length; i++) {
          for (let j = i + 1; j < regular.length; j++) expect(distInf(regular[i]!.x, regular[j]!.x)).toBeGreaterThan(1e-6);
        }
      }
    });
  }

  it('finds all 64 solutions of katsura6, those with zero coordinates too (torus mixed volume 54)', async () => {
    const r = await solve(testSystem('katsura6'), { seed: 2, start: 'polyhedral', workers: 1 });
    expect(r.counts.paths).toBe(64);
    expect(r.counts.regular).toBe(64);
    expect(r.counts.failed).toBe(0);
    const withZero = r.solutions.filter((s) => {
      for (let k = 0; k < s.x.length; k += 2) if (Math.hypot(s.x[k]!, s.x[k + 1]!) < 1e-12) return true;
      return false;
    });
    expect(withZero.length).toBeGreaterThanOrEqual(64 - 54);
  });

  it('gives the same result for 1 and 2 workers', async () => {
    const system = testSystem('cyclic5');
    const strip = (json: ReturnType<typeof resultToJSON>): unknown => ({ ...json, seconds: 0 });
    const one = await solve(system, { seed: 11, start: 'polyhedral', workers: 1 });
    const two = await solve(system, { seed: 11, start: 'polyhedral', workers: 2, batchSize: 4 });
    expect(strip(resultToJSON(two))).toEqual(strip(resultToJSON(one)));
  });

  it('auto picks the start system with fewer paths', async () => {
    // Mixed volume 70 < 120 = Bézout number for cyclic5; for a dense system they agree, and total degree is kept.
    expect((await solve(testSystem('cyclic5'), { seed: 1, workers: 1 })).startSystem).toBe('polyhedral');
    const dense = await solve(parseSystem('x^2 + y^2 + x + y - 3; x^2 - y^2 + 2*x*y - 1'), { seed: 1, workers: 1 });
    expect(dense.startSystem).toBe('total-degree');
    expect(dense.counts.regular).toBe(4);
  });

  it('reports a double root once, singular, with multiplicity 2', async () => {
    // x·y = 1 and x + y = 2 meet only at (1, 1), twice: (x − 1)² = 0. Mixed volume 2.
    const r = await solve(parseSystem('x*y - 1; x + y - 2'), { seed: 3, start: 'polyhedral', workers: 1 });
    expect(r.counts.paths).toBe(2);
    expect(r.counts.singular).toBe(1);
    expect(r.solutions[0]!.multiplicity).toBe(2);
  });
});

describe('solve by a multihomogeneous (linear-product) start system', () => {
  // (A − λ)v = 0, v1 + 2·v2 − v3 = 1: Bézout number 8, but 3 eigenpairs = the 2-homogeneous bound for {v}, {λ}.
  const eigen = parseSystem(['2*v1 + v2 - l*v1', 'v1 + 3*v2 + v3 - l*v2', 'v2 + 5*v3 - l*v3', 'v1 + 2*v2 - v3 - 1'].join('\n'));

  it('tracks the multihomogeneous Bézout number of paths and finds every solution', async () => {
    for (const seed of [1, 2, 3]) {
      const r = await solve(eigen, { seed, start: 'multihomogeneous', workers: 1 });
      expect(r.startSystem).toBe('multihomogeneous');
      expect(r.counts.paths).toBe(3);
      expect(r.counts.regular).toBe(3);
      expect(r.counts.failed).toBe(0);
      // The eigenvalues of the symmetric tridiagonal [[2,1,0],[1,3,1],[0,1,5]] are real.
      expect(r.counts.real).toBe(3);
    }
  });

  it('finds the 33 critical points of the 2-2-2 network from 1921 paths instead of 6561 (2 workers)', async () => {
    const r = await solve(testSystem('dln_2-2-2_m1_s11'), { seed: 11, start: 'multihomogeneous', workers: 2 });
    expect(r.counts.paths).toBe(1921);
    expect(r.counts.regular).toBe(33);
    expect(r.counts.singular).toBe(0);
    expect(r.counts.failed).toBe(0);
  });
});
