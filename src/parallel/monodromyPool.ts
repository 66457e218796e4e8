/**
 * Where monodromy loops are tracked: in the main thread, or in a piscina pool of worker
 * threads running the same LoopRunner, one (solution, loop) task per message (a task tracks
 * four paths, milliseconds of work, against tens of microseconds of messaging). The outcome of
 * a task does not depend on where it ran.
 *
 * The pool starts only once the main thread has spent POOL_AFTER_SECONDS tracking: small runs
 * (a handful of solutions, or the small components of a network) end before a thread would
 * have started. The pool loads the compiled worker dist/workers/monodromy.js (from src/, under
 * vitest, too), so using it needs `npm run build` first.
 */
import { Piscina } from 'piscina';
import { workerFile } from './pool.js';
import { encodeJob, LoopRunner, packTasks, unpackOutcomes, type LoopData, type LoopOutcome, type MonodromyJob } from './monodromyJob.js';

/**
 * Main-thread tracking time before the pool starts. Starting two workers (loading and
 * compiling the system in each) took about 0.1 s here, so runs shorter than this gain little.
 */
export const POOL_AFTER_SECONDS = 0.3;

/** Tasks in flight per worker, so that none waits for the main thread between tasks. */
const IN_FLIGHT_PER_WORKER = 2;

export interface LoopTask {
  readonly loop: number;
  readonly index: number;
  readonly x: Float64Array;
}

/**
 * One pool for several monodromy runs in a row (a network's components): started once, on
 * first use, instead of once per run, so the workers' start-up and warm-up are paid once. Each
 * run's chunks carry its id and its job in shared memory; the workers compile each job on first sight.
 */
export class SharedLoopPool {
  private pool: Piscina | undefined;
  private nextId = 0;

  constructor(readonly workers: number) {}

  get started(): boolean {
    return this.pool !== undefined;
  }

  newJobId(): number {
    return this.nextId++;
  }

  piscina(): Piscina {
    this.pool ??= new Piscina({ filename: workerFile('monodromy'), minThreads: this.workers, maxThreads: this.workers, idleTimeout: Infinity });
    return this.pool;
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}

export class LoopPool {
  private readonly n: number;
  private inline: LoopRunner | undefined;
  private pool: Piscina | undefined;
  private inlineSeconds = 0;

  /** With a shared pool: this run's id in it, and its job in shared memory. */
  private readonly jobId: number | undefined;
  private readonly jobBlob: SharedArrayBuffer | undefined;

  /**
   * `workers` ≤ 1 tracks everything in the main thread; the pool starts after
   * `poolAfterSeconds` of it. With `shared`, its workers are used instead of a pool of this
   * run's own, at once if it is already running.
   */
  constructor(
    private readonly job: MonodromyJob,
    private readonly workers: number,
    private readonly poolAfterSeconds = POOL_AFTER_SECONDS,
    private readonly shared?: SharedLoopPool,
  ) {
    this.n = job.program.nvars;
    if (shared) {
      this.workers = shared.workers;
      this.jobId = shared.newJobId();
      this.jobBlob = encodeJob(job);
    }
  }

  /** Worker threads that have tracked loops (1 while everything ran in the main thread). */
  get threads(): number {
    return this.pool ? this.workers : 1;
  }

  /** How many tasks to keep in flight: one in the main thread, a few per worker once the pool runs. */
  get window(): number {
    return this.pool ? IN_FLIGHT_PER_WORKER * this.workers : 1;
  }

  /** One solution sent around one loop, wherever it runs. */
  async track(loop: LoopData, task: LoopTask): Promise<LoopOutcome> {
    if (!this.pool && this.workers > 1 && (this.shared?.started || this.inlineSeconds >= this.poolAfterSeconds)) {
      this.pool = this.shared
        ? this.shared.piscina()
        : new Piscina({ filename: workerFile('monodromy'), workerData: this.job, minThreads: this.workers, maxThreads: this.workers, idleTimeout: Infinity });
    }
    const tasks = packTasks(this.n, [task]);
    if (this.pool) {
      const chunk = this.shared ? { jobId: this.jobId, jobBlob: this.jobBlob, loops: [loop], tasks } : { loops: [loop], tasks };
      // Copied, not transferred: a detached buffer would slow this isolate's typed-array code (workers/track.ts).
      const packed = (await this.pool.run(chunk)) as Float64Array;
      return unpackOutcomes(this.n, packed)[0]!;
    }
    // Yield first, so that signals, timers and progress output run between tasks.
    await new Promise((resolve) => setImmediate(resolve));
    const began = performance.now();
    this.inline ??= new LoopRunner(this.job);
    const packed = this.inline.runChunk({ loops: [loop], tasks });
    this.inlineSeconds += (performance.now() - began) / 1000;
    return unpackOutcomes(this.n, packed)[0]!;
  }

  /** Stops this run's own pool; a shared one stays up for the next run. */
  async close(): Promise<void> {
    if (!this.shared) await this.pool?.destroy();
  }
}
