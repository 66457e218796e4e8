/**
 * Solve once, track many: the critical points of many random networks of one architecture,
 * from a single monodromy solve: the component engine (network/components) on the data family
 * (network/families), tracked to every instance.
 *
 * What varies between instances is everything the user's seed draws: the data X, Y and the
 * generic λ's. Instance i is exactly the network `critsolve network --dims D --points M
 * --seed s_i` solves, so any instance can be checked on its own. By coefficient-parameter
 * theory every isolated critical point of every instance is the end of a path from a complete
 * generic solution set; but monodromy does not prove its set complete, so neither are the
 * instances' counts.
 */
import { buildProgram, compileSystem } from '../compile/compile.js';
import { fixParameters } from '../compile/fixed.js';
import type { CompiledSystem } from '../compile/types.js';
import { InputError } from '../errors.js';
import type { System } from '../poly/system.js';
import { DEFAULT_SAMPLING, formatSampling, parseSampling, type Sampling } from '../numeric/distributions.js';
import { Random, randomSeed, STREAMS } from '../numeric/rng.js';
import { collectSolutions } from '../solve/collect.js';
import type { MonodromyOptions } from '../solve/monodromy.js';
import { networkMonodromyCompleteness } from '../solve/completeness.js';
import type { ClassifyOptions, CriticalSummary } from './classify.js';
import {
  aliveChoices,
  aliveSubnetwork,
  COMPONENT_STALE_LOOPS,
  pathsToTarget,
  solveComponents,
  type ComponentsResult,
  type MonodromyComponent,
} from './components.js';
import { instanceHeader, InstanceCheckpoint } from './instanceCheckpoint.js';
import { readCheckpointHeader } from '../parallel/checkpoint.js';
import { defaultLimits } from '../track/presets.js';
import { detourWarning } from '../solve/trackParameters.js';
import { dataFamily, dataParameters, dataParametrizedSystem } from './families.js';
import { linearNetwork, type LinearNetwork } from './model.js';
import { componentTraces, countFacts, monodromyIncomplete, networkResult, type NetworkResult } from './solveNetwork.js';
import { monodromyToJSON, networkResultToJSON, type NetworkMonodromyJSON, type NetworkResultJSON } from './networkJson.js';

/** Stale loops per component, as networkMonodromy: see COMPONENT_STALE_LOOPS there. */
export const INSTANCE_STALE_LOOPS = COMPONENT_STALE_LOOPS;

/** The largest seed the CLI accepts; instance seeds wrap around below it. */
const SEED_LIMIT = 2 ** 31;

export interface InstancesOptions {
  /** Layer widths d_0 … d_L. */
  dims: readonly number[];
  /** Data points per instance (default 1). */
  points?: number;
  /** Number of instances, at least 1. */
  instances: number;
  /** Seed of the source solve, and of the instances' data unless `dataSeed` is given. */
  seed?: number;
  /** Instance i (0-based) is the network of data seed `dataSeed + i` (default: `seed`). */
  dataSeed?: number;
  /** How each instance's X, Y and λ's are drawn from its data seed (default DEFAULT_SAMPLING; a resumed run's own). */
  sampling?: Sampling;
  monodromy?: Pick<MonodromyOptions, 'maxStaleLoops' | 'maxLoops' | 'preset' | 'limits' | 'onProgress' | 'signal' | 'workers' | 'poolAfterSeconds'>;
  classify?: ClassifyOptions;
  /** Append each component solved and each instance tracked to this new file (NDJSON), to resume from. */
  checkpoint?: string;
  /**
   * Continue the run recorded in this checkpoint, appending to it: what it holds is not solved
   * or tracked again. The seed and data seed default to its own; the instances may be more.
   */
  resume?: string;
}

/** One instance's critical points, as `critsolve network` reports them, and its network's seed. */
export interface NetworkInstance extends NetworkResult {
  /** The seed that draws this instance's data and λ's (`--data-seed` of `critsolve network`). */
  readonly networkSeed: number;
}

/** min, mean and max of a count over the instances, and how many instances had each value. */
export interface Spread {
  readonly min: number;
  readonly mean: number;
  readonly max: number;
  readonly histogram: Record<number, number>;
}

export interface InstancesResult {
  readonly seed: number;
  readonly dims: readonly number[];
  readonly points: number;
  /** How every instance's X, Y and λ's were drawn (formatSampling). */
  readonly sampling: string;
  /** Solutions at the generic complex source, over every component (W = 0 included). */
  readonly sourceCount: number;
  readonly components: readonly MonodromyComponent[];
  /** Paths tracked: monodromy loops and the parameter homotopies to every instance. */
  readonly pathsTracked: number;
  readonly instances: readonly NetworkInstance[];
  readonly aggregate: { readonly real: Spread; readonly minima: Spread; readonly saddles: Spread; readonly complex: Spread };
  /**
   * True when a signal stopped the run: then no instance is reported (what was finished is in
   * the checkpoint, if there is one).
   */
  readonly partial: boolean;
  /** Instances read back from a resumed checkpoint for every component (0 without --resume). */
  readonly resumedInstances: number;
  /** What a resumed checkpoint held: component solves, and trackings of a component to an instance. */
  readonly resumed?: { readonly components: number; readonly trackings: number };
  readonly seconds: number;
}

/** The seed of instance i: consecutive seeds from the run's, so instance 1 is `--seed seed`. */
export const instanceSeed = (seed: number, i: number): number => (seed + i) % SEED_LIMIT;

/** The spread of the values; all zero for no values (an interrupted run). */
function spread(values: readonly number[]): Spread {
  const histogram: Record<number, number> = {};
  for (const v of values) histogram[v] = (histogram[v] ?? 0) + 1;
  if (values.length === 0) return { min: 0, mean: 0, max: 0, histogram };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { min: Math.min(...values), mean, max: Math.max(...values), histogram };
}

/** Instance i as a solve result: the paths of every component to it, grouped into points. */
async function instanceResult(
  network: LinearNetwork,
  networkSeed: number,
  seed: number,
  solved: ComponentsResult,
  i: number,
  target: CompiledSystem,
  classify?: ClassifyOptions,
): Promise<NetworkInstance> {
  const paths = pathsToTarget(solved, i, network.dims, target);
  const collected = await collectSolutions(paths, target, new Random(seed, STREAMS.componentGrouping));
  // A component whose direct paths to this instance failed was tracked again along a detour: say so.
  for (const r of solved.runs) {
    const t = r.tracked[i];
    if (t?.detour) collected.warnings.unshift(detourWarning(t.detour, t.counts.failed));
  }
  const seconds = solved.runs.reduce((s, r) => s + (r.tracked[i]?.seconds ?? 0), 0);
  const standing = networkMonodromyCompleteness(
    'monodromy',
    countFacts(network, { counts: collected.counts, partial: false }),
    componentTraces(solved.components, false, 'the trace test does not run on --instances yet'),
  );
  const parts = { seed, variables: network.variables, method: 'monodromy' as const, ...collected, paths, partial: false, seconds };
  return { ...networkResult(network, 'monodromy', parts, standing, classify), networkSeed };
}

/** The checks an options object must pass; InputErrors that say what to change. */
function checkOptions(options: InstancesOptions): void {
  if (!Number.isSafeInteger(options.instances) || options.instances < 1) {
    throw new InputError(`the number of instances must be a positive integer, got ${options.instances}`);
  }
  // linearNetwork checks dims and points, with its messages.
  const probe = linearNetwork({ dims: options.dims, points: options.points ?? 1, seed: 0 });
  if (!probe.isolated) throw new InputError(`instances need isolated critical points: ${probe.warning}`);
}

/**
 * `instances` random networks of widths `dims` (data and generic λ's from consecutive seeds),
 * every critical point of each, classified: one monodromy solve per component at a random
 * complex point, tracked to every instance.
 */
export async function networkInstances(options: InstancesOptions): Promise<InstancesResult> {
  const began = performance.now();
  checkOptions(options);
  if (options.checkpoint !== undefined && options.resume !== undefined && options.checkpoint !== options.resume) {
    throw new InputError(
      `--resume ${options.resume} continues writing to ${options.resume}; leave out --checkpoint ${options.checkpoint}, or give it the same file`,
    );
  }
  const found = options.resume === undefined ? undefined : readCheckpointHeader(options.resume);
  const seed = options.seed ?? found?.seed ?? randomSeed();
  const points = options.points ?? 1;
  const dims = [...options.dims];
  const resumedDataSeed = found?.settings['dataSeed'];
  const dataSeed = options.dataSeed ?? (typeof resumedDataSeed === 'number' ? resumedDataSeed : seed);
  const resumedSampling = found?.settings['sampling'];
  const sampling = options.sampling ?? (typeof resumedSampling === 'string' ? parseSampling(resumedSampling, `the checkpoint's sampling`) : DEFAULT_SAMPLING);
  const networks = Array.from({ length: options.instances }, (_, i) => linearNetwork({ dims, points, sampling, seed: instanceSeed(dataSeed, i) }));
  const targets = networks.map(dataParameters);
  const system = dataParametrizedSystem(dims, points);
  const full = compileSystem(system);
  const { maxStaleLoops = INSTANCE_STALE_LOOPS, ...monodromy } = options.monodromy ?? {};
  const store = openStore(options, system, seed, {
    run: 'instances',
    dims,
    points,
    dataSeed,
    sampling: formatSampling(sampling),
    maxStaleLoops,
    maxLoops: monodromy.maxLoops ?? null,
    preset: monodromy.preset ?? 'default',
    limits: monodromy.limits ? { ...defaultLimits, ...monodromy.limits } : null,
  });
  let solved: ComponentsResult;
  try {
    solved = await solveComponents(dataFamily(dims, points), targets, { seed, monodromy: { ...monodromy, maxStaleLoops }, ...(store ? { store } : {}) });
  } finally {
    store?.close();
  }
  const { partial, components, sourceCount } = solved;
  const instances: NetworkInstance[] = [];
  for (const [i, network] of (partial ? [] : networks).entries()) {
    instances.push(await instanceResult(network, instanceSeed(dataSeed, i), seed, solved, i, fixParameters(full, targets[i]!), options.classify));
  }
  const of = (f: (s: CriticalSummary) => number): Spread => spread(instances.map((t) => f(t.summary)));
  return {
    seed,
    dims,
    points,
    sampling: formatSampling(sampling),
    sourceCount,
    components,
    pathsTracked: solved.pathsTracked,
    instances,
    aggregate: { real: of((s) => s.real), minima: of((s) => s.minima), saddles: of((s) => s.saddles), complex: of((s) => s.complex) },
    partial,
    resumedInstances: store ? resumedInstances(store, solved, options.instances) : 0,
    ...(options.resume !== undefined && store ? { resumed: { ...store.resumed } } : {}),
    seconds: (performance.now() - began) / 1000,
  };
}

/** Instances whose paths the checkpoint held for every component with solutions. */
function resumedInstances(store: InstanceCheckpoint, solved: ComponentsResult, instances: number): number {
  const solvedComponents = solved.runs.flatMap((r, c) => (r.monodromy && r.monodromy.solutions.length > 0 ? [c] : []));
  if (solvedComponents.length === 0) return 0;
  let count = 0;
  for (let t = 0; t < instances; t++) if (solvedComponents.every((c) => store.tracked(c).has(t))) count++;
  return count;
}

/** The run's checkpoint: a new one, one resumed (its header checked against this run), or none. */
function openStore(options: InstancesOptions, system: System, seed: number, settings: Parameters<typeof instanceHeader>[3]): InstanceCheckpoint | undefined {
  const header = instanceHeader(seed, system.variables, buildProgram(system), settings);
  if (options.resume !== undefined) {
    const { dims } = settings;
    const choices = dims.length > 2 ? aliveChoices(dims) : [[]];
    return InstanceCheckpoint.resume(options.resume, header, (c) =>
      c >= 0 && c < choices.length ? aliveSubnetwork(dims, choices[c]!).embedding.length : undefined,
    );
  }
  return options.checkpoint === undefined ? undefined : InstanceCheckpoint.create(options.checkpoint, header);
}

/** What the instances vary, in words for the JSON and the help. */
export const INSTANCES_VARY =
  "the data X, Y and the generic λ's: instance i is the network that `critsolve network --dims D --points M --data-seed s_i` solves (with any --seed), with s_i = data seed + i − 1 (the data seed is --seed unless --data-seed is given); " +
  'the gradient system takes λ, X and Y as parameters, solved once by monodromy at a random complex point and tracked to each instance';

/** The instances JSON, schema critsolve/instances@1. */
export interface InstancesJSON {
  schema: 'critsolve/instances@1';
  seed: number;
  method: 'monodromy';
  dims: number[];
  points: number;
  sampling: string;
  varies: string;
  complete: false;
  incomplete: string[];
  partial: boolean;
  source: { solutions: number } & NetworkMonodromyJSON;
  instances: ({ instance: number; networkSeed: number } & NetworkResultJSON)[];
  aggregate: InstancesResult['aggregate'];
  seconds: number;
}

/**
 * The JSON form (schema critsolve/instances@1): the source solve, one network result per
 * instance (schema critsolve/result@1's fields, with `instance` and `networkSeed`), and the
 * aggregate over the instances.
 */
export function instancesToJSON(r: InstancesResult): InstancesJSON {
  return {
    schema: 'critsolve/instances@1',
    seed: r.seed,
    method: 'monodromy',
    dims: [...r.dims],
    points: r.points,
    sampling: r.sampling,
    varies: INSTANCES_VARY,
    complete: false,
    incomplete: [monodromyIncomplete(r.components)],
    partial: r.partial,
    source: { solutions: r.sourceCount, ...monodromyToJSON(r.components, r.pathsTracked) },
    instances: r.instances.map((t, i) => ({ instance: i + 1, networkSeed: t.networkSeed, ...networkResultToJSON(t) })),
    aggregate: r.aggregate,
    seconds: r.seconds,
  };
}
