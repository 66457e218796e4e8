/**
 * The straight-line homotopy H(x, t) = γ(1 − t)·G(x) + t·F(x) with a random complex γ (the
 * gamma trick: for all but finitely many γ on the unit circle, every path is smooth for t in
 * [0, 1)). ∂H/∂t = F(x) − γ·G(x).
 */
import type { CompiledSystem, DDSystem } from '../compile/types.js';
import { cddAddInto, cddAddScaled, cddMulInto, cddSet, cddSubInto } from '../numeric/ddArray.js';
import type { DDHomotopy, Homotopy, StartSystem } from './types.js';

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

  private dd: DDHomotopy | null | undefined;

  doubleDouble(): DDHomotopy | undefined {
    if (this.dd === undefined) {
      const target = this.target.doubleDouble?.();
      const start = this.start;
      this.dd =
        target && start.evaluateAllDD ? new DDStraightLine(start as StartSystem & Required<Pick<StartSystem, 'evaluateAllDD'>>, target, this.gamma) : null;
    }
    return this.dd ?? undefined;
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

/** γ(1 − t)·G(x) + t·F(x) in double-double, for a start system with a double-double form. */
class DDStraightLine implements DDHomotopy {
  readonly n: number;
  private readonly f: Float64Array;
  private readonly fx: Float64Array;
  private readonly g: Float64Array;
  private readonly gx: Float64Array;
  private readonly a = new Float64Array(4);
  private readonly u = new Float64Array(4);

  constructor(
    private readonly start: StartSystem & Required<Pick<StartSystem, 'evaluateAllDD'>>,
    private readonly target: DDSystem,
    private readonly gamma: readonly [number, number],
  ) {
    const n = start.n;
    this.n = n;
    this.f = new Float64Array(4 * n);
    this.g = new Float64Array(4 * n);
    this.fx = new Float64Array(4 * n * n);
    this.gx = new Float64Array(4 * n * n);
  }

  evaluate(outH: Float64Array, x: Float64Array, t: Float64Array): void {
    this.target.evaluate(this.f, x);
    this.start.evaluateAllDD(this.g, this.gx, x);
    this.combine(outH, this.f, this.g, t);
  }

  evaluateAll(outH: Float64Array, outHx: Float64Array, outHt: Float64Array, x: Float64Array, t: Float64Array): void {
    const { f, g, fx, gx, u } = this;
    const [gr, gi] = this.gamma;
    this.target.evaluateWithJacobian(f, fx, x);
    this.start.evaluateAllDD(g, gx, x);
    this.combine(outH, f, g, t);
    this.combine(outHx, fx, gx, t);
    for (let k = 0; k < 4 * this.n; k += 4) {
      cddSet(u, 0, 0, 0);
      cddAddScaled(u, 0, -gr, -gi, g, k);
      cddAddInto(outHt, k, f, k, u, 0);
    }
  }

  /** out = γ(1 − t)·g + t·f, entry by entry. */
  private combine(out: Float64Array, f: Float64Array, g: Float64Array, t: Float64Array): void {
    const { a, u } = this;
    cddSet(u, 0, 1, 0);
    cddSubInto(u, 0, u, 0, t, 0);
    cddSet(a, 0, 0, 0);
    cddAddScaled(a, 0, this.gamma[0], this.gamma[1], u, 0);
    for (let k = 0; k < f.length; k += 4) {
      cddMulInto(out, k, a, 0, g, k);
      cddMulInto(u, 0, t, 0, f, k);
      cddAddInto(out, k, out, k, u, 0);
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
