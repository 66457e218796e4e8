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
import type { CompiledSystem, DDSystem } from '../compile/types.js';
import { cddAddInto, cddAddScaled, cddDivInto, cddMulInto, cddSet, cddSubInto, toDD } from '../numeric/ddArray.js';
import type { DDHomotopy, Homotopy } from './types.js';

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

  /**
   * Writes p(t) and dp/dt in double-double (t one complex double-double, p and dp 4q each);
   * a subclass without it has no double-double homotopy.
   */
  protected parametersAtDD?(t: Float64Array, p: Float64Array, dp: Float64Array): void;

  private dd: DDHomotopy | null | undefined;

  doubleDouble(): DDHomotopy | undefined {
    if (this.dd === undefined) {
      const system = this.system.doubleDouble?.();
      const at = this.parametersAtDD?.bind(this);
      this.dd = system && at ? new DDParameterPath(system, this.n, at) : null;
    }
    return this.dd ?? undefined;
  }

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

/** H(x, t) = F(x; p(t)) in double-double, with p(t) and dp/dt from its homotopy. */
class DDParameterPath implements DDHomotopy {
  private readonly p: Float64Array;
  private readonly dp: Float64Array;
  private readonly fp: Float64Array;
  private readonly term = new Float64Array(4);

  constructor(
    private readonly system: DDSystem,
    readonly n: number,
    private readonly parametersAt: (t: Float64Array, p: Float64Array, dp: Float64Array) => void,
  ) {
    const q = system.nparams;
    this.p = new Float64Array(4 * q);
    this.dp = new Float64Array(4 * q);
    this.fp = new Float64Array(4 * n * q);
  }

  evaluate(outH: Float64Array, x: Float64Array, t: Float64Array): void {
    this.parametersAt(t, this.p, this.dp);
    this.system.evaluate(outH, x, this.p);
  }

  evaluateAll(outH: Float64Array, outHx: Float64Array, outHt: Float64Array, x: Float64Array, t: Float64Array): void {
    const { system, p, dp, fp, term } = this;
    const q = system.nparams;
    this.parametersAt(t, p, dp);
    system.evaluateWithJacobian(outH, outHx, x, p);
    system.evaluateParameterJacobian(fp, x, p);
    for (let i = 0; i < this.n; i++) {
      cddSet(outHt, 4 * i, 0, 0);
      for (let k = 0; k < q; k++) {
        const a = 4 * (i * q + k);
        if (fp[a] === 0 && fp[a + 2] === 0) continue;
        cddMulInto(term, 0, fp, a, dp, 4 * k);
        cddAddInto(outHt, 4 * i, outHt, 4 * i, term, 0);
      }
    }
  }
}

export class ParameterHomotopy extends ParameterPathHomotopy {
  private readonly p0: Float64Array;
  private readonly p1: Float64Array;
  /** p0 and p1 − p0 in double-double (exact), made on first use, and scratch for λ and μ. */
  private p0dd: Float64Array | undefined;
  private step: Float64Array | undefined;
  private readonly scratch = new Float64Array(24);

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

  /** p(t) = p0 + λ(t)·(p1 − p0) and dp/dt = μ(t)·(p1 − p0), μ = γ/D², in double-double: λ(1) = 1 exactly, so p(1) = p1. */
  protected override parametersAtDD(t: Float64Array, p: Float64Array, dp: Float64Array): void {
    if (this.p0dd === undefined || this.step === undefined) {
      this.p0dd = toDD(this.p0);
      const p1 = toDD(this.p1);
      this.step = new Float64Array(p1.length);
      for (let k = 0; k < p1.length; k += 4) cddSubInto(this.step, k, p1, k, this.p0dd, k);
    }
    const { p0dd, step } = this;
    const s = this.scratch;
    const [gr, gi] = this.gamma;
    // s[0] = 1 − t, s[4] = D = γ(1 − t) + t, s[8] = λ = t/D, s[12] = D², s[16] = μ = γ/D², s[20] = γ
    cddSet(s, 20, gr, gi);
    cddSet(s, 0, 1, 0);
    cddSubInto(s, 0, s, 0, t, 0);
    cddSet(s, 4, 0, 0);
    cddAddScaled(s, 4, gr, gi, s, 0);
    cddAddInto(s, 4, s, 4, t, 0);
    cddDivInto(s, 8, t, 0, s, 4);
    cddMulInto(s, 12, s, 4, s, 4);
    cddDivInto(s, 16, s, 20, s, 12);
    for (let k = 0; k < p.length; k += 4) {
      cddMulInto(p, k, s, 8, step, k);
      cddAddInto(p, k, p, k, p0dd, k);
      cddMulInto(dp, k, s, 16, step, k);
    }
  }
}
