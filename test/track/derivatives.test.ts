/**
 * What the tracker relies on: the Jacobian ∂H/∂x and the t-derivative ∂H/∂t that a homotopy
 * hands the predictor agree with central finite differences of its own H, at random complex
 * points and times. H is holomorphic in x and t, so a complex step works: the difference
 * (H(x + εv) − H(x − εv))/2ε is ∂H/∂x·v + O(ε²), with rounding ~1e-16/ε; at ε = 1e-6 both
 * are below 1e-9 relative, and a wrong derivative (a missing term, a sign, a transposed
 * Jacobian) is off by order one.
 */
import { describe, expect, it } from 'vitest';
import { buildProgram, compileProgram, compileSystem } from '../../src/compile/compile.js';
import { LogTimeHomotopy } from '../../src/homotopy/logTime.js';
import { ParameterHomotopy } from '../../src/homotopy/parameter.js';
import { homogenize, ProjectiveHomotopy } from '../../src/homotopy/projective.js';
import { StraightLineHomotopy } from '../../src/homotopy/straightLine.js';
import { TotalDegreeStart } from '../../src/homotopy/totalDegree.js';
import type { Homotopy } from '../../src/homotopy/types.js';
import { Random } from '../../src/numeric/rng.js';
import { readSystemText } from '../../src/poly/read.js';
import { degrees } from '../../src/poly/system.js';

const EPS = 1e-6;
const TOLERANCE = 1e-8;

const system = readSystemText('x^2*y + 3*z - 1 + 2*i; x*y*z - 2*x + y^3; x^4 - z^2 + (0.5 - i)*y', 'fd.txt');
const parametric = readSystemText('parameters: a, b\nx^2 + a*y^3 - 1; b*x*y - a^2 + y', 'fd-parametric.txt');

function randomVector(rng: Random, n: number): Float64Array {
  const v = new Float64Array(2 * n);
  for (let k = 0; k < 2 * n; k += 2) [v[k], v[k + 1]] = rng.complexNormal();
  return v;
}

/** a ± ε·v, with ε real. */
const shifted = (a: Float64Array, v: Float64Array, eps: number): Float64Array => a.map((x, k) => x + eps * v[k]!);

function relativeError(a: Float64Array, b: Float64Array): number {
  let d = 0;
  let s = 0;
  for (let k = 0; k < a.length; k++) {
    d = Math.max(d, Math.abs(a[k]! - b[k]!));
    s = Math.max(s, Math.abs(b[k]!));
  }
  return d / Math.max(1, s);
}

/** The worst relative error of ∂H/∂x·v and ∂H/∂t against finite differences, over several points. */
function derivativeErrors(h: Homotopy, rng: Random, times: readonly [number, number][]): { x: number; t: number } {
  const n = h.n;
  const H = new Float64Array(2 * n);
  const Hx = new Float64Array(2 * n * n);
  const Ht = new Float64Array(2 * n);
  const plus = new Float64Array(2 * n);
  const minus = new Float64Array(2 * n);
  let ex = 0;
  let et = 0;
  for (const [tre, tim] of times) {
    const x = randomVector(rng, n);
    const v = randomVector(rng, n);
    h.evaluateAll(H, Hx, Ht, x, tre, tim);
    // The value from evaluateAll is the value from evaluate.
    h.evaluate(plus, x, tre, tim);
    expect(relativeError(H, plus)).toBeLessThan(1e-14);
    // ∂H/∂x·v
    const Jv = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const a = 2 * (i * n + j);
        Jv[2 * i] = Jv[2 * i]! + Hx[a]! * v[2 * j]! - Hx[a + 1]! * v[2 * j + 1]!;
        Jv[2 * i + 1] = Jv[2 * i + 1]! + Hx[a]! * v[2 * j + 1]! + Hx[a + 1]! * v[2 * j]!;
      }
    }
    h.evaluate(plus, shifted(x, v, EPS), tre, tim);
    h.evaluate(minus, shifted(x, v, -EPS), tre, tim);
    ex = Math.max(
      ex,
      relativeError(
        plus.map((p, k) => (p - minus[k]!) / (2 * EPS)),
        Jv,
      ),
    );
    // ∂H/∂t, along the real and the imaginary direction of t (holomorphic: the same derivative).
    for (const [dr, di] of [
      [1, 0],
      [0, 1],
    ] as const) {
      h.evaluate(plus, x, tre + EPS * dr, tim + EPS * di);
      h.evaluate(minus, x, tre - EPS * dr, tim - EPS * di);
      // (H(t + εd) − H(t − εd)) / (2ε·d), dividing by d = dr + i·di (|d| = 1).
      const fd = new Float64Array(2 * n);
      for (let k = 0; k < 2 * n; k += 2) {
        const qr = (plus[k]! - minus[k]!) / (2 * EPS);
        const qi = (plus[k + 1]! - minus[k + 1]!) / (2 * EPS);
        fd[k] = qr * dr + qi * di;
        fd[k + 1] = qi * dr - qr * di;
      }
      et = Math.max(et, relativeError(fd, Ht));
    }
  }
  return { x: ex, t: et };
}

const times: [number, number][] = [
  [0.1, 0],
  [0.5, 0.2],
  [0.9, -0.1],
  [0.999, 0.0005],
];

describe("the tracker's homotopies: derivatives agree with finite differences", () => {
  it.each([1, 2, 3])('the projective total-degree homotopy (homogenized target and chart equation), seed %i', (seed) => {
    const rng = new Random(seed);
    const start = new TotalDegreeStart(degrees(system));
    const chart = randomVector(rng, system.variables.length + 1);
    const h = new ProjectiveHomotopy(start, compileProgram(buildProgram(homogenize(system))), rng.unitComplex(), chart);
    const e = derivativeErrors(h, rng, times);
    expect(e.x).toBeLessThan(TOLERANCE);
    expect(e.t).toBeLessThan(TOLERANCE);
  });

  it.each([1, 2, 3])('the affine straight-line and parameter homotopies, and both in log-time, seed %i', (seed) => {
    const rng = new Random(seed);
    const affine = new StraightLineHomotopy(new TotalDegreeStart(degrees(system)), compileSystem(system), rng.unitComplex());
    const parameter = new ParameterHomotopy(compileSystem(parametric), randomVector(rng, 2), randomVector(rng, 2), rng.unitComplex());
    for (const h of [affine, parameter, new LogTimeHomotopy(affine), new LogTimeHomotopy(parameter)]) {
      const e = derivativeErrors(h, rng, h instanceof LogTimeHomotopy ? times.map(([a, b]) => [-Math.log(1 - a), b]) : times);
      expect(e.x).toBeLessThan(TOLERANCE);
      expect(e.t).toBeLessThan(TOLERANCE);
    }
  });

  it('sees a wrong derivative (the check is not vacuous)', () => {
    const rng = new Random(4);
    const start = new TotalDegreeStart(degrees(system));
    const inner = new ProjectiveHomotopy(
      start,
      compileProgram(buildProgram(homogenize(system))),
      rng.unitComplex(),
      randomVector(rng, system.variables.length + 1),
    );
    // The same homotopy with ∂H/∂t off by a factor 1.01.
    const broken: Homotopy = {
      n: inner.n,
      evaluate: (out, x, tre, tim) => inner.evaluate(out, x, tre, tim),
      evaluateAll: (H, Hx, Ht, x, tre, tim) => {
        inner.evaluateAll(H, Hx, Ht, x, tre, tim);
        for (let k = 0; k < Ht.length; k++) Ht[k] = Ht[k]! * 1.01;
      },
    };
    expect(derivativeErrors(broken, rng, times).t).toBeGreaterThan(1e-3);
  });
});
