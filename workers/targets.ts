/**
 * The piscina worker that carries a source's solutions to targets (solve/trackParameters). Its
 * job arrives once, as workerData; each task is a few targets, and its path records go back packed,
 * copied (workers/track.ts says why not transferred).
 *
 * Test hook: CRITSOLVE_TEST_WORKER_EXIT=K makes the worker exit when it starts a task that holds
 * target K for the first time (exitIfTestHook).
 */
import { workerData } from 'node:worker_threads';
import { runTarget, type TargetTask } from '../src/parallel/targetTasks.js';
import { exitIfTestHook } from '../src/parallel/taskRunner.js';
import type { PackedBatch } from '../src/parallel/records.js';
import { TargetRunner, type TargetJob } from '../src/paths/targets.js';

const runner = new TargetRunner(workerData as TargetJob);

export default function trackTarget(task: TargetTask): PackedBatch[] {
  exitIfTestHook(task.ts, task.attempt);
  return runTarget(runner, task);
}
