/**
 * The Krawczyk test. For a center x̃, a point matrix Y ≈ J(x̃)⁻¹ and the box
 * X = x̃ + r·([-1, 1] + i·[-1, 1])ⁿ, the Krawczyk operator
 *
 *   K(X) = x̃ − Y·F(x̃) + (I − Y·J(X))·(X − x̃)
 *
 * is evaluated in interval arithmetic, with F(x̃) enclosed at the point x̃ (double-double
 * evaluation with an error bound) so that rounding errors of the residual are covered. If K(X) lies in the interior of X, then X
 * holds exactly one solution of F = 0 and J is nonsingular on X (Krawczyk; Rump's complex
 * form: the mean-value matrix ∫J lies in the convex interval matrix J(X)).
 */
import { cadd, cbox, cmag, cmul, cpoint, cinInterior, cscale, csub, type CInterval } from '../numeric/cinterval.js';
import { inverse } from './denseSolve.js';
import { encloseAtPoint, jacobianOnBox } from './intervalEval.js';
import { evaluatePoint, type SparseSystem } from './sparse.js';

/** What the test needs at a center, computed once and reused for every radius tried. */
export interface KrawczykCenter {
  readonly center: Float64Array;
  /** Y ≈ J(x̃)⁻¹, row-major n×n interleaved. */
  readonly y: Float64Array;
  /** An enclosure of Y·F(x̃). */
  readonly yf: CInterval[];
  /** max_k |(Y·F(x̃))_k|, bounded above: the Newton step with its rounding error. */
  readonly step: number;
}

/** Y·v for a point matrix Y and an interval vector v. */
function applyPoint(y: Float64Array, v: readonly CInterval[], n: number): CInterval[] {
  const out: CInterval[] = [];
  for (let i = 0; i < n; i++) {
    let s = cpoint(0);
    for (let k = 0; k < n; k++) s = cadd(s, cscale(v[k]!, y[2 * (i * n + k)]!, y[2 * (i * n + k) + 1]!));
    out.push(s);
  }
  return out;
}

/** Prepares the test at x̃; undefined when J(x̃) is singular to working precision. */
export function krawczykCenter(sys: SparseSystem, center: Float64Array): KrawczykCenter | undefined {
  const n = sys.n;
  const f = new Float64Array(2 * n);
  const j = new Float64Array(2 * n * n);
  evaluatePoint(sys, center, f, j);
  const y = inverse(j, n);
  if (!y || !y.every(Number.isFinite)) return undefined;
  const yf = applyPoint(y, encloseAtPoint(sys, center), n);
  return { center, y, yf, step: Math.max(0, ...yf.map(cmag)) };
}

/** The box x̃ + r·([-1, 1] + i·[-1, 1])ⁿ, rounded outward. */
export function boxAround(center: Float64Array, r: number): CInterval[] {
  const n = center.length >> 1;
  return Array.from({ length: n }, (_, k) => cbox(center[2 * k]!, center[2 * k + 1]!, r));
}

/** True when K(X) ⊂ interior(X) for X = boxAround(c.center, r): X holds a unique solution. */
export function krawczykContracts(sys: SparseSystem, c: KrawczykCenter, r: number): boolean {
  const n = sys.n;
  const box = boxAround(c.center, r);
  const jx = jacobianOnBox(sys, box);
  const d = box.map((b, k) => csub(b, cpoint(c.center[2 * k]!, c.center[2 * k + 1]!)));
  for (let i = 0; i < n; i++) {
    const xi = cpoint(c.center[2 * i]!, c.center[2 * i + 1]!);
    let k = csub(xi, c.yf[i]!);
    for (let j = 0; j < n; j++) {
      // Row i of I − Y·J(X), one entry at a time, times (X − x̃)_j.
      let yj = cpoint(i === j ? 1 : 0);
      for (let l = 0; l < n; l++) yj = csub(yj, cscale(jx[l * n + j]!, c.y[2 * (i * n + l)]!, c.y[2 * (i * n + l) + 1]!));
      k = cadd(k, cmul(yj, d[j]!));
    }
    if (!cinInterior(k, box[i]!)) return false;
  }
  return true;
}
