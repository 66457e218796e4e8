import { describe, expect, it } from 'vitest';
import { certifyResult } from '../../src/certify/result.js';
import { distInf } from '../../src/numeric/complex.js';
import { solve } from '../../src/solve/solve.js';
import { testSystem } from '../systems.js';

describe('a path stuck at a branch point is tracked around it on both sides', () => {
  // cyclic6 by polyhedral homotopy, seed 21: path 39's coefficient-parameter homotopy stalls at
  // t ≈ 0.494 (steps shrinking to nothing, re-tracked conservatively too) as it swings out to
  // |x| ~ 1e5. One side of the detour fails again, the other ends at a regular solution that
  // no other path reaches: the 156th.
  // In double precision throughout: with adaptive precision the re-track gets through in
  // double-double (below), and the detour is the fallback of double.
  it('cyclic6, polyhedral, seed 21, double precision: 156 found, none failed, the stuck path recovered by its detour', async () => {
    const system = testSystem('cyclic6');
    const r = await solve(system, { start: 'polyhedral', seed: 21, keepAllPaths: true, workers: 1, limits: { precision: 'double' } });
    expect(r.retracked).toContain(39);
    const p = r.paths.find((q) => q.index === 39)!;
    expect(p.code).toBe('success');
    expect(p.reason).toMatch(
      /failed at t = 0\.49\d+ .* tracked around that point on both sides \(radius 0\.002\): one side ends at a regular point no other path reaches/,
    );
    expect(r.counts.failed).toBe(0);
    expect(r.counts.regular).toBe(156);
    const others = r.paths.filter((q) => q.index !== 39 && q.code === 'success');
    expect(others.every((q) => distInf(q.end, p.end) > 1e-6)).toBe(true);
    expect(certifyResult(system, r).counts.certifiedDistinct).toBe(156);
  });

  it('cyclic6, polyhedral, seed 21, adaptive precision: the re-track of the stuck path gets through in double-double', async () => {
    const system = testSystem('cyclic6');
    const r = await solve(system, { start: 'polyhedral', seed: 21, keepAllPaths: true, workers: 1 });
    expect(r.retracked).toContain(39);
    const p = r.paths.find((q) => q.index === 39)!;
    expect(p.code).toBe('success');
    expect(p.reason).toBeUndefined();
    expect(p.ddSteps).toBeGreaterThan(0);
    expect(r.counts.failed).toBe(0);
    expect(r.counts.regular).toBe(156);
    expect(certifyResult(system, r).counts.certifiedDistinct).toBe(156);
  });
});
