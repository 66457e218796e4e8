import { describe, expect, it } from 'vitest';
import * as I from '../../src/numeric/interval.js';
import { cadd, cbox, cmag, cmul, cscale, csub, type CInterval } from '../../src/numeric/cinterval.js';
import { Random } from '../../src/numeric/rng.js';
import { cmp, dadd, dmul, dneg, exact, randomDouble, within, type Dyadic } from './exact.js';

const rng = new Random(2024);
const u = () => rng.uniform();

function randomInterval(emax = 60): I.Interval {
  const a = randomDouble(u, emax);
  const b = u() < 0.1 ? a : randomDouble(u, emax);
  return I.interval(Math.min(a, b), Math.max(a, b));
}

/** A double inside the interval (its ends half of the time: the extremes matter most). */
function pointIn(a: I.Interval): number {
  const t = u();
  if (t < 0.25) return a.lo;
  if (t < 0.5) return a.hi;
  return Math.min(a.hi, Math.max(a.lo, a.lo + (a.hi - a.lo) * u()));
}

function intPow(x: Dyadic, n: number): Dyadic {
  let r: Dyadic = { m: 1n, e: 0 };
  for (let k = 0; k < n; k++) r = dmul(r, x);
  return r;
}

describe('real intervals enclose exact results (BigInt dyadic arithmetic)', () => {
  it('add, sub, mul, pow, scale on random intervals and points of them', () => {
    for (let t = 0; t < 400; t++) {
      const a = randomInterval();
      const b = randomInterval();
      const s = randomDouble(u);
      const sum = I.add(a, b);
      const diff = I.sub(a, b);
      const prod = I.mul(a, b);
      const sc = I.scale(a, s);
      const n = 1 + (t % 6);
      const pw = I.pow(a, n);
      for (let k = 0; k < 6; k++) {
        const x = exact(pointIn(a));
        const y = exact(pointIn(b));
        expect(within(dadd(x, y), sum.lo, sum.hi)).toBe(true);
        expect(within(dadd(x, dneg(y)), diff.lo, diff.hi)).toBe(true);
        expect(within(dmul(x, y), prod.lo, prod.hi)).toBe(true);
        expect(within(dmul(x, exact(s)), sc.lo, sc.hi)).toBe(true);
        expect(within(intPow(x, n), pw.lo, pw.hi)).toBe(true);
      }
    }
  });

  it('bounds are tight: one ulp outside the rounded result', () => {
    const a = I.interval(1, 2);
    const b = I.interval(0.1, 0.3);
    expect(I.add(a, b).hi).toBeGreaterThan(2.3);
    expect(I.add(a, b).hi).toBeLessThanOrEqual(2.3 + 2 * Number.EPSILON * 2);
    expect(I.width(I.mul(a, b))).toBeLessThan(0.5 + 1e-15);
  });

  it('even powers of an interval around zero start at zero', () => {
    const a = I.interval(-2, 3);
    expect(I.pow(a, 2)).toEqual({ lo: 0, hi: I.pow(a, 2).hi });
    expect(I.pow(a, 2).hi).toBeGreaterThanOrEqual(9);
    expect(I.pow(a, 4).lo).toBe(0);
    expect(I.mul(a, a).lo).toBeLessThan(0); // the dependency problem that pow avoids
    expect(I.pow(a, 3).lo).toBeLessThanOrEqual(-8);
    expect(I.pow(a, 0)).toEqual({ lo: 1, hi: 1 });
  });

  it('handles infinite bounds with 0·∞ = 0', () => {
    const p = I.mul(I.interval(0, 1), I.interval(1, Infinity));
    expect(p.lo).toBeLessThanOrEqual(0);
    expect(p.hi).toBe(Infinity);
    expect(Number.isNaN(I.mul(I.interval(0), I.interval(-Infinity, Infinity)).lo)).toBe(false);
  });

  it('hull, intersect, interior, mid, mag', () => {
    const a = I.interval(-1, 2);
    const b = I.interval(1.5, 4);
    expect(I.hull(a, b)).toEqual({ lo: -1, hi: 4 });
    expect(I.intersect(a, b)).toEqual({ lo: 1.5, hi: 2 });
    expect(I.intersect(a, I.interval(3, 4))).toBeUndefined();
    expect(I.intersects(a, b)).toBe(true);
    expect(I.inInterior(I.interval(0, 1), a)).toBe(true);
    expect(I.inInterior(I.interval(0, 2), a)).toBe(false);
    expect(I.mid(a)).toBe(0.5);
    expect(I.mag(a)).toBe(2);
  });

  it('refuses bounds out of order and bad powers', () => {
    expect(() => I.interval(2, 1)).toThrow(/not an interval/);
    expect(() => I.interval(NaN)).toThrow(/not an interval/);
    expect(() => I.pow(I.interval(1), -1)).toThrow(/non-negative integer/);
  });
});

function randomBox(): CInterval {
  return cbox(randomDouble(u, 10), randomDouble(u, 10), Math.abs(randomDouble(u, 10)) * 1e-3);
}

describe('complex rectangular intervals enclose exact results', () => {
  it('add, sub, mul, scale and magnitude at points of random boxes', () => {
    for (let t = 0; t < 300; t++) {
      const a = randomBox();
      const b = randomBox();
      const [sr, si] = [randomDouble(u, 10), randomDouble(u, 10)];
      const sum = cadd(a, b);
      const diff = csub(a, b);
      const prod = cmul(a, b);
      const sc = cscale(a, sr, si);
      const m = cmag(a);
      for (let k = 0; k < 4; k++) {
        const [xr, xi] = [exact(pointIn(a.re)), exact(pointIn(a.im))];
        const [yr, yi] = [exact(pointIn(b.re)), exact(pointIn(b.im))];
        expect(within(dadd(xr, yr), sum.re.lo, sum.re.hi) && within(dadd(xi, yi), sum.im.lo, sum.im.hi)).toBe(true);
        expect(within(dadd(xr, dneg(yr)), diff.re.lo, diff.re.hi) && within(dadd(xi, dneg(yi)), diff.im.lo, diff.im.hi)).toBe(true);
        const pr = dadd(dmul(xr, yr), dneg(dmul(xi, yi)));
        const pi = dadd(dmul(xr, yi), dmul(xi, yr));
        expect(within(pr, prod.re.lo, prod.re.hi) && within(pi, prod.im.lo, prod.im.hi)).toBe(true);
        const [er, ei] = [exact(sr), exact(si)];
        const qr = dadd(dmul(er, xr), dneg(dmul(ei, xi)));
        const qi = dadd(dmul(er, xi), dmul(ei, xr));
        expect(within(qr, sc.re.lo, sc.re.hi) && within(qi, sc.im.lo, sc.im.hi)).toBe(true);
        // |x|² ≤ m² exactly.
        expect(cmp(dadd(dmul(xr, xr), dmul(xi, xi)), dmul(exact(m), exact(m)))).toBeLessThanOrEqual(0);
      }
    }
  });
});
