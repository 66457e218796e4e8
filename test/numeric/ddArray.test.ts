import { describe, expect, it } from 'vitest';
import { cddAddInto, cddAddScaled, cddDivInto, cddMulInto, cddSubInto, fromDD, toDD } from '../../src/numeric/ddArray.js';
import { cddAdd, cddMul, cddSub, type CDD } from '../../src/numeric/doubledouble.js';
import { Random } from '../../src/numeric/rng.js';

/** A random complex double-double with a full low part, and its object form. */
function randomCDD(rng: Random): [Float64Array, CDD] {
  const part = () => {
    const hi = (rng.uniform() - 0.5) * 2 ** rng.int(-20, 20);
    return { hi, lo: hi * (rng.uniform() - 0.5) * 2 ** -53 };
  };
  const re = part();
  const im = part();
  return [Float64Array.from([re.hi, re.lo, im.hi, im.lo]), { re, im }];
}

/** |a − b| relative to |b|, in double-double (the parts' sum differences). */
function relativeGap(a: Float64Array, b: CDD): number {
  const dr = a[0]! - b.re.hi + (a[1]! - b.re.lo);
  const di = a[2]! - b.im.hi + (a[3]! - b.im.lo);
  return Math.hypot(dr, di) / Math.hypot(b.re.hi, b.im.hi);
}

describe('complex double-double in place', () => {
  it('adds, subtracts and multiplies as the tested object form does, to 2^-100', () => {
    const rng = new Random(1, 0);
    for (let t = 0; t < 500; t++) {
      const [a, ao] = randomCDD(rng);
      const [b, bo] = randomCDD(rng);
      const out = new Float64Array(4);
      expect(relativeGap(cddMulInto(out, 0, a, 0, b, 0), cddMul(ao, bo))).toBeLessThan(2 ** -100);
      const sum = cddAdd(ao, bo);
      if (Math.hypot(sum.re.hi, sum.im.hi) > 1e-3 * Math.hypot(ao.re.hi, ao.im.hi)) {
        expect(relativeGap(cddAddInto(out, 0, a, 0, b, 0), sum)).toBeLessThan(2 ** -100);
      }
      const diff = cddSub(ao, bo);
      if (Math.hypot(diff.re.hi, diff.im.hi) > 1e-3 * Math.hypot(ao.re.hi, ao.im.hi)) {
        expect(relativeGap(cddSubInto(out, 0, a, 0, b, 0), diff)).toBeLessThan(2 ** -100);
      }
    }
  });

  it('divides: (a / b)·b gives back a to 2^-100, for b from 2^-600 to 2^600', () => {
    const rng = new Random(2, 0);
    for (let t = 0; t < 500; t++) {
      const [a, ao] = randomCDD(rng);
      const [b] = randomCDD(rng);
      const s = 2 ** rng.int(-600, 600);
      for (let c = 0; c < 4; c++) b[c]! *= s;
      const q = cddDivInto(new Float64Array(4), 0, a, 0, b, 0);
      expect(relativeGap(cddMulInto(new Float64Array(4), 0, q, 0, b, 0), ao)).toBeLessThan(2 ** -100);
    }
  });

  it('accumulates c·a with a double coefficient exactly where double cannot: 10^17 + 1 − 10^17', () => {
    const one = toDD(Float64Array.from([1, 0]));
    const acc = new Float64Array(4);
    cddAddScaled(acc, 0, 1e17, 0, one, 0);
    cddAddScaled(acc, 0, 1, 0, one, 0);
    cddAddScaled(acc, 0, -1e17, 0, one, 0);
    expect(Array.from(fromDD(acc))).toEqual([1, 0]);
    expect(1e17 + 1 - 1e17).toBe(0); // what double precision gives
  });

  it('writes its result over an input (out = a)', () => {
    const rng = new Random(3, 0);
    const [a, ao] = randomCDD(rng);
    const [b, bo] = randomCDD(rng);
    expect(relativeGap(cddMulInto(a, 0, a, 0, b, 0), cddMul(ao, bo))).toBeLessThan(2 ** -100);
  });
});
