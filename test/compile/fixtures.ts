/** Systems and comparisons shared by the compile tests. */
import { Polynomial } from '../../src/poly/polynomial.js';
import { makeSystem, type System } from '../../src/poly/system.js';
import { Random } from '../../src/numeric/rng.js';
import type { CompiledSystem } from '../../src/compile/types.js';

/** The cyclic n-roots system. */
export function cyclic(n: number): System {
  const x = (k: number) => Polynomial.variable(n, k % n);
  const equations: Polynomial[] = [];
  for (let len = 1; len < n; len++) {
    let f = Polynomial.zero(n);
    for (let start = 0; start < n; start++) {
      let m = Polynomial.constant(n, 1);
      for (let k = 0; k < len; k++) m = m.mul(x(start + k));
      f = f.add(m);
    }
    equations.push(f);
  }
  let prod = Polynomial.constant(n, 1);
  for (let k = 0; k < n; k++) prod = prod.mul(x(k));
  equations.push(prod.sub(Polynomial.constant(n, 1)));
  return makeSystem(
    Array.from({ length: n }, (_, k) => `x${k + 1}`),
    equations,
  );
}

/**
 * A dense random system: `terms` random monomials of degree ≤ `degree` per equation in n
 * variables, with complex coefficients, and `q` parameters entering linearly and
 * quadratically so that ∂F/∂p is not constant.
 */
export function randomSystem(rng: Random, n: number, terms: number, degree: number, q = 0, names?: string[]): System {
  const nv = n + q;
  const equations: Polynomial[] = [];
  for (let i = 0; i < n; i++) {
    const list = [];
    for (let t = 0; t < terms; t++) {
      const exps = new Array<number>(nv).fill(0);
      let left = rng.int(0, degree);
      while (left > 0) {
        const k = rng.int(0, n - 1);
        exps[k]! += 1;
        left--;
      }
      if (q > 0 && t % 3 === 0) exps[n + rng.int(0, q - 1)]! += rng.int(1, 2);
      const [re, im] = rng.complexNormal();
      list.push({ exps, re, im });
    }
    equations.push(Polynomial.fromTerms(nv, list));
  }
  const variables = names ?? Array.from({ length: n }, (_, k) => `x${k}`);
  return makeSystem(
    variables,
    equations,
    Array.from({ length: q }, (_, k) => `p${k}`),
  );
}

export function randomPoint(rng: Random, n: number, scale = 1): Float64Array {
  const out = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    const [re, im] = rng.complexNormal();
    out[2 * k] = scale * re;
    out[2 * k + 1] = scale * im;
  }
  return out;
}

/** max |a_k − b_k| / max |b_k| over complex entries (absolute when b is zero). */
export function relativeError(a: Float64Array, b: Float64Array): number {
  let diff = 0;
  let size = 0;
  for (let k = 0; k < a.length; k += 2) {
    diff = Math.max(diff, Math.hypot(a[k]! - b[k]!, a[k + 1]! - b[k + 1]!));
    size = Math.max(size, Math.hypot(b[k]!, b[k + 1]!));
  }
  return size === 0 ? diff : diff / size;
}

/** Largest relative disagreement of F, J and ∂F/∂p between two evaluators over random points. */
export function disagreement(a: CompiledSystem, b: CompiledSystem, rng: Random, points = 20): number {
  const { nvars: n, neqs: m, nparams: q } = a;
  const buffers = () => ({ F: new Float64Array(2 * m), J: new Float64Array(2 * m * n), P: new Float64Array(2 * m * q) });
  const [A, B] = [buffers(), buffers()];
  let worst = 0;
  for (let s = 0; s < points; s++) {
    const x = randomPoint(rng, n);
    const p = q > 0 ? randomPoint(rng, q) : undefined;
    a.evaluateWithJacobian(A.F, A.J, x, p);
    b.evaluateWithJacobian(B.F, B.J, x, p);
    worst = Math.max(worst, relativeError(A.F, B.F), relativeError(A.J, B.J));
    worst = Math.max(worst, relativeError(a.evaluate(A.F, x, p), b.evaluate(B.F, x, p)));
    if (q > 0) {
      a.evaluateParameterJacobian(A.P, x, p);
      b.evaluateParameterJacobian(B.P, x, p);
      worst = Math.max(worst, relativeError(A.P, B.P));
    }
  }
  return worst;
}
