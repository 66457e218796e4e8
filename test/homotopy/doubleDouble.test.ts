import { describe, expect, it } from 'vitest';
import { compileSystem } from '../../src/compile/compile.js';
import { LogTimeHomotopy } from '../../src/homotopy/logTime.js';
import { ParameterHomotopy } from '../../src/homotopy/parameter.js';
import { homogenize, ProjectiveHomotopy } from '../../src/homotopy/projective.js';
import { StraightLineHomotopy } from '../../src/homotopy/straightLine.js';
import { TotalDegreeStart } from '../../src/homotopy/totalDegree.js';
import type { Homotopy } from '../../src/homotopy/types.js';
import { fromDD, toDD } from '../../src/numeric/ddArray.js';
import { Random } from '../../src/numeric/rng.js';
import { parseSystem } from '../../src/poly/parse.js';
import { DDStepEvaluator, DoubleEvaluator } from '../../src/track/evaluator.js';

const target = parseSystem('variables: x, y, z\nx^2*y - 3*z + 1\nx*y*z - y^3 + 2\nz^2 - x*y + 0.5*x');
const family = parseSystem('variables: x, y\nparameters: a, b, c\nx^2*y + a*x - b*y^2 + 1\na*b*x + c*y^3 - x*y - c^2');

function randomVector(rng: Random, n: number): Float64Array {
  const v = new Float64Array(2 * n);
  for (let k = 0; k < 2 * n; k += 2) [v[k], v[k + 1]] = rng.complexNormal();
  return v;
}

function relativeGap(a: Float64Array, b: Float64Array): number {
  let gap = 0;
  let size = 1e-300;
  for (let k = 0; k < a.length; k++) {
    gap = Math.max(gap, Math.abs(a[k]! - b[k]!));
    size = Math.max(size, Math.abs(b[k]!));
  }
  return gap / size;
}

const rng = new Random(11);
const gamma = rng.unitComplex();
const cases: [string, Homotopy][] = [
  ['straight line from the total-degree start', new StraightLineHomotopy(new TotalDegreeStart([3, 3, 2]), compileSystem(target), gamma)],
  ['projective total degree', new ProjectiveHomotopy(new TotalDegreeStart([3, 3, 2]), compileSystem(homogenize(target)), gamma, randomVector(rng, 4))],
  ['parameter homotopy', new ParameterHomotopy(compileSystem(family), randomVector(rng, 3), randomVector(rng, 3), gamma)],
];

describe('homotopies in double-double', () => {
  for (const [name, H] of cases) {
    it(`${name}: H, Hx and Ht agree with double, in t and in log-time`, () => {
      for (const h of [H, new LogTimeHomotopy(H)]) {
        const dd = h.doubleDouble?.();
        expect(dd, 'a double-double form').toBeDefined();
        const n = h.n;
        const x = randomVector(rng, n);
        const [tr, ti] = h === H ? [0.37, 0.21] : [2.5, 0.4];
        const out = [new Float64Array(2 * n), new Float64Array(2 * n * n), new Float64Array(2 * n)];
        h.evaluateAll(out[0]!, out[1]!, out[2]!, x, tr, ti);
        const wide = [new Float64Array(4 * n), new Float64Array(4 * n * n), new Float64Array(4 * n)];
        dd!.evaluateAll(wide[0]!, wide[1]!, wide[2]!, toDD(x), Float64Array.of(tr, 0, ti, 0));
        for (let k = 0; k < 3; k++) expect(relativeGap(fromDD(wide[k]!), out[k]!)).toBeLessThan(1e-13);
        const value = new Float64Array(4 * n);
        dd!.evaluate(value, toDD(x), Float64Array.of(tr, 0, ti, 0));
        expect(Array.from(value)).toEqual(Array.from(wide[0]!));
      }
    });
  }

  it('the parameter homotopy is F(x; p1) at t = 1 exactly, in double-double too', () => {
    const r = new Random(3);
    const p0 = randomVector(r, 3);
    const p1 = randomVector(r, 3);
    const compiled = compileSystem(family);
    const H = new ParameterHomotopy(compiled, p0, p1, r.unitComplex());
    const x = toDD(randomVector(r, 2));
    const wide = new Float64Array(8);
    H.doubleDouble()!.evaluate(wide, x, Float64Array.of(1, 0, 0, 0));
    const direct = new Float64Array(8);
    compiled.doubleDouble!()!.evaluate(direct, x, toDD(p1));
    expect(Array.from(wide)).toEqual(Array.from(direct));
  });

  it('log-time keeps s = e^{−u} where double rounds t = 1 − s to 1', () => {
    const H = new LogTimeHomotopy(cases[2]![1]);
    const dd = H.doubleDouble()!;
    const x = randomVector(rng, 2);
    const at = (u: number): Float64Array => {
      const out = new Float64Array(8);
      dd.evaluate(out, toDD(x), Float64Array.of(u, 0, 0, 0));
      return out;
    };
    // s = 1e-20 and s = 2e-20 give different H in double-double (H moves by about s), the same in double.
    const a = at(-Math.log(1e-20));
    const b = at(-Math.log(2e-20));
    let gap = 0;
    for (let k = 0; k < 8; k += 2) gap = Math.max(gap, Math.abs(a[k]! - b[k]! + (a[k + 1]! - b[k + 1]!)));
    expect(gap).toBeGreaterThan(1e-22);
    expect(gap).toBeLessThan(1e-18);
    const d1 = new Float64Array(4);
    const d2 = new Float64Array(4);
    H.evaluate(d1, x, -Math.log(1e-20), 0);
    H.evaluate(d2, x, -Math.log(2e-20), 0);
    expect(Array.from(d1)).toEqual(Array.from(d2));
  });
});

describe('the step evaluators', () => {
  it('agree on a well-conditioned point: values, solves, condition and the Padé sums', () => {
    const H = cases[0]![1];
    const a = new DoubleEvaluator(H);
    const b = new DDStepEvaluator(H.doubleDouble()!);
    const x = randomVector(rng, 3);
    expect(a.linearize(x, 0.4, 0.1)).toBe(true);
    expect(b.linearize(x, 0.4, 0.1)).toBe(true);
    expect(relativeGap(b.h, a.h)).toBeLessThan(1e-13);
    expect(relativeGap(b.ht, a.ht)).toBeLessThan(1e-13);
    const r = randomVector(rng, 3);
    const sa = new Float64Array(6);
    const sb = new Float64Array(6);
    a.solve(sa, r);
    b.solve(sb, r);
    expect(relativeGap(sb, sa)).toBeLessThan(1e-10);
    expect(b.conditionEstimate() / a.conditionEstimate()).toBeCloseTo(1, 6);
    expect(b.sensitivity(x) / a.sensitivity(x)).toBeCloseTo(1, 6);
    expect(a.sensitivity(x)).toBeLessThanOrEqual(3 * a.conditionEstimate());
    for (const ev of [a, b]) {
      ev.sumReset();
      ev.sumAdd(x, 0.4, 0.1, 1, 0);
      ev.sumAdd(r, 0.5, 0, 0, -2);
    }
    expect(a.sumSolve(sa, 0.5)).toBe(true);
    expect(b.sumSolve(sb, 0.5)).toBe(true);
    expect(relativeGap(sb, sa)).toBeLessThan(1e-10);
    expect(b.precision).toBe('double-double');
    expect(b.epsilon).toBeLessThan(1e-30);
  });
});
