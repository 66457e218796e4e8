/**
 * The coordinator's side of the queue: units enqueued as BullMQ jobs (the job id is the unit
 * id, so enqueueing a unit that is already there, waiting, running or done, adds nothing),
 * then watched until every one is done, each result handed over once. A coordinator killed
 * and started again with the same command enqueues the same ids and picks up the results the
 * workers finished meanwhile. A unit whose job failed on every attempt stops the run with its
 * reason; started again, the coordinator retries it.
 */
import { Queue, type Job } from 'bullmq';
import type { Unit, UnitProgress, UnitResult } from './units.js';
import { checkRedis, QUEUE_NAME } from './redis.js';

export interface QueueProgress {
  /** Units whose result is in, of all units of this run. */
  readonly done: number;
  readonly total: number;
  /** Units a worker is running now, and their own progress. */
  readonly running: readonly { readonly id: string; readonly progress?: UnitProgress }[];
  readonly waiting: number;
}

export interface RunOnQueueOptions {
  readonly url: string;
  /** Called once per unit when its result is in (in completion order). */
  readonly onResult: (unit: Unit, result: UnitResult) => void | Promise<void>;
  readonly onProgress?: (p: QueueProgress) => void;
  readonly signal?: AbortSignal;
  /** Attempts per unit before its job fails (default 3; a stalled job, one whose worker died, is retried besides). */
  readonly attempts?: number;
  /** Remove each job once its result is handed over (default true); otherwise all at the end. */
  readonly removeEach?: boolean;
  readonly pollMilliseconds?: number;
}

export class UnitFailedError extends Error {
  override readonly name = 'UnitFailedError';
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A unit's expected cost, to order the queue: for a study's architecture, its weights times
 * the monomials of their degree-(2H+1) gradient (a proxy for its critical points), times its
 * data points; for paths, their number.
 */
export function unitCost(u: Unit): number {
  if (u.kind === 'solve') return u.range[1] - u.range[0];
  // A shape's weights times the monomials of their degree-(2H+1) gradient, as a study's architecture.
  if (u.kind === 'components') {
    const widths = u.shape.split('-').map(Number);
    const weights = widths.slice(1).reduce((s, d, l) => s + d * widths[l]!, 0);
    return weights * (2 * (widths.length - 2) + 1) ** weights * (u.network.X?.[0]?.length ?? u.network.points ?? 1) * u.components.length;
  }
  const a = (u.study['architectures'] as { dims: number[]; points?: number }[])[u.arch]!;
  const weights = a.dims.slice(1).reduce((s, d, l) => s + d * a.dims[l]!, 0);
  return weights * (2 * (a.dims.length - 2) + 1) ** weights * (a.points ?? 1);
}

/** Runs the units on the queue at `url`; false when the signal stopped the wait (the jobs go on). */
export async function runUnitsOnQueue(units: readonly Unit[], options: RunOnQueueOptions): Promise<boolean> {
  const connection = await checkRedis(options.url);
  const queue = new Queue(QUEUE_NAME, { connection });
  queue.on('error', () => {});
  const removeEach = options.removeEach ?? true;
  try {
    // Larger units first (a study's biggest architectures), so that no big unit starts last while the other workers idle.
    const order = new Map([...units].sort((a, b) => unitCost(b) - unitCost(a)).map((u, k) => [u.id, k + 1]));
    const jobOptions = (u: Unit) => ({
      jobId: u.id,
      attempts: options.attempts ?? 3,
      backoff: { type: 'fixed' as const, delay: 1000 },
      removeOnComplete: false,
      removeOnFail: false,
      priority: Math.min(order.get(u.id) ?? 1, 2_000_000),
    });
    await queue.addBulk(units.map((u) => ({ name: u.kind, data: u, opts: jobOptions(u) })));
    // Jobs that failed in an earlier run of this command are tried again: running it again asks for that.
    for (const u of units) {
      const job = await queue.getJob(u.id);
      if (job && (await job.getState()) === 'failed') await job.retry('failed');
    }
    const pending = new Map(units.map((u) => [u.id, u]));
    const finished: Job[] = [];
    while (pending.size > 0) {
      if (options.signal?.aborted) return false;
      const running: { id: string; progress?: UnitProgress }[] = [];
      let waiting = 0;
      for (const [id, unit] of pending) {
        let job = await queue.getJob(id);
        if (!job) {
          // Removed behind our back (by hand, or an obliterated queue): enqueue it again.
          await queue.add(unit.kind, unit, jobOptions(unit));
          waiting++;
          continue;
        }
        const state = await job.getState();
        if (state === 'completed') {
          // The job was read before its state: read it again for the result it completed with.
          job = (await queue.getJob(id)) ?? job;
          const result = job.returnvalue as UnitResult | null | undefined;
          if (!result || typeof result !== 'object')
            throw new UnitFailedError(`unit ${id} completed without a result; remove its job (or the queue) and run the same command again`);
          await options.onResult(unit, result);
          pending.delete(id);
          if (removeEach) await job.remove();
          else finished.push(job);
        } else if (state === 'failed') {
          job = (await queue.getJob(id)) ?? job;
          throw new UnitFailedError(
            `unit ${id} failed on every attempt (${job.attemptsMade}): ${job.failedReason}; fix the cause and run the same command again to retry it`,
          );
        } else if (state === 'active') {
          const progress = job.progress;
          running.push({ id, ...(progress && typeof progress === 'object' ? { progress: progress as unknown as UnitProgress } : {}) });
        } else waiting++;
      }
      options.onProgress?.({ done: units.length - pending.size, total: units.length, running, waiting });
      if (pending.size > 0) await sleep(options.pollMilliseconds ?? 250);
    }
    for (const job of finished) await job.remove();
    return true;
  } finally {
    await queue.close();
  }
}
