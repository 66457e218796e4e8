/**
 * Complex rectangular intervals: a real interval for the real part and one for the imaginary
 * part. Products of rectangles are not rectangles, so multiplication encloses the exact product
 * set by its bounding box (computed with the real outward-rounded operations).
 */
import * as I from './interval.js';
import type { Interval } from './interval.js';
import { nextUp } from './rounding.js';

export interface CInterval {
  readonly re: Interval;
  readonly im: Interval;
}

/** The degenerate box holding just re + i·im. */
export function cpoint(re: number, im = 0): CInterval {
  return { re: { lo: re, hi: re }, im: { lo: im, hi: im } };
}

/** The square box (re + i·im) + r·([-1, 1] + i·[-1, 1]), rounded outward. */
export function cbox(re: number, im: number, r: number): CInterval {
  return { re: I.around(re, r), im: I.around(im, r) };
}

export function cadd(a: CInterval, b: CInterval): CInterval {
  return { re: I.add(a.re, b.re), im: I.add(a.im, b.im) };
}

export function csub(a: CInterval, b: CInterval): CInterval {
  return { re: I.sub(a.re, b.re), im: I.sub(a.im, b.im) };
}

export function cmul(a: CInterval, b: CInterval): CInterval {
  return {
    re: I.sub(I.mul(a.re, b.re), I.mul(a.im, b.im)),
    im: I.add(I.mul(a.re, b.im), I.mul(a.im, b.re)),
  };
}

/** (sr + i·si)·a for a complex point: the Y·(…) products of the Krawczyk operator. */
export function cscale(a: CInterval, sr: number, si: number): CInterval {
  return {
    re: I.sub(I.scale(a.re, sr), I.scale(a.im, si)),
    im: I.add(I.scale(a.im, sr), I.scale(a.re, si)),
  };
}

/** b ⊂ interior(a), part by part. */
export function cinInterior(b: CInterval, a: CInterval): boolean {
  return I.inInterior(b.re, a.re) && I.inInterior(b.im, a.im);
}

/** An upper bound of |z| over the box. */
export function cmag(a: CInterval): number {
  const x = I.mag(a.re);
  const y = I.mag(a.im);
  return nextUp(Math.sqrt(nextUp(nextUp(x * x) + nextUp(y * y))));
}
