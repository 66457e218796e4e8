/**
 * Tracking to many targets in the worker pool, through the retrying TaskRunner: one task per few
 * targets (every source solution carried to each), its path records packed. The outcome of a
 * task does not depend on where it ran, nor on how often its worker died under it.
 */
import { TargetRunner, type TargetJob } from '../paths/targets.js';
import { failedPath, type PathResult } from '../track/pathResult.js';
import { POOL_AFTER_SECONDS } from './loopPool.js';
import { WorkerPool } from './pool.js';
import { packBatch, unpackBatch, type PackedBatch } from './records.js';
import { TaskRunner, type Attempted, type Done } from './taskRunner.js';

/** A few targets, by number and parameters: a task carries enough paths to outweigh its messages. */
export interface TargetTask extends Attempted {
  readonly ts: readonly number[];
  readonly targets: readonly Float64Array[];
}

/** Each target's paths, packed, in the task's order. */
export function runTarget(runner: TargetRunner, task: TargetTask): PackedBatch[] {
  return task.ts.map((t, k) => packBatch(runner.compiled.nvars, runner.track(t, task.targets[k]!)));
}

/** Every source solution's path to each target of a task given up: failed, cause worker_died. */
function failedTargets(job: TargetJob, task: TargetTask, detail: string): PackedBatch[] {
  const n = job.program.nvars;
  const count = job.solutions.length / (2 * n);
  const paths = Array.from({ length: count }, (_, i) =>
    failedPath(i, job.solutions.subarray(2 * n * i, 2 * n * (i + 1)), 'worker_died', detail, job.settings.preset),
  );
  return task.ts.map(() => packBatch(n, paths));
}

/**
 * Paths per task to aim at: with one orbit of a few solutions per target, a task per target
 * spent more on messages than on tracking (2-2-2 components have 1 to 8 orbits).
 */
const PATHS_PER_TASK = 64;

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
export async function trackTargets(
  runner: TargetRunner,
  targets: readonly Float64Array[],
  workers: number,
  startAfterSeconds = POOL_AFTER_SECONDS,
  hooks: TrackTargetsHooks = {},
): Promise<(PathResult[] | undefined)[]> {
  const job: TargetJob = runner.job;
  const out: (PathResult[] | undefined)[] = targets.map((_, t) => hooks.known?.get(t));
  const todo = targets.flatMap((_, t) => (out[t] === undefined ? [t] : []));
  const perTask = Math.max(1, Math.ceil(PATHS_PER_TASK / Math.max(1, runner.solutionCount)));
  const tasks: TargetTask[] = [];
  for (let k = 0; k < todo.length; k += perTask) {
    const ts = todo.slice(k, k + perTask);
    tasks.push({ attempt: 0, ts, targets: ts.map((t) => targets[t]!) });
  }
  const pool = new WorkerPool<TargetTask, PackedBatch[]>({
    worker: 'targets',
    threads: Math.max(1, Math.min(workers, tasks.length)),
    workerData: job,
    startAfterSeconds,
  });
  const taskRunner = new TaskRunner(pool, {
    what: 'target',
    inline: (task) => runTarget(runner, task),
    split: (task) => task.ts.map((t, k) => ({ ...task, ts: [t], targets: [task.targets[k]!] })),
    failed: (task, detail) => failedTargets(job, task, detail),
  });
  const file = ({ task, out: packed }: Done<TargetTask, PackedBatch[]>): void =>
    task.ts.forEach((t, k) => {
      const paths = unpackBatch(packed[k]!);
      out[t] = paths;
      hooks.onTracked?.(t, paths);
    });
  try {
    await taskRunner.runAll(tasks, file, hooks.signal);
  } finally {
    await pool.close();
  }
  return out;
}
