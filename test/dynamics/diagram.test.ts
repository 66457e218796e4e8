/**
 * λ-diagrams of width-1 chains under uniform weight decay, X = Y = [[1]], loss
 * ½(w_L⋯w_1 − 1)² + ½λΣw², against values derived by hand (issue #16):
 * - 2 layers: w₁ = ±w₂ with w² = 1 − λ, or w² = −(1 + λ): 5 points, 3 real below the
 *   pitchfork at λ = 1, where the real pair merges into the origin, 1 above;
 * - 3 layers: 17 points; the fold at λ_c = 0.4724704 (9 real below, 1 above), and the global
 *   minimum jumps to the origin at λ* = 0.3968503 (a first-order transition).
 */
import { describe, expect, it } from 'vitest';
import { lambdaDiagram } from '../../src/dynamics/diagram.js';

describe('lambdaDiagram: width-1 chains, uniform weight decay', () => {
  it('2 layers: a pitchfork at λ = 1, 3 real points below and 1 above', async () => {
    const d = await lambdaDiagram({ network: { dims: [1, 1, 1], X: [[1]], Y: [[1]] }, tMin: 0.1, tMax: 3, steps: 9, tolerance: 1e-9 });
    expect(d.points).toBe(5);
    expect(d.lostPaths).toBe(0);
    const forks = d.events.filter((e) => e.kind !== 'global minimum changes');
    expect(forks).toHaveLength(1);
    expect(forks[0]!.kind).toBe('pitchfork');
    expect(forks[0]!.t).toBeCloseTo(1, 5);
    expect([forks[0]!.realBelow, forks[0]!.realAbove]).toEqual([3, 1]);
    // The global minimum moves continuously to the origin: it becomes the origin at the fork.
    expect(d.slices[0]!.origin).toBe('saddle');
    expect(d.slices.at(-1)!.origin).toBe('strict local minimum');
  });

  it('3 layers: 17 points, the fold at λ_c = 0.4724704 (9 real below, 1 above), the minimum jumps to the origin at λ* = 0.3968503', async () => {
    const d = await lambdaDiagram({ network: { dims: [1, 1, 1, 1], X: [[1]], Y: [[1]] }, tMin: 0.1, tMax: 1, steps: 11, tolerance: 1e-9 });
    expect(d.points).toBe(17);
    expect(d.lostPaths).toBe(0);
    const fold = d.events.filter((e) => e.kind === 'fold');
    expect(fold).toHaveLength(1);
    expect(fold[0]!.t).toBeCloseTo(0.4724704, 5);
    expect([fold[0]!.realBelow, fold[0]!.realAbove]).toEqual([9, 1]);
    const jump = d.events.filter((e) => e.kind === 'global minimum changes');
    expect(jump).toHaveLength(1);
    expect(jump[0]!.t).toBeCloseTo(0.3968503, 5);
    // A first-order transition: the minimizer's product norm jumps from about 0.6 to 0.
    const below = d.slices.filter((s) => s.t < 0.39).at(-1)!;
    const above = d.slices.find((s) => s.t > 0.4)!;
    expect(below.globalMinimum.productNorm).toBeGreaterThan(0.5);
    expect(above.globalMinimum.productNorm).toBe(0);
    // The origin is a strict local minimum at every t here (a first-order transition, not a pitchfork).
    expect(d.slices.every((s) => s.origin === 'strict local minimum')).toBe(true);
  });
});
