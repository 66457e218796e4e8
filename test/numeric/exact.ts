/**
 * Exact dyadic rationals m·2^e (BigInt m) for checking floating-point enclosures: every finite
 * double is one, and sums and products of dyadics are dyadics, so no rounding is involved.
 */
export interface Dyadic {
  readonly m: bigint;
  readonly e: number;
}

const view = new DataView(new ArrayBuffer(8));

export function exact(x: number): Dyadic {
  if (!Number.isFinite(x)) throw new RangeError(`not finite: ${x}`);
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  const m = biased === 0 ? frac : frac | (1n << 52n);
  return { m: sign * m, e: (biased === 0 ? 1 : biased) - 1075 };
}

function align(a: Dyadic, b: Dyadic): [bigint, bigint, number] {
  const e = Math.min(a.e, b.e);
  return [a.m << BigInt(a.e - e), b.m << BigInt(b.e - e), e];
}

export function dadd(a: Dyadic, b: Dyadic): Dyadic {
  const [x, y, e] = align(a, b);
  return { m: x + y, e };
}

export function dneg(a: Dyadic): Dyadic {
  return { m: -a.m, e: a.e };
}

export function dmul(a: Dyadic, b: Dyadic): Dyadic {
  return { m: a.m * b.m, e: a.e + b.e };
}

export function cmp(a: Dyadic, b: Dyadic): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** lo ≤ v ≤ hi exactly (bounds are doubles, possibly infinite). */
export function within(v: Dyadic, lo: number, hi: number): boolean {
  const aboveLo = lo === -Infinity || (lo !== Infinity && cmp(exact(lo), v) <= 0);
  const belowHi = hi === Infinity || (hi !== -Infinity && cmp(v, exact(hi)) <= 0);
  return aboveLo && belowHi;
}

/** A random double with random sign, 53 random bits and a binary exponent in [-emax, emax]. */
export function randomDouble(uniform: () => number, emax = 60): number {
  const mant = 1 + uniform();
  const e = Math.floor(uniform() * (2 * emax + 1)) - emax;
  return (uniform() < 0.5 ? -1 : 1) * mant * 2 ** e;
}
