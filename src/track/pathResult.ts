/**
 * What a tracked path is, when it ends. A path that fails is a result with a reason, never an
 * exception.
 */
export type ReturnCode = 'success' | 'at_infinity' | 'singular' | 'failed';

export interface PathResult {
  /** Index of the start solution. */
  readonly index: number;
  readonly code: ReturnCode;
  /** Why the path failed or how it was classified, in words. */
  readonly reason?: string;
  readonly start: Float64Array;
  /** Endpoint at t = 1 (for at_infinity: the last point tracked). */
  readonly end: Float64Array;
  /** t at which tracking stopped (1 unless at infinity or failed). */
  readonly t: number;
  readonly acceptedSteps: number;
  readonly rejectedSteps: number;
  /** ‖F(end)‖∞ relative to the size of the endpoint. */
  readonly residual: number;
  /** Estimated condition number of ∂F/∂x at the endpoint. */
  readonly condition: number;
  /** Winding number from the Cauchy endgame (1 when the endpoint was reached directly). */
  readonly windingNumber: number;
  /** Which preset produced this result (re-tracks use a stricter one). */
  readonly preset: string;
}
