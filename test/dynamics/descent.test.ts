/**
 * Saddle to saddle (Saxe et al.; Gidel–Bach–Lacoste-Julien), issue #16's case: dims 2,2,2,
 * X = I₂, Y = [[1.5, 0.5], [0.5, 1.5]], λ = 0.1·Λ₀, ε = 1e-4, η = 0.05. Gradient descent from
 * a vanishing initialization rests near the origin (loss ½‖Y‖² = 2.5), then near the rank-1
 * saddle (0.6413), and converges to the minimum (0.2100); the plateaus match points of index
 * 4, 1, 0 and product rank 0, 1, 2.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradientDescent, gradientFlow, singularValues } from '../../src/dynamics/descent.js';
import { linearNetwork, type Matrix } from '../../src/network/model.js';
import { solveNetwork, type NetworkResult } from '../../src/network/solveNetwork.js';
import { networkResultToJSON } from '../../src/network/networkJson.js';
import { landmarksFromFile, landmarksOf } from '../../src/dynamics/landmarks.js';
import { saxeHalfTime } from '../../src/dynamics/saxe.js';
import { SYSTEMS_DIR } from '../systems.js';

const spec = JSON.parse(readFileSync(resolve(SYSTEMS_DIR, 'dln_2-2-2_XI_t0.01.json'), 'utf8'));
// The file is t = 0.01, so 0.1·Λ₀ is ten times its λ's.
const lambda = (spec.regularization.lambda as Matrix[]).map((m) => m.map((row) => row.map((v) => 10 * v)));
const network = linearNetwork({ dims: [2, 2, 2], X: spec.X, Y: spec.Y, regularization: { kind: 'entrywise', lambda } });

// The critical points the plateaus are matched to: one monodromy solve for the whole file.
let solving: Promise<NetworkResult> | undefined;
const solved = (): Promise<NetworkResult> => (solving ??= solveNetwork(network, { seed: 1, workers: 1, method: 'monodromy' }));

describe('gradientDescent', () => {
  let critical: NetworkResult;
  beforeAll(async () => {
    critical = await solved();
  });

  it('passes the origin and the rank-1 saddle, and settles in the minimum', () => {
    const d = gradientDescent(network, { step: 0.05, scale: 1e-4, seed: 1 }, critical);
    expect(d.converged).toBe(true);
    expect(d.plateaus).toHaveLength(3);
    const [origin, saddle, minimum] = d.plateaus as [
      NonNullable<(typeof d.plateaus)[number]>,
      NonNullable<(typeof d.plateaus)[number]>,
      NonNullable<(typeof d.plateaus)[number]>,
    ];
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
    expect(
      singularValues([
        [3, 0],
        [0, -4],
      ]).map((v) => Number(v.toFixed(12))),
    ).toEqual([4, 3]);
    expect(
      singularValues([
        [1, 1],
        [1, 1],
      ]).map((v) => Number(v.toFixed(12))),
    ).toEqual([2, 0]);
  });

  it('refuses a step that makes it diverge, with the fix', () => {
    expect(() => gradientDescent(network, { step: 50, scale: 1 })).toThrow(/diverged at iteration \d+ .*take a smaller step than 50/);
  });
});

describe("Saxe's half-learning times: no regularization, whitened inputs, decoupled initialization", () => {
  const plain = (dims: number[]) => linearNetwork({ dims, X: spec.X, Y: spec.Y, regularization: { kind: 'none' } });
  // Y = [[1.5, .5], [.5, 1.5]] has singular values 2 and 1; u₀ = ε² = 1e-8, so the law gives
  // ln((s − u₀)/u₀)/(2s): 4.7785 for s = 2 and 9.2103 for s = 1.
  it('2-2-2: descent within 10 % of the law at time iteration·η, and the flow within 0.1 %', () => {
    const net = plain([2, 2, 2]);
    const d = gradientDescent(net, { step: 0.05, scale: 1e-4, init: 'decoupled' });
    const f = gradientFlow(net, { scale: 1e-4, init: 'decoupled' });
    for (const run of [d, f]) {
      expect(run.converged).toBe(true);
      expect(run.halfLearning!.applies).toBe(true);
      expect(run.halfLearning!.modes.map((m) => m.s.toFixed(12))).toEqual(['2.000000000000', '1.000000000000']);
    }
    const law = d.halfLearning!.modes.map((m) => m.predicted);
    expect(law[0]!).toBeCloseTo(Math.log((2 - 1e-8) / 1e-8) / 4, 10);
    expect(law[1]!).toBeCloseTo(Math.log((1 - 1e-8) / 1e-8) / 2, 10);
    for (const m of d.halfLearning!.modes) expect(Math.abs(m.measured! / m.predicted - 1)).toBeLessThan(0.1);
    for (const m of f.halfLearning!.modes) expect(Math.abs(m.measured! / m.predicted - 1)).toBeLessThan(1e-3);
    // Saddle to saddle without regularization: the origin, then the rank-1 set (loss ½·1² = 0.5), then the minimum.
    expect(d.plateaus.map((p) => Number(p.loss.toFixed(1)))).toEqual([2.5, 0.5, 0]);
  });

  it('2-2-2-2 (three layers): the flow follows the law du/dt = 3u^(4/3)(s − u), integrated numerically, within 0.1 %', () => {
    const f = gradientFlow(plain([2, 2, 2, 2]), { scale: 1e-2, init: 'decoupled' });
    expect(f.halfLearning!.applies).toBe(true);
    for (const m of f.halfLearning!.modes) {
      expect(m.u0).toBeCloseTo(1e-6, 18);
      expect(Math.abs(m.measured! / m.predicted - 1)).toBeLessThan(1e-3);
    }
    // The quadrature against the closed form where both exist (L = 2 through the general rule: L = 2.000001).
    expect(saxeHalfTime(2, 1e-8, 2.000001)).toBeCloseTo(saxeHalfTime(2, 1e-8, 2), 4);
  });

  it('says the law does not apply when the loss is regularized, and leaves it out for a random initialization', () => {
    const d = gradientDescent(network, { step: 0.05, scale: 1e-4, init: 'decoupled', iterations: 2000 });
    expect(d.halfLearning!.applies).toBe(false);
    expect(d.halfLearning!.reason).toMatch(/regularized/);
    expect(gradientDescent(network, { step: 0.05, scale: 1e-4, iterations: 10 }).halfLearning).toBeUndefined();
  });
});

describe('landmarks: critical points read from a result file, and components of a decomposition', () => {
  it('matches the plateaus to the points of a result file as to the solve that wrote it', async () => {
    const critical = await solved();
    const dir = mkdtempSync(join(tmpdir(), 'critsolve-landmarks-'));
    const file = join(dir, 'result.json');
    writeFileSync(file, JSON.stringify(networkResultToJSON(critical)));
    const read = landmarksFromFile(file);
    expect(read.network.dims).toEqual([2, 2, 2]);
    const direct = landmarksOf(critical);
    expect(read.landmarks.map((l) => [l.id, l.index, l.rank, l.pattern])).toEqual(direct.map((l) => [l.id, l.index, l.rank, l.pattern]));
    const a = gradientDescent(network, { step: 0.05, scale: 1e-4, seed: 1 }, critical);
    const b = gradientDescent(linearNetwork(read.network), { step: 0.05, scale: 1e-4, seed: 1 }, read.landmarks);
    expect(b.plateaus.map((p) => p.match)).toEqual(a.plateaus.map((p) => p.match));
  });

  it('matches the last plateau of an unregularized 1-1-1 network to its component w₂w₁ = 2 (dimension 1)', async () => {
    const net = linearNetwork({ dims: [1, 1, 1], X: [[1]], Y: [[2]], regularization: { kind: 'none' } });
    const decomposed = await solveNetwork(net, { seed: 1, workers: 1, method: 'decompose' });
    const d = gradientDescent(net, { step: 0.05, scale: 1e-2, seed: 1 }, decomposed);
    expect(d.converged).toBe(true);
    const [origin, last] = [d.plateaus[0]!, d.plateaus.at(-1)!];
    expect(origin.match).toMatchObject({ kind: 'point', index: 1, rank: 0 });
    expect(last.match).toMatchObject({ kind: 'component', index: 0, rank: 1, pattern: 'dimension 1, layer ranks 1,1' });
    expect(last.match!.distance).toBeLessThan(1e-6);
  });

  it('refuses a file that is not a network result, naming the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'critsolve-landmarks-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ schema: 'critsolve/result@1', solutions: [] }));
    expect(() => landmarksFromFile(file)).toThrow(/bad\.json: network: no network field/);
    writeFileSync(file, JSON.stringify({ schema: 'critsolve/diagram@1' }));
    expect(() => landmarksFromFile(file)).toThrow(/not a result file of critsolve network/);
  });
});
