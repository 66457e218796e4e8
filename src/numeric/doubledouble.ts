/**
 * Double-double arithmetic: a value is the unevaluated sum hi + lo of two doubles with
 * |lo| ≤ ulp(hi)/2, about 106 bits of precision. The error-free transformations (twoSum,
 * twoProd) are the building blocks; JavaScript has no fused multiply-add, so twoProd splits
 * each factor into halves of 26 bits (Veltkamp) whose products are exact (Dekker).
 * Used to refine solutions beyond double precision before they are certified.
 */
export interface DD {
  readonly hi: number;
  readonly lo: number;
}

/** Complex double-double. */
export interface CDD {
  readonly re: DD;
  readonly im: DD;
}

export function dd(x: number): DD {
  return { hi: x, lo: 0 };
}

/** s + e = a + b exactly, s = fl(a + b) (Knuth; any a, b). */
export function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return { hi: s, lo: a - (s - bb) + (b - bb) };
}

/** s + e = a + b exactly, assuming |a| ≥ |b| or a = 0 (Dekker). */
export function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return { hi: s, lo: b - (s - a) };
}

const SPLITTER = 134217729; // 2^27 + 1
/** Above this the Veltkamp product SPLITTER·a would overflow: split a scaled copy instead. */
const SPLIT_LIMIT = 6.69692879491417e299; // 2^996
const TWO_M28 = 2 ** -28;
const TWO_P28 = 2 ** 28;

/** a = hi + lo with hi, lo of at most 26 significant bits each (Veltkamp). */
function split(a: number): [number, number] {
  if (Math.abs(a) > SPLIT_LIMIT) {
    const s = a * TWO_M28;
    const t = SPLITTER * s;
    const hi = t - (t - s);
    return [hi * TWO_P28, (s - hi) * TWO_P28];
  }
  const t = SPLITTER * a;
  const hi = t - (t - a);
  return [hi, a - hi];
}

/** p + e = a·b exactly, p = fl(a·b), barring overflow and underflow (Dekker). */
export function twoProd(a: number, b: number): DD {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return { hi: p, lo: ah * bh - p + ah * bl + al * bh + al * bl };
}

export function ddNeg(a: DD): DD {
  return { hi: -a.hi, lo: -a.lo };
}

/** a + b, the accurate (IEEE-style) double-double sum. */
export function ddAdd(a: DD, b: DD): DD {
  const s = twoSum(a.hi, b.hi);
  const t = twoSum(a.lo, b.lo);
  const u = quickTwoSum(s.hi, s.lo + t.hi);
  return quickTwoSum(u.hi, u.lo + t.lo);
}

export function ddSub(a: DD, b: DD): DD {
  return ddAdd(a, ddNeg(b));
}

export function ddMul(a: DD, b: DD): DD {
  const p = twoProd(a.hi, b.hi);
  return quickTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

export function cdd(re: number, im = 0): CDD {
  return { re: dd(re), im: dd(im) };
}

export function cddAdd(a: CDD, b: CDD): CDD {
  return { re: ddAdd(a.re, b.re), im: ddAdd(a.im, b.im) };
}

export function cddSub(a: CDD, b: CDD): CDD {
  return { re: ddSub(a.re, b.re), im: ddSub(a.im, b.im) };
}

export function cddMul(a: CDD, b: CDD): CDD {
  return {
    re: ddSub(ddMul(a.re, b.re), ddMul(a.im, b.im)),
    im: ddAdd(ddMul(a.re, b.im), ddMul(a.im, b.re)),
  };
}
