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
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { LoopRunner, packTasks, unpackOutcomes, type LoopData, type LoopOutcome, type MonodromyJob } from './monodromyJob.js';

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

/** The compiled monodromy worker, looked for beside this module's tree, then in dist/. */
export function monodromyWorkerFile(): string {
  for (const relative of ['../../workers/monodromy.js', '../../dist/workers/monodromy.js']) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('the worker dist/workers/monodromy.js is missing: run `npm run build` (npm ci runs it) before monodromy with more than one worker');
}

export class LoopPool {
  private readonly n: number;
  private inline: LoopRunner | undefined;
  private pool: Piscina | undefined;
  private inlineSeconds = 0;

  /** `workers` ≤ 1 tracks everything in the main thread; the pool starts after `poolAfterSeconds` of it. */
  constructor(
    private readonly job: MonodromyJob,
    private readonly workers: number,
    private readonly poolAfterSeconds = POOL_AFTER_SECONDS,
  ) {
    this.n = job.program.nvars;
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
    if (!this.pool && this.workers > 1 && this.inlineSeconds >= this.poolAfterSeconds) {
      this.pool = new Piscina({ filename: monodromyWorkerFile(), workerData: this.job, minThreads: this.workers, maxThreads: this.workers, idleTimeout: Infinity });
    }
    const tasks = packTasks(this.n, [task]);
    if (this.pool) {
      const packed = (await this.pool.run({ loops: [loop], tasks }, { transferList: [tasks.buffer as ArrayBuffer] })) as Float64Array;
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

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}
