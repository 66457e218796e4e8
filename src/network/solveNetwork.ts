/**
 * Every critical point of a deep linear network: solve its gradient system (total degree, or
 * monodromy), classify each solution (loss, zero pattern, Morse index, rank), summarize, and
 * say whether the counts are complete. The JSON form extends the solve result (schema
 * critsolve/result@1, docs/CONTRACTS.md).
 */
import { InputError } from '../errors.js';
import type { MonodromyOptions, MonodromyStop } from '../solve/monodromy.js';
import { crossCheckShortfall, monodromyCrossCheck, withCrossCheck } from '../solve/crossCheck.js';
import { networkFamily } from './families.js';
import { buildResult, type CrossCheck, type ResultParts, type SolveResult } from '../solve/result.js';
import {
  judge,
  networkMonodromyCompleteness,
  networkPathsCompleteness,
  unprovenReasons,
  type Completeness,
  type ComponentTraces,
  type NetworkCountFacts,
} from '../solve/completeness.js';
import { ILL_CONDITIONED } from '../solve/collect.js';
import { randomSeed } from '../numeric/rng.js';
import { solve, type SolveOptions } from '../solve/solve.js';
import { classifyPoints, type ClassifyOptions, type CriticalPointClass, type CriticalSummary } from './classify.js';
import type { LinearNetwork, LinearNetworkOptions } from './model.js';
import { networkMonodromy, type NetworkMonodromyResult } from './networkMonodromy.js';
import { decompositionResult } from '../decompose/decompositionResult.js';
import { networkCriticalSets, type CriticalSet } from './criticalSets.js';
import type { MonodromyComponent } from './components.js';
import { planNetwork, type NetworkMethod, type NetworkPlan } from './plan.js';
import { networkSpec } from './spec.js';
import { withSignFlipImages } from './signImages.js';

export { AUTO_MIXED_VOLUME_SECONDS, AUTO_MONODROMY_ABOVE, NETWORK_METHODS, type NetworkMethod } from './plan.js';

export interface NetworkSolveOptions extends SolveOptions {
  method?: NetworkMethod;
  /** The plan already made for this network (planNetwork, with this solve's seed): it overrides `method`. */
  plan?: NetworkPlan;
  classify?: ClassifyOptions;
  /**
   * After a total-degree or polyhedral solve, send the points found around a few monodromy
   * loops (network/families: networkFamily) and call the count complete only if they find nothing new
   * (default true).
   */
  crossCheck?: boolean;
  /** For decompose: called as each stage of the decomposition begins, with its name. */
  onStage?: (stage: string) => void;
  /** For monodromy: its stopping rules and progress (the seed and signal are the solve's). */
  monodromy?: Pick<MonodromyOptions, 'maxStaleLoops' | 'maxLoops' | 'targetCount' | 'onProgress' | 'limits'>;
  /**
   * For monodromy: prove each component's count by the trace test along a random line in its
   * λ-space ('generic': every λ moves, a proof; 'single': one λ, cheaper, resting on the
   * curve's irreducibility), in sign-invariant coordinates (solve/lineTrace).
   */
  traceTest?: 'single' | 'generic';
  /**
   * For total degree and polyhedral: what runs the solve of the gradient system (default
   * `solve` here). The queue passes one that shards the paths over its workers and returns
   * the result a local solve would.
   */
  solver?: (
    system: LinearNetwork['system'],
    options: SolveOptions & { seed: number; start: Exclude<NetworkMethod, 'auto' | 'monodromy' | 'decompose'> },
  ) => Promise<SolveResult>;
  /**
   * For monodromy: what runs networkMonodromy (default here). The queue passes one that runs
   * each shape of components as a unit and returns the result a local run would.
   */
  monodromySolver?: (spec: LinearNetworkOptions, options: MonodromyOptions & { seed: number }) => Promise<NetworkMonodromyResult>;
}

export type { MonodromyComponent };

export interface NetworkResult {
  readonly network: LinearNetwork;
  readonly method: Exclude<NetworkMethod, 'auto'>;
  /** The solve, its `completeness` judged as the network's count (solve/completeness). */
  readonly solve: SolveResult;
  /** For monodromy: the components, each with its monodromy run. */
  readonly components?: readonly MonodromyComponent[];
  /** For monodromy: paths tracked in all loops and parameter homotopies. */
  readonly pathsTracked?: number;
  /** For decompose: the positive-dimensional components, read as a network's (network/criticalSets). */
  readonly criticalSets?: readonly CriticalSet[];
  /** One class per solution of `solve.solutions`, in the same order. */
  readonly points: readonly CriticalPointClass[];
  /** Over every solution, regular or singular; `globalMinimum.points` index `solve.solutions`. */
  readonly summary: CriticalSummary;
  /** True when the counts are the complete counts of the isolated critical points: every check of `solve.completeness` passed. */
  readonly complete: boolean;
  /** Why the counts are not complete, one plain statement each (from `solve.completeness`); empty when complete. */
  readonly incomplete: readonly string[];
}

/**
 * The one builder of a network result: the solve built (solve/result: buildResult) with the
 * network's standing, its points classified, and `complete` and `incomplete` read from the standing.
 */
export function networkResult(
  network: LinearNetwork,
  method: Exclude<NetworkMethod, 'auto'>,
  parts: ResultParts,
  standing: Completeness,
  classify: ClassifyOptions | undefined,
  extra: Pick<NetworkResult, 'components' | 'pathsTracked' | 'criticalSets'> = {},
): NetworkResult {
  const solve = buildResult(parts, standing);
  const { points, summary } = classifyPoints(
    network,
    solve.solutions.map((s) => s.x),
    classify,
  );
  const incomplete = standing.proven ? [] : unprovenReasons(standing.checks);
  return { network, method, solve, ...extra, points, summary, complete: standing.proven, incomplete };
}

export const plural = (k: number, word: string): string => `${k} ${word}${k === 1 ? '' : 's'}`;

/** How the monodromy runs stopped, in words: "each of 3 components stopped after 20 loops …". */
export function describeStops(components: readonly MonodromyComponent[]): string {
  const runs = components.flatMap((c) => (c.monodromy && !c.sharesSolveOf ? [{ key: c.key, m: c.monodromy }] : []));
  const sharing = components.filter((c) => c.sharesSolveOf).length;
  const stale = runs.filter((r) => r.m.stoppedBy === 'stale-loops');
  const parts: string[] = [];
  if (stale.length > 0) {
    const loops = [...new Set(stale.map((r) => r.m.staleLoops))].join(' or ');
    const who = stale.length === runs.length ? (runs.length === 1 ? 'the component' : `each of ${runs.length} components`) : plural(stale.length, 'component');
    parts.push(`${who} stopped after ${loops} loops in a row without new solutions`);
  }
  for (const r of runs.filter((r) => r.m.stoppedBy !== 'stale-loops')) {
    const why: Record<MonodromyStop, string> = {
      'stale-loops': '',
      'target-count': 'at the target count',
      'max-loops': `at the loop limit (${r.m.loops} loops), still finding solutions`,
      aborted: 'when interrupted',
    };
    parts.push(`component ${r.key} stopped ${why[r.m.stoppedBy]}`);
  }
  const loops = runs.reduce((s, r) => s + r.m.loops, 0);
  if (sharing > 0) parts.push(`${plural(sharing, 'component')} of a shape already solved, whose solutions ${sharing === 1 ? 'it shares' : 'they share'}`);
  const empty = components.filter((c) => c.empty).length;
  if (empty > 0) parts.push(`${plural(empty, 'component')} with no isolated points at generic parameters`);
  return `${parts.join('; ')}; ${plural(loops, 'loop')} in all`;
}

/** The components monodromy solved itself (not W = 0, not empty, not sharing another's solve). */
const solvedComponents = (components: readonly MonodromyComponent[]): MonodromyComponent[] =>
  components.filter((c) => c.monodromy && !c.empty && !c.sharesSolveOf);

/** True when every component monodromy solved passed its trace test. */
export function everyTracePassed(components: readonly MonodromyComponent[]): boolean {
  const solved = solvedComponents(components);
  return solved.length > 0 && solved.every((c) => c.trace?.proven === true);
}

/** Why monodromy's counts are not proven complete: it stops on evidence, not on a proof, unless a trace test passed. */
export function monodromyIncomplete(components: readonly MonodromyComponent[], noTrace = 'no trace test was asked for: --trace-test'): string {
  const failed = solvedComponents(components).filter((c) => c.trace && !c.trace.proven);
  if (failed.length > 0) {
    return `found by monodromy (${describeStops(components)}); the trace test did not pass on ${failed.map((c) => `component ${c.key} (${c.trace!.reason})`).join(', ')}, so points may be missing`;
  }
  return `found by monodromy, which stops on evidence, not proof (${noTrace}): ${describeStops(components)}, so points may be missing`;
}

/** The trace tests behind a monodromy count, in words. */
export function describeTraces(components: readonly MonodromyComponent[]): string {
  const solved = solvedComponents(components);
  const line = solved[0]?.trace?.line === 'single' ? 'a random line moving one λ (a proof if the curve over it is irreducible)' : 'a random line in λ-space';
  const worst = Math.max(...solved.map((c) => c.trace?.residual ?? NaN));
  const added = solved.reduce((s, c) => s + (c.trace?.added ?? 0), 0);
  return (
    `the trace test passed on each of ${plural(solved.length, 'solved component')} (${line}, sign-invariant coordinates, largest residual ${worst.toExponential(1)}` +
    `${added > 0 ? `; it added ${plural(added, 'point')} the loops had missed` : ''}); the zero patterns are enumerated by construction`
  );
}

/** What a network's count checks read (solve/completeness). */
export function countFacts(network: LinearNetwork, r: Pick<SolveResult, 'counts' | 'partial'>, range = false): NetworkCountFacts {
  return { isolated: network.isolated, counts: r.counts, partial: r.partial, range, conditionLimit: ILL_CONDITIONED };
}

/** Solves the gradient system of `network` and classifies every solution. */
/** The deep look is taken unasked only over this many paths (it costs about 0.3 s of a core per path on a 2-2-2 network). */
const DEEP_LOOK_PATHS = 2000;

export async function solveNetwork(network: LinearNetwork, options: NetworkSolveOptions = {}): Promise<NetworkResult> {
  const { method = 'auto', classify, monodromy: _monodromy, crossCheck: _crossCheck, plan: given, ...solveOptions } = options;
  // The seed is fixed here so that the mixed subdivision auto computes serves the solve too.
  const seed = options.seed ?? (options.resume === undefined ? randomSeed() : undefined);
  const plan = given ?? planNetwork(network, { method, seed: seed ?? 1 });
  const resolved = plan.method;
  const subdivision = plan.seed === seed ? plan.subdivision : undefined;
  if (resolved === 'monodromy') return solveByMonodromy(network, { ...options, ...(seed === undefined ? {} : { seed }) });
  if (resolved === 'decompose') return solveByDecomposition(network, { ...options, seed: seed ?? randomSeed() });
  const { solver, ...localOptions } = solveOptions;
  // Only a resumed run has no seed here, and a solver (the queue's) does not resume one.
  if (solver && seed === undefined) throw new InputError('a solve handed to another solver needs a seed: give one, and no --resume');
  const run = (deepPrecision: boolean): Promise<SolveResult> =>
    solver
      ? solver(network.system, { ...localOptions, seed: seed!, start: resolved, ...(deepPrecision ? { deepPrecision } : {}) })
      : solve(network.system, {
          ...localOptions,
          ...(seed === undefined ? {} : { seed }),
          start: resolved,
          ...(subdivision && seed !== undefined ? { subdivision } : {}),
          ...(deepPrecision ? { deepPrecision } : {}),
        });
  let solved = await run(options.deepPrecision === true);
  let completed = options.range === undefined ? withSignFlipImages(network, solved) : solved;
  let crossCheck = await runCrossCheck(network, completed, options);
  // A count the cross-check or the sign flips show short, when paths were judged to diverge on
  // their valuations alone: solved again with the deep look (the same seed, the same paths).
  const short = (crossCheck !== undefined && (crossCheck.failedPaths > 0 || crossCheck.found.length > 0)) || completed.counts.regular > solved.counts.regular;
  const candidates = solved.precision?.divergingByValuation ?? 0;
  let skipped: string | undefined;
  if (short && options.deepPrecision === undefined && !solved.precision?.deep && options.range === undefined && seed !== undefined && candidates > 0) {
    if (candidates <= DEEP_LOOK_PATHS) {
      solved = await run(true);
      completed = withSignFlipImages(network, solved);
      crossCheck = await runCrossCheck(network, completed, options);
    } else {
      skipped = `the count may be short, and the deep look (the ${candidates} paths judged to diverge tracked again in double-double) was not taken: more than ${DEEP_LOOK_PATHS} paths; --deep takes it`;
    }
  }
  if (skipped) completed = { ...completed, warnings: [...completed.warnings, skipped] };
  const result = crossCheck ? withCrossCheck(network.system, completed, crossCheck) : completed;
  const standing = networkPathsCompleteness(
    resolved,
    countFacts(network, result, options.range !== undefined),
    crossCheck,
    { turnedOff: options.crossCheck === false },
    crossCheck && crossCheckShortfall(crossCheck, resolved),
    completed.counts.regular - solved.counts.regular,
  );
  return networkResult(network, resolved, result, standing, classify);
}

/** The cross-check of a complete method's count, unless the run is partial or the points are not isolated. */
async function runCrossCheck(network: LinearNetwork, r: SolveResult, options: NetworkSolveOptions): Promise<CrossCheck | undefined> {
  if (r.partial || !network.isolated || options.range !== undefined || options.crossCheck === false) return undefined;
  const regular = r.solutions.filter((s) => s.kind === 'regular').map((s) => s.x);
  return monodromyCrossCheck(networkFamily(network), regular, {
    seed: r.seed,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/**
 * networkMonodromy (one run per choice of on-neurons, loops in `workers` threads), as a solve result:
 * never complete, since monodromy has no completeness test.
 */
async function solveByMonodromy(network: LinearNetwork, options: NetworkSolveOptions): Promise<NetworkResult> {
  const { seed, signal, classify, monodromy, workers } = options;
  const spec = networkSpec(network);
  const mOptions = { ...monodromy, ...(seed === undefined ? {} : { seed }), ...(workers === undefined ? {} : { workers }), ...(signal ? { signal } : {}) };
  if (options.monodromySolver && (seed === undefined || options.traceTest !== undefined || monodromy?.targetCount !== undefined)) {
    throw new InputError('a monodromy solver of its own (the queue) needs a seed, and takes no trace test or target count');
  }
  const m = options.monodromySolver
    ? await options.monodromySolver(spec, { ...mOptions, seed: seed! })
    : await networkMonodromy(spec, mOptions, options.traceTest ? { traceTest: options.traceTest } : {});
  const parts: ResultParts = {
    seed: m.seed,
    variables: network.variables,
    method: 'monodromy',
    counts: m.counts,
    solutions: m.solutions,
    paths: m.paths,
    retracked: m.retracked,
    warnings: m.warnings,
    partial: m.partial,
    seconds: m.seconds,
  };
  const standing = networkMonodromyCompleteness('trace test', countFacts(network, m), componentTraces(m.components, options.traceTest !== undefined));
  return networkResult(network, 'monodromy', parts, standing, classify, { components: m.components, pathsTracked: m.pathsTracked });
}

/** The trace tests of monodromy's components, as the network's trace-test check reads them. */
export function componentTraces(components: readonly MonodromyComponent[], asked: boolean, noTrace?: string): ComponentTraces {
  const solved = solvedComponents(components);
  const passed = asked && everyTracePassed(components);
  return {
    passed,
    failure: monodromyIncomplete(components, noTrace),
    proof: passed ? describeTraces(components) : '',
    seen: {
      ran: solved.some((k) => k.trace !== undefined),
      components: solved.map((k) => ({
        key: k.key,
        ...(k.trace
          ? {
              proven: k.trace.proven,
              line: k.trace.line,
              residual: k.trace.residual,
              witnessPoints: k.trace.witnessPoints,
              extraPoints: k.trace.extraPoints,
              added: k.trace.added,
              pathsTracked: k.trace.pathsTracked,
              ...(k.trace.reason ? { reason: k.trace.reason } : {}),
            }
          : { ran: false }),
      })),
    },
  };
}

/**
 * The critical set decomposed (network/criticalSets): its positive-dimensional components,
 * and its isolated points classified as always. Complete when the decomposition is.
 */
async function solveByDecomposition(network: LinearNetwork, options: NetworkSolveOptions & { seed: number }): Promise<NetworkResult> {
  const { seed, signal, classify, workers, onStage } = options;
  const dir = options.checkpoint ?? options.resume;
  const { decomposition: d, sets } = await networkCriticalSets(network, {
    seed,
    ...(workers === undefined ? {} : { workers }),
    ...(signal ? { signal } : {}),
    ...(onStage ? { onProgress: onStage } : {}),
    ...(dir === undefined ? {} : { checkpointDir: dir }),
  });
  const standing = judge(d.completeness.checks, {
    method: 'decompose',
    proof: 'numerical irreducible decomposition: every path accounted for, junk removed by membership tests, every component passed the linear trace test',
  });
  return networkResult(network, 'decompose', decompositionResult(d, signal?.aborted === true), standing, classify, { criticalSets: sets });
}
