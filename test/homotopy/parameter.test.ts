import { describe, expect, it } from 'vitest';
import { compileSystem } from '../../src/compile/compile.js';
import { fixParameters } from '../../src/compile/fixed.js';
import { ParameterHomotopy } from '../../src/homotopy/parameter.js';
import { Random } from '../../src/numeric/rng.js';
import { parseSystem } from '../../src/poly/parse.js';
import { PathTracker } from '../../src/track/tracker.js';

const system = parseSystem('variables: x, y\nparameters: a, b, c\nx^2*y + a*x - b*y^2 + 1\na*b*x + c*y^3 - x*y - c^2');
const compiled = compileSystem(system);

function randomVector(rng: Random, n: number): Float64Array {
  const v = new Float64Array(2 * n);
  for (let k = 0; k < 2 * n; k += 2) [v[k], v[k + 1]] = rng.complexNormal();
  return v;
}

describe('ParameterHomotopy', () => {
  const rng = new Random(5);
  const p0 = randomVector(rng, 3);
  const p1 = randomVector(rng, 3);
  const x = randomVector(rng, 2);
  const gamma = rng.unitComplex();
  const H = new ParameterHomotopy(compiled, p0, p1, gamma);

  it('is F(x; p0) at t = 0 and F(x; p1) at t = 1, exactly', () => {
    const h = new Float64Array(4);
    const f = new Float64Array(4);
    H.evaluate(h, x, 0, 0);
    expect(Array.from(h)).toEqual(Array.from(compiled.evaluate(f, x, p0)));
    H.evaluate(h, x, 1, 0);
    expect(Array.from(h)).toEqual(Array.from(compiled.evaluate(f, x, p1)));
  });

  it('has ∂H/∂t and ∂H/∂x that agree with central differences, at a complex t', () => {
    const [tr, ti] = [0.37, 0.21];
    const h = new Float64Array(4);
    const hx = new Float64Array(8);
    const ht = new Float64Array(4);
    H.evaluateAll(h, hx, ht, x, tr, ti);
    const step = 1e-6;
    const plus = new Float64Array(4);
    const minus = new Float64Array(4);
    // H is holomorphic in t, so a real step gives the complex derivative.
    H.evaluate(plus, x, tr + step, ti);
    H.evaluate(minus, x, tr - step, ti);
    for (let k = 0; k < 4; k++) expect(ht[k]!).toBeCloseTo((plus[k]! - minus[k]!) / (2 * step), 6);
    for (let j = 0; j < 2; j++) {
      const xp = new Float64Array(x);
      const xm = new Float64Array(x);
      xp[2 * j] = xp[2 * j]! + step;
      xm[2 * j] = xm[2 * j]! - step;
      H.evaluate(plus, xp, tr, ti);
      H.evaluate(minus, xm, tr, ti);
      for (let i = 0; i < 2; i++) {
        expect(hx[2 * (2 * i + j)]!).toBeCloseTo((plus[2 * i]! - minus[2 * i]!) / (2 * step), 6);
        expect(hx[2 * (2 * i + j) + 1]!).toBeCloseTo((plus[2 * i + 1]! - minus[2 * i + 1]!) / (2 * step), 6);
      }
    }
  });

  it('refuses a system without parameters, or parameter points of the wrong size', () => {
    const plain = compileSystem(parseSystem('x^2 - 1'));
    expect(() => new ParameterHomotopy(plain, new Float64Array(0), new Float64Array(0))).toThrow(/needs a system with parameters/);
    expect(() => new ParameterHomotopy(compiled, p0, new Float64Array(2))).toThrow(/need 6 numbers/);
  });
});

describe('fixParameters', () => {
  it('evaluates F(·; p) and its Jacobian as the parametrized system does', () => {
    const rng = new Random(8);
    const p = randomVector(rng, 3);
    const x = randomVector(rng, 2);
    const fixed = fixParameters(compiled, p);
    expect(fixed.nparams).toBe(0);
    const [f1, j1, f2, j2] = [new Float64Array(4), new Float64Array(8), new Float64Array(4), new Float64Array(8)];
    fixed.evaluateWithJacobian(f1, j1, x);
    compiled.evaluateWithJacobian(f2, j2, x, p);
    expect(Array.from(f1)).toEqual(Array.from(f2));
    expect(Array.from(j1)).toEqual(Array.from(j2));
    p[0] = 99; // the wrapper keeps its own copy
    fixed.evaluate(f1, x);
    expect(Array.from(f1)).toEqual(Array.from(f2));
  });
});

describe('tracking a parameter homotopy with the PathTracker', () => {
  // x² = a, y³ = b: from (a, b) = (1, 1) to (4, 8) the solutions go from (±1, cube roots of 1)
  // to (±2, 2·cube roots of 1). Both ends are real, so the γ of the gamma trick keeps the
  // parameters complex in between.
  const sq = compileSystem(parseSystem('variables: x, y\nparameters: a, b\nx^2 - a\ny^3 - b'));
  const p0 = Float64Array.from([1, 0, 1, 0]);
  const p1 = Float64Array.from([4, 0, 8, 0]);
  const H = new ParameterHomotopy(sq, p0, p1, new Random(3).unitComplex());
  const tracker = new PathTracker(H, fixParameters(sq, p1));
  it('carries every start solution to the matching target solution', () => {
    const roots = [0, 1, 2].map((k) => [Math.cos((2 * Math.PI * k) / 3), Math.sin((2 * Math.PI * k) / 3)] as const);
    const ends: string[] = [];
    for (const sx of [1, -1]) {
      for (const [cr, ci] of roots) {
        const r = tracker.track(0, Float64Array.from([sx, 0, cr, ci]));
        expect(r.code).toBe('success');
        expect(r.residual).toBeLessThan(1e-14);
        expect(Math.abs(r.end[0]! * r.end[0]! - r.end[1]! * r.end[1]! - 4)).toBeLessThan(1e-12);
        ends.push(Array.from(r.end, (v) => v.toFixed(8)).join(','));
      }
    }
    expect(new Set(ends).size).toBe(6);
  });
});
