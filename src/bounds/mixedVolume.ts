/**
 * Mixed volumes: the BKK bound on solutions with all coordinates nonzero (mixed volume) and
 * the Huber–Sturmfels bound on all isolated solutions in Cⁿ (stable mixed volume), both as
 * sums over the mixed cells of a random lifting. The lifting is drawn from a seeded stream;
 * the value does not depend on it, and a lifting caught in an exact tie is replaced.
 */
import { NonGenericError } from '../errors.js';
import { Random } from '../numeric/rng.js';
import type { System } from '../poly/system.js';
import { NonGenericLiftingError } from './cellCheck.js';
import { enumerateMixedCells, type MixedCell } from './mixedCells.js';
import { liftedTypes, squareSupports, type LiftedType } from './supports.js';

export interface MixedVolumeOptions {
  /** Seed of the random lifting; the value does not depend on it. Default 1. */
  readonly seed?: number;
  /** How many liftings to try before giving up on finding a generic one. Default 4. */
  readonly attempts?: number;
  /** Give up (TimeLimitError) after this many seconds of work, counted (mixedCells.ts: WORK_PER_SECOND). Default: no limit. */
  readonly timeLimit?: number;
}

/** Supports as exponent vectors, one list per equation, each vector of length = #equations. */
export type Supports = readonly (readonly (readonly number[])[])[];

/** A regular fine mixed subdivision: the lifted types and the mixed cells. */
export interface MixedSubdivision {
  /** Equal supports share a type; `equations` says which equations each type serves. */
  readonly types: readonly LiftedType[];
  readonly cells: readonly MixedCell[];
  /** The sum of the cell volumes. */
  readonly volume: bigint;
}

/**
 * The mixed cells of a random lifting of the supports. With `stable`, the origin joins every
 * support that lacks it, lifted infinitely high, and only the stable cells (inner normal with
 * nonnegative M part) are kept: their volumes sum to the stable mixed volume.
 */
export function mixedSubdivision(supports: Supports, options: MixedVolumeOptions & { stable?: boolean } = {}): MixedSubdivision {
  const seed = options.seed ?? 1;
  const attempts = options.attempts ?? 4;
  const stable = options.stable ?? false;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const types = liftedTypes(supports, new Random(seed, attempt), stable);
    const cells: MixedCell[] = [];
    try {
      enumerateMixedCells(types, supports.length, stable, (cell) => cells.push(cell), options.timeLimit);
    } catch (error) {
      if (error instanceof NonGenericLiftingError) continue;
      throw error;
    }
    return { types, cells, volume: cells.reduce((s, c) => s + c.volume, 0n) };
  }
  throw new NonGenericError(`no generic lifting found in ${attempts} attempts (seed ${seed})`, 'try another seed or more attempts');
}

/** The mixed volume of the supports (BKK bound on the roots in the torus (C*)ⁿ). */
export function mixedVolumeOfSupports(supports: Supports, options?: MixedVolumeOptions): bigint {
  return mixedSubdivision(supports, { ...options, stable: false }).volume;
}

/** The stable mixed volume of the supports (bound on all isolated roots in Cⁿ). */
export function stableMixedVolumeOfSupports(supports: Supports, options?: MixedVolumeOptions): bigint {
  return mixedSubdivision(supports, { ...options, stable: true }).volume;
}

/** The mixed volume of a square system: at most this many isolated roots with no zero coordinate. */
export function mixedVolume(system: System, options?: MixedVolumeOptions): bigint {
  return mixedVolumeOfSupports(squareSupports(system), options);
}

/** The stable mixed volume of a square system: at most this many isolated roots in Cⁿ. */
export function stableMixedVolume(system: System, options?: MixedVolumeOptions): bigint {
  return stableMixedVolumeOfSupports(squareSupports(system), options);
}
