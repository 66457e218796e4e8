/**
 * What a compiled system offers to the layers below it (homotopies, tracker, certification).
 * All arrays are interleaved (re, im) Float64Arrays, preallocated by the caller; no call
 * allocates.
 *
 * Shapes, for n = nvars unknowns, m = neqs equations and q = nparams parameters:
 * - x: 2n, p: 2q
 * - F: 2m
 * - J = ∂F/∂x: row-major m×n, entry (i, j) at 2(i·n + j)
 * - Fp = ∂F/∂p: row-major m×q, entry (i, k) at 2(i·q + k)
 */
export interface CompiledSystem {
  readonly nvars: number;
  readonly neqs: number;
  readonly nparams: number;
  /** out = F(x; p). */
  evaluate(out: Float64Array, x: Float64Array, p?: Float64Array): Float64Array;
  /** outF = F(x; p) and outJ = ∂F/∂x (x; p) in one pass. */
  evaluateWithJacobian(outF: Float64Array, outJ: Float64Array, x: Float64Array, p?: Float64Array): void;
  /** outFp = ∂F/∂p (x; p). Only meaningful when nparams > 0. */
  evaluateParameterJacobian(outFp: Float64Array, x: Float64Array, p?: Float64Array): void;
  /**
   * The same system in double-double (compile/ddEvaluate.ts), made on first use, for the
   * points double precision cannot resolve. Absent where no program stands behind the system
   * (the test interpreter).
   */
  doubleDouble?(): DDSystem | undefined;
}

/**
 * F and ∂F/∂x in double-double: vectors of four doubles per complex entry (re.hi, re.lo,
 * im.hi, im.lo), the same shapes as CompiledSystem's otherwise.
 */
export interface DDSystem {
  readonly nvars: number;
  readonly neqs: number;
  readonly nparams: number;
  evaluate(outF: Float64Array, x: Float64Array, p?: Float64Array): Float64Array;
  evaluateWithJacobian(outF: Float64Array, outJ: Float64Array, x: Float64Array, p?: Float64Array): void;
  /** outFp = ∂F/∂p (x; p), row-major m×q at 4(i·q + k). Only meaningful when nparams > 0. */
  evaluateParameterJacobian(outFp: Float64Array, x: Float64Array, p?: Float64Array): void;
}
