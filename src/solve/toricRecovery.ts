/**
 * Paths of a polyhedral homotopy whose toric phase failed, even re-tracked, recovered (as
 * PHCpack and HomotopyContinuation.jl do not). The start-coefficient system P(y; c) has
 * generic coefficients, so it has exactly as many solutions as the homotopy has paths, all
 * regular. The toric phases of the other paths give all but the failed ones; monodromy loops in
 * the coefficients c, started from those and stopped at that count, find the rest, and each
 * missing one then follows the coefficient-parameter homotopy to the target like any other
 * path. The count is the check: when the loops stop short of it, the paths left stay failed.
 */
import type { CompiledSystem } from '../compile/types.js';
import { polyhedralFamily } from '../homotopy/polyhedral.js';
import { distInf, normInf } from '../numeric/complex.js';
import type { TrackJob } from '../paths/job.js';
import { PolyhedralPaths } from '../paths/polyhedralPaths.js';
import type { PathResult } from '../track/pathResult.js';
import { monodromySolve } from './monodromy.js';

/** Two solutions of the start-coefficient system closer than this (relative) are one. */
const SAME_START = 1e-6;

/**
 * The records of the failed paths `failed` (indices) that could be recovered, by index; a
 * recovered path's record shows the recovered solution of P(y; c) as its start, with a note.
 * Any path whose toric phase fails here too is recovered with them.
 */
export async function recoverToricFailures(
  job: TrackJob,
  compiled: CompiledSystem,
  failed: readonly number[],
  seed: number,
  workers?: number,
): Promise<Map<number, PathResult>> {
  const out = new Map<number, PathResult>();
  if (job.start.kind !== 'polyhedral' || failed.length === 0) return out;
  const start = job.start;
  const paths = new PolyhedralPaths(job, start, compiled);
  const total = paths.pathCount;
  const lost = new Set(failed);
  const known: Float64Array[] = [];
  for (let k = 0; k < total; k++) {
    if (lost.has(k)) continue;
    const y = paths.toricEnd(k, 'default') ?? paths.toricEnd(k, 'conservative');
    if (y) known.push(y);
    else lost.add(k);
  }
  if (known.length === 0) return out;
  const family = polyhedralFamily(start.data);
  const c0 = Float64Array.from(start.data.start);
  const m = await monodromySolve(family, {
    seed,
    startPair: { x: known[0]!, p: c0 },
    knownSolutions: known.slice(1),
    targetCount: total,
    maxStaleLoops: RECOVERY_STALE_LOOPS,
    ...(workers === undefined ? {} : { workers }),
  });
  // Known ends sorted by their first coordinate's real part: a point is looked up in the
  // window of that coordinate its tolerance allows, not against all of them.
  const byFirst = [...known].sort((a, b) => a[0]! - b[0]!);
  const isKnown = (x: Float64Array): boolean => {
    const tol = SAME_START * Math.max(1, normInf(x));
    let lo = 0;
    let hi = byFirst.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byFirst[mid]![0]! < x[0]! - 2 * tol) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < byFirst.length && byFirst[k]![0]! <= x[0]! + 2 * tol; k++) if (distInf(x, byFirst[k]!) <= tol * 2) return true;
    return false;
  };
  const found = m.solutions.filter((x) => !isKnown(x));
  const targets = [...lost].sort((a, b) => a - b);
  for (const [i, index] of targets.entries()) {
    const y = found[i];
    if (!y) break;
    const note = `its toric phase failed; start point recovered by monodromy on the start-coefficient system (${m.solutions.length} of ${total} solutions after ${m.loops} loops)`;
    let r = paths.fromStartCoefficients(index, y, y, 'default');
    if (r.code === 'failed') r = paths.fromStartCoefficients(index, y, y, 'conservative');
    out.set(index, { ...r, reason: r.reason === undefined ? note : `${r.reason}; ${note}` });
  }
  return out;
}

/**
 * Stale loops the recovery of failed toric phases allows before it gives up. Every loop sends
 * all the start-coefficient solutions round (three legs of as many paths as the solve has):
 * cyclic6's and 1-2-2-1's missing ones came back in the first loop, while cyclic8's dimension-1
 * slice system (4,796 paths) left 13 of 20 missing after 10 stale loops, 5 minutes in one thread.
 */
const RECOVERY_STALE_LOOPS = 3;
