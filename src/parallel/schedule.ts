/**
 * Feeds paths to a BatchRunner in batches, keeps a few batches in flight, and survives
 * workers that die: a batch whose worker died is run again; on its second failure it is split
 * into single paths, so that one bad path cannot take its neighbours down with it; a path
 * whose runs failed MAX_ATTEMPTS times is reported as failed, with the reason, and not tried
 * again. Results arrive in completion order; the caller files them by path index.
 */
import type { PresetName } from '../track/presets.js';
import type { PathResult } from '../track/pathResult.js';
import type { BatchRunner } from './trackTasks.js';
import { failedPath } from '../track/pathResult.js';
import { unpackBatch } from './records.js';

export const MAX_ATTEMPTS = 3;

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

interface Pending {
  indices: number[];
  attempt: number;
}

/**
 * Tracks every path in `indices`, or fewer when the signal stops it: the caller counts what
 * onBatch delivered.
 */
export async function runPaths(runner: BatchRunner, indices: Iterable<number>, options: ScheduleOptions): Promise<void> {
  const source = indices[Symbol.iterator]();
  const retries: Pending[] = [];
  let exhausted = false;
  let fatal: Error | undefined;
  const next = (): Pending | undefined => {
    const retry = retries.shift();
    if (retry || exhausted) return retry;
    const batch: number[] = [];
    while (batch.length < options.batchSize) {
      const r = source.next();
      if (r.done) {
        exhausted = true;
        break;
      }
      batch.push(r.value);
    }
    return batch.length > 0 ? { indices: batch, attempt: 0 } : undefined;
  };

  const inFlight = new Set<Promise<void>>();
  const launch = (p: Pending): void => {
    const task = { attempt: p.attempt, preset: options.preset, indices: Float64Array.from(p.indices) };
    const done = runner.run(task).then(
      (packed) => deliver(unpackBatch(packed)),
      (err: unknown) => recover(p, err),
    );
    const tracked = done.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  // A failing onBatch (a full disk under the checkpoint, say) stops the run once in-flight batches settle.
  const deliver = (results: PathResult[]): void => {
    try {
      options.onBatch(results);
    } catch (err) {
      fatal ??= err instanceof Error ? err : new Error(String(err));
    }
  };
  const recover = (p: Pending, err: unknown): void => {
    const attempt = p.attempt + 1;
    const message = err instanceof Error ? err.message : String(err);
    if (attempt < MAX_ATTEMPTS) {
      if (attempt === 1 || p.indices.length === 1) retries.push({ indices: p.indices, attempt });
      else for (const i of p.indices) retries.push({ indices: [i], attempt });
      return;
    }
    // A pool that never tracked anything is broken (a missing or stale build, say): say so
    // rather than report every path failed.
    if (!runner.delivered) {
      fatal ??= new Error(`no batch of paths could be tracked: ${message}`);
      return;
    }
    deliver(p.indices.map((i) => failedPath(i, options.startOf(i), 'worker_died', `${MAX_ATTEMPTS} times (${message})`, options.preset)));
  };

  for (;;) {
    while (inFlight.size < runner.slots && !options.signal?.aborted && !fatal) {
      const p = next();
      if (!p) break;
      launch(p);
    }
    if (inFlight.size === 0) break;
    await Promise.race(inFlight);
  }
  if (fatal) throw fatal;
}
