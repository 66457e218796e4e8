/**
 * The straight-line homotopy H(x, t) = γ(1 − t)·G(x) + t·F(x) with a random complex γ (the
 * gamma trick: for all but finitely many γ on the unit circle, every path is smooth for t in
 * [0, 1)). ∂H/∂t = F(x) − γ·G(x).
 */
import type { CompiledSystem } from '../compile/types.js';
import type { Homotopy, StartSystem } from './types.js';

export class StraightLineHomotopy implements Homotopy {
  readonly n: number;
  private readonly f: Float64Array;
  private readonly fx: Float64Array;
  private readonly g: Float64Array;
  private readonly gx: Float64Array;

  constructor(
    readonly start: StartSystem,
    readonly target: CompiledSystem,
    readonly gamma: readonly [number, number],
  ) {
    if (target.nvars !== start.n || target.neqs !== start.n) {
      throw new RangeError(`start system has ${start.n} unknowns, target ${target.neqs} equations in ${target.nvars}`);
    }
    this.n = start.n;
    this.f = new Float64Array(2 * this.n);
    this.g = new Float64Array(2 * this.n);
    this.fx = new Float64Array(2 * this.n * this.n);
    this.gx = new Float64Array(2 * this.n * this.n);
  }

  evaluate(outH: Float64Array, x: Float64Array, tre: number, tim: number): void {
    const { f, g } = this;
    this.target.evaluate(f, x);
    this.start.evaluate(g, x);
    combine(outH, f, g, this.gamma, tre, tim, 2 * this.n);
  }

  evaluateAll(outH: Float64Array, outHx: Float64Array, outHt: Float64Array, x: Float64Array, tre: number, tim: number): void {
    const { f, g, fx, gx } = this;
    const gr = this.gamma[0];
    const gi = this.gamma[1];
    this.target.evaluateWithJacobian(f, fx, x);
    this.start.evaluateAll(g, gx, x);
    combine(outH, f, g, this.gamma, tre, tim, 2 * this.n);
    combine(outHx, fx, gx, this.gamma, tre, tim, 2 * this.n * this.n);
    for (let k = 0; k < 2 * this.n; k += 2) {
      outHt[k] = f[k]! - (gr * g[k]! - gi * g[k + 1]!);
      outHt[k + 1] = f[k + 1]! - (gr * g[k + 1]! + gi * g[k]!);
    }
  }
}

/** out = γ(1 − t)·g + t·f over interleaved arrays of the given length. */
function combine(out: Float64Array, f: Float64Array, g: Float64Array, gamma: readonly [number, number], tre: number, tim: number, len: number): void {
  // a = γ(1 − t)
  const ar = gamma[0] * (1 - tre) + gamma[1] * tim;
  const ai = gamma[1] * (1 - tre) - gamma[0] * tim;
  for (let k = 0; k < len; k += 2) {
    const fr = f[k]!;
    const fi = f[k + 1]!;
    const gr = g[k]!;
    const gi = g[k + 1]!;
    out[k] = ar * gr - ai * gi + tre * fr - tim * fi;
    out[k + 1] = ar * gi + ai * gr + tre * fi + tim * fr;
  }
}
