import { describe, expect, it } from 'vitest';
import { Polynomial } from '../../src/poly/polynomial.js';
import { makeSystem, type System } from '../../src/poly/system.js';
import { certifySolutions } from '../../src/certify/certify.js';
import { krawczykCenter, krawczykContracts } from '../../src/certify/krawczyk.js';
import { sparseSystem } from '../../src/certify/sparse.js';
import { encloseAtPoint, evaluateOnBox, jacobianOnBox } from '../../src/certify/intervalEval.js';
import { cbox, cpoint } from '../../src/numeric/cinterval.js';
import { Random } from '../../src/numeric/rng.js';
import { dadd, dmul, exact, within, type Dyadic } from '../numeric/exact.js';

/** A polynomial from [re, im, ...exponents] rows. */
const poly = (nvars: number, rows: number[][]): Polynomial =>
  Polynomial.fromTerms(
    nvars,
    rows.map(([re, im, ...exps]) => ({ re: re!, im: im!, exps })),
  );

const univariate = (coeffs: [number, number][]): System =>
  makeSystem(
    ['x'],
    [
      poly(
        1,
        coeffs.map(([re, im], k) => [re, im, coeffs.length - 1 - k]),
      ),
    ],
  );

const pt = (...v: number[]): Float64Array => Float64Array.from(v);

/** True when the certified box of the solution holds the point z (interleaved). */
function boxHolds(box: { center: Float64Array; radius: number } | undefined, z: Float64Array): boolean {
  return !!box && z.every((v, k) => Math.abs(v - box.center[k]!) <= box.radius);
}

/** Exact value of a polynomial (rows as in poly) at a point of doubles, as dyadic (re, im). */
function exactValue(nvars: number, rows: number[][], x: readonly number[]): [Dyadic, Dyadic] {
  let sr = exact(0);
  let si = exact(0);
  for (const [re, im, ...exps] of rows) {
    let pr = exact(re!);
    let pi = exact(im!);
    for (let k = 0; k < nvars; k++) {
      for (let e = 0; e < exps[k]!; e++) {
        const [xr, xi] = [exact(x[2 * k]!), exact(x[2 * k + 1]!)];
        [pr, pi] = [dadd(dmul(pr, xr), dmul(dmul(pi, xi), exact(-1))), dadd(dmul(pr, xi), dmul(pi, xr))];
      }
    }
    sr = dadd(sr, pr);
    si = dadd(si, pi);
  }
  return [sr, si];
}

describe('interval evaluation encloses exact values (BigInt dyadic arithmetic)', () => {
  const rng = new Random(31);
  const rand = () => 2 * rng.uniform() - 1;
  // Two random dense-ish polynomials in two variables with a parameter, degree ≤ 4.
  const rows = (): number[][] => Array.from({ length: 8 }, () => [rand(), rand(), rng.int(0, 2), rng.int(0, 2), rng.int(0, 1)]);
  const eqs = [rows(), rows()];
  const param = [0.75, -0.25];
  const system = makeSystem(
    ['x', 'y'],
    eqs.map((r) => poly(3, r)),
    ['p'],
  );
  const sys = sparseSystem(system, pt(...param));

  it('F at a point (double-double with error bound) and F, J over a box', () => {
    for (let t = 0; t < 30; t++) {
      const x = [rand(), rand(), rand(), rand()];
      const full = [...x, ...param];
      const tight = encloseAtPoint(sys, pt(...x));
      const radius = 1e-3;
      const box = [cbox(x[0]!, x[1]!, radius), cbox(x[2]!, x[3]!, radius)];
      const onBox = evaluateOnBox(sys, box);
      const jac = jacobianOnBox(sys, box);
      eqs.forEach((r, i) => {
        const [vr, vi] = exactValue(3, r, full);
        expect(within(vr, tight[i]!.re.lo, tight[i]!.re.hi) && within(vi, tight[i]!.im.lo, tight[i]!.im.hi)).toBe(true);
        // Double-double: the width is a few ulps of the value itself, not of the terms.
        const w = tight[i]!.re;
        expect(w.hi - w.lo).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(w.hi) + 1e-25);
        // A point of the box (a corner), and the Jacobian there, are enclosed too.
        const corner = [x[0]! + radius, x[1]! - radius, x[2]! - radius, x[3]! + radius, ...param];
        const [cr, ci] = exactValue(3, r, corner);
        expect(within(cr, onBox[i]!.re.lo, onBox[i]!.re.hi) && within(ci, onBox[i]!.im.lo, onBox[i]!.im.hi)).toBe(true);
        for (let j = 0; j < 2; j++) {
          const dRows = r
            .filter((row) => row[2 + j]! > 0)
            .map((row) => {
              const exps = row.slice(2);
              const e = exps[j]!;
              exps[j] = e - 1;
              return [row[0]! * e, row[1]! * e, ...exps];
            });
          const [jr, ji] = exactValue(3, dRows, corner);
          const entry = jac[i * 2 + j]!;
          expect(within(jr, entry.re.lo, entry.re.hi) && within(ji, entry.im.lo, entry.im.hi)).toBe(true);
        }
      });
    }
    expect(evaluateOnBox(sys, [cpoint(0), cpoint(0)])).toHaveLength(2);
  });
});

describe('Krawczyk test on boxes', () => {
  const sys = sparseSystem(
    univariate([
      [1, 0],
      [0, 0],
      [-2, 0],
    ]),
  ); // x² − 2

  it('contracts on a small box around a root, not on a box missing it or holding both', () => {
    const c = krawczykCenter(sys, pt(1.4142135623730951, 0))!;
    expect(krawczykContracts(sys, c, 1e-10)).toBe(true);
    const off = krawczykCenter(sys, pt(1.5, 0))!;
    expect(krawczykContracts(sys, off, 1e-3)).toBe(false); // √2 is 0.086 away
    const both = krawczykCenter(sys, pt(0.1, 0))!;
    expect(krawczykContracts(sys, both, 2)).toBe(false); // ±√2 both inside: no uniqueness
  });

  it('has no center where the Jacobian is singular', () => {
    expect(krawczykCenter(sys, pt(0, 0))).toBeUndefined();
  });
});

describe('certifySolutions', () => {
  const r2 = Math.SQRT2;

  it('x² − 2: ±√2 are certified real, in boxes that hold them', () => {
    const res = certifySolutions(
      univariate([
        [1, 0],
        [0, 0],
        [-2, 0],
      ]),
      [pt(r2, 0), pt(-r2, 0)],
    );
    expect(res.counts).toEqual({ certified: 2, certifiedDistinct: 2, certifiedReal: 2, uncertified: 0 });
    for (const [k, s] of res.solutions.entries()) {
      expect(s.certified).toBe(true);
      expect(s.real).toBe('certified-real');
      expect(boxHolds(s.box, pt(k === 0 ? r2 : -r2, 0))).toBe(true);
      expect(s.box!.radius).toBeLessThan(1e-12);
    }
  });

  it('x² + 1: ±i are certified non-real', () => {
    const res = certifySolutions(
      univariate([
        [1, 0],
        [0, 0],
        [1, 0],
      ]),
      [pt(0, 1), pt(0, -1)],
    );
    expect(res.counts).toEqual({ certified: 2, certifiedDistinct: 2, certifiedReal: 0, uncertified: 0 });
    expect(res.solutions.map((s) => s.real)).toEqual(['certified-nonreal', 'certified-nonreal']);
  });

  it('x² − 2x + 1 + 10⁻¹²: 1 ± 10⁻⁶i is non-real despite its tiny imaginary part', () => {
    const res = certifySolutions(
      univariate([
        [1, 0],
        [-2, 0],
        [1 + 1e-12, 0],
      ]),
      [pt(1, 1e-6), pt(1, -1e-6)],
    );
    expect(res.solutions.map((s) => s.real)).toEqual(['certified-nonreal', 'certified-nonreal']);
    expect(res.counts.certifiedDistinct).toBe(2);
    expect(res.counts.certifiedReal).toBe(0);
    // 1 + 1e-12 is rounded, so the imaginary part is √(fl(1 + 1e-12) − 1) (the subtraction is exact).
    expect(boxHolds(res.solutions[0]!.box, pt(1, Math.sqrt(1 + 1e-12 - 1)))).toBe(true);
  });

  it('a 2×2 system: x² + y² = 5, xy = 2 has four real solutions, all certified from noisy starts', () => {
    const sys = makeSystem(
      ['x', 'y'],
      [
        poly(2, [
          [1, 0, 2, 0],
          [1, 0, 0, 2],
          [-5, 0, 0, 0],
        ]),
        poly(2, [
          [1, 0, 1, 1],
          [-2, 0, 0, 0],
        ]),
      ],
    );
    const exact = [pt(1, 0, 2, 0), pt(2, 0, 1, 0), pt(-1, 0, -2, 0), pt(-2, 0, -1, 0)];
    const noisy = exact.map((z) => z.map((v, k) => v + (k % 2 === 0 ? 3e-9 : -2e-9)));
    const res = certifySolutions(sys, noisy);
    expect(res.counts).toEqual({ certified: 4, certifiedDistinct: 4, certifiedReal: 4, uncertified: 0 });
    res.solutions.forEach((s, k) => expect(boxHolds(s.box, exact[k]!)).toBe(true));
  });

  it('a 2×2 system with a conjugate pair: x² + y² = 1, x − y = 3', () => {
    // y = x − 3, 2x² − 6x + 8 = 0: x = (3 ± i√7)/2.
    const sys = makeSystem(
      ['x', 'y'],
      [
        poly(2, [
          [1, 0, 2, 0],
          [1, 0, 0, 2],
          [-1, 0, 0, 0],
        ]),
        poly(2, [
          [1, 0, 1, 0],
          [-1, 0, 0, 1],
          [-3, 0, 0, 0],
        ]),
      ],
    );
    const s7 = Math.sqrt(7) / 2;
    const res = certifySolutions(sys, [pt(1.5, s7, -1.5, s7), pt(1.5, -s7, -1.5, -s7)]);
    expect(res.counts).toEqual({ certified: 2, certifiedDistinct: 2, certifiedReal: 0, uncertified: 0 });
  });

  it('a point 10⁻³ off a solution is not certified, with or without refinement', () => {
    const sys = univariate([
      [1, 0],
      [0, 0],
      [-2, 0],
    ]);
    for (const refine of [false, true]) {
      const res = certifySolutions(sys, [pt(r2 + 1e-3, 0)], { refine });
      expect(res.solutions[0]!.certified).toBe(false);
      expect(res.solutions[0]!.reason).toBe('not close to a solution');
      expect(res.counts).toEqual({ certified: 0, certifiedDistinct: 0, certifiedReal: 0, uncertified: 1 });
    }
  });

  it('without refinement the given point is the center, and the box reaches the true root', () => {
    const res = certifySolutions(
      univariate([
        [1, 0],
        [0, 0],
        [-2, 0],
      ]),
      [pt(r2 + 1e-9, 0)],
      { refine: false },
    );
    const s = res.solutions[0]!;
    expect(s.certified).toBe(true);
    expect(s.box!.center[0]).toBe(r2 + 1e-9);
    expect(boxHolds(s.box, pt(r2, 0))).toBe(true);
  });

  it('a duplicated solution is certified twice but counted once', () => {
    const res = certifySolutions(
      univariate([
        [1, 0],
        [0, 0],
        [-2, 0],
      ]),
      [pt(r2, 0), pt(-r2, 0), pt(r2 * (1 + 1e-13), 0)],
    );
    expect(res.counts).toEqual({ certified: 3, certifiedDistinct: 2, certifiedReal: 2, uncertified: 0 });
    expect(res.solutions[2]!.duplicateOf).toBe(0);
    expect(res.solutions[0]!.duplicateOf).toBeUndefined();
  });

  it('a singular solution is not certified, and says why', () => {
    const sys = univariate([
      [1, 0],
      [0, 0],
      [0, 0],
    ]); // x², double root at 0
    const [at, near] = certifySolutions(sys, [pt(0, 0), pt(1e-8, 0)]).solutions;
    expect(at!.reason).toBe('singular Jacobian');
    expect(near!.certified).toBe(false);
    expect(near!.reason).toMatch(/singular Jacobian|not contracting/);
  });

  it('certifies two real roots 10⁻⁷ apart (condition 10⁷) in disjoint boxes', () => {
    // (x − 1)(x − 1 − 10⁻⁷), coefficients rounded: a cluster that plain double intervals cannot separate.
    const res = certifySolutions(
      univariate([
        [1, 0],
        [-2 - 1e-7, 0],
        [1 + 1e-7, 0],
      ]),
      [pt(1, 0), pt(1 + 1e-7, 0)],
    );
    expect(res.counts).toEqual({ certified: 2, certifiedDistinct: 2, certifiedReal: 2, uncertified: 0 });
    for (const s of res.solutions) expect(s.box!.radius).toBeLessThan(1e-12);
  });

  it('fixes parameters to given values; realness is unknown for non-real coefficients', () => {
    const sys = makeSystem(
      ['x'],
      [
        poly(2, [
          [1, 0, 2, 0],
          [-1, 0, 0, 1],
        ]),
      ],
      ['p'],
    ); // x² − p
    const r3 = Math.sqrt(3);
    const real = certifySolutions(sys, [pt(r3, 0), pt(-r3, 0)], { parameters: pt(3, 0) });
    expect(real.counts).toEqual({ certified: 2, certifiedDistinct: 2, certifiedReal: 2, uncertified: 0 });
    const cplx = certifySolutions(sys, [pt(Math.SQRT1_2, Math.SQRT1_2)], { parameters: pt(0, 1) });
    expect(cplx.solutions[0]!.certified).toBe(true);
    expect(cplx.solutions[0]!.real).toBe('unknown');
  });

  it('refuses misuse with a message that says what to pass', () => {
    const sys = makeSystem(
      ['x'],
      [
        poly(2, [
          [1, 0, 2, 0],
          [-1, 0, 0, 1],
        ]),
      ],
      ['p'],
    );
    expect(() => certifySolutions(sys, [pt(1, 0)])).toThrow(/1 parameter; pass their values as 'parameters'/);
    expect(() =>
      certifySolutions(
        univariate([
          [1, 0],
          [-1, 0],
        ]),
        [pt(1, 0, 2, 0)],
      ),
    ).toThrow(/solution 1 has 4 numbers; expected 2/);
    const nonSquare = makeSystem(['x', 'y'], [poly(2, [[1, 0, 1, 0]])]);
    expect(() => certifySolutions(nonSquare, [pt(0, 0, 0, 0)])).toThrow(/square system: 1 equations in 2 unknowns/);
  });

  it('a non-finite point is a failed result, not an exception', () => {
    const res = certifySolutions(
      univariate([
        [1, 0],
        [0, 0],
        [-2, 0],
      ]),
      [pt(NaN, 0)],
    );
    expect(res.solutions[0]!.reason).toBe('not close to a solution');
  });
});
