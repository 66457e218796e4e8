/**
 * A homotopy H(x, t) in n unknowns, with t complex so that endgames can loop around t = 1.
 * Paths start at t = 0 (start system, solutions known) and end at t = 1 (target system).
 * Arrays are interleaved (re, im) and preallocated by the caller.
 */
export interface Homotopy {
  readonly n: number;
  /** outH = H(x, t). */
  evaluate(outH: Float64Array, x: Float64Array, tre: number, tim: number): void;
  /** outH = H(x, t), outHx = ∂H/∂x (row-major n×n), outHt = ∂H/∂t, in one pass. */
  evaluateAll(outH: Float64Array, outHx: Float64Array, outHt: Float64Array, x: Float64Array, tre: number, tim: number): void;
  /**
   * The same homotopy in double-double (DDHomotopy), for the steps double precision cannot
   * resolve; undefined where it has none (then its paths are tracked in double throughout).
   */
  doubleDouble?(): DDHomotopy | undefined;
}

/**
 * A homotopy evaluated in double-double: every vector complex double-double, four doubles per
 * entry (re.hi, re.lo, im.hi, im.lo; numeric/ddArray.ts), t too (one entry). The shapes are
 * Homotopy's otherwise: x and H of 4n, Hx row-major n×n at 4(i·n + j). It evaluates the very
 * homotopy the double one does (the same coefficients, γ and parameters), only more accurately.
 */
export interface DDHomotopy {
  readonly n: number;
  evaluate(outH: Float64Array, x: Float64Array, t: Float64Array): void;
  evaluateAll(outH: Float64Array, outHx: Float64Array, outHt: Float64Array, x: Float64Array, t: Float64Array): void;
}

/** A start system with solutions known in closed form, generated lazily by index. */
export interface StartSystem {
  readonly n: number;
  /** Number of start solutions (paths), exact. */
  readonly pathCount: bigint;
  /** Writes start solution number `index` (0-based) into out. */
  startSolution(out: Float64Array, index: bigint): Float64Array;
  /** outG = G(x) and outGx = ∂G/∂x (row-major n×n). */
  evaluateAll(outG: Float64Array, outGx: Float64Array, x: Float64Array): void;
  evaluate(outG: Float64Array, x: Float64Array): void;
  /** outG = G(x) and outGx = ∂G/∂x in double-double (x 4n, G 4n, Gx 4n²); absent where there is none. */
  evaluateAllDD?(outG: Float64Array, outGx: Float64Array, x: Float64Array): void;
}
