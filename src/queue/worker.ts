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

/** Runs one unit in its own thread. */
export function runUnitInThread(unit: Unit, workers: number, onProgress?: (p: UnitProgress) => void): Promise<UnitResult> {
  return new Promise((resolve, reject) => {
    const thread = new ThreadWorker(unitThreadFile(), { workerData: { unit, workers } });
    let settled = false;
    thread.on('message', (m: { progress?: UnitProgress; result?: UnitResult; error?: string }) => {
      if (m.progress) onProgress?.(m.progress);
      else if (m.result) {
        settled = true;
        resolve(m.result);
        void thread.terminate();
      } else if (m.error !== undefined) {
        settled = true;
        reject(new Error(m.error));
        void thread.terminate();
      }
    });
    thread.on('error', (e) => {
      if (!settled) reject(e);
      settled = true;
    });
    thread.on('exit', (code) => {
      if (!settled) reject(new Error(`the unit's thread stopped (exit code ${code}) before it returned a result`));
      settled = true;
    });
  });
}

/** Takes and runs units until the signal is aborted; resolves once the units in flight are done. */
export async function runQueueWorker(options: QueueWorkerOptions): Promise<{ ran: number; failed: number }> {
  const connection = await checkRedis(options.url);
  const log = options.log ?? (() => {});
  const threads = options.workers ?? 1;
  const stall = (options.stallSeconds ?? 30) * 1000;
  let ran = 0;
  let failed = 0;
  const worker = new Worker(
    QUEUE_NAME,
    async (job: Job) => {
      const unit = job.data as Unit;
      const began = performance.now();
      log(`worker: running ${unit.id}${job.attemptsMade > 0 || (job.stalledCounter ?? 0) > 0 ? ` (again: ${job.attemptsMade} failed attempt(s), ${job.stalledCounter ?? 0} stalled)` : ''}`);
      let last = 0;
      const result = await runUnitInThread(unit, threads, (p) => {
        // Progress crosses Redis: at most a few updates a second.
        const now = performance.now();
        if (now - last < 500) return;
        last = now;
        void job.updateProgress(p as unknown as Record<string, unknown>).catch(() => {});
      });
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
  return { ran, failed };
}
