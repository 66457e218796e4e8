/**
 * networkMonodromy: every complex critical point of one network by monodromy, the component
 * engine (network/components) on the network's λ-family: each choice of on-neurons solved at a
 * random complex λ, then one parameter homotopy to the network's real λ's.
 */
import { compileSystem } from '../compile/compile.js';
import { fixParameters } from '../compile/fixed.js';
import { Random, randomSeed, STREAMS } from '../numeric/rng.js';
import type { System } from '../poly/system.js';
import { collectSolutions, type Collected } from '../solve/collect.js';
import type { MonodromyOptions, MonodromyResult } from '../solve/monodromy.js';
import type { PathResult } from '../track/pathResult.js';
import { pathsToTarget, solveComponents, zeroPoint, type ComponentStore, type ComponentTrace } from './components.js';
import { lambdaFamily, parametrizeNetwork } from './families.js';
import type { LinearNetwork, LinearNetworkOptions } from './model.js';

export interface NetworkComponent {
  /** Pattern key, as classify's zeroPattern key (`10|11`); `0…0` for W = 0. */
  readonly key: string;
  /** The monodromy solve on the component's network (absent for W = 0, or an empty component). */
  readonly monodromy?: MonodromyResult;
  /** Why the component has no solutions at generic λ, when it has none. */
  readonly empty?: string;
  /** Distinct regular critical points of the network in this component. */
  readonly regular: number;
  /** The trace test of the component's solutions, when asked for. */
  readonly trace?: ComponentTrace;
}

export interface NetworkMonodromyResult extends Collected {
  readonly seed: number;
  readonly network: LinearNetwork;
  /** The full gradient system with the λ's as parameters. */
  readonly system: System;
  readonly components: NetworkComponent[];
  /** Paths tracked in all monodromy loops and parameter homotopies. */
  readonly pathsTracked: number;
  /** One record per tracked solution, in the full network's variables. */
  readonly paths: PathResult[];
  /** True when the signal stopped the run before every component was solved and tracked. */
  readonly partial: boolean;
  readonly seconds: number;
}

/**
 * Every complex critical point of the network. A `targetCount` is the count for the whole
 * network: the components are solved smallest first, and the last, all-on one stops when the
 * total is reached.
 */
export interface NetworkMonodromyRun {
  /** Check each component's count by the trace test (network/components). */
  readonly traceTest?: 'single' | 'generic';
  /** Where component solves and their tracked paths are kept and read back from (queue/monodromy). */
  readonly store?: ComponentStore;
  /** Solve only these components (by index among the choices of on-neurons): a queue unit's share. */
  readonly only?: (c: number) => boolean;
}

export async function networkMonodromy(
  options: LinearNetworkOptions,
  monodromy: MonodromyOptions = {},
  run: NetworkMonodromyRun = {},
): Promise<NetworkMonodromyResult> {
  const { traceTest } = run;
  const began = performance.now();
  const seed = monodromy.seed ?? randomSeed();
  const full = parametrizeNetwork(options);
  const { network } = full;
  const target = fixParameters(compileSystem(full.system), full.parameters);
  const hidden = network.dims.length > 2;
  const zeroFound = hidden && zeroPoint(target).code === 'success' ? 1 : 0;
  const { seed: _seed, startPair: _start, symmetries: _symmetries, knownSolutions: _known, traceTest: _trace, targetCount, ...rest } = monodromy;
  const solved = await solveComponents(lambdaFamily(network), [full.parameters], {
    seed,
    monodromy: rest,
    ...(targetCount === undefined ? {} : { targetCount: targetCount - zeroFound }),
    ...(traceTest ? { traceTest } : {}),
    ...(run.store ? { store: run.store } : {}),
    ...(run.only ? { only: run.only } : {}),
  });
  const paths = pathsToTarget(solved, 0, network.dims, target);
  const regular = new Map(solved.runs.map((r) => [r.key, r.tracked[0]?.counts.regular ?? 0]));
  const components = solved.components.map((c) => ({ ...c, regular: c.monodromy || c.empty ? (regular.get(c.key) ?? 0) : zeroFound }));
  const collected = await collectSolutions(paths, target, new Random(seed, STREAMS.componentGrouping));
  return {
    seed,
    network,
    system: full.system,
    components,
    pathsTracked: solved.pathsTracked,
    paths,
    partial: solved.partial,
    ...collected,
    seconds: (performance.now() - began) / 1000,
  };
}
