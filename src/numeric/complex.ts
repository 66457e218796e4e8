/**
 * Complex helpers on interleaved (re, im) Float64Arrays. Hot code uses these shapes: vector
 * entry k lives at [2k, 2k+1]. Functions take their output first, return it, and never
 * allocate.
 */
export type CVec = Float64Array;

/** Euclidean norm of a complex vector of length n. */
export function norm2(x: CVec, n = x.length >> 1): number {
  let s = 0;
  for (let k = 0; k < 2 * n; k++) s += x[k]! * x[k]!;
  return Math.sqrt(s);
}

/**
 * |re + i·im|. Math.hypot is not inlined by V8 and allocates its result, which in the hot loops
 * cost more than the arithmetic; the plain formula is exact enough and falls back to hypot
 * where the squares would overflow or underflow.
 */
export function cabs(re: number, im: number): number {
  const s = re * re + im * im;
  return s < 1e300 && s > 1e-300 ? Math.sqrt(s) : Math.hypot(re, im);
}

/** Max-modulus norm of a complex vector of length n. */
export function normInf(x: CVec, n = x.length >> 1): number {
  let m = 0;
  for (let k = 0; k < n; k++) {
    const a = cabs(x[2 * k]!, x[2 * k + 1]!);
    if (a > m) m = a;
  }
  return m;
}

/** Distance in the max-modulus norm between two complex vectors. */
export function distInf(x: CVec, y: CVec, n = x.length >> 1): number {
  let m = 0;
  for (let k = 0; k < n; k++) {
    const a = Math.hypot(x[2 * k]! - y[2 * k]!, x[2 * k + 1]! - y[2 * k + 1]!);
    if (a > m) m = a;
  }
  return m;
}

/** Converts [[re, im], ...] pairs into an interleaved vector. */
export function fromPairs(pairs: ReadonlyArray<readonly [number, number]>): CVec {
  const out = new Float64Array(2 * pairs.length);
  pairs.forEach(([re, im], k) => {
    out[2 * k] = re;
    out[2 * k + 1] = im;
  });
  return out;
}

/** Converts an interleaved vector into [[re, im], ...] pairs. */
export function toPairs(x: CVec, n = x.length >> 1): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 0; k < n; k++) out.push([x[2 * k]!, x[2 * k + 1]!]);
  return out;
}

/**
 * Whether a point is real: every imaginary part at most `tolerance`·max(1, ‖x‖∞). The one
 * realness test of solutions and critical points (certify/ proves realness apart).
 */
export function isReal(x: CVec, tolerance: number): boolean {
  const scale = Math.max(1, normInf(x));
  for (let k = 1; k < x.length; k += 2) if (Math.abs(x[k]!) > tolerance * scale) return false;
  return true;
}
