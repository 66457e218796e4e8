/**
 * Every critical point of a deep linear network: solve its gradient system (total degree, or
 * monodromy), classify each solution (loss, zero pattern, Morse index, rank), summarize, and
 * say whether the counts are complete. The JSON form extends the solve result (schema
 * critsolve/result@1, docs/CONTRACTS.md).
 */
import { InputError } from '../errors.js';
import type { MonodromyOptions, MonodromyStop } from '../solve/monodromy.js';
import type { CrossCheck, SolveResult } from '../solve/result.js';
import { crossCheckShortfall, monodromyCrossCheck, withCrossCheck } from '../solve/crossCheck.js';
import { networkFamily } from './families.js';
import { resultToJSON, type Completeness, type ComplexJSON, type ResultJSON, type SolutionJSON } from '../solve/result.js';
import { randomSeed } from '../numeric/rng.js';
import { solve, type SolveOptions } from '../solve/solve.js';
import { classifyPoints, type ClassifyOptions, type CriticalPointClass, type CriticalSummary } from './classify.js';
import type { LinearNetwork, LinearNetworkOptions } from './model.js';
import { networkMonodromy, type NetworkMonodromyResult } from './monodromy.js';
import { criticalSetToJSON, networkCriticalSets, type CriticalSet, type CriticalSetJSON } from './criticalSets.js';
import type { MonodromyComponent } from './components.js';
import { planNetwork, type NetworkMethod, type NetworkPlan } from './plan.js';
import { networkSpec } from './spec.js';

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
  monodromy?: Pick<MonodromyOptions, 'maxStaleLoops' | 'maxLoops' | 'targetCount' | 'onProgress'>;
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
  /**
   * True when the counts are the complete counts of the isolated critical points: the
   * points are isolated, every path was tracked and none failed, no endpoint is singular or
   * ill-conditioned, and the monodromy cross-check found no point the paths had missed.
   */
  readonly complete: boolean;
  /** Why the counts are not complete, one plain statement each; empty when complete. */
  readonly incomplete: readonly string[];
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

/** Why the counts of a solve are not complete, one plain statement each. */
export function incompleteReasons(network: LinearNetwork, r: SolveResult, someRange: boolean): string[] {
  const reasons: string[] = [];
  if (!network.isolated) reasons.push('the critical points are not isolated, so no finite count is complete');
  if (r.partial) reasons.push('the run was stopped before every path was tracked');
  if (someRange) reasons.push('only a range of the paths was tracked');
  if (r.counts.failed > 0) reasons.push(`${r.counts.failed} path(s) failed, so critical points may be missing`);
  if (r.counts.illConditioned > 0) {
    reasons.push(
      `${r.counts.illConditioned} endpoint(s) are ill-conditioned (condition above 1e10): counted apart from the regular points, and points near them may be missing or merged`,
    );
  }
  if (r.counts.singular > 0 && network.isolated) {
    reasons.push(`${r.counts.singular} endpoint(s) are singular: counted once each, though they may be multiple points or lie on positive-dimensional sets`);
  }
  return reasons;
}

/** Solves the gradient system of `network` and classifies every solution. */
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
  const solved = solver
    ? await solver(network.system, { ...localOptions, seed: seed!, start: resolved })
    : await solve(network.system, {
        ...localOptions,
        ...(seed === undefined ? {} : { seed }),
        start: resolved,
        ...(subdivision && seed !== undefined ? { subdivision } : {}),
      });
  const crossCheck = await runCrossCheck(network, solved, options);
  const result = crossCheck ? withCrossCheck(network.system, solved, crossCheck) : solved;
  const { points, summary } = classifyPoints(
    network,
    result.solutions.map((s) => s.x),
    classify,
  );
  const incomplete = incompleteReasons(network, result, options.range !== undefined);
  const shortfall = crossCheck && crossCheckShortfall(crossCheck, resolved);
  if (shortfall) incomplete.push(shortfall);
  else if (!crossCheck && incomplete.length === 0) {
    incomplete.push(
      options.crossCheck === false
        ? 'the monodromy cross-check was turned off, so nothing checks that no path was misjudged to diverge'
        : 'no monodromy cross-check was run (no regular point could start its loops), so the count is not checked',
    );
  }
  const complete = incomplete.length === 0;
  return { network, method: resolved, solve: result, points, summary, complete, incomplete };
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
  const partial = m.partial;
  const result: SolveResult = {
    seed: m.seed,
    variables: network.variables,
    startSystem: 'monodromy',
    counts: m.counts,
    solutions: m.solutions,
    paths: m.paths,
    retracked: m.retracked,
    warnings: m.warnings,
    partial,
    seconds: m.seconds,
  };
  const { points, summary } = classifyPoints(
    network,
    result.solutions.map((s) => s.x),
    classify,
  );
  const others = incompleteReasons(network, result, false);
  const complete = options.traceTest !== undefined && !partial && everyTracePassed(m.components) && others.length === 0;
  const incomplete = complete ? [] : [...(everyTracePassed(m.components) ? [] : [monodromyIncomplete(m.components)]), ...others];
  return { network, method: 'monodromy', solve: result, components: m.components, pathsTracked: m.pathsTracked, points, summary, complete, incomplete };
}

/** A critical point in the network result JSON: a solution with its class. */
export interface CriticalPointJSON extends SolutionJSON {
  loss: ComplexJSON;
  type: CriticalPointClass['type'];
  /** Morse index (real points): 0 is a minimum. */
  index?: number;
  rank: number;
  /** The pattern key counted in summary.patterns: per hidden layer one digit per neuron, 1 on. */
  zeroPattern: string;
  zeroWeights: string[];
  offNeurons: CriticalPointClass['zeroPattern']['offNeurons'];
  eigenvalues?: number[];
}

export interface NetworkSummaryJSON {
  complete: boolean;
  incomplete: string[];
  points: number;
  regular: number;
  singular: number;
  real: number;
  complex: number;
  minima: number;
  saddles: number;
  degenerate: number;
  saddlesByIndex: Record<string, number>;
  patterns: Record<string, number>;
  byPattern: CriticalSummary['byPattern'];
  globalMinimum?: { loss: number; solutions: number[] };
}

/** The network spec (docs/CONTRACTS.md) that rebuilds the network, with what is known of it. */
export interface NetworkSpecJSON {
  dims: number[];
  points: number;
  X: number[][];
  Y: number[][];
  regularization: { kind: 'entrywise'; lambda: number[][][] };
  isolated: boolean;
  warning: string | null;
  dataSeed?: number;
}

/** One check behind a network count's completeness, with what it saw. */
export interface CompletenessCheckJSON {
  check: string;
  passed: boolean;
  [seen: string]: unknown;
}

/** The monodromy facts of a network solved by components. */
export interface NetworkMonodromyJSON {
  loops: number;
  pathsTracked: number;
  components: {
    key: string;
    solutions: number;
    loops?: number;
    staleLoops?: number;
    pathsTracked?: number;
    failedPaths?: number;
    stoppedBy?: string;
    seed?: number;
    empty?: string;
    note?: string;
    sharesSolveOf?: string;
    trace?: { proven: boolean; line: string; residual: number; witnessPoints: number; added: number };
  }[];
}

/** The network result JSON: schema critsolve/result@1, extended (docs/CONTRACTS.md). */
export interface NetworkResultJSON extends Omit<ResultJSON, 'solutions' | 'monodromy' | 'completeness'> {
  method: NetworkMethod;
  completeness: Completeness & { checks: CompletenessCheckJSON[] };
  monodromy?: NetworkMonodromyJSON;
  /** The positive-dimensional components (method decompose); `solutions` keeps the isolated points. */
  components?: CriticalSetJSON[];
  network: NetworkSpecJSON;
  solutions: CriticalPointJSON[];
  summary: NetworkSummaryJSON;
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
  const count = (kind: string): number => d.isolated.filter((s) => s.kind === kind).length;
  const counts = {
    paths: d.pathsTracked,
    regular: count('regular'),
    singular: count('singular'),
    illConditioned: count('ill-conditioned'),
    atInfinity: 0,
    failed: d.failedPaths,
    real: d.isolated.filter((s) => s.kind === 'regular' && s.real).length,
  };
  const result: SolveResult = {
    seed,
    variables: network.variables,
    startSystem: 'decompose',
    counts,
    solutions: d.isolated,
    paths: [],
    retracked: [],
    warnings: d.warnings,
    partial: signal?.aborted === true,
    seconds: d.seconds,
  };
  const { points, summary } = classifyPoints(
    network,
    d.isolated.map((s) => s.x),
    classify,
  );
  return { network, method: 'decompose', solve: result, criticalSets: sets, points, summary, complete: d.complete, incomplete: d.complete ? [] : [d.reason] };
}

function pointToJSON(network: LinearNetwork, c: CriticalPointClass): Omit<CriticalPointJSON, keyof SolutionJSON> {
  return {
    loss: [c.loss[0], c.loss[1]],
    type: c.type,
    ...(c.index === undefined ? {} : { index: c.index }),
    rank: c.rank,
    zeroPattern: c.zeroPattern.key,
    zeroWeights: c.zeroPattern.zeroWeights.map((k) => network.variables[k]!),
    offNeurons: c.zeroPattern.offNeurons,
    ...(c.eigenvalues ? { eigenvalues: [...c.eigenvalues] } : {}),
  };
}

function summaryToJSON(r: NetworkResult): NetworkSummaryJSON {
  const s = r.summary;
  return {
    complete: r.complete,
    incomplete: [...r.incomplete],
    points: s.points,
    regular: r.solve.counts.regular,
    singular: r.solve.counts.singular,
    real: s.real,
    complex: s.complex,
    minima: s.minima,
    saddles: s.saddles,
    degenerate: s.degenerate,
    saddlesByIndex: s.saddlesByIndex,
    patterns: s.patterns,
    byPattern: s.byPattern,
    ...(s.globalMinimum ? { globalMinimum: { loss: s.globalMinimum.loss, solutions: s.globalMinimum.points } } : {}),
  };
}

/** A network spec (docs/CONTRACTS.md) that rebuilds this very network, plus what we know of it. */
function networkToJSON(n: LinearNetwork): NetworkSpecJSON {
  const { dims, ...spec } = networkSpec(n);
  return {
    dims,
    points: n.X[0]?.length ?? 0,
    ...spec,
    isolated: n.isolated,
    warning: n.warning ?? null,
    ...(n.dataSeed === undefined ? {} : { dataSeed: n.dataSeed }),
  };
}

/**
 * The result JSON: the solve result, each solution extended by its class (`loss` as
 * [re, im], `type`, `index` for real points, `rank`, `zeroPattern` as the key counted in
 * `summary.patterns`, ...), and `summary`, `network` and `method` at the top. `network` is
 * itself a valid spec file (`--spec`) that rebuilds the network: data and every λ.
 */
export function networkResultToJSON(r: NetworkResult, options: { includePaths?: boolean } = {}): NetworkResultJSON {
  const standing = completenessToJSON(r);
  const { solutions: base, monodromy: _monodromy, ...rest } = resultToJSON(r.solve, { ...options, completeness: standing });
  const solutions = base.map((s, i) => ({ ...s, ...pointToJSON(r.network, r.points[i]!) }));
  const monodromy = r.components ? { monodromy: monodromyToJSON(r.components, r.pathsTracked ?? 0) } : {};
  const components = r.criticalSets ? { components: r.criticalSets.map((c) => criticalSetToJSON(r.network, c)) } : {};
  return {
    ...rest,
    method: r.method,
    completeness: standing,
    ...monodromy,
    ...components,
    network: networkToJSON(r.network),
    solutions,
    summary: summaryToJSON(r),
  };
}

/**
 * docs/CONTRACTS.md's completeness: proven only when every check behind it passed, each check listed
 * with what it saw.
 */
function completenessToJSON(r: NetworkResult): Completeness & { checks: CompletenessCheckJSON[] } {
  const c = r.solve.counts;
  const checks: CompletenessCheckJSON[] = [];
  if (r.criticalSets) {
    checks.push({ check: 'every path of every witness superset accounted for', passed: !r.solve.partial && c.failed === 0, paths: c.paths, failed: c.failed });
    checks.push({
      check: 'every component passed the linear trace test',
      passed: r.criticalSets.every((s) => s.witness.complete),
      components: r.criticalSets.length,
    });
    const reason = r.complete
      ? 'numerical irreducible decomposition: every path accounted for, junk removed by membership tests, every component passed the linear trace test'
      : r.incomplete.join('; ');
    return { proven: r.complete, method: 'decompose', reason, checks };
  }
  if (r.method !== 'monodromy') {
    checks.push({ check: 'every path accounted for', passed: !r.solve.partial && c.failed === 0, paths: c.paths, failed: c.failed, atInfinity: c.atInfinity });
    checks.push({
      check: 'no singular or ill-conditioned endpoint',
      passed: c.singular === 0 && c.illConditioned === 0,
      singular: c.singular,
      illConditioned: c.illConditioned,
    });
    const x = r.solve.crossCheck;
    checks.push(
      x
        ? {
            check: 'monodromy cross-check',
            passed: x.found.length === 0 && x.failedPaths === 0,
            loops: x.loops,
            pathsTracked: x.pathsTracked,
            failedPaths: x.failedPaths,
            newPoints: x.found.length,
            seed: x.seed,
            seconds: x.seconds,
          }
        : { check: 'monodromy cross-check', passed: false, ran: false },
    );
  }
  if (r.method === 'monodromy' && r.components) {
    const solved = r.components.filter((k) => k.monodromy && !k.empty && !k.sharesSolveOf);
    checks.push({
      check: 'trace test on every solved component',
      passed: everyTracePassed(r.components),
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
    });
    checks.push({ check: 'zero patterns enumerated by construction', passed: true });
    checks.push({ check: 'every path accounted for', passed: !r.solve.partial && c.failed === 0, failed: c.failed });
    checks.push({
      check: 'no singular or ill-conditioned endpoint',
      passed: c.singular === 0 && c.illConditioned === 0,
      singular: c.singular,
      illConditioned: c.illConditioned,
    });
    return { proven: r.complete, method: 'trace test', reason: r.complete ? describeTraces(r.components) : r.incomplete.join('; '), checks };
  }
  return {
    proven: r.complete,
    method: r.method,
    reason: r.complete
      ? 'every path accounted for, no singular or ill-conditioned endpoint, and every path of the monodromy cross-check came back to a point already found'
      : r.incomplete.join('; '),
    checks,
  };
}

/**
 * The monodromy facts: loops and paths in all, and per component its pattern key, the
 * solutions monodromy found at its random complex parameters, and why it stopped.
 */
export function monodromyToJSON(components: readonly MonodromyComponent[], pathsTracked: number): NetworkMonodromyJSON {
  return {
    loops: components.reduce((s, c) => s + (c.sharesSolveOf ? 0 : (c.monodromy?.loops ?? 0)), 0),
    pathsTracked,
    components: components.map((c) => ({
      key: c.key,
      ...(c.monodromy && c.sharesSolveOf
        ? { solutions: c.monodromy.solutions.length, sharesSolveOf: c.sharesSolveOf }
        : c.monodromy
          ? {
              solutions: c.monodromy.solutions.length,
              loops: c.monodromy.loops,
              staleLoops: c.monodromy.staleLoops,
              pathsTracked: c.monodromy.pathsTracked,
              failedPaths: c.monodromy.failedPaths,
              stoppedBy: c.monodromy.stoppedBy,
              seed: c.monodromy.seed,
              ...(c.trace
                ? {
                    trace: {
                      proven: c.trace.proven,
                      line: c.trace.line,
                      residual: c.trace.residual,
                      witnessPoints: c.trace.witnessPoints,
                      added: c.trace.added,
                    },
                  }
                : {}),
            }
          : c.empty
            ? { solutions: 0, empty: c.empty }
            : { solutions: 1, note: 'W = 0, a critical point for every λ' }),
    })),
  };
}
