/**
 * Where monodromy loops are tracked: the main thread, or the worker pool running the same
 * LoopRunner, one (solution, loop) task per message (a task tracks four paths, milliseconds of
 * work, against tens of microseconds of messaging). The threads start only once the main
 * thread has spent POOL_AFTER_SECONDS tracking: small runs (a handful of solutions, or the
 * small components of a network) end before a thread would have started.
 *
 * Tasks and outcomes travel packed in Float64Arrays; a run's job travels once, as the
 * worker's data, or, in a pool shared by several runs, as JSON in shared memory with every
 * task, decoded once per worker. A chunk whose worker died is run again (TaskRunner); one given
 * up comes back as failed legs.
 */
import { LoopRunner, type LoopData, type LoopOutcome, type MonodromyJob } from '../paths/loops.js';
import { WorkerPool } from './pool.js';
import { TaskRunner, type Attempted } from './taskRunner.js';

/**
 * Main-thread tracking time before the pool starts. Starting two workers (loading and
 * compiling the system in each) took about 0.1 s here, so runs shorter than this gain little.
 */
export const POOL_AFTER_SECONDS = 0.3;

export interface LoopTask {
  readonly loop: number;
  readonly index: number;
  readonly x: Float64Array;
}

/** Solutions to send around loops: the loops they need, and per task a loop id, an index and a point. */
export interface LoopChunk extends Attempted {
  /** In a pool shared by several runs: the run's id, and its job as JSON in shared memory (encodeJob). */
  readonly jobId?: number;
  readonly jobBlob?: SharedArrayBuffer;
  readonly loops: LoopData[];
  /** Per task: loop id, solution index, then the solution (2n numbers). */
  readonly tasks: Float64Array;
}

/**
 * Per task outcome: whether the endpoint is usable (1) or a leg failed (0), the paths tracked
 * (retries included), the refinement at p0 (accuracy, residual, condition), the endpoint (2n).
 */
const RESULT_SCALARS = 5;

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

function packTasks(n: number, tasks: readonly LoopTask[]): Float64Array {
  const stride = 2 + 2 * n;
  const out = new Float64Array(stride * tasks.length);
  tasks.forEach((t, k) => {
    out[k * stride] = t.loop;
    out[k * stride + 1] = t.index;
    out.set(t.x, k * stride + 2);
  });
  return out;
}

function unpackOutcomes(n: number, packed: Float64Array): LoopOutcome[] {
  const stride = RESULT_SCALARS + 2 * n;
  const out: LoopOutcome[] = [];
  for (let o = 0; o < packed.length; o += stride) {
    const ok = packed[o] === 1;
    out.push({
      end: ok ? packed.slice(o + RESULT_SCALARS, o + stride) : null,
      paths: packed[o + 1]!,
      accuracy: packed[o + 2]!,
      residual: packed[o + 3]!,
      condition: packed[o + 4]!,
    });
  }
  return out;
}

/** Runs a chunk's tasks and packs their outcomes: the code of the worker and of the main thread. */
export function runChunk(runner: LoopRunner, n: number, chunk: LoopChunk): Float64Array {
  runner.addLoops(chunk.loops);
  const inStride = 2 + 2 * n;
  const outStride = RESULT_SCALARS + 2 * n;
  const count = chunk.tasks.length / inStride;
  const out = new Float64Array(outStride * count);
  for (let k = 0; k < count; k++) {
    const t = k * inStride;
    const r = runner.track(chunk.tasks[t]!, chunk.tasks[t + 1]!, chunk.tasks.slice(t + 2, t + inStride));
    const o = k * outStride;
    out[o + 1] = r.paths;
    if (!r.end) continue;
    out[o] = 1;
    out[o + 2] = r.accuracy;
    out[o + 3] = r.residual;
    out[o + 4] = r.condition;
    out.set(r.end, o + RESULT_SCALARS);
  }
  return out;
}

/**
 * One pool for several monodromy runs in a row (a network's components): its threads start
 * once, when the runs together have spent POOL_AFTER_SECONDS in the main thread, so the
 * workers' start-up and warm-up are paid once. Each run's tasks carry its id and its job.
 */
export class SharedLoopPool {
  readonly pool: WorkerPool<LoopChunk, Float64Array>;
  private nextId = 0;

  constructor(
    readonly workers: number,
    poolAfterSeconds = POOL_AFTER_SECONDS,
  ) {
    this.pool = new WorkerPool({ worker: 'monodromyLoops', threads: workers, startAfterSeconds: poolAfterSeconds });
  }

  get started(): boolean {
    return this.pool.started;
  }

  newJobId(): number {
    return this.nextId++;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

export class LoopPool {
  private readonly n: number;
  private readonly pool: WorkerPool<LoopChunk, Float64Array>;
  private readonly runner: TaskRunner<LoopChunk, Float64Array>;
  private inline: LoopRunner | undefined;
  /** With a shared pool: this run's id in it, and its job in shared memory. */
  private readonly jobId: number | undefined;
  private readonly jobBlob: SharedArrayBuffer | undefined;

  /**
   * `workers` ≤ 1 tracks everything in the main thread; the threads start after
   * `poolAfterSeconds` of it. With `shared`, its threads are used instead of this run's own.
   */
  constructor(
    private readonly job: MonodromyJob,
    workers: number,
    poolAfterSeconds = POOL_AFTER_SECONDS,
    private readonly shared?: SharedLoopPool,
  ) {
    this.n = job.program.nvars;
    if (shared) {
      this.pool = shared.pool;
      this.jobId = shared.newJobId();
      this.jobBlob = encodeJob(job);
    } else {
      this.pool = new WorkerPool({ worker: 'monodromyLoops', threads: workers, workerData: job, startAfterSeconds: poolAfterSeconds });
    }
    this.runner = new TaskRunner(this.pool, {
      what: 'monodromy loop',
      inline: (chunk) => runChunk((this.inline ??= new LoopRunner(this.job)), this.n, chunk),
      // Each solution's trip around the loop is lost: an unusable endpoint, no path counted.
      failed: (chunk) => new Float64Array((chunk.tasks.length / (2 + 2 * this.n)) * (RESULT_SCALARS + 2 * this.n)),
    });
  }

  /** Worker threads that have tracked loops (1 while everything ran in the main thread). */
  get threads(): number {
    return this.pool.everStarted ? this.pool.threads : 1;
  }

  /** How many tasks to keep in flight: one in the main thread, a few per worker once the threads run. */
  get window(): number {
    return this.pool.slots;
  }

  /** One solution sent around one loop, wherever it runs. */
  async track(loop: LoopData, task: LoopTask): Promise<LoopOutcome> {
    const tasks = packTasks(this.n, [task]);
    const chunk: LoopChunk = this.shared
      ? { attempt: 0, jobId: this.jobId!, jobBlob: this.jobBlob!, loops: [loop], tasks }
      : { attempt: 0, loops: [loop], tasks };
    const [done] = await this.runner.run(chunk);
    return unpackOutcomes(this.n, done!.out)[0]!;
  }

  /** Stops this run's own threads; a shared pool stays up for the next run. */
  async close(): Promise<void> {
    if (!this.shared) await this.pool.close();
  }
}
