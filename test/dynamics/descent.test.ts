/**
 * Saddle to saddle (Saxe et al.; Gidel–Bach–Lacoste-Julien), issue #16's case: dims 2,2,2,
 * X = I₂, Y = [[1.5, 0.5], [0.5, 1.5]], λ = 0.1·Λ₀, ε = 1e-4, η = 0.05. Gradient descent from
 * a vanishing initialization rests near the origin (loss ½‖Y‖² = 2.5), then near the rank-1
 * saddle (0.6413), and converges to the minimum (0.2100); the plateaus match points of index
 * 4, 1, 0 and product rank 0, 1, 2.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradientDescent, gradientFlow, singularValues } from '../../src/dynamics/descent.js';
import { linearNetwork, type Matrix } from '../../src/network/model.js';
import { solveNetwork, type NetworkResult } from '../../src/network/solveNetwork.js';

const spec = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../shared/systems/dln_2-2-2_XI_t0.01.json'), 'utf8'));
// The file is t = 0.01, so 0.1·Λ₀ is ten times its λ's.
const lambda = (spec.regularization.lambda as Matrix[]).map((m) => m.map((row) => row.map((v) => 10 * v)));
const network = linearNetwork({ dims: [2, 2, 2], X: spec.X, Y: spec.Y, regularization: { kind: 'entrywise', lambda } });

describe('gradientDescent', () => {
  // The critical points the plateaus are matched to: one monodromy solve for both runs.
  let critical: NetworkResult;
  beforeAll(async () => {
    critical = await solveNetwork(network, { seed: 1, workers: 1, method: 'monodromy' });
  });

  it('passes the origin and the rank-1 saddle, and settles in the minimum', () => {
    const d = gradientDescent(network, { step: 0.05, scale: 1e-4, seed: 1 }, critical);
    expect(d.converged).toBe(true);
    expect(d.plateaus).toHaveLength(3);
    const [origin, saddle, minimum] = d.plateaus as [NonNullable<(typeof d.plateaus)[number]>, NonNullable<(typeof d.plateaus)[number]>, NonNullable<(typeof d.plateaus)[number]>];
    expect(Math.abs(origin.loss - 2.5)).toBeLessThan(0.01);
    expect(Math.abs(saddle.loss - 0.6413)).toBeLessThan(0.01);
    expect(Math.abs(minimum.loss - 0.21)).toBeLessThan(1e-4);
    expect(d.plateaus.map((p) => [p.match?.index, p.match?.rank])).toEqual([
      [4, 0],
      [1, 1],
      [0, 2],
    ]);
    expect(d.plateaus.every((p) => p.match!.distance < 0.01)).toBe(true);
    // Saddle to saddle: the product's singular values switch on one at a time.
    expect(origin.singularValues.every((s) => s < 1e-3)).toBe(true);
    expect(saddle.singularValues[0]!).toBeGreaterThan(1.5);
    expect(saddle.singularValues[1]!).toBeLessThan(1e-2);
  });

  it('gradient flow (adaptive Dormand–Prince) passes the same points, at the times descent reaches them over η', () => {
    const flow = gradientFlow(network, { scale: 1e-4, seed: 1 }, critical);
    const descent = gradientDescent(network, { step: 0.05, scale: 1e-4, seed: 1 }, critical);
    expect(flow.converged).toBe(true);
    expect(flow.plateaus.map((p) => [p.match?.index, p.match?.rank])).toEqual([
      [4, 0],
      [1, 1],
      [0, 2],
    ]);
    // Each plateau begins at about the same time: iteration k of descent is time k·η of the flow.
    for (const k of [1, 2]) {
      const tFlow = flow.curve[flow.plateaus[k]!.from]![0]!;
      const tDescent = descent.plateaus[k]!.from * 0.05;
      expect(Math.abs(tFlow - tDescent) / tDescent).toBeLessThan(0.1);
    }
  });

  it('computes singular values', () => {
    expect(singularValues([[3, 0], [0, -4]]).map((v) => Number(v.toFixed(12)))).toEqual([4, 3]);
    expect(singularValues([[1, 1], [1, 1]]).map((v) => Number(v.toFixed(12)))).toEqual([2, 0]);
  });

  it('refuses a step that makes it diverge, with the fix', () => {
    expect(() => gradientDescent(network, { step: 50, scale: 1 })).toThrow(/diverged at iteration \d+ .*take a smaller step than 50/);
  });
});
