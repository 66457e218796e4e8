/**
 * Complex double-double numbers in place, for hot loops: a complex value is four doubles at
 * offset o of a Float64Array, (re.hi, re.lo, im.hi, im.lo), each part hi + lo with
 * |lo| ≤ ulp(hi)/2 (about 106 bits). The same error-free transformations as doubledouble.ts,
 * written so that nothing is allocated: a two-double result goes through the module's
 * registers `S` and `E`, read at once by the caller.
 *
 * Every operation reads all its inputs before it writes its output, so `out` may be an input.
 */

/** The register pair of the last two-double result: S + E. */
let S = 0;
let E = 0;

const SPLITTER = 134217729; // 2^27 + 1
/** Above this SPLITTER·a would overflow: split a scaled copy instead. */
const SPLIT_LIMIT = 6.69692879491417e299; // 2^996
const TWO_M28 = 2 ** -28;
const TWO_P28 = 2 ** 28;
let SH = 0;
let SL = 0;

/** a = SH + SL with at most 26 significant bits each (Veltkamp). */
function split(a: number): void {
  if (a > SPLIT_LIMIT || a < -SPLIT_LIMIT) {
    const s = a * TWO_M28;
    const t = SPLITTER * s;
    const hi = t - (t - s);
    SH = hi * TWO_P28;
    SL = (s - hi) * TWO_P28;
    return;
  }
  const t = SPLITTER * a;
  SH = t - (t - a);
  SL = a - SH;
}

/** S + E = a·b exactly, S = fl(a·b) (Dekker; JavaScript has no fused multiply-add). */
function twoProd(a: number, b: number): void {
  const p = a * b;
  split(a);
  const ah = SH;
  const al = SL;
  split(b);
  E = ah * SH - p + ah * SL + al * SH + al * SL;
  S = p;
}

/** S + E = (ah + al) + (bh + bl), the accurate double-double sum. */
function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  let s = ah + bh;
  let v = s - ah;
  let e = ah - (s - v) + (bh - v);
  const t = al + bl;
  v = t - al;
  const f = al - (t - v) + (bl - v);
  e += t;
  let h = s + e;
  e = e - (h - s);
  s = h;
  e += f;
  h = s + e;
  E = e - (h - s);
  S = h;
}

/** S + E = (ah + al)·(bh + bl). */
function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const p = S;
  const e = E + (ah * bl + al * bh);
  S = p + e;
  E = e - (S - p);
}

/** S + E = (ah + al)·b for a double b. */
function ddMulD(ah: number, al: number, b: number): void {
  twoProd(ah, b);
  const p = S;
  const e = E + al * b;
  S = p + e;
  E = e - (S - p);
}

/** S + E = (ah + al) / (bh + bl), three quotient digits. */
function ddDiv(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  ddMulD(bh, bl, q1);
  ddAdd(ah, al, -S, -E);
  const q2 = S / bh;
  const rh = S;
  const rl = E;
  ddMulD(bh, bl, q2);
  ddAdd(rh, rl, -S, -E);
  const q3 = S / bh;
  const s = q1 + q2;
  const e = q2 - (s - q1) + q3;
  S = s + e;
  E = e - (S - s);
}

/** out[o..o+4] = the complex double (re, im). */
export function cddSet(out: Float64Array, o: number, re: number, im: number): Float64Array {
  out[o] = re;
  out[o + 1] = 0;
  out[o + 2] = im;
  out[o + 3] = 0;
  return out;
}

/** out[o] = a[ia] + sign·b[ib], sign ±1 (exact). */
function addSigned(out: Float64Array, o: number, a: Float64Array, ia: number, b: Float64Array, ib: number, sign: number): Float64Array {
  const a0 = a[ia]!,
    a1 = a[ia + 1]!,
    a2 = a[ia + 2]!,
    a3 = a[ia + 3]!;
  const b0 = sign * b[ib]!,
    b1 = sign * b[ib + 1]!,
    b2 = sign * b[ib + 2]!,
    b3 = sign * b[ib + 3]!;
  ddAdd(a0, a1, b0, b1);
  out[o] = S;
  out[o + 1] = E;
  ddAdd(a2, a3, b2, b3);
  out[o + 2] = S;
  out[o + 3] = E;
  return out;
}

/** out[o] = a[ia] + b[ib]. */
export function cddAddInto(out: Float64Array, o: number, a: Float64Array, ia: number, b: Float64Array, ib: number): Float64Array {
  return addSigned(out, o, a, ia, b, ib, 1);
}

/** out[o] = a[ia] − b[ib]. */
export function cddSubInto(out: Float64Array, o: number, a: Float64Array, ia: number, b: Float64Array, ib: number): Float64Array {
  return addSigned(out, o, a, ia, b, ib, -1);
}

/**
 * out[o] = a[ia] · b[ib]. The hot operation of the double-double evaluators: each of the four
 * leading parts is split once (not once per product it enters), and the products are written
 * out.
 */
export function cddMulInto(out: Float64Array, o: number, a: Float64Array, ia: number, b: Float64Array, ib: number): Float64Array {
  const a0 = a[ia]!,
    a1 = a[ia + 1]!,
    a2 = a[ia + 2]!,
    a3 = a[ia + 3]!;
  const b0 = b[ib]!,
    b1 = b[ib + 1]!,
    b2 = b[ib + 2]!,
    b3 = b[ib + 3]!;
  if (!(Math.abs(a0) < SPLIT_LIMIT && Math.abs(a2) < SPLIT_LIMIT && Math.abs(b0) < SPLIT_LIMIT && Math.abs(b2) < SPLIT_LIMIT)) {
    return cddMulGeneral(out, o, a, ia, b, ib);
  }
  let t = SPLITTER * a0;
  const a0h = t - (t - a0),
    a0l = a0 - a0h;
  t = SPLITTER * a2;
  const a2h = t - (t - a2),
    a2l = a2 - a2h;
  t = SPLITTER * b0;
  const b0h = t - (t - b0),
    b0l = b0 - b0h;
  t = SPLITTER * b2;
  const b2h = t - (t - b2),
    b2l = b2 - b2h;
  // Each product as p + e (Dekker's two-product plus the cross terms of the low parts), renormalized.
  let p = a0 * b0;
  let e = a0h * b0h - p + a0h * b0l + a0l * b0h + a0l * b0l + (a0 * b1 + a1 * b0);
  const xh = p + e,
    xl = e - (xh - p);
  p = a2 * b2;
  e = a2h * b2h - p + a2h * b2l + a2l * b2h + a2l * b2l + (a2 * b3 + a3 * b2);
  const yh = p + e,
    yl = e - (yh - p);
  p = a0 * b2;
  e = a0h * b2h - p + a0h * b2l + a0l * b2h + a0l * b2l + (a0 * b3 + a1 * b2);
  const zh = p + e,
    zl = e - (zh - p);
  p = a2 * b0;
  e = a2h * b0h - p + a2h * b0l + a2l * b0h + a2l * b0l + (a2 * b1 + a3 * b0);
  const wh = p + e,
    wl = e - (wh - p);
  // re = x − y, im = z + w, by accurate double-double sums.
  setSum(out, o, xh, xl, -yh, -yl);
  setSum(out, o + 2, zh, zl, wh, wl);
  return out;
}

/** cddMulInto through the general two-products (any magnitudes). */
function cddMulGeneral(out: Float64Array, o: number, a: Float64Array, ia: number, b: Float64Array, ib: number): Float64Array {
  const a0 = a[ia]!,
    a1 = a[ia + 1]!,
    a2 = a[ia + 2]!,
    a3 = a[ia + 3]!;
  const b0 = b[ib]!,
    b1 = b[ib + 1]!,
    b2 = b[ib + 2]!,
    b3 = b[ib + 3]!;
  ddMul(a0, a1, b0, b1);
  const rrh = S,
    rrl = E;
  ddMul(a2, a3, b2, b3);
  ddAdd(rrh, rrl, -S, -E);
  const reh = S,
    rel = E;
  ddMul(a0, a1, b2, b3);
  const rih = S,
    ril = E;
  ddMul(a2, a3, b0, b1);
  ddAdd(rih, ril, S, E);
  out[o] = reh;
  out[o + 1] = rel;
  out[o + 2] = S;
  out[o + 3] = E;
  return out;
}

/**
 * out[o] += (cr + i·ci) · a[ia], for a complex double coefficient (a term of a sum). As
 * cddMulInto, each leading part is split once and the products are written out.
 */
export function cddAddScaled(out: Float64Array, o: number, cr: number, ci: number, a: Float64Array, ia: number): Float64Array {
  const a0 = a[ia]!,
    a1 = a[ia + 1]!,
    a2 = a[ia + 2]!,
    a3 = a[ia + 3]!;
  if (!(Math.abs(a0) < SPLIT_LIMIT && Math.abs(a2) < SPLIT_LIMIT && Math.abs(cr) < SPLIT_LIMIT && Math.abs(ci) < SPLIT_LIMIT)) {
    return cddAddScaledGeneral(out, o, cr, ci, a, ia);
  }
  let t = SPLITTER * a0;
  const a0h = t - (t - a0),
    a0l = a0 - a0h;
  t = SPLITTER * a2;
  const a2h = t - (t - a2),
    a2l = a2 - a2h;
  t = SPLITTER * cr;
  const crh = t - (t - cr),
    crl = cr - crh;
  t = SPLITTER * ci;
  const cih = t - (t - ci),
    cil = ci - cih;
  // cr·a0, ci·a2, ci·a0, cr·a2, each as p + e renormalized.
  let p = a0 * cr;
  let e = a0h * crh - p + a0h * crl + a0l * crh + a0l * crl + a1 * cr;
  const xh = p + e,
    xl = e - (xh - p);
  p = a2 * ci;
  e = a2h * cih - p + a2h * cil + a2l * cih + a2l * cil + a3 * ci;
  const yh = p + e,
    yl = e - (yh - p);
  p = a0 * ci;
  e = a0h * cih - p + a0h * cil + a0l * cih + a0l * cil + a1 * ci;
  const zh = p + e,
    zl = e - (zh - p);
  p = a2 * cr;
  e = a2h * crh - p + a2h * crl + a2l * crh + a2l * crl + a3 * cr;
  const wh = p + e,
    wl = e - (wh - p);
  // re += x − y, im += z + w, by accurate double-double sums.
  addInto(out, o, xh, xl, -yh, -yl);
  addInto(out, o + 2, zh, zl, wh, wl);
  return out;
}

/** out[o..o+2] = (xh + xl) + (yh + yl), the accurate double-double sum. */
function setSum(out: Float64Array, o: number, xh: number, xl: number, yh: number, yl: number): void {
  ddAdd(xh, xl, yh, yl);
  out[o] = S;
  out[o + 1] = E;
}

/** out[o..o+2] += (xh + xl) + (yh + yl), two accurate double-double sums. */
function addInto(out: Float64Array, o: number, xh: number, xl: number, yh: number, yl: number): void {
  ddAdd(xh, xl, yh, yl);
  ddAdd(out[o]!, out[o + 1]!, S, E);
  out[o] = S;
  out[o + 1] = E;
}

/** cddAddScaled through the general two-products (any magnitudes). */
function cddAddScaledGeneral(out: Float64Array, o: number, cr: number, ci: number, a: Float64Array, ia: number): Float64Array {
  const a0 = a[ia]!,
    a1 = a[ia + 1]!,
    a2 = a[ia + 2]!,
    a3 = a[ia + 3]!;
  ddMulD(a0, a1, cr);
  const xh = S,
    xl = E;
  ddMulD(a2, a3, -ci);
  ddAdd(xh, xl, S, E);
  ddAdd(out[o]!, out[o + 1]!, S, E);
  out[o] = S;
  out[o + 1] = E;
  ddMulD(a0, a1, ci);
  const yh = S,
    yl = E;
  ddMulD(a2, a3, cr);
  ddAdd(yh, yl, S, E);
  ddAdd(out[o + 2]!, out[o + 3]!, S, E);
  out[o + 2] = S;
  out[o + 3] = E;
  return out;
}

/** out[o] = a[ia] / b[ib] (b ≠ 0), as a·conj(b) / |b|². */
export function cddDivInto(out: Float64Array, o: number, a: Float64Array, ia: number, b: Float64Array, ib: number): Float64Array {
  const a0 = a[ia]!,
    a1 = a[ia + 1]!,
    a2 = a[ia + 2]!,
    a3 = a[ia + 3]!;
  // Scale b by a power of two near 1/|b| so that |b|² neither overflows nor underflows.
  const scale = 2 ** -Math.round(Math.log2(Math.max(Math.abs(b[ib]!), Math.abs(b[ib + 2]!))));
  const b0 = b[ib]! * scale,
    b1 = b[ib + 1]! * scale,
    b2 = b[ib + 2]! * scale,
    b3 = b[ib + 3]! * scale;
  ddMul(b0, b1, b0, b1);
  const nh = S,
    nl = E;
  ddMul(b2, b3, b2, b3);
  ddAdd(nh, nl, S, E);
  const dh = S,
    dl = E;
  // (a0 + i a2)(b0 − i b2) = (a0 b0 + a2 b2) + i (a2 b0 − a0 b2)
  ddMul(a0, a1, b0, b1);
  const ph = S,
    pl = E;
  ddMul(a2, a3, b2, b3);
  ddAdd(ph, pl, S, E);
  ddDiv(S, E, dh, dl);
  const reh = S * scale,
    rel = E * scale;
  ddMul(a2, a3, b0, b1);
  const qh = S,
    ql = E;
  ddMul(a0, a1, b2, b3);
  ddAdd(qh, ql, -S, -E);
  ddDiv(S, E, dh, dl);
  out[o] = reh;
  out[o + 1] = rel;
  out[o + 2] = S * scale;
  out[o + 3] = E * scale;
  return out;
}

/** |a[ia]| to double precision. */
export function cddAbs(a: Float64Array, ia: number): number {
  return Math.hypot(a[ia]! + a[ia + 1]!, a[ia + 2]! + a[ia + 3]!);
}

/** A complex double vector (re, im interleaved) widened to double-double (4 doubles per entry). */
export function toDD(x: Float64Array, out: Float64Array = new Float64Array(2 * x.length)): Float64Array {
  for (let k = 0; k < x.length / 2; k++) cddSet(out, 4 * k, x[2 * k]!, x[2 * k + 1]!);
  return out;
}

/** A double-double vector rounded to complex double (re, im interleaved). */
export function fromDD(x: Float64Array, out: Float64Array = new Float64Array(x.length / 2)): Float64Array {
  for (let k = 0; k < out.length / 2; k++) {
    out[2 * k] = x[4 * k]! + x[4 * k + 1]!;
    out[2 * k + 1] = x[4 * k + 2]! + x[4 * k + 3]!;
  }
  return out;
}
