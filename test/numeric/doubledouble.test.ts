import { describe, expect, it } from 'vitest';
import { cdd, cddAdd, cddMul, cddSub, dd, ddAdd, ddMul, ddSub, quickTwoSum, twoProd, twoSum, type DD } from '../../src/numeric/doubledouble.js';
import { Random } from '../../src/numeric/rng.js';
import { cmp, dadd, dmul, dneg, exact, randomDouble, type Dyadic } from './exact.js';

const rng = new Random(99);
const u = () => rng.uniform();
const exactDD = (a: DD): Dyadic => dadd(exact(a.hi), exact(a.lo));

/** |v| ≤ 2^k exactly, as a Dyadic comparison. */
function absAtMost(v: Dyadic, k: number): boolean {
  const bound: Dyadic = { m: 1n, e: k };
  return cmp(v, bound) <= 0 && cmp(dneg(bound), v) <= 0;
}

/** Binary exponent of |x| (x ≠ 0). */
const expOf = (x: number): number => Math.floor(Math.log2(Math.abs(x)));

describe('error-free transformations', () => {
  it('twoProd is exact on random doubles (checked with BigInt)', () => {
    for (let t = 0; t < 2000; t++) {
      const a = randomDouble(u, 200);
      const b = randomDouble(u, 200);
      const p = twoProd(a, b);
      expect(p.hi).toBe(a * b);
      expect(cmp(exactDD(p), dmul(exact(a), exact(b)))).toBe(0);
    }
  });

  it('twoProd stays exact for factors too large for a plain Veltkamp split', () => {
    for (const [a, b] of [
      [2 ** 1000 * 1.2345678901234567, 2 ** -30 * 1.9876543210987654],
      [-1.7976931348623157e300, 3.3e-10],
    ] as const) {
      const p = twoProd(a, b);
      expect(cmp(exactDD(p), dmul(exact(a), exact(b)))).toBe(0);
    }
  });

  it('twoSum and quickTwoSum are exact', () => {
    for (let t = 0; t < 2000; t++) {
      const a = randomDouble(u, 80);
      const b = randomDouble(u, 80);
      const s = twoSum(a, b);
      expect(s.hi).toBe(a + b);
      expect(cmp(exactDD(s), dadd(exact(a), exact(b)))).toBe(0);
      const [big, small] = Math.abs(a) >= Math.abs(b) ? [a, b] : [b, a];
      expect(cmp(exactDD(quickTwoSum(big, small)), dadd(exact(a), exact(b)))).toBe(0);
    }
  });
});

describe('double-double arithmetic', () => {
  const randomDD = (): DD => {
    const hi = randomDouble(u, 20);
    return twoSum(hi, hi * 2 ** -60 * (u() - 0.5));
  };

  it('add, sub and mul are accurate to 2^-101 of the operands', () => {
    for (let t = 0; t < 500; t++) {
      const a = randomDD();
      const b = randomDD();
      // Bounds relative to the operands (sums may cancel): |a|, |b| < 2^(expOf + 1).
      const sumScale = Math.max(expOf(a.hi), expOf(b.hi)) + 1;
      const prodScale = expOf(a.hi) + expOf(b.hi) + 2;
      const checks: [DD, Dyadic, number][] = [
        [ddAdd(a, b), dadd(exactDD(a), exactDD(b)), sumScale],
        [ddSub(a, b), dadd(exactDD(a), dneg(exactDD(b))), sumScale],
        [ddMul(a, b), dmul(exactDD(a), exactDD(b)), prodScale],
      ];
      for (const [got, want, scale] of checks) expect(absAtMost(dadd(exactDD(got), dneg(want)), scale - 101)).toBe(true);
    }
  });

  it('recovers what double loses: (1 + 2^-80) − 1', () => {
    const x = ddAdd(dd(1), dd(2 ** -80));
    expect(ddSub(x, dd(1))).toEqual({ hi: 2 ** -80, lo: 0 });
  });

  it('complex add, sub and mul agree with exact arithmetic', () => {
    for (let t = 0; t < 200; t++) {
      const a = cdd(randomDouble(u, 10), randomDouble(u, 10));
      const b = cdd(randomDouble(u, 10), randomDouble(u, 10));
      const p = cddMul(a, b);
      const [ar, ai, br, bi] = [exactDD(a.re), exactDD(a.im), exactDD(b.re), exactDD(b.im)];
      const pr = dadd(dmul(ar, br), dneg(dmul(ai, bi)));
      const pi = dadd(dmul(ar, bi), dmul(ai, br));
      const big = Math.max(expOf(a.re.hi) + expOf(b.re.hi), expOf(a.im.hi) + expOf(b.im.hi), expOf(a.re.hi) + expOf(b.im.hi), expOf(a.im.hi) + expOf(b.re.hi));
      expect(absAtMost(dadd(exactDD(p.re), dneg(pr)), big - 99)).toBe(true);
      expect(absAtMost(dadd(exactDD(p.im), dneg(pi)), big - 99)).toBe(true);
      const s = cddSub(cddAdd(a, b), b);
      expect(cmp(exactDD(s.re), exactDD(a.re))).toBe(0);
      expect(cmp(exactDD(s.im), exactDD(a.im))).toBe(0);
    }
  });
});
