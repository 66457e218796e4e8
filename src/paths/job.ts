/**
 * A tracking job as plain data: everything a worker needs to track any path of one solve, sent
 * once per worker. A path's result depends only on the job and the path's index, never on the
 * thread that tracked it.
 */
import type { Program } from '../compile/compile.js';
import type { PolyhedralData } from '../homotopy/polyhedral.js';
import type { TrackerLimits } from '../track/presets.js';

/** The start system of a job and what it needs, by kind (one kind per file of src/paths/). */
export type StartJob =
  | {
      readonly kind: 'total-degree';
      /** Degrees of the total-degree start system. */
      readonly degrees: number[];
      /** The homogenized system (h appended as the last variable), tracked first. */
      readonly projectiveProgram: Program;
    }
  | {
      readonly kind: 'multihomogeneous';
      /** Variable indices of each group of the partition. */
      readonly groups: number[][];
      /** degrees[i][j]: degree of equation i in group j. */
      readonly degrees: number[][];
      /** The linear forms are drawn from Random(seed, stream). */
      readonly seed: number;
      readonly stream: number;
    }
  | {
      readonly kind: 'polyhedral';
      readonly data: PolyhedralData;
      /** The family P(x; c), one parameter per term (homotopy/polyhedral). */
      readonly family: Program;
      /** The family homogenized, with the chart equation: tracked first. */
      readonly projectiveFamily: Program;
    };

export type StartKindName = StartJob['kind'];

export interface TrackJob {
  readonly program: Program;
  /** The affine chart a·X = 1 of projective space, interleaved (re, im), n + 1 entries. */
  readonly chart: number[];
  readonly gamma: [number, number];
  readonly limits: TrackerLimits;
  readonly start: StartJob;
}
