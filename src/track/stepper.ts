/**
 * Tracks a solution of H(x, t) = 0 along a straight segment of the complex t-plane,
 * t = ta + τ·(tb − ta), τ from 0 to 1, by prediction and Newton correction, with a step size
 * driven by the measured prediction error. Two predictors:
 * - 'pade' (the default presets): a Padé approximant of order (2,1) per coordinate, built from
 *   the Taylor coefficients x₁, x₂, x₃ of the path at the current point, with a trust region:
 *   the nearest pole of the approximants, a fraction of which bounds the step (as in
 *   HomotopyContinuation.jl, Timme arXiv:1902.02968). x₁ comes from the Davidenko equation
 *   Hx·x₁ = −Ht·dt/dτ, with the LU of the corrector's last iteration; x₂ and x₃ from
 *   H(x₀ + x₁σ (+ x₂σ²), t(τ + σ)) sampled at four points σ = r·iʲ of a circle, whose discrete
 *   Fourier coefficient k is the Taylor coefficient k of that curve up to terms of order k + 4
 *   (so the residual of x₀, the zeroth coefficient, does not enter). Any homotopy that can be
 *   evaluated at complex t gives them, with no derivative code per homotopy.
 * - 'rk4': the classical Runge–Kutta predictor on the Davidenko equation (four Jacobians a
 *   step), kept as the reference the Padé tracker is measured against.
 * All scratch space is allocated once, with the stepper.
 */
import { ComplexLU } from '../linalg/lu.js';
import { cabs, normInf } from '../numeric/complex.js';
import type { Homotopy } from '../homotopy/types.js';
import type { TrackerLimits, TrackerPreset } from './presets.js';

export type SegmentStatus = 'ok' | 'step_too_small' | 'step_budget' | 'singular_jacobian' | 'too_large';

/**
 * Relative Newton update size that is accepted as converged when updates stop shrinking:
 * near ill-conditioned points round-off keeps updates from going below cond·ε.
 */
const ACCURACY_LIMIT = 1e-7;
/** Round-off in a Newton update is about ε·cond(Hx); this much above it counts as the floor. */
const ROUND_OFF_FACTOR = 100;

/** Paths whose norm passes this are no longer tracked (they are going to infinity). */
export const MAX_NORM = 1e14;

/** ‖v‖∞ / max(1, ‖x‖∞): the relative size of an update v at x. */
function relativeSize(v: Float64Array, x: Float64Array, n2: number): number {
  let vm = 0;
  let xm = 1;
  for (let k = 0; k < n2; k += 2) {
    const a = v[k]! * v[k]! + v[k + 1]! * v[k + 1]!;
    if (a > vm) vm = a;
    const b = x[k]! * x[k]! + x[k + 1]! * x[k + 1]!;
    if (b > xm) xm = b;
  }
  return Math.sqrt(vm / xm);
}

export class SegmentStepper {
  readonly n: number;
  readonly lu: ComplexLU;
  /** Steps taken since the last resetCounters(). */
  accepted = 0;
  rejected = 0;
  /** The step length |Δt| last used, carried from segment to segment. */
  stepLength: number;
  /** Relative size of the last Newton update of the last accepted step. */
  lastCorrection = 0;
  /** How far the last trackSegment got, as a fraction of its segment (1 when it reached the end). */
  reachedTau = 0;
  /**
   * Δ₁/Δ₀² of the last correction that took two updates or more (NaN otherwise): half the
   * Lipschitz constant ω of Newton's method there, which sets the radius of its region of
   * quadratic convergence, about 1/ω.
   */
  lastOmega = NaN;

  private readonly H: Float64Array;
  private readonly Hx: Float64Array;
  private readonly Ht: Float64Array;
  private readonly rhs: Float64Array;
  private readonly k1: Float64Array;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly y: Float64Array;
  private readonly delta: Float64Array;
  private readonly saved: Float64Array;
  private readonly xnew: Float64Array;
  /**
   * Padé state: Taylor coefficients x₁, x₂, x₃ (in t: x⁽ᵏ⁾(t)/k!) at the point `at` and time
   * (atRe, atIm), valid while `haveTaylor`; a new segment from the same point rescales them
   * by powers of its Δt instead of computing them again. `padeCoord` marks the coordinates
   * whose second- and third-order terms are above the noise, so that their Padé pole counts.
   */
  private readonly d1: Float64Array;
  private readonly d2: Float64Array;
  private readonly d3: Float64Array;
  private readonly at: Float64Array;
  private atRe = NaN;
  private atIm = NaN;
  private haveTaylor = false;
  /** The trust region |Δt| of the current Padé coefficients (nearest pole). */
  private trust = Infinity;
  private readonly usePade: Uint8Array;
  private readonly sample: Float64Array;
  private readonly value: Float64Array;
  private readonly acc: Float64Array;

  constructor(
    readonly homotopy: Homotopy,
    readonly preset: TrackerPreset,
    readonly limits: TrackerLimits,
  ) {
    const n = homotopy.n;
    this.n = n;
    this.lu = new ComplexLU(n);
    this.H = new Float64Array(2 * n);
    this.Hx = new Float64Array(2 * n * n);
    this.Ht = new Float64Array(2 * n);
    this.rhs = new Float64Array(2 * n);
    this.k1 = new Float64Array(2 * n);
    this.k2 = new Float64Array(2 * n);
    this.k3 = new Float64Array(2 * n);
    this.k4 = new Float64Array(2 * n);
    this.y = new Float64Array(2 * n);
    this.delta = new Float64Array(2 * n);
    this.saved = new Float64Array(2 * n);
    this.xnew = new Float64Array(2 * n);
    this.d1 = new Float64Array(2 * n);
    this.d2 = new Float64Array(2 * n);
    this.d3 = new Float64Array(2 * n);
    this.at = new Float64Array(2 * n);
    this.usePade = new Uint8Array(n);
    this.sample = new Float64Array(2 * n);
    this.value = new Float64Array(2 * n);
    this.acc = new Float64Array(2 * n);
    this.stepLength = preset.initialStep;
  }

  resetCounters(): void {
    this.accepted = 0;
    this.rejected = 0;
    this.stepLength = this.preset.initialStep;
    this.haveTaylor = false;
  }

  /**
   * out = dx/dt at (x, t); leaves the LU of Hx(x, t) in this.lu. False when Hx is singular.
   */
  tangent(out: Float64Array, x: Float64Array, tre: number, tim: number): boolean {
    this.homotopy.evaluateAll(this.H, this.Hx, this.Ht, x, tre, tim);
    if (!this.lu.factor(this.Hx)) return false;
    const { rhs, Ht } = this;
    for (let k = 0; k < 2 * this.n; k++) rhs[k] = -Ht[k]!;
    this.lu.solve(out, rhs);
    return true;
  }

  /** out = dx/dτ = dx/dt · (dr + i·di). */
  private slope(out: Float64Array, x: Float64Array, tre: number, tim: number, dr: number, di: number): boolean {
    if (!this.tangent(out, x, tre, tim)) return false;
    for (let k = 0; k < 2 * this.n; k += 2) {
      const a = out[k]!;
      const b = out[k + 1]!;
      out[k] = a * dr - b * di;
      out[k + 1] = a * di + b * dr;
    }
    return true;
  }

  /**
   * Newton's method on H(·, t) from x, in place. Returns the relative size of the first
   * update (the prediction error), or −1 when Newton did not converge fast enough. Converged
   * means an update below the tolerance, or one whose successor, by the quadratic
   * convergence the updates so far show (Δᵢ₊₁ ≈ Δᵢ³/Δᵢ₋₁²), would be. On return this.lu
   * and this.Ht are those of the last iterate (one update before x).
   */
  correct(x: Float64Array, tre: number, tim: number, tolerance: number, maxIterations: number): number {
    const n2 = 2 * this.n;
    let first = -1;
    let previous = Infinity;
    this.lastOmega = NaN;
    for (let it = 0; it < maxIterations; it++) {
      this.homotopy.evaluateAll(this.H, this.Hx, this.Ht, x, tre, tim);
      if (!this.lu.factor(this.Hx)) return -1;
      this.lu.solve(this.delta, this.H);
      for (let k = 0; k < n2; k++) x[k] = x[k]! - this.delta[k]!;
      const size = relativeSize(this.delta, x, n2);
      if (it === 0) first = size;
      if (it === 1 && first > 0) this.lastOmega = size / (first * first);
      this.lastCorrection = size;
      if (size <= tolerance) return first;
      if (it > 0 && size > this.preset.maxContraction * previous) {
        // Updates stopped shrinking. Either round-off of an ill-conditioned Hx sets the floor
        // (both updates tiny: accept, the point is as accurate as doubles allow), or the
        // prediction lies outside the region of quadratic convergence: reject.
        const floor = Math.max(ACCURACY_LIMIT, ROUND_OFF_FACTOR * Number.EPSILON * this.lu.conditionEstimate());
        return previous <= floor && size <= floor ? first : -1;
      }
      if (it > 0 && (size * size * size) / (previous * previous) <= tolerance) {
        this.lastCorrection = (size * size * size) / (previous * previous);
        return first;
      }
      previous = size;
    }
    return -1;
  }

  /** One RK4 prediction from x over Δτ = h into out (y and k1..k4 are scratch). */
  private predict(out: Float64Array, x: Float64Array, tre: number, tim: number, dr: number, di: number, h: number): boolean {
    const { k1, k2, k3, k4, y } = this;
    const n2 = 2 * this.n;
    if (!this.slope(k1, x, tre, tim, dr, di)) return false;
    for (let k = 0; k < n2; k++) y[k] = x[k]! + 0.5 * h * k1[k]!;
    if (!this.slope(k2, y, tre + 0.5 * h * dr, tim + 0.5 * h * di, dr, di)) return false;
    for (let k = 0; k < n2; k++) y[k] = x[k]! + 0.5 * h * k2[k]!;
    if (!this.slope(k3, y, tre + 0.5 * h * dr, tim + 0.5 * h * di, dr, di)) return false;
    for (let k = 0; k < n2; k++) y[k] = x[k]! + h * k3[k]!;
    if (!this.slope(k4, y, tre + h * dr, tim + h * di, dr, di)) return false;
    for (let k = 0; k < n2; k++) out[k] = x[k]! + (h / 6) * (k1[k]! + 2 * k2[k]! + 2 * k3[k]! + k4[k]!);
    return true;
  }

  /**
   * Taylor coefficients of the path at (x, t) into d1, d2, d3 (in t), with this.lu and this.Ht
   * those of (a point within round-off of) x. r is the sampling radius |σ| in t. False when H
   * cannot be sampled (non-finite values).
   */
  private taylor(x: Float64Array, tre: number, tim: number, radius: number): boolean {
    // A homotopy growing fast in t (the toric ones, exp(s·e) in their parameters) can
    // overflow on a wide circle: shrink it.
    for (let r = radius, tries = 0; tries < 4; r /= 8, tries++) if (this.taylorAtRadius(x, tre, tim, r)) return true;
    return false;
  }

  private taylorAtRadius(x: Float64Array, tre: number, tim: number, radius: number): boolean {
    const n2 = 2 * this.n;
    const { d1, d2, d3, rhs, Ht, sample, value, acc } = this;
    for (let k = 0; k < n2; k++) rhs[k] = -Ht[k]!;
    this.lu.solve(d1, rhs);
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
      acc.fill(0);
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
        this.homotopy.evaluate(value, sample, tre + sr, tim + si);
        // weight i^(−j·order)
        const e = (((-j * order) % 4) + 4) % 4;
        const wr = e === 0 ? 1 : e === 2 ? -1 : 0;
        const wi = e === 1 ? 1 : e === 3 ? -1 : 0;
        for (let k = 0; k < n2; k += 2) {
          acc[k] = acc[k]! + value[k]! * wr - value[k + 1]! * wi;
          acc[k + 1] = acc[k + 1]! + value[k]! * wi + value[k + 1]! * wr;
        }
      }
      const scale = -1 / (4 * Math.pow(r, order));
      for (let k = 0; k < n2; k++) {
        const v = acc[k]! * scale;
        if (!Number.isFinite(v)) return false;
        acc[k] = v;
      }
      this.lu.solve(order === 2 ? d2 : d3, acc);
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
    const noise = Math.max(1e-10, 1e3 * Number.EPSILON * this.lu.conditionEstimate()) * scaleX;
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
   * and the trust region, as the Padé predictor sees them (sampling radius `radius` in t,
   * narrowed where the path needs it). Undefined when Hx is singular or H cannot be sampled.
   */
  pathCoefficients(
    x: Float64Array,
    tre: number,
    tim: number,
    radius: number,
  ): { x1: Float64Array; x2: Float64Array; x3: Float64Array; trust: number } | undefined {
    this.homotopy.evaluateAll(this.H, this.Hx, this.Ht, x, tre, tim);
    if (!this.lu.factor(this.Hx) || !this.taylor(x, tre, tim, radius)) return undefined;
    this.haveTaylor = false;
    return { x1: new Float64Array(this.d1), x2: new Float64Array(this.d2), x3: new Float64Array(this.d3), trust: this.trust };
  }

  /** The Padé (or, where a coordinate has no usable pole, cubic Taylor) prediction at x + Δt. */
  private predictPade(out: Float64Array, x: Float64Array, hr: number, hi: number): void {
    const { d1, d2, d3 } = this;
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
        const dr = 1 - (hr * rr - hi * ri);
        const di = -(hr * ri + hi * rr);
        const dm = dr * dr + di * di;
        qr = (x2r * dr + x2i * di) / dm;
        qi = (x2i * dr - x2r * di) / dm;
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
  }

  /** True when the Taylor coefficients held are those of the point x at time t. */
  private taylorAt(x: Float64Array, tre: number, tim: number): boolean {
    if (!this.haveTaylor || tre !== this.atRe || tim !== this.atIm) return false;
    const at = this.at;
    for (let k = 0; k < at.length; k++) if (at[k] !== x[k]) return false;
    return true;
  }

  /** Tracks x (in place) from ta to tb. On anything but 'ok', x holds the last accepted point. */
  trackSegment(
    x: Float64Array,
    tar: number,
    tai: number,
    tbr: number,
    tbi: number,
    budget = this.limits.maxSteps,
    maxStep = this.preset.maxStep,
  ): SegmentStatus {
    return this.preset.predictor === 'pade' ? this.trackPade(x, tar, tai, tbr, tbi, budget, maxStep) : this.trackRK4(x, tar, tai, tbr, tbi, budget, maxStep);
  }

  private trackRK4(x: Float64Array, tar: number, tai: number, tbr: number, tbi: number, budget: number, maxStep: number): SegmentStatus {
    const p = this.preset;
    const dr = tbr - tar;
    const di = tbi - tai;
    const length = cabs(dr, di);
    if (length === 0) return 'ok';
    let tau = 0;
    this.reachedTau = 0;
    let h = Math.min(maxStep, this.stepLength / length, 1);
    const startSteps = this.accepted + this.rejected;
    const { saved, xnew } = this;
    while (tau < 1) {
      if (this.accepted + this.rejected - startSteps >= budget) return 'step_budget';
      if (h < 1e-13) return 'step_too_small';
      const last = tau + h >= 1;
      const hh = last ? 1 - tau : h;
      const ok = this.predict(xnew, x, tar + tau * dr, tai + tau * di, dr, di, hh);
      const tnr = last ? tbr : tar + (tau + hh) * dr;
      const tni = last ? tbi : tai + (tau + hh) * di;
      saved.set(x);
      let err = -1;
      if (ok) {
        x.set(xnew);
        err = this.correct(x, tnr, tni, p.correctorTolerance, p.maxCorrectorIterations);
      }
      if (err >= 0 && err <= p.maxPredictionError) {
        this.accepted++;
        tau = last ? 1 : tau + hh;
        this.reachedTau = tau;
        // A last step clipped to the end of the segment says little about the step the path
        // allows: keep the proposal then, so the next segment does not start from a sliver.
        const grow = 0.8 * Math.pow(p.targetPredictionError / Math.max(err, 1e-300), 0.2);
        if (hh === h) h = Math.min(maxStep, h * Math.min(2, Math.max(0.5, grow)));
        if (normInf(x) > MAX_NORM) return 'too_large';
      } else {
        this.rejected++;
        x.set(saved);
        const shrink = err > 0 ? 0.8 * Math.pow(p.targetPredictionError / err, 0.2) : 0.5;
        h = hh * Math.min(0.5, Math.max(0.1, shrink));
      }
    }
    this.stepLength = h * length;
    return 'ok';
  }

  /**
   * The prediction error the Padé step control aims for: targetPredictionError, at most
   * newtonContraction/ω (a small fraction of Newton's radius of quadratic convergence), and at
   * least 1/newtonContraction times the accuracy of the point stepped from (the error measured
   * includes that inaccuracy, the round-off floor near ill-conditioned points, and the
   * contraction Δ₁/Δ₀ must be told from round-off).
   */
  private aim(omega: number, accuracy: number): number {
    const p = this.preset;
    return Math.max(Math.min(p.targetPredictionError, p.newtonContraction / omega), accuracy / p.newtonContraction);
  }

  /** trackSegment with the Padé predictor and its trust region. */
  private trackPade(x: Float64Array, tar: number, tai: number, tbr: number, tbi: number, budget: number, maxStep: number): SegmentStatus {
    const p = this.preset;
    const dr = tbr - tar;
    const di = tbi - tai;
    const length = cabs(dr, di);
    if (length === 0) return 'ok';
    let tau = 0;
    this.reachedTau = 0;
    // Step sizes here are fractions of the segment, like tau; the Taylor coefficients and the
    // trust region are in t.
    let h = Math.min(maxStep, this.stepLength / length, 1);
    const startSteps = this.accepted + this.rejected;
    const { saved, xnew } = this;
    if (!this.taylorAt(x, tar, tai)) {
      this.homotopy.evaluateAll(this.H, this.Hx, this.Ht, x, tar, tai);
      if (!this.lu.factor(this.Hx)) return 'singular_jacobian';
      if (!this.taylor(x, tar, tai, h * length)) return 'singular_jacobian';
    }
    let lastFailed = false;
    let accuracy = 0;
    // Newton's ω/2 along the path (see lastOmega): the prediction error is kept at a small
    // fraction of the radius of quadratic convergence, so that the corrector cannot be drawn
    // to a nearby path (HomotopyContinuation.jl's step size control, Timme 2020).
    let omega = 1;
    while (tau < 1) {
      if (this.accepted + this.rejected - startSteps >= budget) return 'step_budget';
      h = Math.min(h, (p.trustRegion * this.trust) / length);
      if (h < 1e-13) return 'step_too_small';
      // (No sliver of a last step: 0.5 + 0.5 can leave 1 − τ = 2e-16.)
      const last = tau + h >= 1 - 1e-12;
      const hh = last ? 1 - tau : h;
      this.predictPade(xnew, x, hh * dr, hh * di);
      const tnr = last ? tbr : tar + (tau + hh) * dr;
      const tni = last ? tbi : tai + (tau + hh) * di;
      saved.set(x);
      x.set(xnew);
      const err = this.correct(x, tnr, tni, p.correctorTolerance, p.maxCorrectorIterations);
      if (err >= 0 && err <= p.maxPredictionError && normInf(x) <= MAX_NORM) {
        this.accepted++;
        tau = last ? 1 : tau + hh;
        this.reachedTau = tau;
        // ω is learnt only from a contraction above the aim: a smaller second update may be
        // round-off alone, and Δ₁/Δ₀² of round-off grows as the steps shrink, which would
        // shrink them further. Below the aim the step was safe whatever ω is.
        if (Number.isFinite(this.lastOmega) && this.lastOmega * err > p.newtonContraction) omega = Math.max(this.lastOmega, 0.5 * omega);
        else omega *= 0.5;
        // Local error model err ≈ e·Δ⁴ of an order-4 predictor. A last step clipped to the end
        // of the segment says little about the step the path allows: keep the proposal then.
        const grow = 0.8 * Math.pow(this.aim(omega, accuracy) / Math.max(err, 1e-300), 0.25);
        accuracy = this.lastCorrection;
        if (hh === h) h = Math.min(maxStep, h * Math.min(lastFailed ? 1 : 4, Math.max(0.5, grow)));
        lastFailed = false;
        // New Taylor coefficients at the accepted point, from the corrector's last Jacobian.
        if (!this.taylor(x, tnr, tni, h * length)) return 'singular_jacobian';
      } else {
        if (err >= 0 && normInf(x) > MAX_NORM) return 'too_large';
        this.rejected++;
        x.set(saved);
        lastFailed = true;
        const shrink = err > 0 ? 0.8 * Math.pow(this.aim(omega, accuracy) / err, 0.25) : 0.25;
        h = hh * Math.min(0.5, Math.max(0.1, shrink));
      }
    }
    this.stepLength = h * length;
    return 'ok';
  }
}
