/**
 * `critsolve worker`: takes units from the queue and runs each in a thread of its own
 * (unitThread.ts), with its own tracking threads. BullMQ holds a lock on every job a worker
 * runs and renews it from this process's event loop; a worker that dies (SIGKILL, a machine
 * lost) stops renewing, and after `stallSeconds` another worker's stall check puts the job
 * back to be run again. Units are pure, so a unit run twice gives the same result.
 */
import { Worker as ThreadWorker } from 'node:worker_threads';
import { Worker, type Job } from 'bullmq';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkRedis, QUEUE_NAME } from './redis.js';
import type { Unit, UnitProgress, UnitResult } from './units.js';

export interface QueueWorkerOptions {
  readonly url: string;
  /** Units run at once (default 1). */
  readonly concurrency?: number;
  /** Tracking threads of each unit (default 1). */
  readonly workers?: number;
  /** A job whose worker has not renewed its lock for this long is run again elsewhere (default 30). */
  readonly stallSeconds?: number;
  /** One line per unit started and finished. */
  readonly log?: (line: string) => void;
  /** Once aborted, no new unit starts; the units in flight finish. */
  readonly signal?: AbortSignal;
}

/** The compiled thread entry beside this module (dist/src/queue/unitThread.js). */
function unitThreadFile(): string {
  const file = fileURLToPath(new URL('./unitThread.js', import.meta.url));
  if (!existsSync(file)) throw new Error(`the unit thread ${file} is missing: run \`npm run build\` (npm ci runs it); queue workers run from dist/`);
  return file;
}

/**
 * A thread that runs units one at a time (a worker slot). Its modules load once; a thread that
 * dies is replaced by a new one for the next unit.
 */
export class UnitThread {
  private thread: ThreadWorker | undefined;
  private pending: { resolve: (r: UnitResult) => void; reject: (e: Error) => void; onProgress?: (p: UnitProgress) => void } | undefined;

  constructor(private readonly workers: number) {}

  private start(): ThreadWorker {
    const thread = new ThreadWorker(unitThreadFile());
    thread.on('message', (m: { progress?: UnitProgress; result?: UnitResult; error?: string }) => {
      const p = this.pending;
      if (!p) return;
      if (m.progress) p.onProgress?.(m.progress);
      else if (m.result) {
        this.pending = undefined;
        p.resolve(m.result);
      } else if (m.error !== undefined) {
        this.pending = undefined;
        p.reject(new Error(m.error));
      }
    });
    const lost = (why: string): void => {
      this.thread = undefined;
      const p = this.pending;
      this.pending = undefined;
      p?.reject(new Error(why));
    };
    thread.on('error', (e) => lost(`the unit's thread failed: ${e.message}`));
    thread.on('exit', (code) => lost(`the unit's thread stopped (exit code ${code}) before it returned a result`));
    return thread;
  }

  run(unit: Unit, onProgress?: (p: UnitProgress) => void): Promise<UnitResult> {
    if (this.pending) return Promise.reject(new Error('a unit thread runs one unit at a time'));
    this.thread ??= this.start();
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, ...(onProgress ? { onProgress } : {}) };
      this.thread!.postMessage({ unit, workers: this.workers });
    });
  }

  async close(): Promise<void> {
    const t = this.thread;
    this.thread = undefined;
    await t?.terminate();
  }
}

/** Takes and runs units until the signal is aborted; resolves once the units in flight are done. */
export async function runQueueWorker(options: QueueWorkerOptions): Promise<{ ran: number; failed: number }> {
  const connection = await checkRedis(options.url);
  const log = options.log ?? (() => {});
  const threads = options.workers ?? 1;
  const stall = (options.stallSeconds ?? 30) * 1000;
  let ran = 0;
  let failed = 0;
  // One thread per slot, reused unit after unit.
  const idle = Array.from({ length: options.concurrency ?? 1 }, () => new UnitThread(threads));
  const all = [...idle];
  const worker = new Worker(
    QUEUE_NAME,
    async (job: Job) => {
      const unit = job.data as Unit;
      const began = performance.now();
      log(
        `worker: running ${unit.id}${job.attemptsMade > 0 || (job.stalledCounter ?? 0) > 0 ? ` (again: ${job.attemptsMade} failed attempt(s), ${job.stalledCounter ?? 0} stalled)` : ''}`,
      );
      let last = 0;
      const slot = idle.pop() ?? new UnitThread(threads);
      let result: UnitResult;
      try {
        result = await slot.run(unit, (p) => {
          // Progress crosses Redis: at most a few updates a second.
          const now = performance.now();
          if (now - last < 500) return;
          last = now;
          void job.updateProgress(p as unknown as Record<string, unknown>).catch(() => {});
        });
      } finally {
        idle.push(slot);
        if (!all.includes(slot)) all.push(slot);
      }
      ran++;
      log(`worker: done ${unit.id} in ${((performance.now() - began) / 1000).toFixed(1)} s`);
      return result;
    },
    { connection, concurrency: options.concurrency ?? 1, lockDuration: stall, stalledInterval: stall, maxStalledCount: 5, autorun: true },
  );
  worker.on('error', () => {});
  worker.on('failed', (job, error) => {
    failed++;
    log(`worker: unit ${job?.id ?? '?'} failed: ${error.message}`);
  });
  await new Promise<void>((resolve) => {
    if (options.signal?.aborted) resolve();
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  await worker.close();
  await Promise.all(all.map((t) => t.close()));
  return { ran, failed };
}
