/**
 * A homotopy in log-time near t = 1: H(x, 1 − e^{−u}). The endgame's geometric segments
 * (s → s·ratio, with s = 1 − t = e^{−u}) become straight segments in u, and its Cauchy loops
 * (|1 − t| = s) become vertical ones (u + iθ, θ ∈ [0, 2π]). A path with a Puiseux expansion
 * x ≈ a·s^v is then exponential in u, which the predictor follows in a few steps per segment,
 * where in t it needs some twenty (each step a tenth of the remaining s). HomotopyContinuation.jl
 * tracks its endgames in log-time for the same reason.
 */
import type { Homotopy } from './types.js';

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
}
