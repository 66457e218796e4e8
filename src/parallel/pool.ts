/**
 * Where batches run: a piscina pool of worker threads, or the main thread itself when one
 * worker is asked for. Both run the same JobRunner code, so results do not depend on which.
 *
 * The pool loads the compiled worker dist/workers/track.js. From dist/ it sits next to this
 * module's tree; when this module runs from src/ (under vitest) the build is used, so tests
 * of the pool need `npm run build` first (`npm ci` runs it through `prepare`).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { JobRunner, type BatchTask, type TrackJob } from './job.js';
import type { PackedBatch } from './records.js';

export interface BatchRunner {
  /** Batches to keep in flight so that no worker waits for the main thread. */
  readonly slots: number;
  /** True once any batch came back: the runner works, so a batch that keeps failing is the batch's fault. */
  readonly delivered: boolean;
  run(task: BatchTask): Promise<PackedBatch>;
  close(): Promise<void>;
}

/** The compiled worker workers/NAME.js, looked for beside this module's tree, then in dist/. */
export function workerFile(name: 'track' | 'monodromy' = 'track'): string {
  for (const relative of [`../../workers/${name}.js`, `../../dist/workers/${name}.js`]) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(`the worker dist/workers/${name}.js is missing: run \`npm run build\` (npm ci runs it) before tracking with more than one worker`);
}

class PoolRunner implements BatchRunner {
  readonly slots: number;
  delivered = false;
  private readonly pool: Piscina;

  constructor(job: TrackJob, workers: number) {
    this.slots = 2 * workers;
    this.pool = new Piscina({ filename: workerFile(), workerData: job, minThreads: workers, maxThreads: workers, idleTimeout: Infinity });
  }

  async run(task: BatchTask): Promise<PackedBatch> {
    // Copied, not transferred: a detached buffer would slow this isolate's typed-array code (workers/track.ts).
    const packed = (await this.pool.run(task)) as PackedBatch;
    this.delivered = true;
    return packed;
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

class InlineRunner implements BatchRunner {
  readonly slots = 1;
  delivered = false;
  private readonly runner: JobRunner;

  constructor(job: TrackJob) {
    this.runner = new JobRunner(job);
  }

  async run(task: BatchTask): Promise<PackedBatch> {
    // Yield first, so that signals, timers and progress output run between batches.
    await new Promise((resolve) => setImmediate(resolve));
    const packed = this.runner.runBatch(task);
    this.delivered = true;
    return packed;
  }

  async close(): Promise<void> {}
}

/** A runner with the given number of worker threads; one worker runs in the main thread. */
export function batchRunner(job: TrackJob, workers: number): BatchRunner {
  return workers <= 1 ? new InlineRunner(job) : new PoolRunner(job, workers);
}
