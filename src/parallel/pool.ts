/**
 * One worker pool for every kind of task: a piscina pool of worker threads, or the main thread
 * itself. Solve's path batches and monodromy's loop tasks both run here. The worker and the
 * main thread run the same code on the same task, so an outcome never depends on where it ran.
 *
 * The threads can start late: with `startAfterSeconds`, tasks run in the main thread until
 * that much time was spent on them, so that short runs end before a thread would have started
 * (starting two workers, loading and compiling a system in each, takes about 0.1 s).
 *
 * The pool loads the compiled worker dist/workers/NAME.js. From dist/ it sits next to this
 * module's tree; when this module runs from src/ (under vitest) the build is used, so tests of
 * the pool need `npm run build` first (`npm ci` runs it through `prepare`).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { InputError } from '../errors.js';

export type WorkerName = 'track' | 'monodromyLoops' | 'targets';

/** The compiled worker workers/NAME.js, looked for beside this module's tree, then in dist/. */
export function workerFile(name: WorkerName): string {
  for (const relative of [`../../workers/${name}.js`, `../../dist/workers/${name}.js`]) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new InputError(`the worker dist/workers/${name}.js is missing: run \`npm run build\` (npm ci runs it) before tracking with more than one worker`);
}

/**
 * A task that failed in a worker thread: the thread died under it (its message says so), or the
 * task threw there. A task that fails in the main thread throws its own error instead.
 */
export class WorkerFailure extends Error {
  override readonly name = 'WorkerFailure';
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

export interface WorkerPoolOptions {
  readonly worker: WorkerName;
  /** Worker threads; at most 1 runs every task in the main thread. */
  readonly threads: number;
  /** Sent once to every worker (its job); absent for a pool whose tasks carry their job. */
  readonly workerData?: unknown;
  /** Main-thread seconds of tasks before the threads start (default 0: at the first task). */
  readonly startAfterSeconds?: number;
  /** Tasks in flight per thread once the threads run, so none waits for the main thread. */
  readonly inFlightPerThread?: number;
}

export class WorkerPool<Task, Out> {
  private pool: Piscina | undefined;
  private inlineSeconds = 0;
  /** True once any task came back: the pool works, so a task that keeps failing is the task's fault. */
  delivered = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  get threads(): number {
    return Math.max(1, this.options.threads);
  }

  /** True while the worker threads run. */
  get started(): boolean {
    return this.pool !== undefined;
  }

  /** True once the worker threads have run, even if closed since. */
  everStarted = false;

  /** Tasks worth keeping in flight now: one in the main thread, a few per thread once they run. */
  get slots(): number {
    if (this.options.threads <= 1) return 1;
    return this.pool || (this.options.startAfterSeconds ?? 0) <= 0 ? (this.options.inFlightPerThread ?? 2) * this.options.threads : 1;
  }

  /**
   * Runs `task` in a worker thread, or in this thread through `inline` (the same code the
   * worker runs) while the threads have not started.
   */
  async run(task: Task, inline: (task: Task) => Out): Promise<Out> {
    const { threads, startAfterSeconds = 0, worker, workerData } = this.options;
    if (!this.pool && threads > 1 && this.inlineSeconds >= startAfterSeconds) {
      this.everStarted = true;
      this.pool = new Piscina({
        filename: workerFile(worker),
        ...(workerData === undefined ? {} : { workerData }),
        minThreads: threads,
        maxThreads: threads,
        idleTimeout: Infinity,
      });
    }
    if (this.pool) {
      // Copied, not transferred: a detached buffer would slow this isolate's typed-array code (workers/track.ts).
      let out: Out;
      try {
        out = (await this.pool.run(task)) as Out;
      } catch (err) {
        throw new WorkerFailure(err);
      }
      this.delivered = true;
      return out;
    }
    // Yield first, so that signals, timers and progress output run between tasks.
    await new Promise((resolve) => setImmediate(resolve));
    const began = performance.now();
    const out = inline(task);
    this.inlineSeconds += (performance.now() - began) / 1000;
    this.delivered = true;
    return out;
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}
