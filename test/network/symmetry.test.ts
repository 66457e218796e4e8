import { describe, expect, it } from 'vitest';
import { aliveChoices, aliveSubnetwork, solveComponents } from '../../src/network/components.js';
import { dataFamily, dataParameters, neuronSignFlips } from '../../src/network/families.js';
import { linearNetwork } from '../../src/network/model.js';
import { solutionOrbits, trackToParameters } from '../../src/solve/trackParameters.js';

/** The regular endpoints as sorted strings, 8 digits: a set to compare. */
const endpoints = (xs: readonly Float64Array[]): string[] => xs.map((x) => Array.from(x, (v) => (Math.abs(v) < 1e-9 ? 0 : v).toFixed(8)).join(' ')).sort();

describe('parameter homotopies track one solution per sign orbit', () => {
  it('finds the orbits of the sign flips: 2^k images per solution, each reached by its word', () => {
    const dims = [1, 2, 1];
    const flips = neuronSignFlips(dims);
    const x = Float64Array.from([1, 0.5, 2, -1, 3, 0.25, -2, 1]);
    const orbit = [x, flips[0]!(x), flips[1]!(x), flips[1]!(flips[0]!(x))];
    const o = solutionOrbits(orbit, flips);
    expect(o.representatives).toEqual([0]);
    for (const [i, w] of o.word.entries()) {
      let y = orbit[o.representatives[w.rep]!]!;
      for (const g of w.generators) y = flips[g]!(y);
      expect(Array.from(y)).toEqual(Array.from(orbit[i]!));
    }
    expect(solutionOrbits(orbit, []).representatives).toEqual([0, 1, 2, 3]);
  });

  it.each([1, 2, 3])(
    'on every component of 2-2-2 (seed %i) the images give the solutions that tracking every one finds',
    async (seed) => {
      const dims = [2, 2, 2];
      const family = dataFamily(dims, 1);
      const targets = [1, 2].map((s) => dataParameters(linearNetwork({ dims, points: 1, seed: 10 * seed + s })));
      const solved = await solveComponents(family, targets, { seed, monodromy: { workers: 1 } });
      const choices = aliveChoices(dims);
      let orbits = 0;
      for (const [c, run] of solved.runs.entries()) {
        if (!run.monodromy || run.monodromy.solutions.length === 0) continue;
        const sub = aliveSubnetwork(dims, choices[c]!);
        const system = family.system(sub);
        const every = await trackToParameters(
          system,
          run.monodromy.parameters,
          run.monodromy.solutions,
          targets.map((p) => family.restrict(p, sub)),
          { seed: seed + c },
        );
        for (const [t, direct] of every.entries()) {
          const bySymmetry = run.tracked[t]!;
          expect(bySymmetry.counts).toEqual(direct.counts);
          expect(endpoints(bySymmetry.solutions.map((s) => s.x))).toEqual(endpoints(direct.solutions.map((s) => s.x)));
          // Fewer paths tracked: one per orbit of the component's sign flips.
          expect(bySymmetry.pathsTracked).toBeLessThan(direct.pathsTracked);
          orbits += bySymmetry.pathsTracked;
        }
      }
      expect(orbits).toBeGreaterThan(0);
    },
    120_000,
  );
});
