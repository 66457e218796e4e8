/**
 * The total-degree start system G_i(x) = x_i^{d_i} − 1. Its solutions are tuples of roots of
 * unity, enumerated lazily in mixed radix: solution k has x_i = exp(2πi·j_i/d_i) where the
 * j_i are the digits of k in the bases d_1, …, d_n.
 */
import { cddAddInto, cddAddScaled, cddMulInto, cddSet } from '../numeric/ddArray.js';
import type { StartSystem } from './types.js';

export class TotalDegreeStart implements StartSystem {
  readonly n: number;
  readonly pathCount: bigint;
  private readonly power = new Float64Array(2);
  private readonly wide = new Float64Array(4);
  private readonly minusOne = cddSet(new Float64Array(4), 0, -1, 0);

  constructor(readonly degrees: readonly number[]) {
    this.n = degrees.length;
    this.pathCount = degrees.reduce((acc, d) => acc * BigInt(d), 1n);
    for (const d of degrees) if (!Number.isInteger(d) || d < 1) throw new RangeError(`degree ${d} must be a positive integer`);
  }

  startSolution(out: Float64Array, index: bigint): Float64Array {
    if (index < 0n || index >= this.pathCount) throw new RangeError(`start solution ${index} outside 0..${this.pathCount - 1n}`);
    let k = index;
    for (let i = 0; i < this.n; i++) {
      const d = BigInt(this.degrees[i]!);
      const j = Number(k % d);
      k /= d;
      const angle = (2 * Math.PI * j) / this.degrees[i]!;
      out[2 * i] = Math.cos(angle);
      out[2 * i + 1] = Math.sin(angle);
    }
    return out;
  }

  evaluate(outG: Float64Array, x: Float64Array): void {
    for (let i = 0; i < this.n; i++) {
      powComplex(this.power, x[2 * i]!, x[2 * i + 1]!, this.degrees[i]!);
      outG[2 * i] = this.power[0]! - 1;
      outG[2 * i + 1] = this.power[1]!;
    }
  }

  evaluateAll(outG: Float64Array, outGx: Float64Array, x: Float64Array): void {
    const n = this.n;
    outGx.fill(0);
    for (let i = 0; i < n; i++) {
      const d = this.degrees[i]!;
      const xr = x[2 * i]!;
      const xi = x[2 * i + 1]!;
      powComplex(this.power, xr, xi, d - 1);
      const qr = this.power[0]!;
      const qi = this.power[1]!;
      outG[2 * i] = qr * xr - qi * xi - 1;
      outG[2 * i + 1] = qr * xi + qi * xr;
      outGx[2 * (i * n + i)] = d * qr;
      outGx[2 * (i * n + i) + 1] = d * qi;
    }
  }

  /** G and ∂G/∂x in double-double (x 4n, G 4n, Gx 4n²). */
  evaluateAllDD(outG: Float64Array, outGx: Float64Array, x: Float64Array): void {
    const n = this.n;
    const q = this.wide;
    outGx.fill(0);
    for (let i = 0; i < n; i++) {
      const d = this.degrees[i]!;
      cddSet(q, 0, 1, 0);
      for (let k = 1; k < d; k++) cddMulInto(q, 0, q, 0, x, 4 * i);
      cddMulInto(outG, 4 * i, q, 0, x, 4 * i);
      cddAddInto(outG, 4 * i, outG, 4 * i, this.minusOne, 0);
      cddAddScaled(outGx, 4 * (i * n + i), d, 0, q, 0);
    }
  }
}

/** out[0], out[1] = (re + i·im)^e by repeated squaring (into scratch: a returned pair would be allocated per call). */
function powComplex(out: Float64Array, re: number, im: number, e: number): void {
  let rr = 1;
  let ri = 0;
  let br = re;
  let bi = im;
  let k = e;
  while (k > 0) {
    if (k & 1) {
      const t = rr * br - ri * bi;
      ri = rr * bi + ri * br;
      rr = t;
    }
    k >>= 1;
    if (k > 0) {
      const t = br * br - bi * bi;
      bi = 2 * br * bi;
      br = t;
    }
  }
  out[0] = rr;
  out[1] = ri;
}
