import { describe, expect, it } from 'vitest';
import { certifyResult } from '../../src/certify/result.js';
import { distInf } from '../../src/numeric/complex.js';
import { solve } from '../../src/solve/solve.js';
import { testSystem } from '../systems.js';

describe('paths whose toric phase fails are recovered by monodromy on the start-coefficient system', () => {
  it('cyclic6 by polyhedral homotopy, seed 7: path 25 fails its toric phase twice, and still all 156 are found', async () => {
    const system = testSystem('cyclic6');
    const r = await solve(system, { start: 'polyhedral', seed: 7, keepAllPaths: true, workers: 1 });
    // The failure is real: path 25 was re-tracked, and its record says how it was recovered.
    expect(r.retracked).toContain(25);
    const recovered = r.paths.filter((p) => p.reason?.includes('start point recovered by monodromy'));
    expect(recovered.map((p) => p.index)).toEqual([25]);
    expect(recovered[0]!.reason).toContain('156 of 156 solutions');
    expect(r.counts.failed).toBe(0);
    expect(r.counts.regular).toBe(156);
    expect(r.counts.regular + r.counts.atInfinity).toBe(r.counts.paths);
    // The recovered path reached a solution no other path reached: 156 distinct, all certified.
    const certified = certifyResult(system, r);
    expect(certified.counts.certifiedDistinct).toBe(156);
    const reached = r.paths.find((p) => p.index === 25)!;
    expect(reached.code).toBe('success');
    const others = r.paths.filter((p) => p.index !== 25 && p.code === 'success');
    expect(others.every((p) => distInf(p.end, reached.end) > 1e-6)).toBe(true);
  });
});
