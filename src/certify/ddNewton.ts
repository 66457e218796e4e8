/**
 * Newton refinement of an approximate solution before it is certified. The residual is
 * computed in double-double and the Jacobian in double: each step then gains a factor of
 * about cond·2⁻⁵³, so even ill-conditioned solutions reach the double nearest to them — the
 * best center a box of doubles can have, and the smallest Y·F(x̃) the Krawczyk test can see.
 */
import { normInf } from '../numeric/complex.js';
import { cdd, cddSub, type CDD } from '../numeric/doubledouble.js';
import { factor, solve } from './denseSolve.js';
import { evaluateDD, evaluatePoint, type SparseSystem } from './sparse.js';

/** The Newton step J(x)⁻¹F(x) in double (to be subtracted), or undefined when J(x) is singular. */
export function newtonStep(sys: SparseSystem, x: Float64Array): Float64Array | undefined {
  const f = new Float64Array(2 * sys.n);
  const j = new Float64Array(2 * sys.n * sys.n);
  evaluatePoint(sys, x, f, j);
  const lu = factor(j, sys.n);
  return lu && solve(lu, f);
}

const MAX_NEWTON = 10;

/**
 * Newton's method with double-double residuals from x, until the steps stop shrinking;
 * returns the iterate with the smallest step, rounded to double (box centers are doubles).
 */
export function refine(sys: SparseSystem, x: Float64Array): Float64Array {
  const n = sys.n;
  let z: CDD[] = Array.from({ length: n }, (_, k) => cdd(x[2 * k]!, x[2 * k + 1]!));
  let best = x;
  let bestStep = Infinity;
  const jac = new Float64Array(2 * n * n);
  const scratch = new Float64Array(2 * n);
  for (let it = 0; it < MAX_NEWTON; it++) {
    const hi = new Float64Array(2 * n);
    z.forEach((zk, k) => {
      hi[2 * k] = zk.re.hi;
      hi[2 * k + 1] = zk.im.hi;
    });
    evaluatePoint(sys, hi, scratch, jac);
    const lu = factor(jac, n);
    if (!lu) break;
    const f = new Float64Array(2 * n);
    evaluateDD(sys, z).forEach(({ value }, k) => {
      f[2 * k] = value.re.hi + value.re.lo;
      f[2 * k + 1] = value.im.hi + value.im.lo;
    });
    const dx = solve(lu, f);
    const step = normInf(dx);
    if (!(step < bestStep)) break;
    [best, bestStep] = [hi, step];
    // Converged once the step no longer moves the double part.
    if (step <= 0.25 * Number.EPSILON * Number.EPSILON * normInf(hi)) break;
    z = z.map((zk, k) => cddSub(zk, cdd(dx[2 * k]!, dx[2 * k + 1]!)));
  }
  return best;
}
