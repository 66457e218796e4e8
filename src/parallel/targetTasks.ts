/**
 * Tracking to many targets in the worker pool: one task per target (every source solution
 * carried to it), its path records packed. The outcome of a task does not depend on where it ran.
 */
import { TargetRunner, type TargetJob } from '../paths/targets.js';
import type { PathResult } from '../track/pathResult.js';
import { POOL_AFTER_SECONDS } from './loopPool.js';
import { WorkerPool } from './pool.js';
import { packBatch, unpackBatch, type PackedBatch } from './records.js';

export interface TargetTask {
  readonly t: number;
  readonly target: Float64Array;
}

export function runTarget(runner: TargetRunner, task: TargetTask): PackedBatch {
  return packBatch(runner.compiled.nvars, runner.track(task.t, task.target));
}

/**
 * The paths to every target, in target order, tracked in `workers` threads (one: the main
 * thread, by `runner`, whose job the threads get). The threads start after `startAfterSeconds` of main-thread tracking (as monodromy's
 * loops: a component with a handful of points and targets ends before threads would start).
 */
export async function trackTargets(runner: TargetRunner, targets: readonly Float64Array[], workers: number, startAfterSeconds = POOL_AFTER_SECONDS): Promise<PathResult[][]> {
  const job: TargetJob = runner.job;
  const pool = new WorkerPool<TargetTask, PackedBatch>({ worker: 'targets', threads: Math.min(workers, targets.length), workerData: job, startAfterSeconds });
  const out: PathResult[][] = new Array(targets.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const t = next++;
      const packed = await pool.run({ t, target: targets[t]! }, (task) => runTarget(runner, task));
      out[t] = unpackBatch(packed);
    }
  };
  try {
    // As many loops as tasks to keep in flight once the threads run (in the main thread they take turns).
    await Promise.all(Array.from({ length: 2 * pool.threads }, worker));
  } finally {
    await pool.close();
  }
  return out;
}
