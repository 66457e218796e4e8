/**
 * Solve's tasks: a batch of path indices tracked with one preset, and its records packed in
 * one Float64Array. The worker (workers/track.ts) and the main thread run `runBatch` alike.
 */
import type { PathResult } from '../track/pathResult.js';
import type { PresetName } from '../track/presets.js';
import { JobRunner } from '../paths/starts.js';
import type { TrackJob } from '../paths/job.js';
import { POOL_AFTER_SECONDS } from './loopPool.js';
import { WorkerPool } from './pool.js';
import { packBatch, type PackedBatch } from './records.js';

/** One batch of paths: start-solution indices, tracked with one preset. */
export interface BatchTask {
  /** How many times these paths were started before (0 on their first run). */
  readonly attempt: number;
  readonly preset: PresetName;
  readonly indices: Float64Array;
}

export function runBatch(runner: JobRunner, task: BatchTask): PackedBatch {
  const results: PathResult[] = [];
  for (const index of task.indices) results.push(runner.trackPath(index, task.preset));
  return packBatch(runner.paths.n, results);
}

/**
 * Where one job's batches run: `workers` threads, or the main thread when one worker is asked
 * for (the job is compiled there only then). The threads start once the main thread has
 * tracked for `startAfterSeconds` (default POOL_AFTER_SECONDS, as monodromy's loops): a small
 * solve (katsura7's 128 paths, 0.24 s) never pays the ~0.2 s of starting them.
 */
export class BatchRunner {
  readonly pool: WorkerPool<BatchTask, PackedBatch>;
  private inline: JobRunner | undefined;

  constructor(
    readonly job: TrackJob,
    workers: number,
    startAfterSeconds = POOL_AFTER_SECONDS,
  ) {
    this.pool = new WorkerPool({ worker: 'track', threads: workers, workerData: job, startAfterSeconds });
  }

  /** A batch tracked in the main thread, the job compiled there on first use. */
  runInline(task: BatchTask): PackedBatch {
    return runBatch((this.inline ??= new JobRunner(this.job)), task);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
