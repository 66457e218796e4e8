/**
 * Where finished paths go during a solve. Memory stays flat in the number of paths: a path
 * that went to infinity is counted and dropped (unless every record is wanted), and only
 * paths the solutions are made of (finite endpoints) or that collect may re-track (failures)
 * are kept, with one byte per path to know which are done.
 */
import type { PathResult } from '../track/pathResult.js';

export interface LiveCounts {
  success: number;
  singular: number;
  atInfinity: number;
  failed: number;
}

export class PathStore {
  /** Paths finished so far (resumed ones included). */
  done = 0;
  /** At-infinity paths counted but not kept. */
  droppedAtInfinity = 0;
  readonly live: LiveCounts = { success: 0, singular: 0, atInfinity: 0, failed: 0 };
  /**
   * Paths judged to diverge on the evidence of valuations (with the growth they showed in
   * double precision), not because their norm passed 1e14: the ones a far, ill-conditioned
   * finite solution can hide behind, which the deep look tracks again (solve.ts, deepPrecision).
   */
  readonly divergingByValuation: number[] = [];
  /** Paths finished so far that took steps in double-double, and the steps, all and in double-double. */
  readonly precision = { paths: 0, steps: 0, ddSteps: 0 };
  private readonly kept: PathResult[] = [];
  private readonly finished: Uint8Array;

  /** Paths from..to−1; keepAll keeps the records of paths at infinity too. */
  constructor(
    readonly from: number,
    readonly to: number,
    private readonly keepAll: boolean,
  ) {
    this.finished = new Uint8Array(to - from);
  }

  get total(): number {
    return this.to - this.from;
  }

  /** Files a finished path; a path already filed (a duplicate line in a checkpoint) is ignored. */
  add(r: PathResult): void {
    const k = r.index - this.from;
    if (this.finished[k] === 1) return;
    this.finished[k] = 1;
    this.done++;
    if (r.code === 'success') this.live.success++;
    else if (r.code === 'singular') this.live.singular++;
    else if (r.code === 'at_infinity') this.live.atInfinity++;
    else this.live.failed++;
    if (r.code === 'at_infinity' && r.cause !== 'norm_too_large' && r.cause !== 'near_infinity') this.divergingByValuation.push(r.index);
    this.tally(r);
    // An endpoint near infinity that double could not confirm is kept: double-double may (solve/collect.ts).
    if (r.code !== 'at_infinity' || this.keepAll || r.cause === 'near_infinity') this.kept.push(r);
    else this.droppedAtInfinity++;
  }

  /** Adds a tracked path's steps to the precision tally. */
  tally(r: PathResult): void {
    this.precision.steps += r.acceptedSteps + r.rejectedSteps;
    this.precision.ddSteps += r.ddSteps;
    if (r.ddSteps > 0) this.precision.paths++;
  }

  /**
   * A path tracked again (the deep look) that no longer goes to infinity: its record replaces
   * the dropped one. Its steps are added to the tally.
   */
  replaceAtInfinity(r: PathResult): void {
    this.live.atInfinity--;
    if (r.code === 'success') this.live.success++;
    else if (r.code === 'singular') this.live.singular++;
    else this.live.failed++;
    const k = this.kept.findIndex((p) => p.index === r.index);
    if (k >= 0) this.kept[k] = r;
    else {
      this.kept.push(r);
      this.droppedAtInfinity--;
    }
  }

  /** Indices of the paths not finished yet, in order, generated lazily. */
  *remaining(): Generator<number> {
    for (let k = 0; k < this.finished.length; k++) if (this.finished[k] === 0) yield this.from + k;
  }

  /** The kept records in index order, whatever order they finished in. */
  records(): PathResult[] {
    return this.kept.sort((a, b) => a.index - b.index);
  }
}
