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

  /**
   * Every source solution carried to target t along a detour through a random complex
   * parameter point near the segment: source → mid → target, each leg with its own γ.
   * Composed, the two legs are a homotopy path from the source like the direct one, so the
   * detoured paths again end one at each solution; they avoid whatever near-singular spot
   * made direct paths fail. `attempt` picks the detour (its stream is derived from target t's);
   * the same attempt is the same route, which a re-track (`preset` conservative) follows.
   */
  detour(t: number, target: Float64Array, attempt: number, indices: readonly number[], preset = this.job.settings.preset): PathResult[] {
    const rng = targetStream(this.job.seed, t).derive(1 + attempt);
    const source = this.job.source;
    const mid = new Float64Array(source.length);
    for (let k = 0; k < source.length; k += 2) {
      const [re, im] = rng.complexNormal();
      const dist = Math.hypot(target[k]! - source[k]!, target[k + 1]! - source[k + 1]!);
      const scale = 0.5 * Math.max(dist, 1e-3 * (1 + Math.hypot(source[k]!, source[k + 1]!)));
      mid[k] = 0.5 * (source[k]! + target[k]!) + scale * re;
      mid[k + 1] = 0.5 * (source[k + 1]! + target[k + 1]!) + scale * im;
    }
    const settings = { ...this.job.settings, preset };
    const first = new Leg(this.compiled, source, mid, rightHalfGamma(rng), settings);
    const second = new Leg(this.compiled, mid, target, rightHalfGamma(rng), settings);
    return indices.map((i) => {
      const x = this.solutions[i]!;
      const a = first.track(i, x);
      if (a.code !== 'success') return a;
      const b = second.track(i, a.end);
      return {
        ...b,
        start: x,
        acceptedSteps: a.acceptedSteps + b.acceptedSteps,
        rejectedSteps: a.rejectedSteps + b.rejectedSteps,
        ddSteps: a.ddSteps + b.ddSteps,
      };
    });
  }

  /** Source solution i tracked again to target t, conservatively. */
  retrack(t: number, target: Float64Array, indices: readonly number[]): PathResult[] {
    const strict = this.leg(t, target, 'conservative');
    return indices.map((i) => strict.track(i, this.solutions[i]!));
  }
}
