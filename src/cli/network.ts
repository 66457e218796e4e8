/**
 * critsolve network: every critical point of a deep linear network's loss, classified.
 *
 * The network comes from --dims (random data and λ's from --seed) or from a spec file.
 * With neither, a small built-in example runs (what `npm start` shows). --export writes the
 * gradient system for another solver and stops: exporting is for running that solver
 * instead, and a file is all it needs. --instances solves many random networks of one
 * architecture from a single monodromy solve (network/instances).
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { InputError } from '../errors.js';
import { renderSummary } from '../network/classify.js';
import { linearNetwork, type LinearNetwork, type LinearNetworkOptions, type Regularization } from '../network/model.js';
import { INSTANCES_VARY, instanceSeed, instancesToJSON, networkInstances, type InstancesResult, type Spread } from '../network/instances.js';
import { loadNetworkSpec } from '../network/spec.js';
import type { CriticalSet } from '../network/criticalSets.js';
import {
  AUTO_MIXED_VOLUME_SECONDS,
  AUTO_MONODROMY_ABOVE,
  describeStops,
  describeTraces,
  everyTracePassed,
  plural,
  NETWORK_METHODS,
  networkResultToJSON,
  resolveMethod,
  solveNetwork,
  type MonodromyComponent,
  type NetworkMethod,
  type NetworkResult,
  type NetworkSolveOptions,
} from '../network/solveNetwork.js';
import type { System } from '../poly/system.js';
import { writeBertini, writeJulia, writePhc, writeText } from '../poly/write.js';
import type { MonodromyProgress } from '../solve/monodromy.js';
import { formatSummary } from '../solve/result.js';
import { certifyResult, formatCertification, withCertification } from '../certify/result.js';
import { formatSampling, parseSampling, SAMPLING_PRESETS, type Sampling } from '../numeric/distributions.js';
import { randomSeed } from '../numeric/rng.js';
import { readCheckpointHeader } from '../parallel/checkpoint.js';
import { interruptible, parseDims, parseInteger, parseRegularization, writeJson } from './options.js';
import { progressReporter } from './progress.js';

/** The built-in example: solved in a few seconds; seed 3 gives real minima, saddles and complex points. */
export const DEFAULT_NETWORK = { dims: [2, 2, 1], points: 1, seed: 3 } as const;

/** --trace-test's line: generic (the default when the flag has no value) or single. */
function parseTraceLine(value: string): 'single' | 'generic' {
  if (value === 'single' || value === 'generic') return value;
  throw new InputError(`--trace-test takes generic or single, got '${value}'`);
}

interface NetworkCliOptions {
  traceTest?: 'single' | 'generic' | true;
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

const EXPORTERS: Record<string, { write: (s: System) => string; name: string }> = {
  phc: { write: writePhc, name: 'PHCpack input format' },
  bertini: { write: writeBertini, name: 'Bertini input file' },
  julia: { write: writeJulia, name: 'HomotopyContinuation.jl script' },
  text: { write: writeText, name: 'critsolve text format' },
};

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

function describeRegularization(r: Regularization = { kind: 'generic' }, sampling?: Sampling): string {
  switch (r.kind) {
    case 'generic':
      return sampling ? `generic λ's; sampling ${formatSampling(sampling)}` : "generic λ's (each uniform in [0.5, 1.5))";
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
    `${describeRegularization(options.regularization, options.sampling)}; seed ${seed}; ${label}`
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

/** How many threads tracked monodromy loops: short runs never start the pool. */
function loopThreads(components: readonly MonodromyComponent[]): string {
  const threads = Math.max(1, ...components.map((c) => c.monodromy?.workers ?? 1));
  return threads === 1 ? 'the main thread' : `${threads} worker threads`;
}

/** The report on stdout: whether the counts are complete, the table, the solve summary. */
/** The components of a decomposed critical set, one row each. */
function renderCriticalSets(sets: readonly CriticalSet[]): string {
  const header = ['component', 'dim', 'degree', 'loss', 'real point', 'index', 'nullity', 'ranks (layers; product)', 'trace test'];
  const rows = sets.map((c, k) => [
    String(k + 1),
    String(c.dimension),
    String(c.degree),
    formatLoss(c.loss),
    c.real ? `yes${c.real.certified ? ' (certified)' : ''}` : `none on ${c.realSlices} real slices`,
    c.real ? String(c.real.index) : '-',
    c.real ? String(c.real.nullity) : '-',
    `${c.layerRanks.join(',')}; ${c.productRank}`,
    c.witness.unresolved
      ? 'not run (singular points)'
      : `${c.witness.complete ? 'passed' : 'FAILED'} (${Number.isFinite(c.witness.traceResidual) ? c.witness.traceResidual.toExponential(0) : 'n/a'})`,
  ]);
  const widths = header.map((_, col) => Math.max(...[header, ...rows].map((row) => row[col]!.length)));
  const line = (row: string[]): string =>
    row
      .map((cell, col) => (col >= 3 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!)))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    'index and nullity: of the Hessian at the real point (Morse–Bott index; the nullity is the dimension where the component has multiplicity one)',
  ].join('\n');
}

/** A loss as a real number when it is one, else re + im·i. */
function formatLoss([re, im]: readonly [number, number]): string {
  const r = Math.abs(re) < 5e-13 ? 0 : re;
  return Math.abs(im) <= 1e-9 * Math.max(1, Math.abs(re))
    ? `${Number(r.toPrecision(6))}`
    : `${Number(re.toPrecision(6))}${im < 0 ? '−' : '+'}${Number(Math.abs(im).toPrecision(6))}i`;
}

/** The origin W = 0 among the isolated points, in words (its type decides whether it is a trap for descent). */
function describeOrigin(r: NetworkResult): string | undefined {
  const k = r.points.findIndex((c) => c.zeroPattern.zeroWeights.length === r.network.variables.length);
  if (k < 0) return undefined;
  const c = r.points[k]!;
  const what =
    c.type === 'minimum'
      ? 'a strict local minimum'
      : c.type === 'saddle'
        ? `a saddle (Morse index ${c.index})`
        : c.type === 'degenerate'
          ? `degenerate (a zero Hessian eigenvalue; ${c.index} negative)`
          : 'not real';
  return `the origin W = 0: loss ${formatLoss(c.loss)}, ${what}`;
}

function reportDecomposition(r: NetworkResult, sets: readonly CriticalSet[]): string {
  const isolated = r.summary.points;
  const heading = r.complete
    ? `critical set: ${plural(sets.length, 'component')} of positive dimension and ${plural(isolated, 'isolated point')}, a complete decomposition (every path accounted for, junk removed by membership tests, every component passed the linear trace test)`
    : `critical set: ${plural(sets.length, 'component')} of positive dimension and ${plural(isolated, 'isolated point')} found — NOT a complete decomposition: ${r.incomplete.join('; ')}`;
  const origin = describeOrigin(r);
  const real = sets.flatMap((c, k) => (c.real ? [{ k, loss: c.real.loss, index: c.real.index }] : [])).sort((a, b) => a.loss - b.loss);
  const lowest = real[0]
    ? [`lowest loss at a real point of a component: ${formatLoss([real[0].loss, 0])} (component ${real[0].k + 1}, Morse–Bott index ${real[0].index})`]
    : [];
  return [
    heading,
    '',
    sets.length > 0 ? renderCriticalSets(sets) : 'no component of positive dimension',
    ...lowest,
    '',
    'isolated points:',
    renderSummary(r.summary, { isolatedOnly: sets.length > 0 }),
    ...(origin ? [origin] : []),
    '',
    formatSummary(r.solve, { completeness: false }),
  ].join('\n');
}

function report(r: NetworkResult): string {
  if (r.criticalSets) return reportDecomposition(r, r.criticalSets);
  const { regular, singular } = r.solve.counts;
  const split = singular > 0 ? ` (${regular} regular, ${singular} singular endpoints)` : '';
  const lines = [renderSummary(r.summary), '', formatSummary(r.solve, { completeness: false })];
  if (r.components) {
    // incomplete[0] is monodromy's own reason, which the heading states.
    const passed = everyTracePassed(r.components);
    const failedTraces = r.components.filter((c) => c.trace && !c.trace.proven && !c.sharesSolveOf);
    const own = passed
      ? undefined
      : failedTraces.length > 0
        ? `the trace test did not pass on ${failedTraces.map((c) => `component ${c.key}: ${c.trace!.reason}`).join('; ')}`
        : 'no trace test was asked for: --trace-test';
    // The trace-test check's own reason is what `own` states.
    const others = r.solve.completeness.checks.filter((c) => !c.passed && c.kind !== 'trace-test').flatMap((c) => c.reasons);
    const heading = r.complete
      ? `critical points found by monodromy: ${r.summary.points}, proven complete: ${describeTraces(r.components)} (${describeStops(r.components)})`
      : `critical points found by monodromy: ${r.summary.points}${split} (${describeStops(r.components)}); not proven complete${own ? ` (${own})` : ''}${others.length > 0 ? ` — also: ${others.join('; ')}` : ''}`;
    lines.push(`monodromy: ${r.pathsTracked} paths tracked in loops and parameter homotopies; loops tracked in ${loopThreads(r.components)}`);
    return [heading, '', ...lines].join('\n');
  }
  const heading = r.complete
    ? `critical points: ${r.summary.points}, a complete count (every path tracked, every point isolated and nonsingular, and ${plural(r.solve.crossCheck?.loops ?? 0, 'monodromy loop')} led to no other)`
    : `critical points found: ${r.summary.points}${split} — NOT a complete count of isolated critical points: ${r.incomplete.join('; ')}`;
  return [heading, '', ...lines].join('\n');
}

/** Monodromy progress on stderr: a line every 5 s on a terminal, every 30 s otherwise; nothing with --quiet. */
function monodromyProgress(quiet: boolean): (p: MonodromyProgress) => void {
  if (quiet) return () => {};
  const every = process.stderr.isTTY === true ? 5000 : 30_000;
  let last = Date.now();
  return (p) => {
    if (Date.now() - last < every) return;
    last = Date.now();
    process.stderr.write(
      `network: monodromy, current component: ${p.solutions} solutions, ${p.loops} loops (${p.staleLoops} without new ones), ${p.pathsTracked} paths\n`,
    );
  };
}

/** Refuses --instances with options it cannot honour, saying what to do instead. */
function checkInstances(opts: NetworkCliOptions): void {
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

const formatSpread = (name: string, s: Spread): string => `${name} per instance: min ${s.min}, mean ${s.mean.toFixed(2)}, max ${s.max}`;

/** The instances report: the source solve, one row per instance, the aggregate and histogram. */
function renderInstances(r: InstancesResult): string {
  const header = ['instance', 'seed', 'points', 'complex', 'real', 'minima', 'saddles', 'by index', 'degenerate', 'real by pattern', 'notes'];
  const rows = r.instances.map((t, i) => {
    const s = t.summary;
    const byIndex =
      Object.entries(s.saddlesByIndex)
        .map(([k, v]) => `${k}:${v}`)
        .join(' ') || '-';
    const realPatterns = Object.entries(s.byPattern)
      .filter(([, c]) => c.points > c.complex)
      .sort(([a], [b]) => a.localeCompare(b));
    const byPattern = realPatterns.map(([k, c]) => `${k}:${c.points - c.complex}`).join(' ') || '-';
    const { failed, singular, atInfinity } = t.solve.counts;
    const notes = [failed && `${failed} failed`, singular && `${singular} singular`, atInfinity && `${atInfinity} diverged`].filter(Boolean).join(', ') || '-';
    return [
      String(i + 1),
      String(t.networkSeed),
      ...[s.points, s.complex, s.real, s.minima, s.saddles].map(String),
      byIndex,
      String(s.degenerate),
      byPattern,
      notes,
    ];
  });
  const widths = header.map((_, col) => Math.max(...[header, ...rows].map((row) => row[col]!.length)));
  const left = new Set([7, 9, 10]);
  const line = (row: string[]): string =>
    row
      .map((cell, col) => (left.has(col) ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!)))
      .join('  ')
      .trimEnd();
  const { real } = r.aggregate;
  const most = Math.max(...Object.values(real.histogram));
  const histogram = Object.entries(real.histogram).map(
    ([count, k]) => `  ${count.padStart(4)} real: ${'#'.repeat(Math.max(1, Math.round((40 * k) / most)))} ${k}`,
  );
  return [
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
    formatSpread('real critical points', real),
    formatSpread('minima', r.aggregate.minima),
    formatSpread('saddles', r.aggregate.saddles),
    formatSpread('complex (non-real) points', r.aggregate.complex),
    'histogram of real critical points (instances per count):',
    ...histogram,
    "pattern: one digit per hidden neuron (1 on, 0 off), layers separated by |; 'real by pattern' counts the real points",
  ].join('\n');
}

/** OUT.json → OUT.checkpoint.ndjson: the checkpoint an instances run with --out keeps by default. */
const defaultCheckpointPath = (out: string): string => `${out.replace(/\.json$/i, '')}.checkpoint.ndjson`;

/** The command that continues an interrupted instances run from its checkpoint. */
function resumeInstancesCommand(opts: NetworkCliOptions & { instances: number }, seed: number, dataSeed: number, checkpoint: string): string {
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

async function runInstances(opts: NetworkCliOptions & { instances: number }): Promise<void> {
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
        onProgress: monodromyProgress(opts.quiet === true),
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
      throw new InputError(`interrupted before every instance was tracked, so no instance is reported; ${how}`);
    }
    if (opts.out) writeJson(opts.out, instancesToJSON(r));
    const heading =
      `source: ${r.sourceCount} complex critical points at a random complex (X, Y, λ), found by monodromy (${describeStops(r.components)}); ` +
      `not proven complete (the trace test does not run on --instances yet), so neither are the counts below`;
    const resumedLine = r.resumed
      ? [
          `resumed from ${opts.resume}: it held ${r.resumed.components} component solve${r.resumed.components === 1 ? '' : 's'} and ${r.resumed.trackings} tracking${r.resumed.trackings === 1 ? '' : 's'} of a component to an instance (${r.resumedInstances} of the ${opts.instances} instances whole)`,
        ]
      : [];
    const tracked = `tracked to ${r.instances.length} instances; ${r.pathsTracked} paths in all (monodromy loops, in ${loopThreads(r.components)}, and parameter homotopies), ${r.seconds.toFixed(2)} seconds`;
    process.stdout.write([heading, ...resumedLine, tracked, '', renderInstances(r)].join('\n') + '\n');
    if (ownCheckpoint && checkpoint && existsSync(checkpoint)) rmSync(checkpoint);
  } finally {
    interrupt.dispose();
  }
}

/**
 * With --queue: the complete methods' paths sharded over the queue's workers, or monodromy's
 * components one shape per unit, each worker rebuilding the network from its spec.
 */
async function queueSolver(
  network: LinearNetwork,
  opts: NetworkCliOptions,
  signal: AbortSignal,
): Promise<Pick<NetworkSolveOptions, 'solver' | 'monodromySolver'>> {
  if (opts.seed === undefined)
    throw new InputError('--queue needs --seed N: a coordinator started again must ask for the same units (and --dims draws its data from the seed)');
  const method = resolveMethod(opts.method, network);
  if (method === 'decompose') {
    throw new InputError(
      `--queue shards total-degree, polyhedral and monodromy solves; this network is solved by decompose${opts.method === 'auto' ? ' (what auto takes here)' : ''}: run it without --queue`,
    );
  }
  const { queueProgress } = await import('./worker.js');
  const spec = {
    dims: [...network.dims],
    X: network.X.map((r) => [...r]),
    Y: network.Y.map((r) => [...r]),
    regularization: { kind: 'entrywise' as const, lambda: network.lambda.map((m) => m.map((r) => [...r])) },
  };
  if (method === 'monodromy') {
    if (opts.traceTest !== undefined) throw new InputError('--trace-test does not run on the queue yet: run it without --queue');
    if (opts.shards !== undefined) throw new InputError('--shards splits paths; monodromy on the queue runs one unit per shape of its components');
    const { monodromyOnQueue } = await import('../queue/monodromy.js');
    return {
      monodromySolver: async (_spec, o) => {
        const waiting = queueProgress(`network on ${opts.queue}`, opts.quiet === true);
        const r = await monodromyOnQueue(spec, {
          seed: o.seed,
          url: opts.queue!,
          ...(o.workers === undefined ? {} : { workers: o.workers }),
          ...(o.maxStaleLoops === undefined ? {} : { maxStaleLoops: o.maxStaleLoops }),
          signal,
          onQueue: (p) => waiting.update(p),
        });
        waiting.finish();
        if (!r) throw new InputError('interrupted while the workers solve: the units go on in the queue, and the same command collects them');
        return r;
      },
    };
  }
  const { solveOnQueue } = await import('../queue/solve.js');
  return {
    solver: async (_system, o) => {
      const waiting = queueProgress(`network on ${opts.queue}`, opts.quiet === true);
      const { range: _range, resume: _resume, checkpoint: _checkpoint, ...rest } = o;
      const r = await solveOnQueue({ network: spec }, { ...rest, url: opts.queue!, shards: opts.shards ?? 16, signal, onQueue: (p) => waiting.update(p) });
      waiting.finish();
      if (!r) throw new InputError('interrupted while the workers track: the units go on in the queue, and the same command collects them');
      return r;
    },
  };
}

/** "s … s+N−1" (or "s"), as the seeds wrap. */
function instanceSeedLabel(seed: number, count: number): string {
  return count === 1 ? String(seed) : `${seed} … ${instanceSeed(seed, count - 1)}`;
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
  const decomposing = opts.method === 'decompose' || (opts.method === 'auto' && !network.isolated);
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
    const decomposing = opts.method === 'auto' || opts.method === 'decompose';
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
  if (opts.traceTest !== undefined && opts.method !== 'monodromy') {
    if (opts.method !== 'auto') throw new InputError(`--trace-test proves a monodromy count; --method ${opts.method} does not use monodromy`);
    const chosen = resolveMethod('auto', network);
    if (chosen !== 'monodromy')
      throw new InputError(
        `--trace-test proves a monodromy count; this network is solved by ${chosen} (what auto takes here), whose count has its own checks: drop --trace-test, or add --method monodromy`,
      );
  }
  const progress = progressReporter('network', opts.quiet === true);
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const onQueue = opts.queue === undefined ? {} : await queueSolver(network, opts, controller.signal);
    const result = await solveNetwork(network, {
      seed,
      method: opts.method,
      ...(decomposing && opts.checkpoint !== undefined ? { checkpoint: opts.checkpoint } : {}),
      ...(decomposing && opts.resume !== undefined ? { resume: opts.resume } : {}),
      ...onQueue,
      ...(opts.workers === undefined ? {} : { workers: opts.workers }),
      onProgress: (p) => progress.update(p),
      monodromy: { onProgress: monodromyProgress(opts.quiet === true) },
      ...(opts.traceTest === undefined ? {} : { traceTest: opts.traceTest === true ? 'generic' : opts.traceTest }),
      ...(opts.quiet ? {} : { onStage: (stage: string) => process.stderr.write(`network: decompose, ${stage}\n`) }),
      signal: controller.signal,
    });
    progress.finish();
    const certification = opts.certify ? certifyResult(network.system, result.solve) : undefined;
    const json = networkResultToJSON(result);
    if (opts.out) writeJson(opts.out, certification ? withCertification(json, certification) : json);
    process.stdout.write(report(result) + '\n');
    if (certification) process.stdout.write(formatCertification(certification) + '\n');
    if (opts.exportWitness) {
      if (!result.criticalSets)
        throw new InputError('--export-witness writes the witness sets of a decomposition; these critical points are isolated (no component to write)');
      const { exportWitnessSets } = await import('./solve.js');
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
      throw new InputError(
        `interrupted: the result above is partial${decomposing ? (dir ? `; resume with the same command, --resume ${dir} in place of --checkpoint, and --seed ${seed}` : '; --checkpoint DIR keeps the witness-superset paths of a decomposition so that it can be resumed') : ''}`,
      );
    }
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
    .option('--quiet', 'no progress on stderr')
    .action(run);
}
