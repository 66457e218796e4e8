import { describe, expect, it } from 'vitest';
import { crossCheckLoops, monodromyCrossCheck } from '../../src/solve/crossCheck.js';
import { networkFamily } from '../../src/network/families.js';
import { linearNetwork } from '../../src/network/model.js';
import { solveNetwork } from '../../src/network/solveNetwork.js';
import { networkResultToJSON } from '../../src/network/networkJson.js';

describe('the monodromy cross-check behind a complete network count', () => {
  it('passes on a complete solve, and the JSON records every check', async () => {
    const r = await solveNetwork(linearNetwork({ dims: [2, 2, 1], points: 1, seed: 1 }), { seed: 1, workers: 1 });
    expect(r.complete).toBe(true);
    expect(r.solve.crossCheck?.found).toEqual([]);
    expect(r.solve.crossCheck?.loops).toBe(crossCheckLoops(9));
    const json = networkResultToJSON(r);
    expect(json.completeness.proven).toBe(true);
    expect(json.completeness.checks.map((c) => [c.kind, c.passed])).toEqual([
      ['isolated', true],
      ['paths-accounted', true],
      ['no-singular', true],
      ['cross-check', true],
    ]);
  });

  // The check must be able to fail: drop points from a complete set (a whole sign orbit, so the
  // symmetries cannot put them back) and the loops must bring them back.
  it.each([1, 2, 3])('finds the points of an orbit left out of a complete set (seed %i)', async (seed) => {
    const network = linearNetwork({ dims: [2, 2, 1], points: 1, seed });
    const r = await solveNetwork(network, { seed, workers: 1, crossCheck: false });
    expect(r.solve.counts.regular).toBe(9);
    // Without the cross-check the count is not called complete, however clean the paths were.
    expect(r.complete).toBe(false);
    expect(r.incomplete.join(' ')).toMatch(/cross-check was turned off/);
    const target = r.solve.solutions[r.points.findIndex((p) => p.zeroPattern.key !== '00')]!.x;
    const orbit = r.solve.solutions.flatMap((s, i) => (sameUpToSigns(s.x, target) ? [i] : []));
    expect(orbit.length).toBe(2);
    const kept = r.solve.solutions.filter((_, i) => !orbit.includes(i)).map((s) => s.x);
    const check = await monodromyCrossCheck(networkFamily(network), kept, { seed, workers: 1 });
    expect(check!.found.length).toBe(orbit.length);
  });

  it('is not run on a range of the paths, and such a count is not complete', async () => {
    const r = await solveNetwork(linearNetwork({ dims: [2, 2, 1], points: 1, seed: 1 }), { seed: 1, workers: 1, range: [0, 40] });
    expect(r.complete).toBe(false);
    expect(r.solve.crossCheck).toBeUndefined();
  });
});

/** x and y agree up to the sign of each coordinate (a neuron sign flip changes signs only). */
function sameUpToSigns(x: Float64Array, y: Float64Array): boolean {
  for (let k = 0; k < x.length; k += 2) {
    if (Math.abs(Math.hypot(x[k]!, x[k + 1]!) - Math.hypot(y[k]!, y[k + 1]!)) > 1e-8 * (1 + Math.hypot(y[k]!, y[k + 1]!))) return false;
  }
  return true;
}
