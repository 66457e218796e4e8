/**
 * Feeds paths to a BatchRunner in batches, a few in flight, through the retrying TaskRunner: a
 * batch whose worker died is run again, split into single paths on its second failure, and a
 * path whose runs failed MAX_ATTEMPTS times is reported as failed, with the reason, and not
 * tried again. Results arrive in completion order; the caller files them by path index.
 */
import type { PresetName } from '../track/presets.js';
import type { PathResult } from '../track/pathResult.js';
import type { BatchRunner, BatchTask } from './trackTasks.js';
import { failedPath } from '../track/pathResult.js';
import { packBatch, unpackBatch, type PackedBatch } from './records.js';
import { TaskRunner } from './taskRunner.js';

export interface ScheduleOptions {
  preset: PresetName;
  batchSize: number;
  /** Stops starting batches; those in flight are finished and delivered. */
  signal?: AbortSignal;
  /** Recomputes a start point, for paths that are reported failed without being tracked. */
  startOf: (index: number) => Float64Array;
  /** Called once per finished batch, in completion order. */
  onBatch: (results: PathResult[]) => void;
}

function* batches(indices: Iterable<number>, options: ScheduleOptions): Generator<BatchTask> {
  let batch: number[] = [];
  for (const index of indices) {
    batch.push(index);
    if (batch.length < options.batchSize) continue;
    yield { attempt: 0, preset: options.preset, indices: Float64Array.from(batch) };
    batch = [];
  }
  if (batch.length > 0) yield { attempt: 0, preset: options.preset, indices: Float64Array.from(batch) };
}

/**
 * Tracks every path in `indices`, or fewer when the signal stops it: the caller counts what
 * onBatch delivered.
 */
export async function runPaths(runner: BatchRunner, indices: Iterable<number>, options: ScheduleOptions): Promise<void> {
  const tasks = new TaskRunner<BatchTask, PackedBatch>(runner.pool, {
    what: 'batch of paths',
    inline: (task) => runner.runInline(task),
    split: (task) => Array.from(task.indices, (i) => ({ ...task, indices: Float64Array.of(i) })),
    failed: (task, detail) =>
      packBatch(
        runner.job.program.nvars,
        Array.from(task.indices, (i) => failedPath(i, options.startOf(i), 'worker_died', detail, task.preset)),
      ),
  });
  await tasks.runAll(batches(indices, options), ({ out }) => options.onBatch(unpackBatch(out)), options.signal);
}
