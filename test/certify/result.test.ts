import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { certifySolutions } from '../../src/certify/certify.js';
import { certifyResult, withCertification } from '../../src/certify/result.js';
import { linearNetwork } from '../../src/network/model.js';
import { networkMonodromy } from '../../src/network/networkMonodromy.js';
import { loadNetworkSpec } from '../../src/network/spec.js';
import { resultToJSON } from '../../src/solve/result.js';
import { solve } from '../../src/solve/solve.js';
import { SYSTEMS_DIR, testSystem } from '../systems.js';

describe('certified counts equal the known counts', () => {
  for (const [name, known, real] of [
    ['katsura6', 64, 32],
    ['cyclic5', 70, 10],
    ['dln_1-1-1_m1_s11', 5, 1],
  ] as const) {
    it(`${name}: all ${known} solutions certified, distinct, ${real} certified real`, async () => {
      const system = testSystem(name);
      const result = await solve(system, { seed: 4 });
      const c = certifyResult(system, result);
      expect(c.counts).toEqual({ certified: known, certifiedDistinct: known, certifiedReal: real, uncertified: 0 });
      // Certified realness agrees with the solver's own reading of the imaginary parts.
      expect(result.counts.real).toBe(real);
      const json = withCertification(resultToJSON(result), c);
      expect(json['counts']).toMatchObject({ certified: known, certifiedReal: real });
      const first = (json['solutions'] as Record<string, any>[])[0]!;
      expect(first['certificate'].certified).toBe(true);
      expect(first['certificate'].box.radius).toBeGreaterThan(0);
    });
  }

  it('dln_1-2-2-1_m1_s11: all 129 critical points (found by monodromy) certified distinct', async () => {
    const options = loadNetworkSpec(path.join(SYSTEMS_DIR, 'dln_1-2-2-1_m1_s11.json'));
    const found = await networkMonodromy(options, { seed: 2 });
    const system = linearNetwork(options).system;
    const c = certifySolutions(
      system,
      found.solutions.map((s) => s.x),
    );
    expect(c.counts.certified).toBe(129);
    expect(c.counts.certifiedDistinct).toBe(129);
    expect(c.counts.uncertified).toBe(0);
  });

  it('a solution listed twice is certified twice but counted once', async () => {
    const system = testSystem('katsura5');
    const result = await solve(system, { seed: 2 });
    const xs = result.solutions.map((s) => s.x);
    const c = certifySolutions(system, [...xs, xs[0]!]);
    expect(c.counts.certified).toBe(xs.length + 1);
    expect(c.counts.certifiedDistinct).toBe(xs.length);
  });
});
