/**
 * critsolve worker --queue URL: runs units of work (study architectures, path ranges of a
 * solve) that coordinators put on the queue, on any machine that reaches the Redis server.
 * Also the progress line the coordinators print while they wait.
 */
import { Command } from 'commander';
import type { QueueProgress } from '../queue/coordinator.js';
import { interruptible, parseInteger, parsePositive } from './options.js';

/** The coordinator's wait, on stderr: units done, running (with their own progress) and waiting. */
export function queueProgress(label: string, quiet: boolean): { update(p: QueueProgress): void; finish(): void } {
  if (quiet) return { update: () => {}, finish: () => {} };
  let lastText = '';
  let lastDone = -1;
  let lastAt = 0;
  const tty = process.stderr.isTTY === true;
  return {
    update(p) {
      const running = p.running
        .map((r) => (r.progress && r.progress.total > 0 && r.progress.done > 0 ? `${r.progress.done}/${r.progress.total}` : (r.progress?.phase ?? 'starting')))
        .join(', ');
      const text = `${label}: ${p.done}/${p.total} units done, ${p.running.length} running${running ? ` (${running})` : ''}, ${p.waiting} waiting`;
      const now = Date.now();
      // A new line when a unit is done; otherwise at most every 0.2 s (terminal) or 5 s.
      if (text === lastText || (p.done === lastDone && now - lastAt < (tty ? 200 : 5000))) return;
      lastText = text;
      lastDone = p.done;
      lastAt = now;
      process.stderr.write(tty ? `\r\x1b[K${text}` : `${text}\n`);
    },
    finish() {
      if (tty && lastText) process.stderr.write('\n');
    },
  };
}

export function workerCommand(): Command {
  return new Command('worker')
    .description('take units of work from a Redis queue (critsolve study … --queue, critsolve solve … --queue) and run them here, until Ctrl-C')
    .requiredOption('--queue <url>', 'the Redis server of the queue, e.g. redis://10.0.0.1:6379')
    .option('--concurrency <n>', 'units run at once', parseInteger('concurrency', 1, 1024), 1)
    .option('--workers <n>', 'tracking threads of each unit', parseInteger('workers', 1, 1024), 1)
    .option(
      '--stall-seconds <s>',
      'a unit whose worker stops renewing its lock for this long (killed, or its machine lost) is run again by another worker',
      parsePositive('--stall-seconds'),
      30,
    )
    .option('--quiet', 'do not print each unit run')
    .action(async (opts: { queue: string; concurrency: number; workers: number; stallSeconds: number; quiet?: boolean }) => {
      const { runQueueWorker } = await import('../queue/worker.js');
      const interrupt = interruptible('worker: finishing the units in flight, then stopping (the queue runs them again elsewhere if you quit)');
      process.once('SIGTERM', () => interrupt.abort());
      const log = opts.quiet ? undefined : (line: string): void => void process.stdout.write(`${line}\n`);
      log?.(`worker: waiting for units on ${opts.queue} (${opts.concurrency} at once, ${opts.workers} thread${opts.workers === 1 ? '' : 's'} each)`);
      const r = await runQueueWorker({
        url: opts.queue,
        concurrency: opts.concurrency,
        workers: opts.workers,
        stallSeconds: opts.stallSeconds,
        signal: interrupt.signal,
        ...(log ? { log } : {}),
      });
      log?.(`worker: stopped after ${r.ran} unit${r.ran === 1 ? '' : 's'}${r.failed > 0 ? `, ${r.failed} failed` : ''}`);
    });
}
