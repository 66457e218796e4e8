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

/** Targets already tracked (a resumed run), what to do with each one finished, and a stop. */
export interface TrackTargetsHooks {
  /** Paths of targets tracked before (read from a checkpoint): these are not tracked again. */
  readonly known?: ReadonlyMap<number, PathResult[]>;
  /** Called once per target tracked here, in the order they finish (to checkpoint them). */
  readonly onTracked?: (t: number, paths: PathResult[]) => void;
  /** Once aborted, no further target is started; the targets in flight are finished. */
  readonly signal?: AbortSignal;
}

/**
 * The paths to every target, in target order, tracked in `workers` threads (one: the main
 * thread, by `runner`, whose job the threads get). The threads start after `startAfterSeconds` of main-thread tracking (as monodromy's
 * loops: a component with a handful of points and targets ends before threads would start).
 * A target left untracked by the signal is `undefined`.
 */
export async function trackTargets(runner: TargetRunner, targets: readonly Float64Array[], workers: number, startAfterSeconds = POOL_AFTER_SECONDS, hooks: TrackTargetsHooks = {}): Promise<(PathResult[] | undefined)[]> {
  const job: TargetJob = runner.job;
  const out: (PathResult[] | undefined)[] = targets.map((_, t) => hooks.known?.get(t));
  const todo = targets.flatMap((_, t) => (out[t] === undefined ? [t] : []));
  const pool = new WorkerPool<TargetTask, PackedBatch>({ worker: 'targets', threads: Math.max(1, Math.min(workers, todo.length)), workerData: job, startAfterSeconds });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length && !hooks.signal?.aborted) {
      const t = todo[next++]!;
      const packed = await pool.run({ t, target: targets[t]! }, (task) => runTarget(runner, task));
      const paths = unpackBatch(packed);
      out[t] = paths;
      hooks.onTracked?.(t, paths);
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
