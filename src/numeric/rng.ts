/**
 * Seeded random streams (pure-rand). Randomness is always injected: every consumer takes a
 * Random, and independent streams are derived from (seed, stream index) so that results do
 * not depend on the order in which work is done.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';

type Generator = ReturnType<typeof xoroshiro128plus>;

/**
 * The named streams of a seed: every kind of random choice draws from its own stream, so that
 * no choice depends on another's draws. The data's streams (a network's X, Y and λ's) lie far
 * from the solver's, so a network's data and its solver's choices are independent even when
 * one seed draws both, and `--data-seed` can keep the data while `--seed` changes the solver.
 */
export const STREAMS = {
  /** solve: γ and the projective chart; derive(1) draws the polyhedral coefficients. Descent's random initialization, its one choice. */
  solver: 0,
  /** Random projections that group endpoints into solutions. */
  grouping: 1,
  /** The linear forms of a multihomogeneous start system. */
  startForms: 2,
  /** Monodromy's start point and loop vertices. */
  loops: 10,
  /** Parameter homotopies to target t: γ (one stream per target, from here on). */
  parameterHomotopy: 20,
  /** The trace test's slices. */
  traceTest: 30,
  /** Grouping the points of a network solved by components. */
  componentGrouping: 99,
  /** Start pairs of a network's components (one stream per component, from here on). */
  componentStart: 100,
  /** The decomposition's slices and randomization of the system. */
  slices: 41,
  /** The decomposition's monodromy breakup and trace tests. */
  breakup: 40,
  /** Points drawn on a decomposed network's components (their loss, ranks and real points). */
  componentPoints: 42,
  /** The slice and randomization of a witness set written for PHCpack. */
  witnessExport: 61,
  /** A random network's inputs X, targets Y and generic λ's. */
  dataX: 1_000_001,
  dataY: 1_000_002,
  dataLambda: 1_000_003,
} as const;

/**
 * The seed of the polyhedral start system's mixed subdivision: a seed of its own, so that its
 * liftings (stream k for the k-th attempt) draw apart from every stream of the solve's seed.
 */
export function liftingSeed(seed: number): number {
  return seed ^ 0x5bd1e995;
}

/** A seed for callers that did not give one; it is reported in the result. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

export class Random {
  private readonly gen: Generator;

  constructor(
    readonly seed: number,
    readonly stream = 0,
  ) {
    // Mix the stream index into the seed so that streams (seed, k) are independent.
    const mixed = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul((stream | 0) + 0x7f4a7c15, 0x85ebca6b)) | 0;
    this.gen = xoroshiro128plus(mixed);
    // Discard a few outputs: nearby seeds otherwise start correlated.
    for (let k = 0; k < 8; k++) this.gen.next();
  }

  /** A new independent stream derived from this stream's seed and the given index. */
  derive(index: number): Random {
    return new Random(this.seed ^ Math.imul(this.stream + 1, 0x27d4eb2f), index);
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    return uniformFloat64(this.gen);
  }

  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return uniformInt(this.gen, lo, hi);
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A complex number uniform on the unit circle, as [re, im]. */
  unitComplex(): [number, number] {
    const a = 2 * Math.PI * this.uniform();
    return [Math.cos(a), Math.sin(a)];
  }

  /** A complex standard normal (re and im each N(0, 1/2)), as [re, im]. */
  complexNormal(): [number, number] {
    return [this.normal() * Math.SQRT1_2, this.normal() * Math.SQRT1_2];
  }
}
