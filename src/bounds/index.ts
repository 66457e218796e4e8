/**
 * Root-count bounds of a square polynomial system, from coarsest to finest: the Bézout number
 * (product of the degrees), the best multihomogeneous Bézout number over natural partitions
 * of the variables, the stable mixed volume (isolated roots in Cⁿ) and the mixed volume
 * (roots with no zero coordinate, the BKK bound). For generic coefficients with the given
 * supports the two mixed volumes are exact.
 */
import { bezoutNumber, type System } from '../poly/system.js';
import { bestMultihomogeneousBound, type MultihomogeneousBound, type PartitionSearchOptions } from './bezout.js';
import { TimeLimitError } from './cellCheck.js';
import { mixedVolume, stableMixedVolume, type MixedVolumeOptions } from './mixedVolume.js';
import type { BoundsReport } from './report.js';

export interface RootCountBounds {
  readonly bezout: bigint;
  readonly multihomogeneous: MultihomogeneousBound;
  readonly mixedVolume: bigint;
  readonly stableMixedVolume: bigint;
}

export interface RootCountOptions extends MixedVolumeOptions, PartitionSearchOptions {}

/** Every root-count bound of a square system. */
export function rootCountBounds(system: System, options: RootCountOptions = {}): RootCountBounds {
  return {
    bezout: bezoutNumber(system),
    multihomogeneous: bestMultihomogeneousBound(system, options),
    mixedVolume: mixedVolume(system, options),
    stableMixedVolume: stableMixedVolume(system, options),
  };
}

/**
 * Every bound, each mixed volume left out (undefined) when it takes more than `timeLimit`
 * seconds of work (counted, not timed: mixedCells.ts), for a summary next to a solve, which
 * should not wait minutes for a bound.
 */
export function rootCountBoundsWithin(system: System, timeLimit: number): BoundsReport {
  const within = (f: () => bigint): bigint | undefined => {
    try {
      return f();
    } catch (error) {
      if (error instanceof TimeLimitError) return undefined;
      throw error;
    }
  };
  const mv = within(() => mixedVolume(system, { timeLimit }));
  const smv = within(() => stableMixedVolume(system, { timeLimit }));
  return {
    bezout: bezoutNumber(system),
    multihomogeneous: bestMultihomogeneousBound(system),
    ...(mv === undefined ? {} : { mixedVolume: mv }),
    ...(smv === undefined ? {} : { stableMixedVolume: smv }),
  };
}

export { bezoutNumber } from '../poly/system.js';
export {
  bestMultihomogeneousBound,
  multihomogeneousBezout,
  namePrefix,
  type MultihomogeneousBound,
  type Partition,
  type PartitionSearchOptions,
} from './bezout.js';
export {
  mixedSubdivision,
  mixedVolume,
  mixedVolumeOfSupports,
  stableMixedVolume,
  stableMixedVolumeOfSupports,
  type MixedSubdivision,
  type MixedVolumeOptions,
  type Supports,
} from './mixedVolume.js';
export type { MixedCell } from './mixedCells.js';
export { supportsOf, type LiftedType } from './supports.js';
