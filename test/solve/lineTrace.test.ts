/**
 * The trace test along a line in parameter space (src/solve/lineTrace.ts), for families whose
 * parameters enter anywhere, with symmetric solution sets summed in invariant coordinates.
 */
import { describe, expect, it } from 'vitest';
import { compileSystem } from '../../src/compile/compile.js';
import { aliveSubnetwork } from '../../src/network/components.js';
import { lambdaFamily, neuronSignFlips, signInvariants } from '../../src/network/families.js';
import { linearNetwork } from '../../src/network/model.js';
import { Random, STREAMS } from '../../src/numeric/rng.js';
import { Polynomial } from '../../src/poly/polynomial.js';
import { readSystemText } from '../../src/poly/read.js';
import { lineTraceTest } from '../../src/solve/lineTrace.js';
import { monodromySolve } from '../../src/solve/monodromy.js';
import { SolutionSet } from '../../src/solve/solutionSet.js';

/** The all-on component of a 2-2-2 network with one data point: 16 critical points at generic λ, orbits of 4. */
async function component222(seed: number) {
  const dims = [2, 2, 2];
  const family = lambdaFamily(linearNetwork({ dims, points: 1, seed }));
  const sub = aliveSubnetwork(dims, [[0, 1]]);
  const system = family.system(sub);
  const start = family.startPair(system, compileSystem(system), new Random(seed, STREAMS.componentStart));
  const symmetries = neuronSignFlips(sub.dims);
  const m = await monodromySolve(system, { seed, startPair: start, symmetries, workers: 1 });
  return { system, m, symmetries, invariants: signInvariants(sub.dims) };
}

/** The solutions minus the orbit of the first (its images have the same invariants). */
function withoutFirstOrbit(solutions: readonly Float64Array[], invariants: readonly Polynomial[]): Float64Array[] {
  const key = (x: Float64Array): string =>
    invariants
      .map((y) =>
        y
          .evaluate(x)
          .map((v) => v.toFixed(6))
          .join(','),
      )
      .join(';');
  const first = key(solutions[0]!);
  return solutions.filter((x) => key(x) !== first);
}

describe('the trace test along a line in parameter space', () => {
  it.each([
    [1, 'single'],
    [2, 'single'],
    [1, 'generic'],
  ] as const)(
    '2-2-2 network (data seed %i, %s line): the complete set passes at round-off and nothing is added',
    async (seed, line) => {
      const { system, m, symmetries, invariants } = await component222(seed);
      expect(m.solutions).toHaveLength(16);
      const r = await lineTraceTest(system, m.parameters, m.solutions, { seed: 3, invariants, symmetries, workers: 1, line });
      expect(r.proven).toBe(true);
      expect(r.residual).toBeLessThan(1e-10);
      expect(r.added).toHaveLength(0);
      expect(r.failedPaths).toBe(0);
      // The cut meets the curve over the line in more points than the solutions over s = 0.
      expect(r.extraPoints).toBeGreaterThan(0);
    },
    60_000,
  );

  it('2-2-2 network without one orbit of 4: the complete cut reaches the missing 4, and they are added', async () => {
    const { system, m, symmetries, invariants } = await component222(1);
    const partial = withoutFirstOrbit(m.solutions, invariants);
    expect(partial).toHaveLength(12);
    const r = await lineTraceTest(system, m.parameters, partial, { seed: 3, invariants, symmetries, workers: 1, line: 'single' });
    expect(r.proven).toBe(true);
    expect(r.added).toHaveLength(4);
    const all = new SolutionSet(system.variables.length, new Random(0, 0), 1e-6);
    for (const x of m.solutions) all.insert(x, 0);
    for (const x of r.added) expect(all.find(x, 1e-6)).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('withholds "proven" when the residual does not reach the tolerance, and says why', async () => {
    const { system, m, symmetries, invariants } = await component222(1);
    const r = await lineTraceTest(system, m.parameters, m.solutions, { seed: 3, invariants, symmetries, workers: 1, line: 'single', tolerance: 0, rounds: 1 });
    expect(r.proven).toBe(false);
    expect(r.reason).toMatch(/trace residual .* stayed above/);
    expect(r.added).toHaveLength(0);
  }, 60_000);

  it('x² + y² = a, xy = b: half the solutions, one orbit of x ↦ −x, is not taken for complete (its raw trace is 0); the other orbit is found', async () => {
    const system = readSystemText('parameters: a, b\nx^2 + y^2 - a; x*y - b', 'circle.txt');
    // a = 5, b = 2: (±1, ±2), (±2, ±1) with xy = 2: (1, 2), (−1, −2), (2, 1), (−2, −1)
    const p = Float64Array.from([5, 0.3, 2, -0.1]);
    const compiled = compileSystem(system);
    const m = await monodromySolve(system, { seed: 1, startPair: { x: solveNear(compiled, p, [1, 2]), p }, workers: 1 });
    expect(m.solutions).toHaveLength(4);
    const flip = (x: Float64Array): Float64Array => x.map((v) => -v);
    const n = 2;
    const w = (k: number): Polynomial => Polynomial.variable(n, k);
    const invariants = [w(0).mul(w(0)), w(1).mul(w(1)), w(0).mul(w(1))];
    const half = withoutFirstOrbit(m.solutions, invariants);
    expect(half).toHaveLength(2);
    const r = await lineTraceTest(system, p, half, { seed: 2, invariants, symmetries: [flip], workers: 1 });
    expect(r.proven).toBe(true);
    expect(r.added).toHaveLength(2);
  }, 60_000);
});

/** Newton from a guess, for a start pair. */
function solveNear(compiled: ReturnType<typeof compileSystem>, p: Float64Array, guess: number[]): Float64Array {
  const x = Float64Array.from([guess[0]!, 0, guess[1]!, 0]);
  const F = new Float64Array(4);
  const J = new Float64Array(8);
  for (let it = 0; it < 30; it++) {
    compiled.evaluateWithJacobian(F, J, x, p);
    // 2×2 complex solve J·d = F
    const [a, b, c, d] = [0, 1, 2, 3].map((k) => [J[2 * k]!, J[2 * k + 1]!] as const);
    const mul = (u: readonly [number, number], v: readonly [number, number]): [number, number] => [u[0] * v[0] - u[1] * v[1], u[0] * v[1] + u[1] * v[0]];
    const sub = (u: readonly [number, number], v: readonly [number, number]): [number, number] => [u[0] - v[0], u[1] - v[1]];
    const det = sub(mul(a!, d!), mul(b!, c!));
    const inv = (u: readonly [number, number]): [number, number] => {
      const q = u[0] * u[0] + u[1] * u[1];
      return [u[0] / q, -u[1] / q];
    };
    const f0: [number, number] = [F[0]!, F[1]!];
    const f1: [number, number] = [F[2]!, F[3]!];
    const d0 = mul(sub(mul(d!, f0), mul(b!, f1)), inv(det));
    const d1 = mul(sub(mul(a!, f1), mul(c!, f0)), inv(det));
    x[0] -= d0[0];
    x[1] -= d0[1];
    x[2] -= d1[0];
    x[3] -= d1[1];
  }
  return x;
}
