/**
 * Monodromy loops as plain data, and the code that sends solutions around them. The same code
 * runs in a worker thread (workers/monodromy.ts) and in the main thread (one worker), so a
 * solution's image under a loop depends only on the job, the loop and the solution, never on
 * the thread that tracked it: that is what makes monodromySolve's result independent of the
 * number of workers.
 */
import { compileProgram, type Program } from '../compile/compile.js';
import type { CompiledSystem } from '../compile/types.js';
import { fixParameters } from '../compile/fixed.js';
import { Leg, type LegSettings } from '../solve/legs.js';
import { Refiner } from '../track/refine.js';

/** Everything a worker needs for any loop of one monodromy run; sent once per worker. */
export interface MonodromyJob {
  /** The system with its parameters (buildProgram). */
  readonly program: Program;
  /** The base point p0 every loop starts and ends at, interleaved (re, im). */
  readonly base: Float64Array;
  readonly settings: LegSettings;
}

/** The job as UTF-8 JSON in shared memory: passed to workers without copying. */
export function encodeJob(job: MonodromyJob): SharedArrayBuffer {
  const bytes = Buffer.from(JSON.stringify({ ...job, base: Array.from(job.base) }), 'utf8');
  const blob = new SharedArrayBuffer(bytes.length);
  new Uint8Array(blob).set(bytes);
  return blob;
}

export function decodeJob(blob: SharedArrayBuffer): MonodromyJob {
  const parsed = JSON.parse(Buffer.from(new Uint8Array(blob)).toString('utf8')) as Omit<MonodromyJob, 'base'> & { base: number[] };
  return { ...parsed, base: Float64Array.from(parsed.base) };
}

/** A closed walk p0 → v_1 → … → v_k → p0: its id and its inner vertices, one after another. */
export interface LoopData {
  readonly id: number;
  /** k parameter points, 2q numbers each. */
  readonly vertices: Float64Array;
}

/** A list of solutions to send around loops: the loops they need, and per task a loop id, an index and a point. */
export interface LoopChunk {
  /**
   * In a pool shared by several runs (SharedLoopPool): the run's id, and its job as JSON in
   * shared memory (encodeJob), which every task can carry for free and a worker decodes once.
   */
  readonly jobId?: number;
  readonly jobBlob?: SharedArrayBuffer;
  readonly loops: LoopData[];
  /** Per task: loop id, solution index, then the solution (2n numbers). */
  readonly tasks: Float64Array;
}

/**
 * Per task: whether the endpoint is usable (1) or a leg failed (0), the paths tracked (retries
 * included), then the Newton refinement at p0 (accuracy, residual, condition) and the refined
 * endpoint (2n numbers).
 */
export const RESULT_SCALARS = 5;

export interface LoopOutcome {
  /** The refined endpoint back at p0, or null when a leg did not end at a regular solution. */
  readonly end: Float64Array | null;
  readonly paths: number;
  readonly accuracy: number;
  readonly residual: number;
  readonly condition: number;
}

export function packTasks(n: number, tasks: readonly { loop: number; index: number; x: Float64Array }[]): Float64Array {
  const stride = 2 + 2 * n;
  const out = new Float64Array(stride * tasks.length);
  tasks.forEach((t, k) => {
    out[k * stride] = t.loop;
    out[k * stride + 1] = t.index;
    out.set(t.x, k * stride + 2);
  });
  return out;
}

export function unpackOutcomes(n: number, packed: Float64Array): LoopOutcome[] {
  const stride = RESULT_SCALARS + 2 * n;
  const out: LoopOutcome[] = [];
  for (let o = 0; o < packed.length; o += stride) {
    out.push({
      end: packed[o] === 1 ? packed.slice(o + RESULT_SCALARS, o + stride) : null,
      paths: packed[o + 1]!,
      accuracy: packed[o + 2]!,
      residual: packed[o + 3]!,
      condition: packed[o + 4]!,
    });
  }
  return out;
}

/** Tracks chunks of tasks; the legs of each loop are built on first use and kept. */
export class LoopRunner {
  private readonly compiled: CompiledSystem;
  private readonly refiner: Refiner;
  private readonly legs = new Map<number, Leg[]>();
  private readonly n: number;

  constructor(readonly job: MonodromyJob) {
    this.compiled = compileProgram(job.program);
    this.n = this.compiled.nvars;
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

  runChunk(chunk: LoopChunk): Float64Array {
    for (const loop of chunk.loops) this.loopLegs(loop);
    const n = this.n;
    const inStride = 2 + 2 * n;
    const outStride = RESULT_SCALARS + 2 * n;
    const count = chunk.tasks.length / inStride;
    const out = new Float64Array(outStride * count);
    for (let k = 0; k < count; k++) {
      const t = k * inStride;
      const legs = this.legs.get(chunk.tasks[t]!);
      if (!legs) throw new RangeError(`loop ${chunk.tasks[t]} was not sent with the chunk`);
      const index = chunk.tasks[t + 1]!;
      let x: Float64Array = chunk.tasks.slice(t + 2, t + inStride);
      let ok = true;
      let paths = 0;
      for (const leg of legs) {
        const before = leg.tracked;
        const r = leg.track(index, x);
        paths += leg.tracked - before;
        if (r.code !== 'success') {
          ok = false;
          break;
        }
        x = r.end;
      }
      const o = k * outStride;
      out[o + 1] = paths;
      if (!ok) continue;
      const m = this.refiner.refine(x);
      out[o] = 1;
      out[o + 2] = m.accuracy;
      out[o + 3] = m.residual;
      out[o + 4] = m.condition;
      out.set(x, o + RESULT_SCALARS);
    }
    return out;
  }
}
