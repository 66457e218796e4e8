/**
 * How a network is solved, decided once: the command line checks its options against the
 * plan and `solveNetwork` follows it, so that the mixed volume `auto` weighs is computed at
 * most once and its subdivision serves the polyhedral solve.
 */
import { bezoutNumber } from '../poly/system.js';
import { TimeLimitError } from '../bounds/cellCheck.js';
import type { MixedSubdivision } from '../bounds/mixedVolume.js';
import { polyhedralSubdivision } from '../paths/polyhedralPaths.js';
import type { LinearNetwork } from './model.js';

/** How to solve; `auto` as planNetwork says. */
export type NetworkMethod = 'auto' | 'total-degree' | 'polyhedral' | 'monodromy' | 'decompose';

export const NETWORK_METHODS: readonly NetworkMethod[] = ['auto', 'total-degree', 'polyhedral', 'monodromy', 'decompose'];

/**
 * `auto` solves by monodromy when the total-degree homotopy has more paths than this. Total
 * degree proves its count complete (every path tracked), so it is kept while affordable:
 * 2-2-2 (6,561 paths) takes about a minute on one core, where 1-2-2-1 (390,625) would take
 * hours and monodromy needs about a second.
 */
export const AUTO_MONODROMY_ABOVE = 20_000;

/**
 * Seconds `auto` gives the mixed volume of the gradient system. It is quick for small
 * networks (2-2-2: 0.7 s, 1,089 paths; 1-2-2-1: 0.1 s, 1,857 paths, where total degree has
 * 390,625) and takes minutes from 2-3-2 and 2-2-2-2 on, where monodromy is the way.
 */
export const AUTO_MIXED_VOLUME_SECONDS = 2;

export interface NetworkPlan {
  readonly method: Exclude<NetworkMethod, 'auto'>;
  /** True when the critical set is decomposed into its components (method decompose). */
  readonly decompose: boolean;
  /** The seed the subdivision was lifted with: a solve with another seed computes its own. */
  readonly seed: number;
  /** The mixed volume of the gradient system, when `auto` found it in time. */
  readonly mixedVolume?: bigint;
  /** Its mixed subdivision, for the polyhedral solve (set when the plan is polyhedral). */
  readonly subdivision?: MixedSubdivision;
  /** Why this method, in words. */
  readonly reason: string;
}

/** True when `method` decomposes this network's critical set: asked for, or `auto` on points that are not isolated. */
export function decomposes(method: NetworkMethod, network: LinearNetwork): boolean {
  return method === 'decompose' || (method === 'auto' && !network.isolated);
}

/**
 * The plan for solving `network` by `method`, the mixed subdivision drawn from `seed` (the
 * solve's, so that a polyhedral solve uses it). `auto` decomposes a critical set whose points
 * are not isolated; otherwise it keeps to the methods that prove their count complete while
 * one needs at most AUTO_MONODROMY_ABOVE paths: the polyhedral homotopy when its mixed volume
 * (found within AUTO_MIXED_VOLUME_SECONDS) is below the Bézout number, else total degree;
 * monodromy beyond.
 */
export function planNetwork(network: LinearNetwork, options: { method?: NetworkMethod; seed: number }): NetworkPlan {
  const { method = 'auto', seed } = options;
  if (method !== 'auto') return { method, decompose: method === 'decompose', seed, reason: `${method} was asked for` };
  if (decomposes(method, network)) return { method: 'decompose', decompose: true, seed, reason: 'the critical points are not isolated' };
  const bezout = bezoutNumber(network.system);
  let subdivision: MixedSubdivision | undefined;
  try {
    subdivision = polyhedralSubdivision(network.system, seed, AUTO_MIXED_VOLUME_SECONDS);
  } catch (error) {
    if (!(error instanceof TimeLimitError)) throw error;
  }
  const limit = BigInt(AUTO_MONODROMY_ABOVE);
  const mixed = subdivision ? { mixedVolume: subdivision.volume } : {};
  const found = subdivision ? `mixed volume ${subdivision.volume}` : `no mixed volume within ${AUTO_MIXED_VOLUME_SECONDS} s`;
  if (subdivision && subdivision.volume < bezout && subdivision.volume <= limit) {
    return { method: 'polyhedral', decompose: false, seed, ...mixed, subdivision, reason: `${found}, below the Bézout number ${bezout} and at most ${limit}` };
  }
  return bezout > limit
    ? { method: 'monodromy', decompose: false, seed, ...mixed, reason: `${found}; the Bézout number ${bezout} is above ${limit}` }
    : { method: 'total-degree', decompose: false, seed, ...mixed, reason: `${found}; the Bézout number ${bezout} is at most ${limit}` };
}
