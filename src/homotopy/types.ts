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
}
