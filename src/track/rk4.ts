/**
 * The classical Runge–Kutta predictor on the Davidenko equation dx/dτ = −Hx⁻¹·Ht·dt/dτ (four
 * Jacobians a step), kept as the reference the Padé predictor is measured against, and for the
 * toric phase of polyhedral paths.
 */
import { tangent, type StepEvaluator } from './evaluator.js';
import type { Predictor, StepRule } from './predictor.js';

/** Its local error is O(Δ⁵). */
const RK4_RULE: StepRule = {
  exponent: 0.2,
  maxGrowth: 2,
  maxGrowthAfterRejection: 2,
  failedShrink: 0.5,
  endSlack: 0,
  newtonAim: false,
  countsOverflowStep: true,
};

export class RK4Predictor implements Predictor {
  readonly rule = RK4_RULE;
  readonly trust = Infinity;
  private readonly k1: Float64Array;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly y: Float64Array;
  private readonly rhs: Float64Array;

  constructor(private readonly ev: StepEvaluator) {
    const n2 = 2 * ev.n;
    this.k1 = new Float64Array(n2);
    this.k2 = new Float64Array(n2);
    this.k3 = new Float64Array(n2);
    this.k4 = new Float64Array(n2);
    this.y = new Float64Array(n2);
    this.rhs = new Float64Array(n2);
  }

  reset(): void {}

  begin(): boolean {
    return true;
  }

  advance(): boolean {
    return true;
  }

  /** out = dx/dτ = dx/dt · (dr + i·di). */
  private slope(out: Float64Array, x: Float64Array, tre: number, tim: number, dr: number, di: number): boolean {
    if (!tangent(this.ev, out, this.rhs, x, tre, tim)) return false;
    for (let k = 0; k < out.length; k += 2) {
      const a = out[k]!;
      const b = out[k + 1]!;
      out[k] = a * dr - b * di;
      out[k + 1] = a * di + b * dr;
    }
    return true;
  }

  predict(out: Float64Array, x: Float64Array, tre: number, tim: number, dr: number, di: number, h: number): boolean {
    const { k1, k2, k3, k4, y } = this;
    const n2 = y.length;
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
}
