/**
 * critsolve network: every critical point of a deep linear network's loss, classified.
 *
 * The network comes from --dims (random data and λ's from --seed) or from a spec file.
 * With neither, a small built-in example runs (what `npm start` shows). --export writes the
 * gradient system for another solver and stops: exporting is for running that solver
 * instead, and a file is all it needs. --instances solves many random networks of one
 * architecture from a single monodromy solve (network/instances).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { InputError } from '../errors.js';
import { linearNetwork, type LinearNetwork, type LinearNetworkOptions, type Regularization } from '../network/model.js';
import { INSTANCES_VARY } from '../network/instances.js';
import { decomposes, planNetwork, type NetworkPlan } from '../network/plan.js';
import { loadNetworkSpec, networkSpec } from '../network/spec.js';
import {
  AUTO_MIXED_VOLUME_SECONDS,
  AUTO_MONODROMY_ABOVE,
  NETWORK_METHODS,
  solveNetwork,
  type NetworkMethod,
  type NetworkSolveOptions,
} from '../network/solveNetwork.js';
import { networkResultToJSON } from '../network/networkJson.js';
import { certifyResult, formatCertification, withCertification } from '../certify/result.js';
import { parseSampling, SAMPLING_PRESETS, type Sampling } from '../numeric/distributions.js';
import { randomSeed } from '../numeric/rng.js';
import { interruptible, Interrupted } from './interrupt.js';
import { runInstances } from './instances.js';
import { checkExport, EXPORTERS, exportWitnessSets, parseDims, parseInteger, parseMethod, parseRegularization, parseTraceLine, writeJson } from './options.js';
import { monodromyProgress, progressReporter, queueProgress } from './progress.js';
import { describeNetwork, networkReport } from './render.js';

/** The built-in example: solved in a few seconds; seed 3 gives real minima, saddles and complex points. */
export const DEFAULT_NETWORK = { dims: [2, 2, 1], points: 1, seed: 3 } as const;

interface NetworkCliOptions {
  traceTest?: 'single' | 'generic' | true;
  /** commander's --deep / --no-deep: undefined unless given. */
  deep?: boolean;
  dims?: number[];
  points?: number;
  regularization?: Regularization;
  sampling?: Sampling;
  spec?: string;
  instances?: number;
  method: NetworkMethod;
  seed?: number;
  dataSeed?: number;
  workers?: number;
  out?: string;
  export?: string[];
  quiet?: boolean;
  certify?: boolean;
  checkpoint?: string;
  resume?: string;
  queue?: string;
  shards?: number;
  exportWitness?: string;
}

/**
 * What the user asked for, as network options; `seed` seeds the solver, `dataSeed` the random
 * data and λ's (by default the solver's seed: one seed reproduces the whole run).
 */
function networkOptions(opts: NetworkCliOptions): { options: LinearNetworkOptions; seed: number; label: string } {
  const shaping = [
    opts.points !== undefined && '--points',
    opts.regularization !== undefined && '--regularization',
    opts.sampling !== undefined && '--sampling',
    opts.dataSeed !== undefined && '--data-seed',
  ].filter(Boolean);
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
    if (opts.points !== undefined || opts.regularization !== undefined || opts.sampling !== undefined) {
      throw new InputError(`${shaping.filter((o) => o !== '--data-seed').join(' and ')} need a network: give --dims (e.g. --dims 2,2,2) or --spec FILE`);
    }
    const seed = opts.seed ?? DEFAULT_NETWORK.seed;
    const dataSeed = opts.dataSeed ?? seed;
    return {
      options: { ...DEFAULT_NETWORK, seed: dataSeed },
      seed,
      label: `the built-in example${dataSeed === seed ? '' : ` with data seed ${dataSeed}`} (choose your own with --dims or --spec)`,
    };
  }
  const seed = opts.seed ?? randomSeed();
  const dataSeed = opts.dataSeed ?? seed;
  const options = {
    dims: opts.dims,
    points: opts.points ?? 1,
    regularization: opts.regularization ?? { kind: 'generic' },
    seed: dataSeed,
    ...(opts.sampling ? { sampling: opts.sampling } : {}),
  } as const;
  const what = `random data${options.regularization.kind === 'generic' ? " and λ's" : ''}`;
  return { options, seed, label: dataSeed === seed ? `${what} from the seed` : `${what} from data seed ${dataSeed}` };
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

/**
 * With --queue: the complete methods' paths sharded over the queue's workers, or monodromy's
 * components one shape per unit, each worker rebuilding the network from its spec.
 */
async function queueSolver(
  network: LinearNetwork,
  plan: NetworkPlan,
  opts: NetworkCliOptions,
  signal: AbortSignal,
): Promise<Pick<NetworkSolveOptions, 'solver' | 'monodromySolver'>> {
  if (opts.seed === undefined)
    throw new InputError('--queue needs --seed N: a coordinator started again must ask for the same units (and --dims draws its data from the seed)');
  if (plan.decompose) {
    throw new InputError(
      `--queue shards total-degree, polyhedral and monodromy solves; this network is solved by decompose${opts.method === 'auto' ? ' (what auto takes here)' : ''}: run it without --queue`,
    );
  }
  const waiting = (): ReturnType<typeof queueProgress> => queueProgress(`network on ${opts.queue}`, opts.quiet === true);
  if (plan.method === 'monodromy') {
    if (opts.traceTest !== undefined) throw new InputError('--trace-test does not run on the queue yet: run it without --queue');
    if (opts.shards !== undefined) throw new InputError('--shards splits paths; monodromy on the queue runs one unit per shape of its components');
    const { monodromyOnQueue } = await import('../queue/monodromyOnQueue.js');
    return {
      monodromySolver: async (spec, o) => {
        const progress = waiting();
        const r = await monodromyOnQueue(spec, {
          seed: o.seed,
          url: opts.queue!,
          ...(o.workers === undefined ? {} : { workers: o.workers }),
          ...(o.maxStaleLoops === undefined ? {} : { maxStaleLoops: o.maxStaleLoops }),
          signal,
          onQueue: (p) => progress.update(p),
        });
        progress.finish();
        if (!r) throw new Interrupted('interrupted while the workers solve: the units go on in the queue, and the same command collects them');
        return r;
      },
    };
  }
  const { solveOnQueue } = await import('../queue/solveOnQueue.js');
  return {
    solver: async (_system, o) => {
      const progress = waiting();
      const { range: _range, resume: _resume, checkpoint: _checkpoint, ...rest } = o;
      const r = await solveOnQueue(
        { network: networkSpec(network) },
        { ...rest, url: opts.queue!, shards: opts.shards ?? 16, signal, onQueue: (p) => progress.update(p) },
      );
      progress.finish();
      if (!r) throw new Interrupted('interrupted while the workers track: the units go on in the queue, and the same command collects them');
      return r;
    },
  };
}

async function run(opts: NetworkCliOptions): Promise<void> {
  if (opts.queue === undefined && opts.shards !== undefined) throw new InputError('--shards goes with --queue');
  if (opts.queue !== undefined && opts.instances !== undefined) {
    throw new InputError(
      "--queue shards one network's solve; --instances is not sharded yet. Many instances run on the queue as a study: critsolve study run --dims … --instances N --queue URL",
    );
  }
  if (opts.instances !== undefined) return runInstances({ ...opts, instances: opts.instances });
  const exported = opts.export ? checkExport(opts.export) : undefined;
  const { options, seed, label } = networkOptions(opts);
  const network = linearNetwork(options);
  const decomposing = decomposes(opts.method, network);
  for (const option of ['checkpoint', 'resume'] as const) {
    if (opts[option] !== undefined && !decomposing)
      throw new InputError(
        `--${option} goes with --instances (a run over many networks) or a decomposition (a directory); a single network's solve is not checkpointed here: export it (--export phc FILE) and run critsolve solve FILE --${option} …`,
      );
  }
  if (decomposing && opts.checkpoint !== undefined && existsSync(opts.checkpoint))
    throw new InputError(
      `the checkpoint directory ${opts.checkpoint} already exists: continue that run with --resume ${opts.checkpoint}, or give a new directory`,
    );
  if (decomposing && opts.resume !== undefined && !existsSync(opts.resume))
    throw new InputError(`cannot resume from ${opts.resume}: no such directory (--checkpoint DIR makes one)`);
  process.stdout.write(describeNetwork(network, options, seed, label) + '\n');
  if (!network.isolated) {
    process.stderr.write(
      `note: ${network.warning}\n${decomposing ? 'note: so the critical set is decomposed into its components (--method decompose)\n' : `warning: so the counts of --method ${opts.method} below are NOT complete counts of critical points; --method decompose finds the components\n`}`,
    );
  }
  if (exported) {
    process.stdout.write(writeExport(network, exported.format, exported.file) + '\n');
    return;
  }
  if (opts.exportWitness && network.isolated && opts.method !== 'decompose')
    throw new InputError(
      "--export-witness writes the witness sets of a decomposition; this network's critical points are isolated (use --method decompose to decompose anyway)",
    );
  const plan = planNetwork(network, { method: opts.method, seed });
  if (opts.traceTest !== undefined && plan.method !== 'monodromy')
    throw new InputError(
      opts.method === 'auto'
        ? `--trace-test proves a monodromy count; this network is solved by ${plan.method} (what auto takes here), whose count has its own checks: drop --trace-test, or add --method monodromy`
        : `--trace-test proves a monodromy count; --method ${opts.method} does not use monodromy`,
    );
  const progress = progressReporter('network', opts.quiet === true);
  const interrupt = interruptible('stopping after the work in flight');
  try {
    const onQueue = opts.queue === undefined ? {} : await queueSolver(network, plan, opts, interrupt.signal);
    const result = await solveNetwork(network, {
      seed,
      plan,
      ...(decomposing && opts.checkpoint !== undefined ? { checkpoint: opts.checkpoint } : {}),
      ...(decomposing && opts.resume !== undefined ? { resume: opts.resume } : {}),
      ...onQueue,
      ...(opts.workers === undefined ? {} : { workers: opts.workers }),
      ...(opts.deep === undefined ? {} : { deepPrecision: opts.deep }),
      onProgress: (p) => progress.update(p),
      monodromy: { onProgress: monodromyProgress('network', opts.quiet === true) },
      ...(opts.traceTest === undefined ? {} : { traceTest: opts.traceTest === true ? 'generic' : opts.traceTest }),
      ...(opts.quiet ? {} : { onStage: (stage: string) => process.stderr.write(`network: decompose, ${stage}\n`) }),
      signal: interrupt.signal,
    });
    progress.finish();
    const certification = opts.certify ? certifyResult(network.system, result.solve) : undefined;
    const json = networkResultToJSON(result);
    if (opts.out) writeJson(opts.out, certification ? withCertification(json, certification) : json);
    process.stdout.write(networkReport(result) + '\n');
    if (certification) process.stdout.write(formatCertification(certification) + '\n');
    if (opts.exportWitness) {
      if (!result.criticalSets)
        throw new InputError('--export-witness writes the witness sets of a decomposition; these critical points are isolated (no component to write)');
      process.stdout.write(
        await exportWitnessSets(
          network.system,
          result.criticalSets.map((c) => c.witness),
          opts.exportWitness,
        ),
      );
    }
    if (result.solve.partial) {
      const dir = opts.checkpoint ?? opts.resume;
      throw new Interrupted(
        `interrupted: the result above is partial${decomposing ? (dir ? `; resume with the same command, --resume ${dir} in place of --checkpoint, and --seed ${seed}` : '; --checkpoint DIR keeps the witness-superset paths of a decomposition so that it can be resumed') : ''}`,
      );
    }
  } finally {
    interrupt.dispose();
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
    .option(
      '--regularization <kind>',
      "generic (distinct random λ's: isolated points), none, or weight-decay=L (with --dims; default generic)",
      parseRegularization,
    )
    .option(
      '--sampling <how>',
      `how the random data and generic λ's are drawn (with --dims): a preset (${Object.keys(SAMPLING_PRESETS).join(', ')}) or X=normal(0,1),Y=normal(0,1),lambda=uniform(0.5,1.5), the default`,
      (v: string) => parseSampling(v),
    )
    .option('--spec <file>', 'a network spec file (JSON: dims, X, Y, regularization)')
    .option(
      '--method <method>',
      `how to solve: ${NETWORK_METHODS.join(', ')}. total-degree and polyhedral track every path of their start system and prove the count complete ` +
        `(polyhedral needs the mixed volume first, minutes from 2-3-2 on); monodromy is far faster on large networks ` +
        `but stops after loops that find nothing new, so its count is not proven complete; auto takes whichever of total degree and polyhedral needs fewer paths, up to ${AUTO_MONODROMY_ABOVE.toLocaleString('en-US')} ` +
        `(the polyhedral one if its mixed volume is found within ${AUTO_MIXED_VOLUME_SECONDS} s), monodromy beyond; ` +
        "decompose (auto when the critical points are not isolated: no regularization, weight decay, coinciding λ's) finds every component of the critical set, with its dimension, degree, loss, a real point and its Morse–Bott index",
      parseMethod,
      'auto',
    )
    .option(
      '--instances <n>',
      `solve once, track many: n random networks of the --dims architecture, varying ${INSTANCES_VARY}; ` +
        'prints per-instance counts (complex, real, minima, saddles by Morse index, real points by zero pattern) and min/mean/max and a histogram of the real counts',
      parseInteger('instances', 1, 1_000_000),
    )
    .option(
      '--seed <n>',
      `seed of every random choice of the solver, and of the data and λ's unless --data-seed is given (default: random, reported; ${DEFAULT_NETWORK.seed} for the built-in example)`,
      parseInteger('seed', 0, 2 ** 31 - 1),
    )
    .option(
      '--data-seed <n>',
      "seed of the random data and λ's alone (with --dims or the built-in example; default: --seed): the same network re-solved with other random choices of the solver, by another --seed",
      parseInteger('data-seed', 0, 2 ** 31 - 1),
    )
    .option(
      '--workers <n>',
      'worker threads for path tracking and monodromy loops (default: one per CPU; 1 tracks in the main thread); the result does not depend on it',
      parseInteger('workers', 1, 1024),
    )
    .option(
      '--out <file>',
      'write the result as JSON (schema critsolve/result@1, with loss, zeroPattern and index per solution; with --instances critsolve/instances@1: instances[] of such results, and aggregate)',
    )
    .option(
      '--export <format-and-file...>',
      `write the gradient system as ${Object.keys(EXPORTERS).join('|')} to FILE, without solving, e.g. --export phc system.phc`,
    )
    .option('--certify', 'certify every regular critical point by a Krawczyk test in interval arithmetic')
    .option(
      '--checkpoint <file>',
      'with --instances: append each component solved and each instance tracked to FILE (NDJSON), so that an interrupted run can be resumed; default with --out: OUT.checkpoint.ndjson, removed once the result is written',
    )
    .option(
      '--resume <file>',
      'with --instances: continue the run recorded in this checkpoint, solving and tracking only what it lacks (seed and data seed default to its own; --instances may be larger than before), and keep appending to it',
    )
    .option(
      '--export-witness <prefix>',
      "with a decomposition: write each dimension's witness set for PHCpack (embedding and points) to PREFIX_dimD.phc; phc -f reads it",
    )
    .option(
      '--queue <url>',
      "run the solve as units on this Redis queue (redis://host:port), taken by critsolve worker processes: the paths of a total-degree or polyhedral solve in --shards ranges, or monodromy's components one shape per unit; needs --seed",
    )
    .option('--shards <n>', 'with --queue: units to split the paths into (default 16)', parseInteger('shards', 1, 1_000_000))
    .option(
      '--trace-test [line]',
      "with monodromy: prove each component's count by a trace test along a random line in its λ-space, in sign-invariant coordinates: generic (every λ moves: a proof; the default) or single (one λ: cheaper, assumes the curve over the line irreducible); points it reaches are added, and loops stop after 3 stale ones",
      parseTraceLine,
    )
    .option(
      '--deep',
      'track the paths judged to diverge again in double-double, down to s = 1e-26, whatever the cross-check says (by default this deep look is taken when the cross-check or the sign flips show the count short)',
    )
    .option('--no-deep', 'never take the deep look (faster; far, ill-conditioned critical points may be missed, and the count then says so)')
    .option('--quiet', 'no progress on stderr')
    .action(run);
}
