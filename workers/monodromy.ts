/**
 * The piscina worker that sends solutions around monodromy loops. Its job (program, base
 * point p0, tracker settings) arrives once, as workerData, or, in a pool shared by several runs
 * (a network's components), with every chunk under the run's id, in shared memory, decoded and
 * compiled on first sight and kept; each task is a chunk of (loop, solution) pairs with the loops it needs, and the
 * outcomes go back packed in one Float64Array, copied: transferring it would detach buffers in
 * this isolate and slow down all its typed-array code (see workers/track.ts).
 */
import { workerData } from 'node:worker_threads';
import { decodeJob, LoopRunner, type LoopChunk, type MonodromyJob } from '../src/parallel/monodromyJob.js';

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
  return runnerFor(chunk).runChunk(chunk);
}
