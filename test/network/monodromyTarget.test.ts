/**
 * The trace test proves monodromy's count at the components' generic λ's. Carried to the
 * network's own λ's, a path judged to diverge has lost a point (or met λ's that are not
 * generic), so "proven" is withheld there. The 2-2-2 network at λ = Λ₀
 * (systems/dln_2-2-2_XI_t1.json) has 225 critical points (Singular); its far points (norm 10⁴,
 * condition 10¹²) are lost on the way in double precision, and reached with adaptive
 * precision. Before the check of the carried paths the run printed "193, proven complete"; that
 * a path judged to diverge withholds "proven" is tested in test/solve/completeness.test.ts.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { linearNetwork } from '../../src/network/model.js';
import { solveNetwork } from '../../src/network/solveNetwork.js';
import { loadNetworkSpec } from '../../src/network/spec.js';
import { SYSTEMS_DIR } from '../systems.js';

describe('monodromy with the trace test, carried to the network λ', () => {
  it('2-2-2 at λ = Λ₀, adaptive precision: all 225 carried to the network, and the count proven', async () => {
    const network = linearNetwork(loadNetworkSpec(path.join(SYSTEMS_DIR, 'dln_2-2-2_XI_t1.json')));
    const r = await solveNetwork(network, { method: 'monodromy', seed: 1, workers: 2, traceTest: 'generic' });
    expect(r.solve.counts.atInfinity).toBe(0);
    expect(r.summary.points).toBe(225);
    expect(r.solve.counts.regular).toBe(225);
    expect(r.complete).toBe(true);
  }, 120_000);
});
