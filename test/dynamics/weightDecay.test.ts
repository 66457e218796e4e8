/**
 * Weight-decay transitions (Ziyin–Li–Meng, issue #16) with 3 inputs and 5 data points of our
 * own (seeded normal draws), against the effective one-dimensional problem derived by hand.
 *
 * Under uniform weight decay a critical point has balanced layers, so with width-1 hidden
 * layers only v = W_L⋯W_1 (a row of 3) matters, and the weights' penalty at fixed v is
 * minimal when balanced: ½λΣ‖W_l‖² = (L/2)·λ·‖v‖^(2/L). The loss becomes
 *   f(v) = ½vᵀAv − aᵀv + ½‖Y‖² + (L/2)·λ·‖v‖^(2/L),   A = XXᵀ, a = XYᵀ,
 * whose nonzero critical points are v = (A + μI)⁻¹a with λ = μ·‖v‖^(2 − 2/L):
 * - L = 2 (3-1-1): λ = μ‖v(μ)‖ rises from 0 to ‖a‖, so one nonzero pair exists exactly for
 *   λ < ‖a‖ and meets the origin there: a pitchfork at λ = ‖XYᵀ‖, the minimum moving
 *   continuously to 0;
 * - L = 3 (3-1-1-1): ψ(μ) = μ‖v(μ)‖^(4/3) rises and falls; its maximum is the fold λ_c, and
 *   below it the global minimum jumps from v ≠ 0 to the origin at the λ* where f(v) = f(0).
 */
import { describe, expect, it } from 'vitest';
import { inverse, Matrix } from 'ml-matrix';
import { lambdaDiagram } from '../../src/dynamics/diagram.js';
import { Random } from '../../src/numeric/rng.js';

function data(seed: number): { X: number[][]; Y: number[][] } {
  const rng = new Random(seed, 0);
  const X = [0, 1, 2].map(() => Array.from({ length: 5 }, () => rng.normal()));
  const Y = [Array.from({ length: 5 }, () => rng.normal())];
  return { X, Y };
}

/** The effective problem of an L-layer chain of width-1 hidden layers on the data. */
function effective(X: number[][], Y: number[][], L: number) {
  const A = new Matrix(X).mmul(new Matrix(X).transpose());
  const a = new Matrix(X).mmul(new Matrix(Y).transpose());
  const y2 = Y[0]!.reduce((s, v) => s + v * v, 0);
  const v = (mu: number): Matrix => inverse(A.clone().add(Matrix.eye(3).mul(mu))).mmul(a);
  const r = (mu: number): number => v(mu).norm();
  const lambdaOf = (mu: number): number => mu * r(mu) ** (2 - 2 / L);
  const f = (w: Matrix, lambda: number): number =>
    0.5 * w.transpose().mmul(A).mmul(w).get(0, 0) - w.transpose().mmul(a).get(0, 0) + 0.5 * y2 + (L / 2) * lambda * w.norm() ** (2 / L);
  // The μ of the minimizer at λ: the smallest root of λ(μ) = λ (λ(μ) rises from 0 on [0, μ_c]).
  const muPeak = (() => {
    if (L === 2) return Infinity;
    let lo = Math.log(1e-8);
    let hi = Math.log(1e8);
    for (let k = 0; k < 300; k++) {
      const m1 = (2 * lo + hi) / 3;
      const m2 = (lo + 2 * hi) / 3;
      if (lambdaOf(Math.exp(m1)) < lambdaOf(Math.exp(m2))) lo = m1;
      else hi = m2;
    }
    return Math.exp((lo + hi) / 2);
  })();
  const minimizerMu = (lambda: number): number => {
    let lo = 0;
    let hi = Number.isFinite(muPeak) ? muPeak : 1;
    while (!Number.isFinite(muPeak) && lambdaOf(hi) < lambda) hi *= 2;
    for (let k = 0; k < 200; k++) {
      const m = (lo + hi) / 2;
      if (lambdaOf(m) < lambda) lo = m;
      else hi = m;
    }
    return (lo + hi) / 2;
  };
  /** The global minimum at λ: its value and ‖v‖ (0 at the origin). */
  const minimum = (lambda: number): { loss: number; norm: number } => {
    const fold = L === 2 ? a.norm() : lambdaOf(muPeak);
    if (lambda >= fold) return { loss: 0.5 * y2, norm: 0 };
    const w = v(minimizerMu(lambda));
    const loss = f(w, lambda);
    return loss < 0.5 * y2 ? { loss, norm: w.norm() } : { loss: 0.5 * y2, norm: 0 };
  };
  const lambdaC = L === 2 ? a.norm() : lambdaOf(muPeak);
  let jump: number | undefined;
  if (L > 2) {
    let lo = 1e-6 * lambdaC;
    let hi = lambdaC;
    for (let k = 0; k < 200; k++) {
      const m = (lo + hi) / 2;
      if (f(v(minimizerMu(m)), m) < 0.5 * y2) lo = m;
      else hi = m;
    }
    jump = (lo + hi) / 2;
  }
  return { normA: a.norm(), lambdaC, jump, minimum };
}

describe('weight decay on 3 inputs and 5 data points, against the effective one-dimensional problem', () => {
  it.each([1, 2])('3-1-1 (data seed %i): 13 points, a pitchfork at λ = ‖XYᵀ‖ where the minimum reaches the origin continuously', async (seed) => {
    const { X, Y } = data(seed);
    const e = effective(X, Y, 2);
    const d = await lambdaDiagram({ network: { dims: [3, 1, 1], X, Y }, tMin: 0.2 * e.normA, tMax: 3 * e.normA, steps: 9, tolerance: 1e-9 });
    expect(d.points).toBe(13);
    expect(d.lostPaths).toBe(0);
    const forks = d.events.filter((ev) => ev.kind !== 'global minimum changes');
    expect(forks.map((ev) => [ev.kind, ev.realBelow, ev.realAbove])).toEqual([['pitchfork', 3, 1]]);
    expect(Math.abs(forks[0]!.t - e.normA)).toBeLessThan(1e-5);
    // The minimum changes hands at the fork itself, and continuously: no jump of the product.
    const change = d.events.filter((ev) => ev.kind === 'global minimum changes');
    expect(change).toHaveLength(1);
    expect(Math.abs(change[0]!.t - e.normA)).toBeLessThan(1e-5);
    expect(change[0]!.normJump!).toBeLessThan(1e-4);
    for (const s of d.slices) {
      const m = e.minimum(s.t);
      expect(Math.abs(s.globalMinimum.loss - m.loss)).toBeLessThan(1e-9 * (1 + m.loss));
      expect(Math.abs(s.globalMinimum.productNorm - m.norm)).toBeLessThan(1e-7);
      // One hidden layer: the origin is a saddle exactly when ‖XYᵀ‖ > λ.
      expect(s.origin).toBe(s.t < e.normA ? 'saddle' : 'strict local minimum');
    }
  });

  it('3-1-1-1 (data seed 1): 49 points, the minimizer jumps to the origin at λ* below the fold λ_c', async () => {
    const { X, Y } = data(1);
    const e = effective(X, Y, 3);
    expect(e.jump!).toBeLessThan(e.lambdaC);
    const d = await lambdaDiagram({ network: { dims: [3, 1, 1, 1], X, Y }, tMin: 0.3 * e.jump!, tMax: 2 * e.lambdaC, steps: 9, tolerance: 1e-9 });
    expect(d.points).toBe(49);
    expect(d.lostPaths).toBe(0);
    expect(d.events.map((ev) => ev.kind)).toEqual(['global minimum changes', 'fold']);
    const [jump, fold] = d.events as [(typeof d.events)[number], (typeof d.events)[number]];
    expect(Math.abs(jump.t - e.jump!)).toBeLessThan(1e-5);
    expect(Math.abs(fold.t - e.lambdaC)).toBeLessThan(1e-5);
    expect([fold.realBelow, fold.realAbove]).toEqual([9, 1]);
    // A first-order transition: the minimizer's product norm jumps, to the origin's 0.
    expect(jump.normJump!).toBeCloseTo(e.minimum(0.999 * jump.t).norm, 2);
    expect(jump.normJump!).toBeGreaterThan(0.1);
    for (const s of d.slices) {
      const m = e.minimum(s.t);
      expect(Math.abs(s.globalMinimum.loss - m.loss)).toBeLessThan(1e-9 * (1 + m.loss));
      expect(Math.abs(s.globalMinimum.productNorm - m.norm)).toBeLessThan(1e-7);
      // Two or more hidden layers: the origin is a strict local minimum for every λ > 0.
      expect(s.origin).toBe('strict local minimum');
    }
  });
});
