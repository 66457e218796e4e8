/**
 * Real intervals with outward rounding. Every bound is computed in round-to-nearest and then
 * moved one double outward (nextDown for lower bounds, nextUp for upper bounds), so the result
 * encloses the exact result for all points of the operands. Intervals are immutable plain
 * objects; an interval never has lo > hi and its bounds are never NaN.
 */
import { nextDown, nextUp } from './rounding.js';

export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

/** The interval [lo, hi] (hi defaults to lo: a point interval). */
export function interval(lo: number, hi = lo): Interval {
  if (!(lo <= hi)) throw new RangeError(`not an interval: [${lo}, ${hi}]`);
  return { lo, hi };
}

/** The smallest interval around the center c with radius r, rounded outward. */
export function around(c: number, r: number): Interval {
  return { lo: nextDown(c - r), hi: nextUp(c + r) };
}

export function add(a: Interval, b: Interval): Interval {
  return { lo: nextDown(a.lo + b.lo), hi: nextUp(a.hi + b.hi) };
}

export function sub(a: Interval, b: Interval): Interval {
  return { lo: nextDown(a.lo - b.hi), hi: nextUp(a.hi - b.lo) };
}

/** Negation is exact: no rounding. */
export function neg(a: Interval): Interval {
  return { lo: -a.hi, hi: -a.lo };
}

/** x·y with the interval convention 0·∞ = 0 (the zero is exact, the infinity a bound). */
function times(x: number, y: number): number {
  return x === 0 || y === 0 ? 0 : x * y;
}

export function mul(a: Interval, b: Interval): Interval {
  const p1 = times(a.lo, b.lo);
  const p2 = times(a.lo, b.hi);
  const p3 = times(a.hi, b.lo);
  const p4 = times(a.hi, b.hi);
  return { lo: nextDown(Math.min(p1, p2, p3, p4)), hi: nextUp(Math.max(p1, p2, p3, p4)) };
}

/** a·s for a point s: two products instead of four. */
export function scale(a: Interval, s: number): Interval {
  const p = times(a.lo, s);
  const q = times(a.hi, s);
  return p <= q ? { lo: nextDown(p), hi: nextUp(q) } : { lo: nextDown(q), hi: nextUp(p) };
}

/** x^n for x ≥ 0 by repeated multiplication, each product rounded in the direction `up`. */
function powBound(x: number, n: number, up: boolean): number {
  let r = 1;
  for (let k = 0; k < n; k++) r = up ? nextUp(times(r, x)) : Math.max(0, nextDown(times(r, x)));
  return r;
}

/** a^n for an integer n ≥ 0, using that x^n is monotone (odd n) or a function of |x| (even n). */
export function pow(a: Interval, n: number): Interval {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`power must be a non-negative integer, got ${n}`);
  if (n === 0) return { lo: 1, hi: 1 };
  if (n % 2 === 1) {
    const lo = a.lo >= 0 ? powBound(a.lo, n, false) : -powBound(-a.lo, n, true);
    const hi = a.hi >= 0 ? powBound(a.hi, n, true) : -powBound(-a.hi, n, false);
    return { lo, hi };
  }
  const m = Math.min(Math.abs(a.lo), Math.abs(a.hi));
  const M = Math.max(Math.abs(a.lo), Math.abs(a.hi));
  const lo = a.lo <= 0 && a.hi >= 0 ? 0 : powBound(m, n, false);
  return { lo, hi: powBound(M, n, true) };
}

/** The smallest interval holding both. */
export function hull(a: Interval, b: Interval): Interval {
  return { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) };
}

/** The common part, or undefined when the intervals are disjoint. */
export function intersect(a: Interval, b: Interval): Interval | undefined {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  return lo <= hi ? { lo, hi } : undefined;
}

export function intersects(a: Interval, b: Interval): boolean {
  return a.lo <= b.hi && b.lo <= a.hi;
}

/** b ⊂ interior(a): the condition of the Krawczyk test. */
export function inInterior(b: Interval, a: Interval): boolean {
  return a.lo < b.lo && b.hi < a.hi;
}

/** An upper bound of hi − lo. */
export function width(a: Interval): number {
  return nextUp(a.hi - a.lo);
}

/** A point of the interval near its middle (no enclosure claim beyond membership). */
export function mid(a: Interval): number {
  const m = 0.5 * a.lo + 0.5 * a.hi;
  return Math.min(Math.max(m, a.lo), a.hi);
}

/** max |x| over the interval (exact). */
export function mag(a: Interval): number {
  return Math.max(Math.abs(a.lo), Math.abs(a.hi));
}
