/** critsolve solve FILE: every isolated solution of a square polynomial system. */
import { Command, Option } from 'commander';
import { InputError } from '../errors.js';
import { readSystemFile } from '../poly/read.js';
import { formatSummary, resultToJSON } from '../solve/result.js';
import { randomSeed, solve } from '../solve/solve.js';
import { parseInteger, writeJson } from './options.js';
import { progressReporter } from './progress.js';

interface SolveCliOptions {
  seed?: number;
  start: string;
  out?: string;
  quiet?: boolean;
  paths?: boolean;
  maxPaths?: number;
}

export function solveCommand(): Command {
  return new Command('solve')
    .description('find every isolated complex solution of a square polynomial system (our text format or PHCpack input format)')
    .argument('<file>', 'the system: one polynomial per line or ;-separated, or PHCpack input format')
    .option('--seed <n>', 'seed of every random choice (default: random, reported)', parseInteger('seed', 0, 2 ** 31 - 1))
    .addOption(new Option('--start <kind>', 'start system').choices(['auto', 'total-degree']).default('auto'))
    .option('--out <file>', 'write the result as JSON (schema critsolve/result@1)')
    .option('--paths', 'include every path record in the JSON result')
    .option('--max-paths <n>', 'refuse to track more paths than this', parseInteger('max-paths', 1))
    .option('--quiet', 'no progress on stderr')
    .action(async (file: string, opts: SolveCliOptions) => {
      const system = readSystemFile(file);
      const seed = opts.seed ?? randomSeed();
      const progress = progressReporter('solve', opts.quiet === true);
      const controller = new AbortController();
      const onSigint = (): void => controller.abort();
      process.once('SIGINT', onSigint);
      try {
        const result = await solve(system, {
          seed,
          start: opts.start as 'auto' | 'total-degree',
          ...(opts.maxPaths === undefined ? {} : { maxPaths: opts.maxPaths }),
          onProgress: (p) => progress.update(p),
          signal: controller.signal,
        });
        progress.finish();
        if (opts.out) writeJson(opts.out, resultToJSON(result, { includePaths: opts.paths === true }));
        process.stdout.write(formatSummary(result) + '\n');
        if (result.partial) throw new InputError('interrupted: the result above is partial');
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}
