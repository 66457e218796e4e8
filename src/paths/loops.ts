/**
 * Monodromy loops as plain data, and the code that sends solutions around them. The same code
 * runs in a worker thread (workers/monodromyLoops.ts) and in the main thread (one worker), so a
 * solution's image under a loop depends only on the job, the loop and the solution, never on
 * the thread that tracked it: that is what makes monodromySolve's result independent of the
 * number of workers.
 */
import { compileProgram, type Program } from '../compile/compile.js';
import type { CompiledSystem } from '../compile/types.js';
import { fixParameters } from '../compile/fixed.js';
import { Leg, type LegSettings } from './legs.js';
import { Refiner } from '../track/refine.js';

/** Everything a worker needs for any loop of one monodromy run; sent once per worker. */
export interface MonodromyJob {
  /** The system with its parameters (buildProgram). */
  readonly program: Program;
  /** The base point p0 every loop starts and ends at, interleaved (re, im). */
  readonly base: Float64Array;
  readonly settings: LegSettings;
}

/** A closed walk p0 → v_1 → … → v_k → p0: its id and its inner vertices, one after another. */
export interface LoopData {
  readonly id: number;
  /** k parameter points, 2q numbers each. */
  readonly vertices: Float64Array;
}

export interface LoopOutcome {
  /** The refined endpoint back at p0, or null when a leg did not end at a regular solution. */
  readonly end: Float64Array | null;
  readonly paths: number;
  readonly accuracy: number;
  readonly residual: number;
  readonly condition: number;
}

/** Sends solutions around loops; the legs of each loop are built on first sight and kept. */
export class LoopRunner {
  private readonly compiled: CompiledSystem;
  private readonly refiner: Refiner;
  private readonly legs = new Map<number, Leg[]>();
  constructor(readonly job: MonodromyJob) {
    this.compiled = compileProgram(job.program);
    this.refiner = new Refiner(fixParameters(this.compiled, job.base));
  }

  private loopLegs(loop: LoopData): Leg[] {
    let legs = this.legs.get(loop.id);
    if (!legs) {
      const q = this.job.base.length;
      const points = [this.job.base];
      for (let o = 0; o < loop.vertices.length; o += q) points.push(loop.vertices.subarray(o, o + q));
      points.push(this.job.base);
      legs = points.slice(1).map((to, v) => new Leg(this.compiled, points[v]!, to, [1, 0], this.job.settings));
      this.legs.set(loop.id, legs);
    }
    return legs;
  }

  /** Builds the legs of these loops, if not built before. */
  addLoops(loops: readonly LoopData[]): void {
    for (const loop of loops) this.loopLegs(loop);
  }

  /** Sends solution `x` (path `index`) around loop `loopId`, which addLoops has seen. */
  track(loopId: number, index: number, start: Float64Array): LoopOutcome {
    const legs = this.legs.get(loopId);
    if (!legs) throw new RangeError(`loop ${loopId} was not sent with the task`);
    let x = start;
    let paths = 0;
    for (const leg of legs) {
      const before = leg.tracked;
      const r = leg.track(index, x);
      paths += leg.tracked - before;
      if (r.code !== 'success') return { end: null, paths, accuracy: NaN, residual: NaN, condition: NaN };
      x = r.end;
    }
    const m = this.refiner.refine(x);
    return { end: x, paths, accuracy: m.accuracy, residual: m.residual, condition: m.condition };
  }
}
