/**
 * The numerical irreducible decomposition against exact oracles: Singular's absPrimdecGTZ on
 * the same ideals (the network cases are issue #15's, loss ½‖W₂W₁x − y‖² + ½λΣw², x = 1,
 * y = 2, λ = 1/10), and the honest refusal to call a decomposition complete when a component
 * is not reduced.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decompose } from '../../src/decompose/decompose.js';
import { decompositionToJSON } from '../../src/decompose/decompositionResult.js';
import { linearNetwork } from '../../src/network/model.js';
import { networkCriticalSets } from '../../src/network/criticalSets.js';
import { readSystemText } from '../../src/poly/read.js';

const seeds = [1, 2, 3];
const shape = (d: { components: { dimension: number; degree: number }[] }): string[] => d.components.map((c) => `${c.dimension}/${c.degree}`).sort();
const network = (dims: number[], kind: 'none' | 'weight-decay') =>
  linearNetwork({ dims, X: [[1]], Y: [[2]], regularization: kind === 'none' ? { kind } : { kind, lambda: 0.1 } });

describe('decompose: general systems', () => {
  // Singular's absPrimdecGTZ: ⟨x⟩ and ⟨y, z⟩.
  it.each(seeds)('xy = 0, xz = 0 (seed %i): the plane x = 0 (dim 2, degree 1) and the line y = z = 0 (dim 1, degree 1), nothing isolated', async (seed) => {
    const d = await decompose(readSystemText('x*y; x*z', 'planeLine.txt'), { seed, workers: 1 });
    expect(shape(d)).toEqual(['1/1', '2/1']);
    expect(d.isolated).toEqual([]);
    expect(d.complete).toBe(true);
    for (const c of d.components) expect(c.traceResidual).toBeLessThan(1e-8);
  });

  it.each(seeds)('the twisted cubic and two lines, from three equations (seed %i): dim 1, degrees 3, 1 and 1, as Singular finds', async (seed) => {
    // Singular's absPrimdecGTZ: ⟨x − 2, y⟩, ⟨x − 2, 2y − z⟩ and the twisted cubic ⟨x² − y, xy − z, y² − xz⟩.
    const d = await decompose(readSystemText('(y - x^2)*(x - 2); (z - x^3)*(x - 2); (z - x*y)*y', 'cubic.txt'), { seed, workers: 1 });
    expect(shape(d)).toEqual(['1/1', '1/1', '1/3']);
    expect(d.isolated).toEqual([]);
    expect(d.complete).toBe(true);
  });

  it('a component of multiplicity 2 (x² = 0 in the plane): its witness point is singular, reported unresolved, and the decomposition is NOT complete', async () => {
    const d = await decompose(readSystemText('variables: x, y\nx^2', 'double.txt'), { seed: 1, workers: 1 });
    expect(d.components).toHaveLength(1);
    expect(d.components[0]).toMatchObject({ dimension: 1, unresolved: true, complete: false });
    expect(d.complete).toBe(false);
    expect(d.reason).toMatch(/singular witness point/);
  });

  it('refuses a system with parameters, naming them', async () => {
    await expect(decompose(readSystemText('parameters: a\nx^2 - a', 'p.txt'))).rejects.toThrow(/declares parameters \(a\)/);
  });
});

describe('decompose: deep linear networks (Singular absPrimdecGTZ oracles)', () => {
  // Seed 880217870: its loops never joined the hyperbola's two witness points, which each failed
  // the trace test; the combinatorial trace test (their union passes) makes them one component.
  it.each([...seeds, 880217870])(
    '1-1-1, no regularization (seed %i): w₁w₂ = 2 (dim 1, degree 2, loss 0, minima) and the origin (loss 2, index 1)',
    async (seed) => {
      const net = network([1, 1, 1], 'none');
      const { decomposition: d, sets } = await networkCriticalSets(net, { seed, workers: 1 });
      expect(shape(d)).toEqual(['1/2']);
      expect(d.complete).toBe(true);
      expect(sets[0]!.loss[0]).toBeCloseTo(0, 12);
      expect(sets[0]!.real).toMatchObject({ index: 0, nullity: 1, certified: true });
      expect(d.isolated).toHaveLength(1);
      expect(net.loss.evaluate(d.isolated[0]!.x)[0]).toBeCloseTo(2, 12);
    },
  );

  it.each(seeds)('1-1-1, weight decay 1/10 (seed %i): 5 isolated points, losses 0.195 (2), −0.205 (2), 2', async (seed) => {
    const net = network([1, 1, 1], 'weight-decay');
    const d = await decompose(net.system, { seed, workers: 1 });
    expect(d.components).toEqual([]);
    expect(d.complete).toBe(true);
    const losses = d.isolated.map((s) => net.loss.evaluate(s.x)[0]).sort((a, b) => a - b);
    expect(losses.map((v) => v.toFixed(3))).toEqual(['-0.205', '-0.205', '0.195', '0.195', '2.000']);
  });

  it.each(seeds)('1-2-1, no regularization (seed %i): one component of dim 3 and degree 2 (loss 0), and the origin (index 2)', async (seed) => {
    const net = network([1, 2, 1], 'none');
    const { decomposition: d, sets } = await networkCriticalSets(net, { seed, workers: 1 });
    expect(shape(d)).toEqual(['3/2']);
    expect(d.complete).toBe(true);
    expect(sets[0]!.loss[0]).toBeCloseTo(0, 12);
    expect(sets[0]!.real).toMatchObject({ index: 0, nullity: 3 });
    expect(d.isolated).toHaveLength(1);
  });

  it.each(seeds)(
    '1-2-1, weight decay 1/10 (seed %i): two circles (dim 1, degree 2): loss 0.195 with real minima, −0.205 with no real point found; and the origin',
    async (seed) => {
      const net = network([1, 2, 1], 'weight-decay');
      const { decomposition: d, sets } = await networkCriticalSets(net, { seed, workers: 1 });
      expect(shape(d)).toEqual(['1/2', '1/2']);
      expect(d.complete).toBe(true);
      const [low, high] = [...sets].sort((a, b) => a.loss[0] - b.loss[0]);
      expect(low!.loss[0]).toBeCloseTo(-0.205, 12);
      expect(low!.real).toBeUndefined();
      expect(high!.loss[0]).toBeCloseTo(0.195, 12);
      expect(high!.real).toMatchObject({ index: 0, nullity: 1, certified: true });
      expect(d.isolated).toHaveLength(1);
    },
  );
});

describe('decompose: interrupted and resumed', () => {
  it('stopped as dimension 0 begins and resumed from its checkpoint directory, it equals an uninterrupted run', async () => {
    const system = network([1, 2, 1], 'none').system;
    const whole = await decompose(system, { seed: 5, workers: 1 });
    const dir = join(mkdtempSync(join(tmpdir(), 'critsolve-decompose-')), 'ck');
    const controller = new AbortController();
    const stopped = await decompose(system, {
      seed: 5,
      workers: 1,
      checkpointDir: dir,
      signal: controller.signal,
      onProgress: (stage) => stage.startsWith('dimension 0: witness superset') && controller.abort(),
    });
    expect(stopped.complete).toBe(false);
    expect(stopped.reason).toMatch(/the witness superset of dimension 0 was stopped/);
    expect(readdirSync(dir).sort()).toEqual(['decompose.json', 'superset-dim0.ndjson', 'superset-dim1.ndjson', 'superset-dim2.ndjson', 'superset-dim3.ndjson']);
    // Resumed without the seed: the directory's own.
    const resumed = await decompose(system, { workers: 1, checkpointDir: dir });
    expect(resumed.complete).toBe(true);
    const strip = (d: typeof whole) => JSON.parse(JSON.stringify(decompositionToJSON(d)), (key, value) => (key === 'seconds' ? undefined : value));
    expect(strip(resumed)).toEqual(strip(whole));
    await expect(decompose(system, { seed: 6, checkpointDir: dir })).rejects.toThrow(/was written with seed 5, not 6: resume with --seed 5/);
  });
});
