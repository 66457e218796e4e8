/**
 * The piscina worker that sends solutions around monodromy loops. Its job (program, base
 * point p0, tracker settings) arrives once, as workerData, or, in a pool shared by several runs
 * (a network's components), with every chunk under the run's id, in shared memory, decoded and
 * compiled on first sight and kept. The outcomes go back packed in one Float64Array, copied:
 * transferring it would detach buffers in this isolate and slow down all its typed-array code
 * (see workers/track.ts).
 *
 * Test hook: CRITSOLVE_TEST_WORKER_EXIT=K makes the worker exit when it starts a chunk around loop
 * K for the first time (exitIfTestHook).
 */
import { workerData } from 'node:worker_threads';
import { decodeJob, runChunk, type LoopChunk } from '../src/parallel/loopPool.js';
import { exitIfTestHook } from '../src/parallel/taskRunner.js';
import { LoopRunner, type MonodromyJob } from '../src/paths/loops.js';

const own = workerData ? new LoopRunner(workerData as MonodromyJob) : undefined;
const runners = new Map<number, LoopRunner>();

function runnerFor(chunk: LoopChunk): LoopRunner {
  if (chunk.jobId === undefined || !chunk.jobBlob) {
    if (!own) throw new Error('a chunk without its job reached a shared monodromy worker');
    return own;
  }
  let runner = runners.get(chunk.jobId);
  if (!runner) {
    runner = new LoopRunner(decodeJob(chunk.jobBlob));
    runners.set(chunk.jobId, runner);
  }
  return runner;
}

export default function trackLoops(chunk: LoopChunk): Float64Array {
  exitIfTestHook(
    chunk.loops.map((l) => l.id),
    chunk.attempt,
  );
  const runner = runnerFor(chunk);
  return runChunk(runner, runner.job.program.nvars, chunk);
}
