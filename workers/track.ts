/**
 * The piscina worker that tracks batches of paths. Its job (program, start system, γ,
 * limits) arrives once, as workerData; each task is a batch of start-solution indices, and
 * the batch's records go back packed in one Float64Array.
 *
 * The array is copied, not transferred. Transferring detaches an ArrayBuffer, and the first
 * detach in an isolate invalidates V8's "ArrayBuffer detaching" protector: from then on all
 * optimized code checks every typed-array access for a detached buffer, and the tracker, which
 * is typed-array access all the way down, ran 20 % slower in the worker (dln_2-2-2 paths
 * 1–1499 in one worker: 5.16–5.49 s transferring, 4.35–4.53 s copying; benchmarks/RESULTS.md).
 * A batch's records are some 20 KB: copying them costs microseconds.
 *
 * Test hook: CRITSOLVE_TEST_WORKER_EXIT=K makes the worker exit when it starts a batch that
 * holds path K for the first time (K:always: on every attempt), to exercise the recovery.
 */
import { workerData } from 'node:worker_threads';
import type { TrackJob } from '../src/paths/job.js';
import { JobRunner } from '../src/paths/starts.js';
import type { PackedBatch } from '../src/parallel/records.js';
import { runBatch, type BatchTask } from '../src/parallel/trackTasks.js';

const runner = new JobRunner(workerData as TrackJob);
const [exitPath, exitMode] = (process.env.CRITSOLVE_TEST_WORKER_EXIT ?? '').split(':');

export default function trackBatch(task: BatchTask): PackedBatch {
  if (exitPath && task.indices.includes(Number(exitPath)) && (task.attempt === 0 || exitMode === 'always')) {
    process.exit(70);
  }
  return runBatch(runner, task);
}
