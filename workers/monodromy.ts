/**
 * The piscina worker that sends solutions around monodromy loops. Its job (program, base
 * point p0, tracker settings) arrives once, as workerData; each task is a chunk of (loop,
 * solution) pairs with the loops it needs, and the outcomes go back packed in one
 * Float64Array, transferred rather than copied.
 */
import { workerData } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { LoopRunner, type LoopChunk, type MonodromyJob } from '../src/parallel/monodromyJob.js';

const runner = new LoopRunner(workerData as MonodromyJob);

export default function trackLoops(chunk: LoopChunk): unknown {
  const packed = runner.runChunk(chunk);
  return move({
    get [transferableSymbol]() {
      return [packed.buffer];
    },
    get [valueSymbol]() {
      return packed;
    },
  });
}
