/**
 * Every critical point of a deep linear network: solve its gradient system, classify each
 * solution (loss, zero pattern, Morse index, rank), summarize, and say whether the counts
 * are complete. The JSON form extends the solve result (schema critsolve/result@1, GUIDE §2).
 */
import { InputError } from '../errors.js';
import type { SolveResult } from '../solve/result.js';
import { resultToJSON } from '../solve/result.js';
import { solve, type SolveOptions } from '../solve/solve.js';
import { classifyPoints, type ClassifyOptions, type CriticalPointClass, type CriticalSummary } from './classify.js';
import type { LinearNetwork } from './model.js';

/** How to solve: `auto` picks the best method available (total degree, for now). */
export type NetworkMethod = 'auto' | 'total-degree' | 'monodromy';

export const NETWORK_METHODS: readonly NetworkMethod[] = ['auto', 'total-degree', 'monodromy'];

export interface NetworkSolveOptions extends SolveOptions {
  method?: NetworkMethod;
  classify?: ClassifyOptions;
}

export interface NetworkResult {
  readonly network: LinearNetwork;
  readonly method: Exclude<NetworkMethod, 'auto'>;
  readonly solve: SolveResult;
  /** One class per solution of `solve.solutions`, in the same order. */
  readonly points: readonly CriticalPointClass[];
  /** Over every solution, regular or singular; `globalMinimum.points` index `solve.solutions`. */
  readonly summary: CriticalSummary;
  /**
   * True when the counts are the complete counts of the isolated critical points: the
   * points are isolated, every path was tracked and none failed, no endpoint is singular.
   * (A path wrongly judged to diverge goes unnoticed here: certify, or compare seeds.)
   */
  readonly complete: boolean;
  /** Why the counts are not complete, one plain statement each; empty when complete. */
  readonly incomplete: readonly string[];
}

/** The method `method` stands for; refuses one that is not available (an InputError). */
export function resolveMethod(method: NetworkMethod): Exclude<NetworkMethod, 'auto'> {
  if (method === 'monodromy') {
    throw new InputError('--method monodromy is not available yet; use --method total-degree (or auto, which picks it)');
  }
  return 'total-degree';
}

function incompleteReasons(network: LinearNetwork, r: SolveResult, someRange: boolean): string[] {
  const reasons: string[] = [];
  if (!network.isolated) reasons.push('the critical points are not isolated, so no finite count is complete');
  if (r.partial) reasons.push('the run was stopped before every path was tracked');
  if (someRange) reasons.push('only a range of the paths was tracked');
  if (r.counts.failed > 0) reasons.push(`${r.counts.failed} path(s) failed, so critical points may be missing`);
  if (r.counts.singular > 0 && network.isolated) {
    reasons.push(`${r.counts.singular} endpoint(s) are singular: counted once each, though they may be multiple points or lie on positive-dimensional sets`);
  }
  return reasons;
}

/** Solves the gradient system of `network` and classifies every solution. */
export async function solveNetwork(network: LinearNetwork, options: NetworkSolveOptions = {}): Promise<NetworkResult> {
  const { method = 'auto', classify, ...solveOptions } = options;
  const chosen = resolveMethod(method);
  const result = await solve(network.system, { ...solveOptions, start: 'total-degree' });
  const { points, summary } = classifyPoints(network, result.solutions.map((s) => s.x), classify);
  const incomplete = incompleteReasons(network, result, options.range !== undefined);
  return { network, method: chosen, solve: result, points, summary, complete: incomplete.length === 0, incomplete };
}

function pointToJSON(network: LinearNetwork, c: CriticalPointClass): Record<string, unknown> {
  return {
    loss: [...c.loss],
    type: c.type,
    ...(c.index === undefined ? {} : { index: c.index }),
    rank: c.rank,
    zeroPattern: c.zeroPattern.key,
    zeroWeights: c.zeroPattern.zeroWeights.map((k) => network.variables[k]),
    offNeurons: c.zeroPattern.offNeurons,
    ...(c.eigenvalues ? { eigenvalues: c.eigenvalues } : {}),
  };
}

function summaryToJSON(r: NetworkResult): Record<string, unknown> {
  const s = r.summary;
  return {
    complete: r.complete,
    incomplete: r.incomplete,
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

/** A network spec (GUIDE §2) that rebuilds this very network, plus what we know of it. */
function networkToJSON(n: LinearNetwork): Record<string, unknown> {
  return {
    dims: n.dims,
    points: n.X[0]?.length ?? 0,
    X: n.X,
    Y: n.Y,
    regularization: { kind: 'entrywise', lambda: n.lambda },
    isolated: n.isolated,
    warning: n.warning ?? null,
  };
}

/**
 * The result JSON: the solve result, each solution extended by its class (`loss` as
 * [re, im], `type`, `index` for real points, `rank`, `zeroPattern` as the key counted in
 * `summary.patterns`, ...), and `summary`, `network` and `method` at the top. `network` is
 * itself a valid spec file (`--spec`) that rebuilds the network: data and every λ.
 */
export function networkResultToJSON(r: NetworkResult, options: { includePaths?: boolean } = {}): Record<string, unknown> {
  const base = resultToJSON(r.solve, options);
  const solutions = (base['solutions'] as Record<string, unknown>[]).map((s, i) => ({ ...s, ...pointToJSON(r.network, r.points[i]!) }));
  return { ...base, method: r.method, network: networkToJSON(r.network), solutions, summary: summaryToJSON(r) };
}
