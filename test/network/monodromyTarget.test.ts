/**
 * The trace test proves monodromy's count at the components' generic λ's. Carried to the
 * network's own λ's, a path judged to diverge has lost a point (or met λ's that are not
 * generic), so "proven" is withheld there. The 2-2-2 network at λ = Λ₀
 * (systems/dln_2-2-2_XI_t1.json) has 225 critical points (Singular); its far points (norm 10⁴,
 * condition 10¹²) are lost on the way in double precision. Before this check the run printed
 * "193, proven complete".
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { linearNetwork } from '../../src/network/model.js';
import { solveNetwork } from '../../src/network/solveNetwork.js';
import { loadNetworkSpec } from '../../src/network/spec.js';
import { SYSTEMS_DIR } from '../systems.js';

describe('monodromy with the trace test, carried to the network λ', () => {
  it('2-2-2 at λ = Λ₀: the trace test passes, paths to the network diverge, and the count is not called proven', async () => {
    const network = linearNetwork(loadNetworkSpec(path.join(SYSTEMS_DIR, 'dln_2-2-2_XI_t1.json')));
    const r = await solveNetwork(network, { method: 'monodromy', seed: 1, workers: 2, traceTest: 'generic' });
    expect(r.solve.counts.atInfinity).toBeGreaterThan(0);
    expect(r.summary.points).toBeLessThan(225);
    expect(r.solve.completeness.checks.find((c) => c.kind === 'trace-test')!.passed).toBe(true);
    expect(r.complete).toBe(false);
    expect(r.incomplete.join(' ')).toMatch(/were judged to diverge/);
  }, 120_000);
});
