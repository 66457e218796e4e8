/**
 * critsolve network: every critical point of a deep linear network's loss, classified.
 *
 * The network comes from --dims (random data and λ's from --seed) or from a spec file.
 * With neither, a small built-in example runs (what `npm start` shows). --export writes the
 * gradient system for another solver and stops: exporting is for running that solver
 * instead, and a file is all it needs.
 */
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { InputError } from '../errors.js';
import { renderSummary } from '../network/classify.js';
import { linearNetwork, type LinearNetwork, type LinearNetworkOptions, type Regularization } from '../network/model.js';
import { loadNetworkSpec } from '../network/spec.js';
import { NETWORK_METHODS, networkResultToJSON, resolveMethod, solveNetwork, type NetworkMethod, type NetworkResult } from '../network/study.js';
import type { System } from '../poly/system.js';
import { writeBertini, writeJulia, writePhc, writeText } from '../poly/write.js';
import { formatSummary } from '../solve/result.js';
import { randomSeed } from '../solve/solve.js';
import { parseInteger, writeJson } from './options.js';
import { progressReporter } from './progress.js';

/** The built-in example: solved in a few seconds; seed 1 gives real minima, saddles and complex points. */
export const DEFAULT_NETWORK = { dims: [2, 2, 1], points: 1, seed: 1 } as const;

interface NetworkCliOptions {
  dims?: number[];
  points?: number;
  regularization?: Regularization;
  spec?: string;
  method: NetworkMethod;
  seed?: number;
  workers?: number;
  out?: string;
  export?: string[];
  quiet?: boolean;
}

const EXPORTERS: Record<string, { write: (s: System) => string; name: string }> = {
  phc: { write: writePhc, name: 'PHCpack input format' },
  bertini: { write: writeBertini, name: 'Bertini input file' },
  julia: { write: writeJulia, name: 'HomotopyContinuation.jl script' },
  text: { write: writeText, name: 'critsolve text format' },
};

function parseDims(value: string): number[] {
  const parts = value.split(',').map((s) => s.trim());
  if (parts.length < 2 || parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1)) {
    throw new InputError(
      `--dims must be two or more positive integers separated by commas (the layer widths d_0,…,d_L, inputs first), e.g. 2,2,2; got '${value}'`,
    );
  }
  return parts.map(Number);
}

function parseRegularization(value: string): Regularization {
  if (value === 'generic' || value === 'none') return { kind: value };
  const match = /^weight-decay=(.*)$/.exec(value);
  if (!match) {
    throw new InputError(`--regularization must be generic, none or weight-decay=L (L a number ≥ 0, e.g. weight-decay=0.1); got '${value}'`);
  }
  const lambda = match[1]!.trim() === '' ? NaN : Number(match[1]);
  if (!Number.isFinite(lambda) || lambda < 0) {
    throw new InputError(`--regularization weight-decay=L needs L to be a finite number ≥ 0, e.g. weight-decay=0.1; got '${match[1]}'`);
  }
  return { kind: 'weight-decay', lambda };
}

function parseMethod(value: string): NetworkMethod {
  if (!(NETWORK_METHODS as readonly string[]).includes(value)) {
    throw new InputError(`--method must be one of ${NETWORK_METHODS.join(', ')}; got '${value}'`);
  }
  return value as NetworkMethod;
}

function checkExport(values: readonly string[]): { format: string; file: string } {
  const [format, file] = values;
  if (values.length !== 2 || format === undefined || file === undefined) {
    throw new InputError(`--export needs a format and a file name, e.g. --export phc system.phc; got '${values.join(' ')}'`);
  }
  if (!(format in EXPORTERS)) {
    throw new InputError(`--export format must be one of ${Object.keys(EXPORTERS).join(', ')}; got '${format}'`);
  }
  return { format, file };
}

/** What the user asked for, as network options; `seed` seeds the data, the λ's and the solver. */
function networkOptions(opts: NetworkCliOptions): { options: LinearNetworkOptions; seed: number; label: string } {
  const shaping = [opts.points !== undefined && '--points', opts.regularization !== undefined && '--regularization'].filter(Boolean);
  if (opts.dims && opts.spec) {
    throw new InputError('give either --dims or --spec, not both: the spec file already fixes the layer widths');
  }
  if (opts.spec) {
    if (shaping.length > 0) {
      throw new InputError(`${shaping.join(' and ')} can only go with --dims: with --spec, the spec file gives the data and the λ's`);
    }
    return { options: loadNetworkSpec(opts.spec), seed: opts.seed ?? randomSeed(), label: `data and λ's from ${opts.spec}` };
  }
  if (!opts.dims) {
    if (shaping.length > 0) {
      throw new InputError(`${shaping.join(' and ')} need a network: give --dims (e.g. --dims 2,2,2) or --spec FILE`);
    }
    const seed = opts.seed ?? DEFAULT_NETWORK.seed;
    return { options: { ...DEFAULT_NETWORK, seed }, seed, label: 'the built-in example (choose your own with --dims or --spec)' };
  }
  const seed = opts.seed ?? randomSeed();
  const options = { dims: opts.dims, points: opts.points ?? 1, regularization: opts.regularization ?? { kind: 'generic' }, seed } as const;
  return { options, seed, label: `random data${options.regularization.kind === 'generic' ? " and λ's" : ''} from the seed` };
}

function describeRegularization(r: Regularization = { kind: 'generic' }): string {
  switch (r.kind) {
    case 'generic':
      return "generic λ's (each uniform in [0.5, 1.5))";
    case 'none':
      return 'no regularization';
    case 'weight-decay':
      return `weight decay, λ = ${r.lambda} for every weight`;
    case 'entrywise':
      return "entrywise λ's from the spec";
  }
}

function describeNetwork(network: LinearNetwork, options: LinearNetworkOptions, seed: number, label: string): string {
  const points = network.X[0]?.length ?? 0;
  return (
    `network ${network.dims.join('-')}: ${network.variables.length} weights, ${points} data point${points === 1 ? '' : 's'}, ` +
    `${describeRegularization(options.regularization)}; seed ${seed}; ${label}`
  );
}

function writeExport(network: LinearNetwork, format: string, file: string): string {
  const exporter = EXPORTERS[format]!;
  try {
    writeFileSync(file, exporter.write(network.system));
  } catch (err) {
    throw new InputError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const n = network.variables.length;
  return `wrote the gradient system (${n} equations in ${n} unknowns) to ${file} as ${exporter.name}; not solving (run without --export to solve)`;
}

/** The report on stdout: whether the counts are complete, the table, the solve summary. */
function report(r: NetworkResult): string {
  const { regular, singular } = r.solve.counts;
  const split = singular > 0 ? ` (${regular} regular, ${singular} singular endpoints)` : '';
  const heading = r.complete
    ? `critical points: ${r.summary.points}, a complete count (every path tracked, every point isolated and nonsingular)`
    : `critical points found: ${r.summary.points}${split} — NOT a complete count of isolated critical points: ${r.incomplete.join('; ')}`;
  return [heading, '', renderSummary(r.summary), '', formatSummary(r.solve)].join('\n');
}

async function run(opts: NetworkCliOptions): Promise<void> {
  const exported = opts.export ? checkExport(opts.export) : undefined;
  resolveMethod(opts.method);
  const { options, seed, label } = networkOptions(opts);
  const network = linearNetwork(options);
  process.stdout.write(describeNetwork(network, options, seed, label) + '\n');
  if (!network.isolated) {
    process.stderr.write(`warning: ${network.warning}\nwarning: so the counts below are NOT complete counts of critical points.\n`);
  }
  if (exported) {
    process.stdout.write(writeExport(network, exported.format, exported.file) + '\n');
    return;
  }
  const progress = progressReporter('network', opts.quiet === true);
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const result = await solveNetwork(network, {
      seed,
      method: opts.method,
      ...(opts.workers === undefined ? {} : { workers: opts.workers }),
      onProgress: (p) => progress.update(p),
      signal: controller.signal,
    });
    progress.finish();
    if (opts.out) writeJson(opts.out, networkResultToJSON(result));
    process.stdout.write(report(result) + '\n');
    if (result.solve.partial) throw new InputError('interrupted: the result above is partial');
  } finally {
    process.off('SIGINT', onSigint);
  }
}

export function networkCommand(): Command {
  return new Command('network')
    .description(
      'every critical point of a deep linear network loss ½‖W_L⋯W_1·X − Y‖² + ½Σλ·w², classified by loss, zero pattern and Morse index. ' +
        `Without --dims or --spec, runs a built-in example (dims ${DEFAULT_NETWORK.dims.join(',')}, ${DEFAULT_NETWORK.points} data point, generic λ, seed ${DEFAULT_NETWORK.seed})`,
    )
    .option('--dims <list>', 'layer widths d_0,…,d_L, inputs first, e.g. 2,2,2', parseDims)
    .option('--points <m>', 'number of random data points (with --dims; default 1)', parseInteger('points', 1))
    .option('--regularization <kind>', "generic (distinct random λ's: isolated points), none, or weight-decay=L (with --dims; default generic)", parseRegularization)
    .option('--spec <file>', 'a network spec file (JSON: dims, X, Y, regularization)')
    .option('--method <method>', `how to solve: ${NETWORK_METHODS.join(', ')} (monodromy is not available yet)`, parseMethod, 'auto')
    .option('--seed <n>', 'seed of the data, the λ\'s and every random choice of the solver (default: random, reported; 0 for the built-in example)', parseInteger('seed', 0, 2 ** 31 - 1))
    .option('--workers <n>', 'worker threads for path tracking (default: one per CPU; 1 tracks in the main thread)', parseInteger('workers', 1, 1024))
    .option('--out <file>', 'write the result as JSON (schema critsolve/result@1, with loss, zeroPattern and index per solution)')
    .option('--export <format-and-file...>', `write the gradient system as ${Object.keys(EXPORTERS).join('|')} to FILE, without solving, e.g. --export phc system.phc`)
    .option('--quiet', 'no progress on stderr')
    .action(run);
}
