/**
 * The neuron sign flips leave a network's loss unchanged, so the critical points come in
 * orbits: a point whose image no path reached is added. On the 2-2-2 network at λ = Λ₀
 * (systems/dln_2-2-2_XI_t1.json, 225 simple critical points by Singular), the far points that
 * double precision loses on the way are completed this way, with the endpoints double-double
 * confirms: all 225, and the count still not called complete, since the cross-check's loop
 * paths through those far points fail. (Without the deep look, which a short count otherwise
 * starts: the images are what is tested here.)
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { linearNetwork } from '../../src/network/model.js';
import { withSignFlipImages } from '../../src/network/signImages.js';
import { solveNetwork } from '../../src/network/solveNetwork.js';
import { loadNetworkSpec } from '../../src/network/spec.js';
import { solve } from '../../src/solve/solve.js';
import { SYSTEMS_DIR } from '../systems.js';

const network = linearNetwork(loadNetworkSpec(path.join(SYSTEMS_DIR, 'dln_2-2-2_XI_t1.json')));

describe('critical points completed by the neuron sign flips', () => {
  it.each([2, 3])(
    'the 2-2-2 network at λ = Λ₀, seed %i: all 225, none twice, not called complete',
    async (seed) => {
      const r = await solveNetwork(network, { seed, workers: 2, deepPrecision: false });
      expect(r.summary.points).toBe(225);
      expect(r.solve.counts.failed).toBe(0);
      expect(r.solve.counts.illConditioned).toBe(0);
      expect(r.complete).toBe(false);
    },
    120_000,
  );

  it('adds exactly the image that is missing, and nothing to a set closed under the flips', async () => {
    const regular = (x: { solutions: readonly { kind: string }[] }) => x.solutions.filter((s) => s.kind === 'regular').length;
    const full = withSignFlipImages(network, await solve(network.system, { seed: 1, start: 'polyhedral', workers: 2 }));
    expect(regular(full)).toBe(225);
    expect(withSignFlipImages(network, full)).toBe(full); // closed: nothing to add
    const far = full.solutions.find((s) => s.kind === 'regular' && Math.max(...Array.from(s.x, Math.abs)) > 5e3)!;
    const without = { ...full, solutions: full.solutions.filter((s) => s !== far), counts: { ...full.counts, regular: full.counts.regular - 1 } };
    const back = withSignFlipImages(network, without);
    expect(regular(back)).toBe(225);
    const added = back.solutions.filter((s) => !without.solutions.includes(s));
    expect(added).toHaveLength(1);
    expect(added[0]!.paths).toEqual([]);
    const scale = Math.max(...Array.from(far.x, Math.abs));
    expect(Math.max(...Array.from(added[0]!.x, (v, k) => Math.abs(v - far.x[k]!)))).toBeLessThan(1e-8 * scale);
    expect(back.warnings.at(-1)).toMatch(/1 critical point\(s\) are images of found ones under the neuron sign flips/);
  }, 120_000);
});
