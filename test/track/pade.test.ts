/**
 * The Padé predictor's ingredients, against paths known in closed form: the Taylor
 * coefficients sampled from H on a circle, the trust region (the distance to the nearest
 * branch point, which the coefficients reveal), and a segment tracked past a branch point
 * that comes within 0.01 of it without jumping to the other sheet.
 */
import { describe, expect, it } from 'vitest';
import type { Homotopy } from '../../src/homotopy/types.js';
import { DoubleEvaluator } from '../../src/track/evaluator.js';
import { PadePredictor } from '../../src/track/pade.js';
import { presets, defaultLimits } from '../../src/track/presets.js';
import { SegmentStepper } from '../../src/track/stepper.js';

/** H(x, t) = x² − (t − z): x(t) = √(t − z), with a branch point at t = z. */
function sqrtHomotopy(zr: number, zi: number): Homotopy {
  const evaluate = (o: Float64Array, x: Float64Array, tr: number, ti: number): void => {
    o[0] = x[0]! * x[0]! - x[1]! * x[1]! - (tr - zr);
    o[1] = 2 * x[0]! * x[1]! - (ti - zi);
  };
  return {
    n: 1,
    evaluate,
    evaluateAll(o, ox, ot, x, tr, ti) {
      evaluate(o, x, tr, ti);
      ox[0] = 2 * x[0]!;
      ox[1] = 2 * x[1]!;
      ot[0] = -1;
      ot[1] = 0;
    },
  };
}

/** Principal √(a + ib). */
function csqrt(a: number, b: number): [number, number] {
  const m = Math.hypot(a, b);
  const re = Math.sqrt((m + a) / 2);
  const im = Math.sign(b || 1) * Math.sqrt((m - a) / 2);
  return [re, im];
}

describe('Padé predictor: coefficients and trust region', () => {
  it('samples the Taylor coefficients of √(1 + t) exactly, for any radius inside the disc of convergence', () => {
    const predictor = new PadePredictor(new DoubleEvaluator(sqrtHomotopy(-1, 0)));
    for (const r of [0.3, 0.1, 0.01]) {
      const c = predictor.pathCoefficients(Float64Array.from([1, 0]), 0, 0, r)!;
      // √(1 + t) = 1 + t/2 − t²/8 + t³/16 − …
      expect(c.x1[0]).toBeCloseTo(0.5, 12);
      expect(Math.abs(c.x2[0]! + 0.125)).toBeLessThan(1e-9);
      expect(Math.abs(c.x3[0]! - 0.0625)).toBeLessThan(1e-6);
      // ‖x₂‖/‖x₃‖ = 2: twice the distance 1 to the branch point, as for any square root.
      expect(c.trust).toBeCloseTo(2, 4);
    }
  });

  it('a trust region that shrinks with the distance to a complex branch point', () => {
    for (const d of [0.1, 0.01, 0.001]) {
      // branch point at t = 0.5 + i·d, seen from t = 0.5
      const predictor = new PadePredictor(new DoubleEvaluator(sqrtHomotopy(0.5, d)));
      const x = csqrt(0, -d);
      const c = predictor.pathCoefficients(Float64Array.from(x), 0.5, 0, d / 4)!;
      expect(c.trust / (2 * d)).toBeGreaterThan(0.99);
      expect(c.trust / (2 * d)).toBeLessThan(1.01);
    }
  });

  it('tracks past a branch point 0.01 off the segment and stays on its sheet', () => {
    const zr = 0.5;
    const zi = 0.01;
    const st = new SegmentStepper(sqrtHomotopy(zr, zi), presets.default, defaultLimits);
    const x = Float64Array.from(csqrt(-zr, -zi));
    expect(st.trackSegment(x, 0, 0, 1, 0)).toBe('ok');
    // Continuing √(t − z) along t ∈ [0, 1] (below the branch point, Im(t − z) < 0 throughout)
    // stays on the principal branch with Im < 0: the other sheet is −√.
    const [er, ei] = csqrt(1 - zr, -zi);
    expect(Math.hypot(x[0]! - er, x[1]! - ei)).toBeLessThan(1e-8);
    // And with a budget of steps a smooth predictor needs, not the hundreds of a tiny fixed step.
    expect(st.accepted + st.rejected).toBeLessThan(60);
  });
});
