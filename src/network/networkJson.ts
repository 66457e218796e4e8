/**
 * The network result JSON: schema critsolve/result@1 extended (docs/CONTRACTS.md) with each
 * point's class, the summary by zero pattern, the network's spec and the monodromy runs.
 */
import { resultToJSON, type ComplexJSON, type ResultJSON, type SolutionJSON } from '../solve/result.js';
import type { CheckJSON } from '../solve/completeness.js';
import type { CriticalPointClass, CriticalSummary } from './classify.js';
import type { LinearNetwork } from './model.js';
import { criticalSetToJSON, type CriticalSetJSON } from './criticalSets.js';
import type { MonodromyComponent } from './components.js';
import { networkSpec } from './spec.js';
import type { NetworkMethod } from './plan.js';
import type { NetworkResult } from './solveNetwork.js';

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

/** One check behind a network count's completeness, with what it saw (solve/completeness). */
export type CompletenessCheckJSON = CheckJSON;

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
export interface NetworkResultJSON extends Omit<ResultJSON, 'solutions' | 'monodromy'> {
  method: NetworkMethod;
  monodromy?: NetworkMonodromyJSON;
  /** The positive-dimensional components (method decompose); `solutions` keeps the isolated points. */
  components?: CriticalSetJSON[];
  network: NetworkSpecJSON;
  solutions: CriticalPointJSON[];
  summary: NetworkSummaryJSON;
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
  const { solutions: base, monodromy: _monodromy, ...rest } = resultToJSON(r.solve, options);
  const solutions = base.map((s, i) => ({ ...s, ...pointToJSON(r.network, r.points[i]!) }));
  const monodromy = r.components ? { monodromy: monodromyToJSON(r.components, r.pathsTracked ?? 0) } : {};
  const components = r.criticalSets ? { components: r.criticalSets.map((c) => criticalSetToJSON(r.network, c)) } : {};
  return {
    ...rest,
    method: r.method,
    ...monodromy,
    ...components,
    network: networkToJSON(r.network),
    solutions,
    summary: summaryToJSON(r),
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
