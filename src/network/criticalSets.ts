/**
 * The critical set of a network whose critical points are not isolated (no regularization,
 * weight decay, coinciding λ's): its numerical irreducible decomposition (decompose/), each
 * positive-dimensional component read as a network would: its loss (constant on an
 * irreducible component), a real sample point when one is found, the Hessian's Morse–Bott
 * index and nullity there, and the ranks of the layers and of W_L⋯W_1. The isolated points
 * are classified as always (network/classify).
 *
 * Real points: a witness set lies on a complex slice, so its points are not real even on a
 * real component. They are moved to real slices (random real directions, through the real
 * part of a witness point, then random offsets); a real endpoint is a real point of the
 * component, certified by a Krawczyk test on that slice (F randomized by a real matrix, so
 * that the test can also certify the point real). Finding none on every slice tried is
 * evidence, not proof, that the component has no real points, and is reported as such.
 */
import { certifySolutions } from '../certify/certify.js';
import { decompose, type Decomposition, type DecomposeOptions, type WitnessComponent } from '../decompose/decompose.js';
import { sliceFamily, slicePoint, sliceSystem } from '../decompose/witness.js';
import { isReal } from '../numeric/complex.js';
import { Random, STREAMS } from '../numeric/rng.js';
import { trackToParameters } from '../solve/trackParameters.js';
import { layerRanks, morseBott, productRank } from './classify.js';
import type { LinearNetwork } from './model.js';
import { toPairs } from '../numeric/complex.js';

/** Real slices tried per component before saying no real point was found. */
const REAL_SLICES = 6;
/** A real endpoint's imaginary parts are at most this relative to its size. */
const REAL_TOLERANCE = 1e-8;

export interface RealSample {
  /** The point, interleaved (re, im) with the imaginary parts zero. */
  readonly x: Float64Array;
  /** The Krawczyk test certified a unique solution of the real slice system near it, and its realness. */
  readonly certified: boolean;
  /** Negative Hessian eigenvalues: the Morse–Bott index (0 on a set of minima). */
  readonly index: number;
  /** Zero Hessian eigenvalues: the dimension of the set through x, when it has multiplicity one. */
  readonly nullity: number;
  readonly loss: number;
}

export interface CriticalSet {
  readonly dimension: number;
  readonly degree: number;
  /** The loss on the component (at its first witness point; constant on the component). */
  readonly loss: [number, number];
  /** A real point of the component, when one was found. */
  readonly real?: RealSample;
  /** Real slices tried. */
  readonly realSlices: number;
  /** Ranks of W_1, …, W_L and of the product, at the real sample (else at a witness point). */
  readonly layerRanks: number[];
  readonly productRank: number;
  readonly witness: WitnessComponent;
}

export interface NetworkDecomposition {
  readonly decomposition: Decomposition;
  readonly sets: CriticalSet[];
}

/** A real point of the component, by moving its witness points to real slices. */
async function realSample(network: LinearNetwork, c: WitnessComponent, rng: Random): Promise<{ sample?: RealSample; slices: number }> {
  const n = network.variables.length;
  const d = c.dimension;
  const family = sliceFamily(network.system, c.slicing);
  const source = slicePoint(c.slicing.A, c.slicing.c);
  for (let attempt = 0; attempt < REAL_SLICES; attempt++) {
    const A = new Float64Array(2 * d * n);
    for (let k = 0; k < d * n; k++) A[2 * k] = rng.normal();
    // Through the real part of a witness point first (real components pass near them), then random.
    const through = c.points[attempt % c.points.length]!;
    const offsets = new Float64Array(2 * d);
    for (let k = 0; k < d; k++) {
      let v = 0;
      for (let j = 0; j < n; j++) v += A[2 * (k * n + j)]! * through[2 * j]!;
      offsets[2 * k] = attempt < c.points.length ? v : v + rng.normal();
    }
    const target = slicePoint(A, offsets);
    const [moved] = await trackToParameters(family, source, c.points, [target], { seed: rng.int(0, 2 ** 30) });
    const found = moved!.solutions.find((s) => s.kind === 'regular' && isReal(s.x, REAL_TOLERANCE));
    if (!found) continue;
    const x = found.x.map((v, k) => (k % 2 === 0 ? v : 0));
    // Realness is certified on a real system: F randomized by a real matrix, with the real slice.
    const R = new Float64Array(c.slicing.R.length);
    for (let k = 0; k < R.length; k += 2) R[k] = rng.normal();
    const certificate = certifySolutions(sliceSystem(network.system, { dimension: d, R, A, c: offsets }), [x]).solutions[0]!;
    const { index, nullity } = morseBott(network, x);
    return {
      sample: { x, certified: certificate.certified && certificate.real === 'certified-real', index, nullity, loss: network.loss.evaluate(x)[0] },
      slices: attempt + 1,
    };
  }
  return { slices: REAL_SLICES };
}

/** The decomposition of the network's critical set, each positive-dimensional component read as a network's. */
export async function networkCriticalSets(network: LinearNetwork, options: DecomposeOptions = {}): Promise<NetworkDecomposition> {
  const decomposition = await decompose(network.system, options);
  const rng = new Random(decomposition.seed, STREAMS.componentPoints);
  const sets: CriticalSet[] = [];
  for (const c of decomposition.components) {
    options.onProgress?.(`dimension ${c.dimension}, degree ${c.degree}: real points`);
    const { sample, slices } = c.unresolved ? { slices: 0 } : await realSample(network, c, rng);
    const at = sample?.x ?? c.points[0]!;
    const loss = network.loss.evaluate(c.points[0]!);
    sets.push({
      dimension: c.dimension,
      degree: c.degree,
      loss: [loss[0], loss[1]],
      ...(sample ? { real: sample } : {}),
      realSlices: slices,
      layerRanks: layerRanks(network.dims, at),
      productRank: productRank(network.dims, at),
      witness: c,
    });
  }
  return { decomposition, sets };
}

/** A component in the network result JSON (docs/CONTRACTS.md's `components[]`). */
export interface CriticalSetJSON {
  dimension: number;
  degree: number;
  loss: [number, number];
  /** A real point was found (on one of `realSlices` real slices). */
  real: boolean;
  realSlices: number;
  realPoint?: { x: number[]; certified: boolean; loss: number; index: number; nullity: number };
  ranks: { layers: number[]; product: number };
  traceResidual: number | null;
  /** The trace test passed: the witness points are the whole witness set of one irreducible component. */
  complete: boolean;
  unresolved?: boolean;
  /**
   * The witness set: `points` on the slice A·x = c (A row-major, d × n) of the system R·F = 0
   * (R row-major, (n − d) × m; F the gradient system), every number as [re, im].
   */
  witness: { points: [number, number][][]; slice: { A: [number, number][]; c: [number, number][] }; randomization: [number, number][] };
}

export function criticalSetToJSON(network: LinearNetwork, c: CriticalSet): CriticalSetJSON {
  const w = c.witness;
  return {
    dimension: c.dimension,
    degree: c.degree,
    loss: c.loss,
    real: c.real !== undefined,
    realSlices: c.realSlices,
    ...(c.real
      ? {
          realPoint: {
            x: Array.from({ length: network.variables.length }, (_, k) => c.real!.x[2 * k]!),
            certified: c.real.certified,
            loss: c.real.loss,
            index: c.real.index,
            nullity: c.real.nullity,
          },
        }
      : {}),
    ranks: { layers: c.layerRanks, product: c.productRank },
    traceResidual: Number.isFinite(w.traceResidual) ? w.traceResidual : null,
    complete: w.complete,
    ...(w.unresolved ? { unresolved: true } : {}),
    witness: { points: w.points.map((x) => toPairs(x)), slice: { A: toPairs(w.slicing.A), c: toPairs(w.slicing.c) }, randomization: toPairs(w.slicing.R) },
  };
}
