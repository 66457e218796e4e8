/**
 * A start pair for monodromy: a point x0 and parameters p0 with F(x0; p0) = 0. When the
 * parameters enter every equation linearly, F(x; p) = A(x)·p + b(x), so for a random x0 the
 * equations A(x0)·p = −b(x0) are linear in p: any solution p0 makes (x0, p0) a start pair.
 */
import type { CompiledSystem } from '../compile/types.js';
import { InputError } from '../errors.js';
import { ComplexLU } from '../linalg/lu.js';
import type { Random } from '../numeric/rng.js';
import type { System } from '../poly/system.js';

export interface StartPair {
  /** The solution, interleaved (re, im), one pair per variable. */
  readonly x: Float64Array;
  /** The parameters, interleaved (re, im), one pair per parameter. */
  readonly p: Float64Array;
}

/** Random x0 tried before giving up on a singular ∂F/∂p. */
const ATTEMPTS = 3;

/** Equations of degree above one in the parameters, as 1-based numbers with their degree. */
function nonlinearEquations(system: System): [number, number][] {
  const n = system.variables.length;
  const params = system.parameters.map((_, k) => n + k);
  return system.equations.flatMap((f, i) => {
    const d = f.degreeIn(params);
    return d > 1 ? [[i + 1, d] as [number, number]] : [];
  });
}

function randomVector(rng: Random, n: number): Float64Array {
  const v = new Float64Array(2 * n);
  for (let k = 0; k < 2 * n; k += 2) [v[k], v[k + 1]] = rng.complexNormal();
  return v;
}

/**
 * A start pair from a random point, for a system whose parameters enter linearly. With more
 * parameters than equations, p0 is the solution nearest a random point of parameter space
 * (so that it is generic); with as many, the unique one. Refuses other systems, saying why.
 */
export function linearStartPair(system: System, compiled: CompiledSystem, rng: Random): StartPair {
  const m = system.equations.length;
  const q = system.parameters.length;
  if (q === 0) throw new InputError('monodromy needs a system with parameters: declare them on a `parameters:` line');
  const bad = nonlinearEquations(system);
  if (bad.length > 0) {
    const list = bad
      .slice(0, 3)
      .map(([i, d]) => `equation ${i} has degree ${d}`)
      .join(', ');
    throw new InputError(
      `cannot find a start pair by itself: the parameters must enter every equation linearly, but ${list} in the parameters; give a start pair (a solution x0 at parameters p0)`,
    );
  }
  if (q < m) {
    throw new InputError(
      `cannot find a start pair by itself: ${q} parameter${q === 1 ? '' : 's'} for ${m} equations, so a random point solves the equations for no choice of parameters; declare at least ${m} parameters, or give a start pair`,
    );
  }
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const x = randomVector(rng, system.variables.length);
    const b = new Float64Array(2 * m);
    const A = new Float64Array(2 * m * q);
    const zero = new Float64Array(2 * q);
    compiled.evaluate(b, x, zero);
    compiled.evaluateParameterJacobian(A, x, zero);
    const p = solveUnderdetermined(A, b, m, q, randomVector(rng, q));
    if (p) return { x, p };
  }
  throw new InputError(
    `cannot find a start pair by itself: ∂F/∂p is singular at random points, so the parameters do not move the solutions freely; give a start pair`,
  );
}

/**
 * The solution of A·p = −b (A is m×q, q ≥ m, full rank) nearest to `guess`:
 * p = guess − Aᴴ(AAᴴ)⁻¹(A·guess + b), or p = −A⁻¹b when A is square. Undefined when singular.
 */
function solveUnderdetermined(A: Float64Array, b: Float64Array, m: number, q: number, guess: Float64Array): Float64Array | undefined {
  const lu = new ComplexLU(m);
  const p = new Float64Array(2 * q);
  if (q === m) {
    if (!lu.factor(A)) return undefined;
    lu.solve(p, b);
    for (let k = 0; k < 2 * q; k++) p[k] = -p[k]!;
    return p;
  }
  const G = new Float64Array(2 * m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let sr = 0;
      let si = 0;
      for (let k = 0; k < q; k++) {
        const a = 2 * (i * q + k);
        const c = 2 * (j * q + k);
        // A_ik · conj(A_jk)
        sr += A[a]! * A[c]! + A[a + 1]! * A[c + 1]!;
        si += A[a + 1]! * A[c]! - A[a]! * A[c + 1]!;
      }
      G[2 * (i * m + j)] = sr;
      G[2 * (i * m + j) + 1] = si;
    }
  }
  if (!lu.factor(G)) return undefined;
  const r = new Float64Array(b);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < q; k++) {
      const a = 2 * (i * q + k);
      r[2 * i] = r[2 * i]! + A[a]! * guess[2 * k]! - A[a + 1]! * guess[2 * k + 1]!;
      r[2 * i + 1] = r[2 * i + 1]! + A[a]! * guess[2 * k + 1]! + A[a + 1]! * guess[2 * k]!;
    }
  }
  const y = lu.solve(new Float64Array(2 * m), r);
  p.set(guess);
  for (let k = 0; k < q; k++) {
    for (let i = 0; i < m; i++) {
      // p_k −= conj(A_ik)·y_i
      const a = 2 * (i * q + k);
      p[2 * k] = p[2 * k]! - (A[a]! * y[2 * i]! + A[a + 1]! * y[2 * i + 1]!);
      p[2 * k + 1] = p[2 * k + 1]! - (A[a]! * y[2 * i + 1]! - A[a + 1]! * y[2 * i]!);
    }
  }
  return p;
}
