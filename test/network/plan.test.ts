import { describe, expect, it, vi } from 'vitest';
import * as mixedVolume from '../../src/bounds/mixedVolume.js';
import { linearNetwork } from '../../src/network/model.js';
import { planNetwork } from '../../src/network/plan.js';
import { solveNetwork } from '../../src/network/solveNetwork.js';

// Every mixed subdivision, the plan's and the polyhedral solve's own, is drawn by this one function.
vi.mock('../../src/bounds/mixedVolume.js', { spy: true });

describe('planNetwork: auto takes the complete method with fewer paths up to AUTO_MONODROMY_ABOVE, monodromy beyond', () => {
  it.each([
    [[2, 1], 'total-degree'], // linear regression: one path either way
    [[2, 2, 2], 'polyhedral'], // mixed volume 1,089 < 3^8 = 6,561
    [[1, 2, 2, 1], 'polyhedral'], // 1,857 < 5^8 = 390,625
    [[2, 3, 2], 'monodromy'], // 3^12 = 531,441, and its mixed volume takes minutes
  ] as const)('dims %j: %s', (dims, method) => {
    const plan = planNetwork(linearNetwork({ dims }), { method: 'auto', seed: 1 });
    expect(plan.method).toBe(method);
    expect(plan.decompose).toBe(false);
    expect(plan.subdivision !== undefined).toBe(method === 'polyhedral');
  });

  it('keeps the mixed volume it weighed, and says why', () => {
    const plan = planNetwork(linearNetwork({ dims: [1, 1, 1] }), { seed: 1 });
    expect(plan.mixedVolume).toBe(5n);
    expect(plan.reason).toBe('mixed volume 5, below the Bézout number 9 and at most 20000');
  });

  it('an explicit method is kept, and nothing is computed for it', () => {
    expect(planNetwork(linearNetwork({ dims: [1, 1, 1] }), { method: 'monodromy', seed: 1 })).toEqual({
      method: 'monodromy',
      decompose: false,
      seed: 1,
      reason: 'monodromy was asked for',
    });
    expect(planNetwork(linearNetwork({ dims: [1, 2, 2, 1] }), { method: 'total-degree', seed: 1 }).method).toBe('total-degree');
  });

  it('decomposes when the critical points are not isolated (auto) or when asked', () => {
    const none = linearNetwork({ dims: [1, 2, 1], regularization: { kind: 'none' } });
    expect(planNetwork(none, { seed: 1 })).toMatchObject({ method: 'decompose', decompose: true, reason: 'the critical points are not isolated' });
    expect(planNetwork(linearNetwork({ dims: [1, 1, 1] }), { method: 'decompose', seed: 1 }).decompose).toBe(true);
  });
});

describe('solveNetwork follows a plan given to it', () => {
  it('computes the mixed subdivision once: the plan has it and the polyhedral solve uses it', async () => {
    const network = linearNetwork({ dims: [1, 2, 1], seed: 2 });
    const subdivisions = vi.mocked(mixedVolume.mixedSubdivision);
    subdivisions.mockClear();
    const alone = await solveNetwork(network, { seed: 2 });
    expect(subdivisions).toHaveBeenCalledTimes(1);
    subdivisions.mockClear();
    const plan = planNetwork(network, { seed: 2 });
    expect(plan.method).toBe('polyhedral');
    const planned = await solveNetwork(network, { seed: 2, plan });
    expect(subdivisions).toHaveBeenCalledTimes(1);
    subdivisions.mockClear();
    // A plan made with another seed does not serve this solve: it draws its own subdivision.
    await solveNetwork(network, { seed: 3, plan, crossCheck: false });
    expect(subdivisions).toHaveBeenCalledTimes(1);
    expect(planned.method).toBe('polyhedral');
    expect(planned.solve.solutions.map((s) => [...s.x])).toEqual(alone.solve.solutions.map((s) => [...s.x]));
  });
});
