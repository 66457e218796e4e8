/**
 * The total-degree homotopy tracked in projective space, on a random affine chart. Each
 * equation is homogenized with an extra coordinate h (the last unknown), and one linear
 * equation a·X = 1 (random complex a) picks the chart. Paths that diverge in affine space
 * converge here, to points with h = 0, and paths that swing close to infinity half-way stay
 * well scaled: this is why trackers (Bertini, HomotopyContinuation.jl) work projectively.
 *
 *   H_i(X, t) = γ(1 − t)·(x_i^{d_i} − h^{d_i}) + t·F_i^h(x, h),   i < n
 *   H_n(X, t) = a·X − 1
 */
import type { CompiledSystem, DDSystem } from '../compile/types.js';
import { cddAddInto, cddAddScaled, cddMulInto, cddSet, cddSubInto } from '../numeric/ddArray.js';
import { Polynomial } from '../poly/polynomial.js';
import { makeSystem, type System } from '../poly/system.js';
import type { DDHomotopy, Homotopy } from './types.js';
import type { TotalDegreeStart } from './totalDegree.js';

/** F^h(x, h) = h^{d}·F(x/h), with h appended as the last variable (parameters not allowed). */
export function homogenize(system: System, name = '_h'): System {
  const n = system.variables.length;
  const equations = system.equations.map((p) => {
    const d = Math.max(0, p.degree());
    return Polynomial.fromTerms(
      n + 1,
      p.terms.map((t) => ({ exps: [...t.exps, d - t.exps.reduce((a, b) => a + b, 0)], re: t.re, im: t.im })),
    );
  });
  return makeSystem([...system.variables, name], equations);
}

/** The point X = λ·(x, 1) of the chart a·X = 1 (a interleaved, n + 1 entries) over the affine x. */
export function onChart(out: Float64Array, chart: Float64Array, affine: Float64Array): Float64Array {
  const m = affine.length / 2;
  for (let k = 0; k < 2 * m; k++) out[k] = affine[k]!;
  out[2 * m] = 1;
  out[2 * m + 1] = 0;
  let sr = 0;
  let si = 0;
  for (let k = 0; k < 2 * m + 2; k += 2) {
    sr += chart[k]! * out[k]! - chart[k + 1]! * out[k + 1]!;
    si += chart[k]! * out[k + 1]! + chart[k + 1]! * out[k]!;
  }
  const q = sr * sr + si * si;
  const lr = sr / q;
  const li = -si / q;
  for (let k = 0; k < 2 * m + 2; k += 2) {
    const a = out[k]!;
    const b = out[k + 1]!;
    out[k] = a * lr - b * li;
    out[k + 1] = a * li + b * lr;
  }
  return out;
}

export class ProjectiveHomotopy implements Homotopy {
  /** Unknowns: the n affine coordinates scaled, then h. */
  readonly n: number;
  private readonly m: number;
  private readonly f: Float64Array;
  private readonly fx: Float64Array;
  private readonly powers = new Float64Array(4);

  constructor(
    readonly start: TotalDegreeStart,
    /** The homogenized target, n equations in n + 1 unknowns. */
    readonly target: CompiledSystem,
    readonly gamma: readonly [number, number],
    /** The chart: a·X = 1, interleaved, n + 1 entries. */
    readonly chart: Float64Array,
  ) {
    this.m = start.n;
    this.n = start.n + 1;
    if (target.neqs !== this.m || target.nvars !== this.n) throw new RangeError('the homogenized target must have n equations in n + 1 unknowns');
    this.f = new Float64Array(2 * this.m);
    this.fx = new Float64Array(2 * this.m * this.n);
  }

  private dd: DDHomotopy | null | undefined;

  doubleDouble(): DDHomotopy | undefined {
    if (this.dd === undefined) {
      const target = this.target.doubleDouble?.();
      this.dd = target ? new DDProjective(target, this.start.degrees, this.gamma, this.chart) : null;
    }
    return this.dd ?? undefined;
  }

  /** Start point number `index` on the chart: λ·(ζ, 1) with a·λ(ζ, 1) = 1. */
  startPoint(out: Float64Array, affine: Float64Array): Float64Array {
    return onChart(out, this.chart, affine);
  }

  evaluate(outH: Float64Array, x: Float64Array, tre: number, tim: number): void {
    this.target.evaluate(this.f, x);
    this.assemble(outH, undefined, undefined, x, tre, tim, false);
  }

  evaluateAll(outH: Float64Array, outHx: Float64Array, outHt: Float64Array, x: Float64Array, tre: number, tim: number): void {
    this.target.evaluateWithJacobian(this.f, this.fx, x);
    this.assemble(outH, outHx, outHt, x, tre, tim, true);
  }

  private assemble(
    outH: Float64Array,
    outHx: Float64Array | undefined,
    outHt: Float64Array | undefined,
    x: Float64Array,
    tre: number,
    tim: number,
    derivatives: boolean,
  ): void {
    const { m, n, f, fx, powers } = this;
    const gr = this.gamma[0];
    const gi = this.gamma[1];
    // c = γ(1 − t)
    const cr = gr * (1 - tre) + gi * tim;
    const ci = gi * (1 - tre) - gr * tim;
    const hr = x[2 * m]!;
    const hi = x[2 * m + 1]!;
    if (derivatives) outHx!.fill(0);
    for (let i = 0; i < m; i++) {
      const d = this.start.degrees[i]!;
      const xr = x[2 * i]!;
      const xi = x[2 * i + 1]!;
      // x_i^{d−1} and h^{d−1}, into scratch (a returned pair would be allocated per call).
      pow(powers, 0, xr, xi, d - 1);
      pow(powers, 2, hr, hi, d - 1);
      const pr = powers[0]!;
      const pi = powers[1]!;
      const qr = powers[2]!;
      const qi = powers[3]!;
      // g = x_i^d − h^d, with x_i^{d−1} and h^{d−1} kept for the derivatives.
      const g_r = pr * xr - pi * xi - (qr * hr - qi * hi);
      const g_i = pr * xi + pi * xr - (qr * hi + qi * hr);
      const fr = f[2 * i]!;
      const fi = f[2 * i + 1]!;
      outH[2 * i] = cr * g_r - ci * g_i + tre * fr - tim * fi;
      outH[2 * i + 1] = cr * g_i + ci * g_r + tre * fi + tim * fr;
      if (!derivatives) continue;
      outHt![2 * i] = fr - (gr * g_r - gi * g_i);
      outHt![2 * i + 1] = fi - (gr * g_i + gi * g_r);
      for (let j = 0; j < n; j++) {
        const a = fx[2 * (i * n + j)]!;
        const b = fx[2 * (i * n + j) + 1]!;
        outHx![2 * (i * n + j)] = tre * a - tim * b;
        outHx![2 * (i * n + j) + 1] = tre * b + tim * a;
      }
      // ∂g/∂x_i = d·x_i^{d−1}, ∂g/∂h = −d·h^{d−1}
      const ii = 2 * (i * n + i);
      outHx![ii] = outHx![ii]! + d * (cr * pr - ci * pi);
      outHx![ii + 1] = outHx![ii + 1]! + d * (cr * pi + ci * pr);
      const ih = 2 * (i * n + m);
      outHx![ih] = outHx![ih]! - d * (cr * qr - ci * qi);
      outHx![ih + 1] = outHx![ih + 1]! - d * (cr * qi + ci * qr);
    }
    // The chart row: a·X − 1.
    let sr = -1;
    let si = 0;
    for (let k = 0; k < 2 * n; k += 2) {
      sr += this.chart[k]! * x[k]! - this.chart[k + 1]! * x[k + 1]!;
      si += this.chart[k]! * x[k + 1]! + this.chart[k + 1]! * x[k]!;
    }
    outH[2 * m] = sr;
    outH[2 * m + 1] = si;
    if (!derivatives) return;
    outHt![2 * m] = 0;
    outHt![2 * m + 1] = 0;
    for (let j = 0; j < 2 * n; j++) outHx![2 * m * n + j] = this.chart[j]!;
  }
}

/** out[at], out[at + 1] = (re + i·im)^e. */
function pow(out: Float64Array, at: number, re: number, im: number, e: number): void {
  let rr = 1;
  let ri = 0;
  for (let k = 0; k < e; k++) {
    const t = rr * re - ri * im;
    ri = rr * im + ri * re;
    rr = t;
  }
  out[at] = rr;
  out[at + 1] = ri;
}

/** ProjectiveHomotopy in double-double: the same assembly, every operation on four doubles. */
class DDProjective implements DDHomotopy {
  readonly n: number;
  private readonly m: number;
  private readonly f: Float64Array;
  private readonly fx: Float64Array;
  /** Scratch: c = γ(1 − t), x_i^{d−1}, h^{d−1}, g, and a product. */
  private readonly c = new Float64Array(4);
  private readonly p = new Float64Array(4);
  private readonly q = new Float64Array(4);
  private readonly g = new Float64Array(4);
  private readonly u = new Float64Array(4);

  constructor(
    private readonly target: DDSystem,
    private readonly degrees: readonly number[],
    private readonly gamma: readonly [number, number],
    private readonly chart: Float64Array,
  ) {
    this.m = degrees.length;
    this.n = this.m + 1;
    this.f = new Float64Array(4 * this.m);
    this.fx = new Float64Array(4 * this.m * this.n);
  }

  evaluate(outH: Float64Array, X: Float64Array, t: Float64Array): void {
    this.target.evaluate(this.f, X);
    this.assemble(outH, undefined, undefined, X, t);
  }

  evaluateAll(outH: Float64Array, outHx: Float64Array, outHt: Float64Array, X: Float64Array, t: Float64Array): void {
    this.target.evaluateWithJacobian(this.f, this.fx, X);
    this.assemble(outH, outHx, outHt, X, t);
  }

  private assemble(outH: Float64Array, outHx: Float64Array | undefined, outHt: Float64Array | undefined, X: Float64Array, t: Float64Array): void {
    const { m, n, f, fx, c, p, q, g, u } = this;
    const [gr, gi] = this.gamma;
    // c = γ(1 − t)
    cddSet(u, 0, 1, 0);
    cddSubInto(u, 0, u, 0, t, 0);
    cddSet(c, 0, 0, 0);
    cddAddScaled(c, 0, gr, gi, u, 0);
    if (outHx) outHx.fill(0);
    const h = 4 * m;
    for (let i = 0; i < m; i++) {
      const d = this.degrees[i]!;
      power(p, X, 4 * i, d - 1);
      power(q, X, h, d - 1);
      // g = x_i^d − h^d
      cddMulInto(g, 0, p, 0, X, 4 * i);
      cddMulInto(u, 0, q, 0, X, h);
      cddSubInto(g, 0, g, 0, u, 0);
      // H_i = c·g + t·f_i
      cddMulInto(outH, 4 * i, c, 0, g, 0);
      cddMulInto(u, 0, t, 0, f, 4 * i);
      cddAddInto(outH, 4 * i, outH, 4 * i, u, 0);
      if (!outHx || !outHt) continue;
      // ∂H_i/∂t = f_i − γ·g
      cddSet(u, 0, 0, 0);
      cddAddScaled(u, 0, -gr, -gi, g, 0);
      cddAddInto(outHt, 4 * i, f, 4 * i, u, 0);
      for (let j = 0; j < n; j++) cddMulInto(outHx, 4 * (i * n + j), t, 0, fx, 4 * (i * n + j));
      // ∂g/∂x_i = d·x_i^{d−1}, ∂g/∂h = −d·h^{d−1}
      cddMulInto(u, 0, c, 0, p, 0);
      cddAddScaled(outHx, 4 * (i * n + i), d, 0, u, 0);
      cddMulInto(u, 0, c, 0, q, 0);
      cddAddScaled(outHx, 4 * (i * n + m), -d, 0, u, 0);
    }
    // The chart row: a·X − 1.
    cddSet(outH, h, -1, 0);
    for (let k = 0; k < n; k++) cddAddScaled(outH, h, this.chart[2 * k]!, this.chart[2 * k + 1]!, X, 4 * k);
    if (!outHx || !outHt) return;
    cddSet(outHt, h, 0, 0);
    for (let j = 0; j < n; j++) cddSet(outHx, 4 * (m * n + j), this.chart[2 * j]!, this.chart[2 * j + 1]!);
  }
}

/** out[0..4] = x[at]^e in double-double, by repeated multiplication. */
function power(out: Float64Array, x: Float64Array, at: number, e: number): void {
  cddSet(out, 0, 1, 0);
  for (let k = 0; k < e; k++) cddMulInto(out, 0, out, 0, x, at);
}
