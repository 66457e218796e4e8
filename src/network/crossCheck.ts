/**
 * A second method behind every "complete" network count. Tracking every path of a start
 * system proves a count complete only if every at-infinity verdict was right; a far,
 * ill-conditioned critical point judged to diverge is lost silently. So after a total-degree
 * or polyhedral solve the found points are sent around a few monodromy loops in the network's
 * data space (λ, X, Y as parameters, dataParametrizedSystem): a loop permutes the critical
 * points, so a point it brings back that is not among those found is one the paths missed.
 * Finding nothing is evidence, not proof: a family of which no point was found is never
 * reached.
 */
import { monodromySolve } from '../solve/monodromy.js';
import { SINGULAR_TOLERANCE } from '../solve/collect.js';
import { distInf, normInf } from '../numeric/complex.js';
import { dataParameters, dataParametrizedSystem } from './instances.js';
import type { LinearNetwork } from './model.js';
import { neuronSignFlips } from './parametrize.js';

export interface CrossCheck {
  /** Loops every found point (one per sign orbit) was sent around. */
  readonly loops: number;
  readonly pathsTracked: number;
  /** Loop paths that did not come back to a regular point: where they lead is unknown, so the check is not passed. */
  readonly failedPaths: number;
  /** Critical points the loops brought back that the solve had not found, refined at the network's data. */
  readonly found: Float64Array[];
  readonly seed: number;
  readonly seconds: number;
}

/**
 * Loops for a count: more points are more places for a missed one to hide, and each loop
 * costs one circuit per orbit, so the number grows slowly: 3 for 9 points, 5 for 225, 6 from
 * 1,000 on.
 */
export function crossCheckLoops(count: number): number {
  return 3 + Math.floor(Math.log10(Math.max(1, count)));
}

/** Stream offset of the cross-check's random loops, so that they differ from the solve's choices. */
const CROSS_CHECK_STREAM = 0x63c0;

export interface CrossCheckOptions {
  seed: number;
  workers?: number;
  signal?: AbortSignal;
}

/**
 * Sends `solutions` (regular critical points of `network`, interleaved) around
 * crossCheckLoops(count) random loops; undefined when there is nothing to start from.
 */
export async function monodromyCrossCheck(network: LinearNetwork, solutions: readonly Float64Array[], options: CrossCheckOptions): Promise<CrossCheck | undefined> {
  if (solutions.length === 0) return undefined;
  const system = dataParametrizedSystem(network.dims, network.X[0]?.length ?? 0);
  const loops = crossCheckLoops(solutions.length);
  const seed = (options.seed + CROSS_CHECK_STREAM) % 2 ** 31;
  const m = await monodromySolve(system, {
    seed,
    startPair: { x: solutions[0]!, p: dataParameters(network) },
    knownSolutions: solutions.slice(1),
    maxLoops: loops,
    maxStaleLoops: loops,
    symmetries: neuronSignFlips(network.dims),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  // Monodromy keeps points apart at its own tolerance; a loop's return to a known point that
  // the solve located less accurately is still that point.
  const isKnown = (x: Float64Array): boolean => solutions.some((y) => distInf(x, y) <= SINGULAR_TOLERANCE * Math.max(1, normInf(y)));
  const found = m.solutions.filter((x) => !isKnown(x));
  return { loops: m.loops, pathsTracked: m.pathsTracked, failedPaths: m.failedPaths, found, seed, seconds: m.seconds };
}
