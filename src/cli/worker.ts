/**
 * critsolve worker --queue URL: runs units of work (study architectures, path ranges of a
 * solve) that coordinators put on the queue, on any machine that reaches the Redis server.
 */
import { Command } from 'commander';
import { interruptible } from './interrupt.js';
import { parseInteger, parsePositive } from './options.js';

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
