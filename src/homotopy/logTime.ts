/**
 * A homotopy in log-time near t = 1: H(x, 1 − e^{−u}). The endgame's geometric segments
 * (s → s·ratio, with s = 1 − t = e^{−u}) become straight segments in u, and its Cauchy loops
 * (|1 − t| = s) become vertical ones (u + iθ, θ ∈ [0, 2π]). A path with a Puiseux expansion
 * x ≈ a·s^v is then exponential in u, which the predictor follows in a few steps per segment,
 * where in t it needs some twenty (each step a tenth of the remaining s). HomotopyContinuation.jl
 * tracks its endgames in log-time for the same reason.
 */
import { cddAddScaled, cddSet } from '../numeric/ddArray.js';
import type { DDHomotopy, Homotopy } from './types.js';

export class LogTimeHomotopy implements Homotopy {
  readonly n: number;

  constructor(readonly inner: Homotopy) {
    this.n = inner.n;
  }

  evaluate(outH: Float64Array, x: Float64Array, ure: number, uim: number): void {
    const m = Math.exp(-ure);
    this.inner.evaluate(outH, x, 1 - m * Math.cos(uim), m * Math.sin(uim));
  }

  /** ∂H/∂u = ∂H/∂t · dt/du, with dt/du = e^{−u} = 1 − t. */
  evaluateAll(outH: Float64Array, outHx: Float64Array, outHu: Float64Array, x: Float64Array, ure: number, uim: number): void {
    const m = Math.exp(-ure);
    // e^{−u} = m·(cos uim − i·sin uim)
    const er = m * Math.cos(uim);
    const ei = -m * Math.sin(uim);
    this.inner.evaluateAll(outH, outHx, outHu, x, 1 - er, -ei);
    for (let k = 0; k < outHu.length; k += 2) {
      const a = outHu[k]!;
      const b = outHu[k + 1]!;
      outHu[k] = a * er - b * ei;
      outHu[k + 1] = a * ei + b * er;
    }
  }

  private dd: DDHomotopy | null | undefined;

  doubleDouble(): DDHomotopy | undefined {
    if (this.dd === undefined) {
      const inner = this.inner.doubleDouble?.();
      this.dd = inner ? new DDLogTime(inner) : null;
    }
    return this.dd ?? undefined;
  }
}

/**
 * H(x, 1 − e^{−u}) in double-double. e^{−u} is taken in double from u's leading part (it
 * names the point s of the path, and double names it as well as any), and t = 1 − e^{−u}
 * is then formed exactly: near t = 1, where the endgame works, t in double would keep only
 * the leading digits of s = 1 − t.
 */
class DDLogTime implements DDHomotopy {
  readonly n: number;
  private readonly t = new Float64Array(4);
  private readonly a = new Float64Array(4);

  constructor(private readonly inner: DDHomotopy) {
    this.n = inner.n;
  }

  /** Sets this.t = 1 − e^{−u} exactly; returns e^{−u} = (er, ei). */
  private time(u: Float64Array): [number, number] {
    const m = Math.exp(-u[0]!);
    const er = m * Math.cos(u[2]!);
    const ei = -m * Math.sin(u[2]!);
    const hi = 1 - er;
    // 1 − er exactly: its rounding error, by Knuth's two-sum.
    const v = hi - 1;
    const lo = 1 - (hi - v) + (-er - v);
    this.t[0] = hi;
    this.t[1] = lo;
    this.t[2] = -ei;
    this.t[3] = 0;
    return [er, ei];
  }

  evaluate(outH: Float64Array, x: Float64Array, u: Float64Array): void {
    this.time(u);
    this.inner.evaluate(outH, x, this.t);
  }

  /** ∂H/∂u = ∂H/∂t · e^{−u}. */
  evaluateAll(outH: Float64Array, outHx: Float64Array, outHu: Float64Array, x: Float64Array, u: Float64Array): void {
    const [er, ei] = this.time(u);
    this.inner.evaluateAll(outH, outHx, outHu, x, this.t);
    for (let k = 0; k < outHu.length; k += 4) {
      const a = this.a;
      a.set(outHu.subarray(k, k + 4));
      cddSet(outHu, k, 0, 0);
      cddAddScaled(outHu, k, er, ei, a, 0);
    }
  }
}
