/**
 * The Padé predictor (the default presets): an approximant of order (2,1) per coordinate,
 * built from the Taylor coefficients x₁, x₂, x₃ of the path at the current point, with a trust
 * region: the nearest pole of the approximants, a fraction of which bounds the step (as in
 * HomotopyContinuation.jl, Timme arXiv:1902.02968). x₁ comes from the Davidenko equation
 * Hx·x₁ = −Ht, with the linearization of the corrector's last iteration; x₂ and x₃ from
 * H(x₀ + x₁σ (+ x₂σ²), t + σ) sampled at four points σ = r·iʲ of a circle, whose discrete
 * Fourier coefficient k is the Taylor coefficient k of that curve up to terms of order k + 4
 * (so the residual of x₀, the zeroth coefficient, does not enter). Any homotopy that can be
 * evaluated at complex t gives them, with no derivative code per homotopy.
 */
import { cabs, normInf } from '../numeric/complex.js';
import { tangentOfLinearization, type StepEvaluator } from './evaluator.js';
import type { Predictor, StepRule } from './predictor.js';

/** Its local error model is e·Δ⁴; the aim follows Newton's ω. */
const PADE_RULE: StepRule = {
  exponent: 0.25,
  maxGrowth: 4,
  maxGrowthAfterRejection: 1,
  failedShrink: 0.25,
  endSlack: 1e-12,
  newtonAim: true,
  countsOverflowStep: false,
};

export class PadePredictor implements Predictor {
  readonly rule = PADE_RULE;
  /** The trust region |Δt| of the current coefficients (nearest pole). */
  trust = Infinity;
  private readonly n: number;
  /**
   * Taylor coefficients x₁, x₂, x₃ (in t: x⁽ᵏ⁾(t)/k!) at the point `at` and time (atRe, atIm),
   * valid while `haveTaylor`; a new segment from the same point uses them again instead of
   * computing them again. `usePade` marks the coordinates whose second- and third-order terms
   * are above the noise, so that their Padé pole counts.
   */
  private readonly d1: Float64Array;
  private readonly d2: Float64Array;
  private readonly d3: Float64Array;
  private readonly at: Float64Array;
  private atRe = NaN;
  private atIm = NaN;
  private haveTaylor = false;
  private readonly usePade: Uint8Array;
  private readonly rhs: Float64Array;
  private readonly sample: Float64Array;

  constructor(private readonly ev: StepEvaluator) {
    const n = ev.n;
    this.n = n;
    this.d1 = new Float64Array(2 * n);
    this.d2 = new Float64Array(2 * n);
    this.d3 = new Float64Array(2 * n);
    this.at = new Float64Array(2 * n);
    this.usePade = new Uint8Array(n);
    this.rhs = new Float64Array(2 * n);
    this.sample = new Float64Array(2 * n);
  }

  reset(): void {
    this.haveTaylor = false;
  }

  begin(x: Float64Array, tre: number, tim: number, radius: number): boolean {
    if (this.taylorAt(x, tre, tim)) return true;
    return this.ev.linearize(x, tre, tim) && this.taylor(x, tre, tim, radius);
  }

  advance(x: Float64Array, tre: number, tim: number, radius: number): boolean {
    return this.taylor(x, tre, tim, radius);
  }

  /**
   * Taylor coefficients of the path at (x, t) into d1, d2, d3 (in t), with the evaluator's
   * linearization that of (a point within round-off of) x. radius is the sampling radius |σ|
   * in t. False when H cannot be sampled (non-finite values).
   */
  private taylor(x: Float64Array, tre: number, tim: number, radius: number): boolean {
    // A homotopy growing fast in t (the toric ones, exp(s·e) in their parameters) can
    // overflow on a wide circle: shrink it.
    for (let r = radius, tries = 0; tries < 4; r /= 8, tries++) if (this.taylorAtRadius(x, tre, tim, r)) return true;
    return false;
  }

  private taylorAtRadius(x: Float64Array, tre: number, tim: number, radius: number): boolean {
    const n2 = 2 * this.n;
    const { ev, d1, d2, d3, sample } = this;
    tangentOfLinearization(ev, d1, this.rhs);
    // The circle must lie well inside the disc where the path's series converges, or the
    // samples alias higher terms into the ones sought: no wider than the time in which the
    // first-order term moves x by a tenth of its size, and (below) the second by a tenth.
    const size = Math.max(1, normInf(x));
    // And no narrower than a ten-thousandth of that time: the noise of the samples grows
    // like 1/r^k in the coefficient k.
    const scaleTime = size / Math.max(normInf(d1), 1e-300);
    let r = Math.min(0.1 * scaleTime, Math.max(radius, 1e-5 * scaleTime));
    let resampled = 0;
    // Coefficient 2 of g(σ) = H(x + d1·σ, t + σ), then 3 of H(x + d1·σ + d2·σ², t + σ), from
    // the samples σ = r·iʲ: c_k = (1/4r^k) Σ_j g(σ_j)·i^(−jk).
    for (let order = 2; order <= 3; order++) {
      ev.sumReset();
      for (let j = 0; j < 4; j++) {
        // σ = r·iʲ
        const sr = j === 0 ? r : j === 2 ? -r : 0;
        const si = j === 1 ? r : j === 3 ? -r : 0;
        const qr = sr * sr - si * si;
        const qi = 2 * sr * si;
        for (let k = 0; k < n2; k += 2) {
          let a = x[k]! + d1[k]! * sr - d1[k + 1]! * si;
          let b = x[k + 1]! + d1[k]! * si + d1[k + 1]! * sr;
          if (order === 3) {
            a += d2[k]! * qr - d2[k + 1]! * qi;
            b += d2[k]! * qi + d2[k + 1]! * qr;
          }
          sample[k] = a;
          sample[k + 1] = b;
        }
        // weight i^(−j·order)
        const e = (((-j * order) % 4) + 4) % 4;
        const wr = e === 0 ? 1 : e === 2 ? -1 : 0;
        const wi = e === 1 ? 1 : e === 3 ? -1 : 0;
        ev.sumAdd(sample, tre + sr, tim + si, wr, wi);
      }
      if (!ev.sumSolve(order === 2 ? d2 : d3, -1 / (4 * Math.pow(r, order)))) return false;
      if (order === 2) {
        const r2 = Math.sqrt((0.1 * size) / Math.max(normInf(d2), 1e-300));
        if (r2 < 0.25 * r && resampled++ < 2) {
          // Sampled too wide for the curvature found: sample x₂ again on the smaller circle.
          r = r2;
          order = 1;
        }
      }
    }
    // Trust region: the radius of convergence the coefficients show, ‖x₂‖/‖x₃‖ (a nearby
    // singularity makes every coordinate's coefficients grow like R^(−k)). The pole of a single
    // coordinate is no such evidence: a coordinate passing an inflection has x₂ ≈ 0 and a pole
    // close by, and would cut the steps of a smooth path to a fraction. Coordinates whose terms
    // at the sampling radius are below the noise of the samples use the Taylor polynomial.
    const scaleX = Math.max(1, normInf(x));
    const noise = Math.max(1e-10, 1e3 * ev.epsilon * ev.conditionEstimate()) * scaleX;
    let m2 = 0;
    let m3 = 0;
    for (let i = 0; i < this.n; i++) {
      const a2 = cabs(d2[2 * i]!, d2[2 * i + 1]!);
      const a3 = cabs(d3[2 * i]!, d3[2 * i + 1]!);
      this.usePade[i] = a2 * r * r > noise && a3 * r * r * r > noise ? 1 : 0;
      if (a2 > m2) m2 = a2;
      if (a3 > m3) m3 = a3;
    }
    // With x₂ negligible (a start point where the path is locally a line) there is no pole to
    // speak of: the prediction error alone limits the step.
    const trust = m2 * r * r > noise && m3 * r * r * r > noise ? m2 / m3 : Infinity;
    this.trust = trust;
    this.at.set(x);
    this.atRe = tre;
    this.atIm = tim;
    this.haveTaylor = true;
    return true;
  }

  /**
   * The Taylor coefficients x₁, x₂, x₃ (in t) of the path through the solution x of H(·, t) = 0
   * and the trust region, as the predictor sees them (sampling radius `radius` in t, narrowed
   * where the path needs it). Undefined when Hx is singular or H cannot be sampled.
   */
  pathCoefficients(
    x: Float64Array,
    tre: number,
    tim: number,
    radius: number,
  ): { x1: Float64Array; x2: Float64Array; x3: Float64Array; trust: number } | undefined {
    if (!this.ev.linearize(x, tre, tim) || !this.taylor(x, tre, tim, radius)) return undefined;
    this.haveTaylor = false;
    return { x1: new Float64Array(this.d1), x2: new Float64Array(this.d2), x3: new Float64Array(this.d3), trust: this.trust };
  }

  /** The Padé (or, where a coordinate has no usable pole, cubic Taylor) prediction at x + h·(dr + i·di). */
  predict(out: Float64Array, x: Float64Array, _tre: number, _tim: number, dr: number, di: number, h: number): boolean {
    const { d1, d2, d3 } = this;
    const hr = h * dr;
    const hi = h * di;
    for (let i = 0; i < this.n; i++) {
      const k = 2 * i;
      // u = Δt·x₂, v = Δt·x₃
      const x2r = d2[k]!;
      const x2i = d2[k + 1]!;
      const x3r = d3[k]!;
      const x3i = d3[k + 1]!;
      let qr: number;
      let qi: number;
      // Padé where the coordinate's pole x₂/x₃ lies beyond twice the step.
      if (this.usePade[i] === 1 && 4 * (hr * hr + hi * hi) * (x3r * x3r + x3i * x3i) < x2r * x2r + x2i * x2i) {
        // x₂ / (1 − Δt·x₃/x₂)
        const m = x2r * x2r + x2i * x2i;
        const rr = (x3r * x2r + x3i * x2i) / m;
        const ri = (x3i * x2r - x3r * x2i) / m;
        const er = 1 - (hr * rr - hi * ri);
        const ei = -(hr * ri + hi * rr);
        const em = er * er + ei * ei;
        qr = (x2r * er + x2i * ei) / em;
        qi = (x2i * er - x2r * ei) / em;
      } else {
        // x₂ + Δt·x₃
        qr = x2r + hr * x3r - hi * x3i;
        qi = x2i + hr * x3i + hi * x3r;
      }
      // x₁ + Δt·q
      const pr = d1[k]! + hr * qr - hi * qi;
      const pi = d1[k + 1]! + hr * qi + hi * qr;
      out[k] = x[k]! + hr * pr - hi * pi;
      out[k + 1] = x[k + 1]! + hr * pi + hi * pr;
    }
    return true;
  }

  /** True when the Taylor coefficients held are those of the point x at time t. */
  private taylorAt(x: Float64Array, tre: number, tim: number): boolean {
    if (!this.haveTaylor || tre !== this.atRe || tim !== this.atIm) return false;
    const at = this.at;
    for (let k = 0; k < at.length; k++) if (at[k] !== x[k]) return false;
    return true;
  }
}
