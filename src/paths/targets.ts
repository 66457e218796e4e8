/**
 * Solve once, track many, as plain data: the solutions at a source parameter point carried to
 * target t by a parameter homotopy with its own γ. The same code runs in a worker thread
 * (workers/targets.ts) and in the main thread, so a target's paths depend only on the job and t.
 */
import { compileProgram, type Program } from '../compile/compile.js';
import type { CompiledSystem } from '../compile/types.js';
import { Random, STREAMS } from '../numeric/rng.js';
import type { PathResult } from '../track/pathResult.js';
import { Leg, type LegSettings } from './legs.js';

export interface TargetJob {
  /** The system with its parameters (buildProgram). */
  readonly program: Program;
  /** The source parameter point, interleaved (re, im). */
  readonly source: Float64Array;
  /** The source solutions, one after another (2n numbers each). */
  readonly solutions: Float64Array;
  readonly settings: LegSettings;
  readonly seed: number;
}

/**
 * A random γ with |arg γ| < 0.4π: the denominator γ(1 − t) + t of λ(t) runs along the chord
 * from γ to 1, at least cos(arg γ / 2) from 0, so |λ| ≤ 1/cos(0.2π) ≈ 1.24 and the parameters
 * stay near the segment from source to target.
 */
function rightHalfGamma(rng: Random): [number, number] {
  const angle = (rng.uniform() - 0.5) * 0.8 * Math.PI;
  return [Math.cos(angle), Math.sin(angle)];
}

/** The random stream of target t: its γ, then (derive(0)) the grouping of its endpoints. */
export const targetStream = (seed: number, t: number): Random => new Random(seed, STREAMS.parameterHomotopy + t);

export class TargetRunner {
  readonly compiled: CompiledSystem;
  private readonly solutions: Float64Array[];

  constructor(readonly job: TargetJob) {
    this.compiled = compileProgram(job.program);
    const size = 2 * this.compiled.nvars;
    this.solutions = Array.from({ length: job.solutions.length / size }, (_, i) => job.solutions.subarray(i * size, (i + 1) * size));
  }

  /** Source solutions carried to each target. */
  get solutionCount(): number {
    return this.solutions.length;
  }

  /** The leg from the source to target t, with the preset given (γ from the target's stream). */
  leg(t: number, target: Float64Array, preset = this.job.settings.preset): Leg {
    return new Leg(this.compiled, this.job.source, target, rightHalfGamma(targetStream(this.job.seed, t)), { ...this.job.settings, preset });
  }

  /** Every source solution tracked to target t, in order. */
  track(t: number, target: Float64Array): PathResult[] {
    const leg = this.leg(t, target);
    return this.solutions.map((x, i) => leg.track(i, x));
  }

  /** Source solution i tracked again to target t, conservatively. */
  retrack(t: number, target: Float64Array, indices: readonly number[]): PathResult[] {
    const strict = this.leg(t, target, 'conservative');
    return indices.map((i) => strict.track(i, this.solutions[i]!));
  }
}
