/**
 * The parameter homotopy H(x, t) = F(x; p(t)) of a parametrized system, moving the
 * parameters from p0 (t = 0, solutions known) to p1 (t = 1) along
 *
 *   p(t) = (1 − λ(t))·p0 + λ(t)·p1,   λ(t) = t / (γ(1 − t) + t),
 *
 * the gamma trick for parameters: λ runs from 0 to 1 along a circular arc of the complex
 * plane, so even when p0 and p1 are both real the path through parameter space is complex and,
 * for all but finitely many γ, misses the discriminant (where solutions collide) for t < 1.
 * γ = 1 gives the straight segment, enough when one end is a random complex point.
 * ∂H/∂t = ∂F/∂p · dp/dt, with dp/dt = γ(p1 − p0)/(γ(1 − t) + t)².
 */
import type { CompiledSystem } from '../compile/types.js';
import type { Homotopy } from './types.js';

/**
 * A homotopy H(x, t) = F(x; p(t)) along any path p(t) in parameter space: subclasses say
 * where the path is (p(t) and dp/dt); ∂H/∂t = ∂F/∂p · dp/dt.
 */
export abstract class ParameterPathHomotopy implements Homotopy {
  readonly n: number;
  readonly q: number;
  /** p(t) and dp/dt at the last t evaluated. */
  protected readonly p: Float64Array;
  protected readonly dp: Float64Array;
  private readonly fp: Float64Array;

  constructor(readonly system: CompiledSystem) {
    const q = system.nparams;
    if (system.neqs !== system.nvars)
      throw new RangeError(`a parameter homotopy needs a square system, got ${system.neqs} equations in ${system.nvars} unknowns`);
    if (q === 0) throw new RangeError('a parameter homotopy needs a system with parameters');
    this.n = system.nvars;
    this.q = q;
    this.p = new Float64Array(2 * q);
    this.dp = new Float64Array(2 * q);
    this.fp = new Float64Array(2 * this.n * q);
  }

  /** Writes p(t) into this.p and dp/dt into this.dp. */
  protected abstract parametersAt(tre: number, tim: number): void;

  evaluate(outH: Float64Array, x: Float64Array, tre: number, tim: number): void {
    this.parametersAt(tre, tim);
    this.system.evaluate(outH, x, this.p);
  }

  evaluateAll(outH: Float64Array, outHx: Float64Array, outHt: Float64Array, x: Float64Array, tre: number, tim: number): void {
    this.parametersAt(tre, tim);
    const { system, p, dp, fp, q } = this;
    system.evaluateWithJacobian(outH, outHx, x, p);
    system.evaluateParameterJacobian(fp, x, p);
    for (let i = 0; i < this.n; i++) {
      let sr = 0;
      let si = 0;
      for (let k = 0; k < q; k++) {
        const a = 2 * (i * q + k);
        const fr = fp[a]!;
        const fi = fp[a + 1]!;
        if (fr === 0 && fi === 0) continue;
        sr += fr * dp[2 * k]! - fi * dp[2 * k + 1]!;
        si += fr * dp[2 * k + 1]! + fi * dp[2 * k]!;
      }
      outHt[2 * i] = sr;
      outHt[2 * i + 1] = si;
    }
  }
}

export class ParameterHomotopy extends ParameterPathHomotopy {
  private readonly p0: Float64Array;
  private readonly p1: Float64Array;

  constructor(
    system: CompiledSystem,
    p0: Float64Array,
    p1: Float64Array,
    readonly gamma: readonly [number, number] = [1, 0],
  ) {
    super(system);
    const q = system.nparams;
    if (p0.length !== 2 * q || p1.length !== 2 * q)
      throw new RangeError(`p0 and p1 need ${2 * q} numbers (re, im for each of ${q} parameters), got ${p0.length} and ${p1.length}`);
    this.p0 = new Float64Array(p0);
    this.p1 = new Float64Array(p1);
  }

  protected parametersAt(tre: number, tim: number): void {
    const gr = this.gamma[0];
    const gi = this.gamma[1];
    // D = γ(1 − t) + t
    const dr = gr * (1 - tre) + gi * tim + tre;
    const di = gi * (1 - tre) - gr * tim + tim;
    const dd = dr * dr + di * di;
    // λ = t / D
    const lr = (tre * dr + tim * di) / dd;
    const li = (tim * dr - tre * di) / dd;
    // μ = γ / D² = γ·conj(D)² / |D|⁴
    const cr = dr * dr - di * di;
    const ci = -2 * dr * di;
    const mr = (gr * cr - gi * ci) / (dd * dd);
    const mi = (gr * ci + gi * cr) / (dd * dd);
    const { p0, p1, p, dp } = this;
    for (let k = 0; k < p.length; k += 2) {
      const ar = p0[k]!;
      const ai = p0[k + 1]!;
      const er = p1[k]! - ar;
      const ei = p1[k + 1]! - ai;
      // (1 − λ)·p0 + λ·p1, written so that λ = 1 gives p1 exactly
      p[k] = (1 - lr) * ar + li * ai + lr * p1[k]! - li * p1[k + 1]!;
      p[k + 1] = (1 - lr) * ai - li * ar + lr * p1[k + 1]! + li * p1[k]!;
      dp[k] = mr * er - mi * ei;
      dp[k + 1] = mr * ei + mi * er;
    }
  }
}
