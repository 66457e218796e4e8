/**
 * critsolve network --instances N: many random networks of one architecture from a single
 * monodromy solve (network/instances), resumable from its checkpoint.
 */
import { existsSync, rmSync } from 'node:fs';
import { InputError } from '../errors.js';
import { instanceSeed, instancesToJSON, networkInstances } from '../network/instances.js';
import type { Regularization } from '../network/model.js';
import type { NetworkMethod } from '../network/plan.js';
import type { Sampling } from '../numeric/distributions.js';
import { randomSeed } from '../numeric/rng.js';
import { readCheckpointHeader } from '../parallel/checkpoint.js';
import { interruptible, Interrupted } from './interrupt.js';
import { defaultCheckpointPath, writeJson } from './options.js';
import { monodromyProgress } from './progress.js';
import { instancesReport } from './render.js';

/** The options of critsolve network an instances run reads (and those it refuses). */
interface InstancesCliOptions {
  dims?: number[];
  points?: number;
  regularization?: Regularization;
  sampling?: Sampling;
  spec?: string;
  method: NetworkMethod;
  seed?: number;
  dataSeed?: number;
  workers?: number;
  out?: string;
  export?: string[];
  quiet?: boolean;
  checkpoint?: string;
  resume?: string;
}

/** Refuses --instances with options it cannot honour, saying what to do instead. */
function checkInstances(opts: InstancesCliOptions): void {
  if (opts.spec)
    throw new InputError('--instances draws random networks of one architecture, so it cannot go with --spec (a spec fixes one network); give --dims instead');
  if (!opts.dims) throw new InputError('--instances needs --dims: the architecture of the random networks, e.g. --dims 2,2,2 --instances 20');
  if (opts.regularization && opts.regularization.kind !== 'generic') {
    throw new InputError(
      "--instances draws generic λ's for every instance (other regularizations fix the λ's and make the points non-isolated); leave out --regularization",
    );
  }
  if (opts.method === 'total-degree' || opts.method === 'polyhedral') {
    throw new InputError(
      `--instances solves once by monodromy and tracks to every instance, so it cannot go with --method ${opts.method}; to solve instances by ${opts.method === 'polyhedral' ? 'the polyhedral homotopy' : 'total degree'}, run each --seed on its own`,
    );
  }
  if (opts.export) throw new InputError('--export writes the system of one network; it cannot go with --instances');
}

/** "s … s+N−1" (or "s"), as the seeds wrap. */
function instanceSeedLabel(seed: number, count: number): string {
  return count === 1 ? String(seed) : `${seed} … ${instanceSeed(seed, count - 1)}`;
}

/** The command that continues an interrupted instances run from its checkpoint. */
function resumeInstancesCommand(opts: InstancesCliOptions & { instances: number }, seed: number, dataSeed: number, checkpoint: string): string {
  const args = [
    'critsolve',
    'network',
    '--dims',
    opts.dims!.join(','),
    '--points',
    String(opts.points ?? 1),
    '--instances',
    String(opts.instances),
    '--seed',
    String(seed),
    '--data-seed',
    String(dataSeed),
    '--resume',
    checkpoint,
  ];
  if (opts.workers !== undefined) args.push('--workers', String(opts.workers));
  if (opts.out) args.push('--out', opts.out);
  return args.join(' ');
}

export async function runInstances(opts: InstancesCliOptions & { instances: number }): Promise<void> {
  checkInstances(opts);
  const resumed = opts.resume === undefined ? undefined : readCheckpointHeader(opts.resume);
  const seed = opts.seed ?? resumed?.seed ?? randomSeed();
  const kept = resumed?.settings['dataSeed'];
  const dataSeed = opts.dataSeed ?? (typeof kept === 'number' ? kept : seed);
  const dims = opts.dims!;
  const points = opts.points ?? 1;
  const checkpoint = opts.checkpoint ?? opts.resume ?? (opts.out ? defaultCheckpointPath(opts.out) : undefined);
  // The default checkpoint (made by this run or resumed) goes once the result is written.
  const ownCheckpoint = opts.checkpoint === undefined && opts.out !== undefined && checkpoint === defaultCheckpointPath(opts.out);
  const last = instanceSeedLabel(dataSeed, opts.instances);
  process.stdout.write(
    `network ${dims.join('-')}: ${points} data point${points === 1 ? '' : 's'} per instance, generic λ's; ${opts.instances} instances, the networks of ${opts.dataSeed === undefined && kept === undefined ? '--seed' : '--data-seed'} ${last}: ` +
      `their data X, Y and λ's vary; seed ${seed}\n`,
  );
  const interrupt = interruptible('stopping after the instances in flight');
  try {
    const r = await networkInstances({
      dims,
      points,
      instances: opts.instances,
      seed,
      dataSeed,
      ...(opts.sampling ? { sampling: opts.sampling } : {}),
      monodromy: {
        onProgress: monodromyProgress('network', opts.quiet === true),
        signal: interrupt.signal,
        ...(opts.workers === undefined ? {} : { workers: opts.workers }),
      },
      ...(opts.resume === undefined ? {} : { resume: opts.resume }),
      ...(checkpoint === undefined || opts.resume !== undefined ? {} : { checkpoint }),
    });
    if (r.partial) {
      const how = checkpoint
        ? `what was finished is kept in ${checkpoint}; resume with:\n  ${resumeInstancesCommand(opts, seed, dataSeed, checkpoint)}`
        : 'no checkpoint was kept; --checkpoint FILE (or --out) records finished work so that a run can be resumed';
      throw new Interrupted(`interrupted before every instance was tracked, so no instance is reported; ${how}`);
    }
    if (opts.out) writeJson(opts.out, instancesToJSON(r));
    process.stdout.write(instancesReport(r, opts) + '\n');
    if (ownCheckpoint && checkpoint && existsSync(checkpoint)) rmSync(checkpoint);
  } finally {
    interrupt.dispose();
  }
}
