import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSystem } from '../../src/compile/compile.js';
import { fixParameters } from '../../src/compile/fixed.js';
import { InputError } from '../../src/errors.js';
import { linearNetwork } from '../../src/network/model.js';
import { networkMonodromy } from '../../src/network/networkMonodromy.js';
import { parametrizeNetwork } from '../../src/network/families.js';
import { loadNetworkSpec } from '../../src/network/spec.js';
import { parseSystem } from '../../src/poly/parse.js';
import { DEFAULT_STALE_LOOPS, monodromySolve } from '../../src/solve/monodromy.js';
import { solve } from '../../src/solve/solve.js';
import { trackToParameters } from '../../src/solve/trackParameters.js';
import { distInf } from '../../src/numeric/complex.js';
import { SYSTEMS_DIR } from '../systems.js';

/** x² + y² = a, xy = b: four solutions for generic (a, b). */
const circle = parseSystem('variables: x, y\nparameters: a, b\nx^2 + y^2 - a\nx*y - b');
/** A quintic with two parameters (more parameters than equations). */
const quintic = parseSystem('variables: x\nparameters: a, b\nx^5 + a*x + b');

function residualAt(system: typeof circle, p: Float64Array, x: Float64Array): number {
  const fixed = fixParameters(compileSystem(system), p);
  const f = fixed.evaluate(new Float64Array(2 * system.equations.length), x);
  return Math.max(...Array.from(f, Math.abs));
}

/** Every point of `a` lies within tol of some point of `b`, and the counts agree. */
function expectSameSet(a: readonly Float64Array[], b: readonly Float64Array[], tol = 1e-6): void {
  expect(a.length).toBe(b.length);
  for (const x of a) expect(Math.min(...b.map((y) => distInf(x, y)))).toBeLessThan(tol);
}

describe('monodromySolve on small systems', () => {
  it.each(Array.from({ length: 20 }, (_, k) => k + 1))('finds the 4 solutions of x² + y² = a, xy = b and stops on stale loops (seed %i)', async (seed) => {
    const r = await monodromySolve(circle, { seed, workers: 1 });
    expect(r.solutions.length).toBe(4);
    expect(r.stoppedBy).toBe('stale-loops');
    expect(r.staleLoops).toBe(DEFAULT_STALE_LOOPS);
    expect(r.seed).toBe(seed);
    for (const x of r.solutions) expect(residualAt(circle, r.parameters, x)).toBeLessThan(1e-12);
  });

  it('finds the 5 roots of a quintic, and stops at a target count when given one', async () => {
    for (let seed = 1; seed <= 20; seed++) expect((await monodromySolve(quintic, { seed, workers: 1 })).solutions.length).toBe(5);
    const early = await monodromySolve(quintic, { seed: 4, targetCount: 3, workers: 1 });
    expect(early.stoppedBy).toBe('target-count');
    expect(early.solutions.length).toBeGreaterThanOrEqual(3);
  });

  it('stops at maxLoops, and when aborted', async () => {
    expect((await monodromySolve(quintic, { seed: 4, maxLoops: 1, maxStaleLoops: 100, workers: 1 })).stoppedBy).toBe('max-loops');
    const controller = new AbortController();
    controller.abort();
    const r = await monodromySolve(quintic, { seed: 4, signal: controller.signal, workers: 1 });
    expect(r.stoppedBy).toBe('aborted');
    expect(r.solutions.length).toBe(1);
  });

  it('starts from a start pair when given one', async () => {
    const r = await monodromySolve(circle, { seed: 2, workers: 1, startPair: { x: Float64Array.from([1, 0, 2, 0]), p: Float64Array.from([5, 0, 2, 0]) } });
    expect(Array.from(r.parameters)).toEqual([5, 0, 2, 0]);
    expect(r.solutions.length).toBe(4);
  });
});

describe('monodromySolve refuses what it cannot do, saying why', () => {
  const refusal = async (system: typeof circle, options = {}): Promise<string> => {
    try {
      await monodromySolve(system, { seed: 1, workers: 1, ...options });
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    throw new Error('no refusal');
  };
  it('a system without parameters', async () => {
    expect(await refusal(parseSystem('x^2 - 1'))).toMatch(/needs a system with parameters: declare them on a `parameters:` line/);
  });
  it('parameters that enter nonlinearly, without a start pair', async () => {
    expect(await refusal(parseSystem('variables: x\nparameters: a\nx^2 - a^2'))).toMatch(
      /must enter every equation linearly, but equation 1 has degree 2.*give a start pair/,
    );
  });
  it('fewer parameters than equations, without a start pair', async () => {
    expect(await refusal(parseSystem('variables: x, y\nparameters: a\nx^2 - a\ny^2 - 2'))).toMatch(
      /1 parameter for 2 equations.*declare at least 2 parameters, or give a start pair/,
    );
  });
  it('a start pair that is not a solution', async () => {
    expect(await refusal(circle, { startPair: { x: Float64Array.from([1, 0, 1, 0]), p: Float64Array.from([5, 0, 2, 0]) } })).toMatch(
      /the start pair is not a solution/,
    );
  });
  it('a start pair of the wrong size', async () => {
    expect(await refusal(circle, { startPair: { x: Float64Array.from([1, 0]), p: Float64Array.from([5, 0, 2, 0]) } })).toMatch(
      /needs 2 complex values for x and 2 for p/,
    );
  });
});

describe('trackToParameters: solve once, track many', () => {
  it('carries the solutions at a generic point to real instances, matching their known roots', async () => {
    // Tracking is what is tested here, so monodromy runs to the known count.
    const m = await monodromySolve(quintic, { seed: 6, targetCount: 5, maxStaleLoops: 50, workers: 1 });
    expect(m.solutions.length).toBe(5);
    // x⁵ − 5x + 4 = (x − 1)²(…) has a double root: 4 distinct points, one singular.
    const targets = [Float64Array.from([-1, 0, 0, 0]), Float64Array.from([-5, 0, 4, 0])];
    const [first, second] = await trackToParameters(quintic, m.parameters, m.solutions, targets, { seed: 6 });
    // x⁵ − x = 0: 0, ±1, ±i.
    const roots = [
      [0, 0],
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ].map((z) => Float64Array.from(z));
    expectSameSet(
      first!.solutions.map((s) => s.x),
      roots,
      1e-10,
    );
    expect(first!.counts.regular).toBe(5);
    expect(second!.counts.regular).toBe(3);
    expect(second!.counts.singular).toBe(1);
  });
});

/** The networks of systems/ by name, as options. */
const spec = (name: string) => loadNetworkSpec(path.join(SYSTEMS_DIR, `${name}.json`));

describe('networkMonodromy agrees with a total-degree solve', () => {
  it.each([
    [[1, 1, 1], 5],
    [[1, 2, 1], 9],
  ])('dims %j: the same %i critical points', async (dims, count) => {
    const options = { dims, points: 1, seed: 3 };
    const m = await networkMonodromy(options, { seed: 3 });
    const direct = await solve(linearNetwork(options).system, { seed: 3, workers: 1 });
    expect(m.counts.regular).toBe(count);
    expect(direct.counts.regular).toBe(count);
    expectSameSet(
      m.solutions.map((s) => s.x),
      direct.solutions.map((s) => s.x),
    );
  });
});

describe('networkMonodromy reproduces the known counts (systems/INDEX.md)', () => {
  // Seed 1 runs without a target count and must stop on stale loops; the others stop at the
  // count. The all-on component is solved last, and it is the one a target count stops.
  it.each([
    ['dln_2-2-2_m1_s11', 33, 1, undefined],
    ['dln_2-2-2_m1_s11', 33, 2, 33],
    ['dln_2-2-2_m1_s11', 33, 3, 33],
    ['dln_1-2-2-1_m1_s11', 129, 1, undefined],
    ['dln_1-2-2-1_m1_s11', 129, 2, 129],
    ['dln_1-2-2-1_m1_s11', 129, 3, 129],
  ] as const)('%s: %i (seed %i, target %s)', async (name, count, seed, targetCount) => {
    const r = await networkMonodromy(spec(name), { seed, ...(targetCount ? { targetCount } : {}) });
    expect(r.counts).toMatchObject({ regular: count, singular: 0, failed: 0 });
    expect(r.warnings).toEqual([]);
    const main = r.components[r.components.length - 1]!.monodromy!;
    expect(main.stoppedBy).toBe(targetCount ? 'target-count' : 'stale-loops');
  });

  it('dln_2-2-2_m1_s11: the same loops, paths and points, to the last bit, with 1 and 2 workers (seed 1)', async () => {
    const [one, two] = [
      await networkMonodromy(spec('dln_2-2-2_m1_s11'), { seed: 1, workers: 1 }),
      await networkMonodromy(spec('dln_2-2-2_m1_s11'), { seed: 1, workers: 2, poolAfterSeconds: 0 }),
    ];
    expect(one.counts.regular).toBe(33);
    expect(two.counts).toEqual(one.counts);
    expect(two.pathsTracked).toBe(one.pathsTracked);
    const runs = (r: typeof one) => r.components.flatMap((c) => (c.monodromy ? [c.monodromy] : []));
    expect(runs(two).map((m) => [m.loops, m.pathsTracked, m.solutions.map((x) => Array.from(x))])).toEqual(
      runs(one).map((m) => [m.loops, m.pathsTracked, m.solutions.map((x) => Array.from(x))]),
    );
    expect(runs(one).every((m) => m.workers === 1)).toBe(true);
    // With poolAfterSeconds 0 every component's loops go to the pool at once.
    expect(runs(two).every((m) => m.workers === 2)).toBe(true);
  });

  it.each([1, 2, 3])('dln_2-2-2-2_m1_s11: 641, where total degree (244,140,625 paths) is hopeless (seed %i)', async (seed) => {
    const r = await networkMonodromy(spec('dln_2-2-2-2_m1_s11'), { seed, targetCount: 641 });
    expect(r.counts).toMatchObject({ regular: 641, singular: 0, failed: 0 });
  });

  it("the parametrized system at the network's own λ is the network's gradient system", () => {
    const { network, system, parameters } = parametrizeNetwork(spec('dln_2-2-2_m1_s11'));
    const x = Float64Array.from({ length: 16 }, (_, k) => Math.sin(k + 1));
    const a = fixParameters(compileSystem(system), parameters).evaluate(new Float64Array(16), x);
    const b = compileSystem(network.system).evaluate(new Float64Array(16), x);
    for (let k = 0; k < 16; k++) expect(a[k]!).toBeCloseTo(b[k]!, 8);
  });
});
