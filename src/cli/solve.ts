/** critsolve solve FILE: every isolated solution of a square polynomial system. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { Command, Option } from 'commander';
import { InputError } from '../errors.js';
import { readSystemFile } from '../poly/read.js';
import { bezoutNumber, type System } from '../poly/system.js';
import { formatSummary, resultToJSON, type SolveResult } from '../solve/result.js';
import { formatCrossCheck } from '../solve/crossCheck.js';
import { certifyResult, formatCertification, withCertification } from '../certify/result.js';
import { monodromySolve } from '../solve/monodromy.js';
import { formatMonodromySummary, monodromySolveResult } from '../solve/monodromyResult.js';
import { decompose } from '../decompose/decompose.js';
import { decompositionToJSON, formatDecomposition } from '../decompose/decompositionResult.js';
import { solve, type StartChoice } from '../solve/solve.js';
import { rootCountBoundsWithin } from '../bounds/index.js';
import { boundsToJSON, formatBoundsComparison } from '../bounds/report.js';
import { shellQuote as quote } from '../queue/slurm.js';
import { interruptible, Interrupted } from './interrupt.js';
import { defaultCheckpointPath, exportWitnessSets, parseInteger, writeJson } from './options.js';
import { progressReporter, queueProgress } from './progress.js';

/** Seconds each mixed volume may take in the summary after a solve. */
const BOUNDS_TIME_LIMIT = 10;

/** Runs with more paths than this write a checkpoint next to --out unless told where. */
export const DEFAULT_CHECKPOINT_PATHS = 10_000;

interface SolveCliOptions {
  seed?: number;
  start: string;
  out?: string;
  quiet?: boolean;
  paths?: boolean;
  maxPaths?: number;
  workers?: number;
  checkpoint?: string;
  resume?: string;
  certify?: boolean;
  crossCheck?: boolean;
  deep?: boolean;
  precision: 'adaptive' | 'double';
  /** commander's negation of --no-bounds. */
  bounds: boolean;
  method: 'auto' | 'total-degree' | 'monodromy' | 'decompose';
  targetCount?: number;
  queue?: string;
  shards?: number;
  exportWitness?: string;
}

/** With --queue and no --seed: a seed from the file's text, so that the same command, run again, asks for the same units. */
function seedOfText(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h % 2 ** 31;
}

/** The command that continues an interrupted run from its checkpoint. */
function resumeCommand(file: string, seed: number, checkpoint: string, opts: SolveCliOptions): string {
  const args = ['critsolve', 'solve', file, '--seed', String(seed), '--resume', checkpoint];
  if (opts.start !== 'auto') args.push('--start', opts.start);
  if (opts.out) args.push('--out', opts.out);
  if (opts.paths) args.push('--paths');
  if (opts.deep) args.push('--deep');
  if (opts.precision === 'double') args.push('--precision', 'double');
  if (opts.maxPaths !== undefined) args.push('--max-paths', String(opts.maxPaths));
  if (opts.workers !== undefined) args.push('--workers', String(opts.workers));
  if (opts.quiet) args.push('--quiet');
  return args.map(quote).join(' ');
}

export function solveCommand(): Command {
  return new Command('solve')
    .description(
      'find every isolated complex solution of a square polynomial system (our text format or PHCpack input format), or, with --method decompose, every component of the solution set of any system',
    )
    .argument('<file>', 'the system: one polynomial per line or ;-separated, or PHCpack input format')
    .option('--seed <n>', "seed of every random choice (default: random, reported; with --resume: the checkpoint's)", parseInteger('seed', 0, 2 ** 31 - 1))
    .addOption(
      new Option(
        '--start <kind>',
        'start system: total-degree (Bézout number of paths), multihomogeneous (linear products for the partition of the variables with the smallest multihomogeneous Bézout number; tracked in affine coordinates), polyhedral (mixed volume of the supports with the origin added: every isolated solution, zero coordinates included), auto: the one with the fewest paths',
      )
        .choices(['auto', 'total-degree', 'multihomogeneous', 'polyhedral'])
        .default('auto'),
    )
    .option('--workers <n>', 'worker threads, at most (default: the available CPUs); the result does not depend on it', parseInteger('workers', 1, 1024))
    .option('--out <file>', 'write the result as JSON (schema critsolve/result@1)')
    .option('--paths', 'include every path record in the JSON result')
    .option('--max-paths <n>', 'refuse to track more paths than this', parseInteger('max-paths', 1))
    .option(
      '--checkpoint <file>',
      `append finished paths to FILE (NDJSON), so that an interrupted run can be resumed (with --method decompose: a new directory for every dimension's witness-superset paths); default with more than ${DEFAULT_CHECKPOINT_PATHS} paths and --out: OUT.checkpoint.ndjson, removed once the result is written`,
    )
    .option(
      '--resume <file>',
      'continue the run recorded in this checkpoint, skipping its finished paths, and keep appending to it (with --method decompose: a checkpoint directory)',
    )
    .addOption(
      new Option(
        '--method <method>',
        'total-degree: every isolated solution; decompose: every component of the solution set, positive-dimensional ones as witness sets (dimension, degree; any number of equations); monodromy (for a system with a `parameters:` line): the solutions at random complex parameters, not proven complete; auto: monodromy when the system has parameters',
      )
        .choices(['auto', 'total-degree', 'monodromy', 'decompose'])
        .default('auto'),
    )
    .option('--target-count <n>', 'with monodromy: stop once this many solutions are found', parseInteger('target-count', 1))
    .option('--certify', 'certify every regular solution by a Krawczyk test in interval arithmetic')
    .option(
      '--deep',
      'after tracking, track the paths judged to diverge again, in double-double wherever double cannot resolve them and down to s = 1e-26: far, ill-conditioned solutions look like infinity in double precision (costly: most such paths do diverge)',
    )
    .addOption(
      new Option(
        '--precision <mode>',
        'adaptive: each step in double, or in double-double where double cannot resolve it; double: double throughout (to compare)',
      )
        .choices(['adaptive', 'double'])
        .default('adaptive'),
    )
    .option(
      '--cross-check',
      'after tracking, send the solutions around a few monodromy loops in coefficient space; any solution they bring back that the paths missed is added, and loop paths that do not come back are reported',
    )
    .option(
      '--no-bounds',
      `do not compare the count found with the root-count bounds (each mixed volume is skipped anyway when it takes over ${BOUNDS_TIME_LIMIT} s)`,
    )
    .option(
      '--queue <url>',
      "shard the paths into units on this Redis queue (redis://host:port), run by `critsolve worker --queue URL` processes anywhere; the result is the same as a local run's",
    )
    .option('--shards <n>', 'with --queue: units to split the paths into (default 16)', parseInteger('shards', 1, 1_000_000))
    .option(
      '--export-witness <prefix>',
      "with --method decompose: write each dimension's witness set for PHCpack (its embedding and points) to PREFIX_dimD.phc; phc -f reads it",
    )
    .option('--quiet', 'no progress on stderr')
    .addHelpText(
      'after',
      '\nCtrl-C stops cleanly: batches in flight are finished, the partial result is written, the command that resumes the run is printed, and the exit code is 130 (a second Ctrl-C quits at once, also with 130).',
    )
    .action(async (file: string, opts: SolveCliOptions) => {
      const system = readSystemFile(file);
      if (opts.queue !== undefined) {
        const clash = [
          opts.resume && '--resume',
          opts.method === 'monodromy' && '--method monodromy',
          opts.method === 'decompose' && '--method decompose',
        ].filter(Boolean);
        if (clash.length > 0)
          throw new InputError(
            `--queue shards the paths of a total-degree or polyhedral solve; leave out ${clash.join(', ')} (run the same command again to resume a sharded solve)`,
          );
      } else if (opts.shards !== undefined) throw new InputError('--shards goes with --queue');
      const method = opts.method === 'auto' ? (system.parameters.length > 0 ? 'monodromy' : 'total-degree') : opts.method;
      if (method === 'monodromy') return solveByMonodromy(system, opts);
      if (method === 'decompose') return solveByDecomposition(file, system, opts);
      if (opts.exportWitness) throw new InputError('--export-witness goes with --method decompose (witness sets are of positive-dimensional components)');
      if (opts.targetCount !== undefined) throw new InputError('--target-count goes with --method monodromy');
      let checkpoint = opts.checkpoint ?? opts.resume;
      if (checkpoint === undefined && opts.out && bezoutNumber(system) > BigInt(DEFAULT_CHECKPOINT_PATHS)) checkpoint = defaultCheckpointPath(opts.out);
      // The default checkpoint (made by this run or resumed) goes once the result is written.
      const ownCheckpoint = opts.checkpoint === undefined && opts.out !== undefined && checkpoint === defaultCheckpointPath(opts.out);
      const progress = progressReporter('solve', opts.quiet === true);
      const interrupt = interruptible('stopping after the batches in flight');
      try {
        const queued = opts.queue === undefined ? undefined : await solveQueued(file, system, opts, interrupt.signal);
        const result =
          queued ??
          (await solve(system, {
            ...(opts.seed === undefined ? {} : { seed: opts.seed }),
            start: opts.start as StartChoice,
            ...(opts.maxPaths === undefined ? {} : { maxPaths: opts.maxPaths }),
            ...(opts.workers === undefined ? {} : { workers: opts.workers }),
            ...(opts.resume === undefined ? {} : { resume: opts.resume }),
            ...(checkpoint === undefined || opts.resume !== undefined ? {} : { checkpoint }),
            keepAllPaths: opts.paths === true,
            crossCheck: opts.crossCheck === true,
            ...(opts.deep ? { deepPrecision: true } : {}),
            ...(opts.precision === 'double' ? { limits: { precision: 'double' as const } } : {}),
            onProgress: (p) => progress.update(p),
            signal: interrupt.signal,
          }));
        progress.finish();
        const certification = opts.certify ? certifyResult(system, result) : undefined;
        const boundsBegan = performance.now();
        const bounds = opts.bounds && !result.partial ? rootCountBoundsWithin(system, BOUNDS_TIME_LIMIT) : undefined;
        const boundsSeconds = (performance.now() - boundsBegan) / 1000;
        const base = resultToJSON(result, { includePaths: opts.paths === true });
        const json = {
          ...(certification ? withCertification(base, certification) : base),
          ...(bounds ? { bounds: boundsToJSON(bounds, system.variables, boundsSeconds) } : {}),
        };
        if (opts.out) writeJson(opts.out, json);
        process.stdout.write(formatSummary(result) + '\n');
        if (result.crossCheck) process.stdout.write(formatCrossCheck(result.crossCheck) + '\n');
        if (bounds) process.stdout.write(formatBoundsComparison(bounds, result.counts.regular + result.counts.singular) + '\n');
        if (certification) process.stdout.write(formatCertification(certification) + '\n');
        if (result.partial) {
          const how = checkpoint
            ? `resume with:\n  ${resumeCommand(file, result.seed, checkpoint, opts)}`
            : 'no checkpoint was kept; --checkpoint FILE records finished paths so that a run can be resumed';
          throw new Interrupted(`interrupted after ${result.counts.paths} paths: the result above is partial; ${how}`);
        }
        if (ownCheckpoint && checkpoint && existsSync(checkpoint)) rmSync(checkpoint);
      } finally {
        interrupt.dispose();
      }
    });
}

/** The solve sharded on the queue; undefined never (an interrupted wait throws, the units go on). */
async function solveQueued(file: string, system: System, opts: SolveCliOptions, signal: AbortSignal): Promise<SolveResult> {
  const text = readFileSync(file, 'utf8');
  const seed = opts.seed ?? seedOfText(text);
  const { solveOnQueue } = await import('../queue/solveOnQueue.js');
  const waiting = queueProgress(`solve on ${opts.queue}`, opts.quiet === true);
  if (!opts.quiet)
    process.stderr.write(`solve: ${bezoutNumber(system)} paths at most (Bézout), in ${opts.shards ?? 16} units on ${opts.queue}, seed ${seed}\n`);
  const r = await solveOnQueue(
    { text },
    {
      seed,
      url: opts.queue!,
      shards: opts.shards ?? 16,
      start: opts.start as StartChoice,
      ...(opts.maxPaths === undefined ? {} : { maxPaths: opts.maxPaths }),
      ...(opts.workers === undefined ? {} : { workers: opts.workers }),
      ...(opts.checkpoint === undefined ? {} : { checkpoint: opts.checkpoint }),
      keepAllPaths: opts.paths === true,
      crossCheck: opts.crossCheck === true,
      signal,
      onQueue: (p) => waiting.update(p),
    },
  );
  waiting.finish();
  if (!r) throw new Interrupted('interrupted while the workers track: the units go on in the queue, and the same command collects them');
  return r;
}

/** Every component of the solution set, by the numerical irreducible decomposition. */
async function solveByDecomposition(file: string, system: System, opts: SolveCliOptions): Promise<void> {
  for (const option of ['certify', 'crossCheck', 'queue'] as const) {
    if (opts[option]) throw new InputError(`--${option === 'crossCheck' ? 'cross-check' : option} does not apply to --method decompose`);
  }
  if (opts.checkpoint && opts.resume) throw new InputError('give --checkpoint DIR for a new decomposition or --resume DIR to continue one, not both');
  if (opts.checkpoint && existsSync(opts.checkpoint))
    throw new InputError(
      `the checkpoint directory ${opts.checkpoint} already exists: continue that run with --resume ${opts.checkpoint}, or give a new directory`,
    );
  if (opts.resume && !existsSync(opts.resume)) throw new InputError(`cannot resume from ${opts.resume}: no such directory (--checkpoint DIR makes one)`);
  const dir = opts.checkpoint ?? opts.resume;
  const interrupt = interruptible('stopping after the paths in flight');
  let d: Awaited<ReturnType<typeof decompose>>;
  try {
    d = await decompose(system, {
      ...(opts.seed === undefined ? {} : { seed: opts.seed }),
      ...(opts.workers === undefined ? {} : { workers: opts.workers }),
      ...(dir === undefined ? {} : { checkpointDir: dir }),
      signal: interrupt.signal,
      ...(opts.quiet ? {} : { onProgress: (stage: string) => process.stderr.write(`decompose: ${stage}\n`) }),
    });
  } finally {
    interrupt.dispose();
  }
  if (opts.out) writeJson(opts.out, decompositionToJSON(d));
  process.stdout.write(formatDecomposition(d) + '\n');
  if (interrupt.signal.aborted) {
    throw new Interrupted(
      `interrupted: the decomposition above is partial; ${dir ? `resume with: critsolve solve ${quote(file)} --method decompose --resume ${quote(dir)}${opts.out ? ` --out ${quote(opts.out)}` : ''}` : 'no checkpoint was kept; --checkpoint DIR keeps the witness-superset paths so that a run can be resumed'}`,
    );
  }
  if (opts.exportWitness) process.stdout.write(await exportWitnessSets(system, d.components, opts.exportWitness));
}

/** A system with declared parameters: its solutions at random complex parameters, by monodromy. */
async function solveByMonodromy(system: System, opts: SolveCliOptions): Promise<void> {
  if (system.parameters.length === 0) throw new InputError('--method monodromy needs a system with parameters: declare them on a `parameters:` line');
  for (const option of ['checkpoint', 'resume', 'certify'] as const) {
    if (opts[option]) throw new InputError(`--${option} does not apply to --method monodromy`);
  }
  const interrupt = interruptible('stopping after the loops in flight');
  let result: Awaited<ReturnType<typeof monodromySolve>>;
  try {
    result = await monodromySolve(system, {
      ...(opts.seed === undefined ? {} : { seed: opts.seed }),
      ...(opts.workers === undefined ? {} : { workers: opts.workers }),
      ...(opts.targetCount === undefined ? {} : { targetCount: opts.targetCount }),
      signal: interrupt.signal,
    });
  } finally {
    interrupt.dispose();
  }
  if (opts.out) writeJson(opts.out, resultToJSON(monodromySolveResult(result)));
  process.stdout.write(formatMonodromySummary(result) + '\n');
  if (result.stoppedBy === 'aborted')
    throw new Interrupted('interrupted: the solutions above are those found so far (a monodromy run does not resume: run the command again)');
}
