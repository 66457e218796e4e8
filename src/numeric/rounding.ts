/**
 * Neighbouring doubles, read off the IEEE-754 bit pattern. JavaScript rounds every operation
 * to nearest and offers no directed rounding, so interval arithmetic rounds to nearest and then
 * steps one double outward: the error of a rounded-to-nearest result is at most half an ulp,
 * so the neighbour on the far side encloses the exact value.
 *
 * The two 32-bit halves are used instead of a BigInt64Array: the same bit pattern, without a
 * BigInt allocation in every interval operation.
 */
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Index of the word holding the sign and exponent (platform byte order). */
const HI = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f ? 1 : 0;
const LO = 1 - HI;

/** Steps |x| one double away from zero (x finite and non-zero, or ±Infinity is never passed). */
function awayFromZero(x: number): number {
  f64[0] = x;
  const lo = (u32[LO]! + 1) >>> 0;
  u32[LO] = lo;
  if (lo === 0) u32[HI] = u32[HI]! + 1;
  return f64[0]!;
}

/** Steps |x| one double towards zero (x non-zero; ±Infinity gives ±MAX_VALUE). */
function towardZero(x: number): number {
  f64[0] = x;
  const lo = u32[LO]!;
  if (lo === 0) u32[HI] = u32[HI]! - 1;
  u32[LO] = (lo - 1) >>> 0;
  return f64[0]!;
}

/** The smallest double greater than x. NaN and +Infinity map to themselves; ±0 to MIN_VALUE. */
export function nextUp(x: number): number {
  if (x !== x || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  return x > 0 ? awayFromZero(x) : towardZero(x);
}

/** The largest double less than x. NaN and -Infinity map to themselves; ±0 to -MIN_VALUE. */
export function nextDown(x: number): number {
  if (x !== x || x === -Infinity) return x;
  if (x === 0) return -Number.MIN_VALUE;
  return x < 0 ? awayFromZero(x) : towardZero(x);
}
