/**
 * The piscina worker that tracks batches of paths. Its job (program, start degrees, γ,
 * limits) arrives once, as workerData; each task is a batch of start-solution indices, and
 * the batch's records go back packed in one Float64Array, transferred rather than copied.
 *
 * Test hook: CRITSOLVE_TEST_WORKER_EXIT=K makes the worker exit when it starts a batch that
 * holds path K for the first time (K:always: on every attempt), to exercise the recovery.
 */
import { workerData } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { JobRunner, type BatchTask, type TrackJob } from '../src/parallel/job.js';

const runner = new JobRunner(workerData as TrackJob);
const [exitPath, exitMode] = (process.env.CRITSOLVE_TEST_WORKER_EXIT ?? '').split(':');

export default function trackBatch(task: BatchTask): unknown {
  if (exitPath && task.indices.includes(Number(exitPath)) && (task.attempt === 0 || exitMode === 'always')) {
    process.exit(70);
  }
  const packed = runner.runBatch(task);
  return move({
    get [transferableSymbol]() {
      return [packed.numbers.buffer];
    },
    get [valueSymbol]() {
      return packed;
    },
  });
}
