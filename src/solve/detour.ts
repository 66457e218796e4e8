/**
 * Paths that fail before the endgame, their steps shrinking to nothing even re-tracked
 * conservatively, pass within round-off of a branch point: a point of t where two paths of
 * the homotopy meet. Past it, the two sheets that meet there could each be the path's own,
 * and only the paths that got through tell which: this one is the sheet the other one did not
 * take. So the path is tracked around the point on both sides (a detour in the complex
 * t-plane: the detour PathTracker.track takes as an argument), and its end is
 * - a regular point that one side reaches and no other path does (a regular point is the end
 *   of one path only; were it the other sheet's, the path that took that sheet would end
 *   there too), the points chosen here for earlier failures counting as reached;
 * - at infinity when both sides diverge, or when one does and the other ends at a regular
 *   point another path reached (that side is the other path's sheet);
 * - a singular point when both sides end at it;
 * and otherwise the path stays failed. The last three need the two sides to be the two sheets
 * of one branch point, so they are taken from the smallest detour only; a wider one, tried
 * when that decides nothing, may go around other branch points too, and only the first rule,
 * which does not depend on which sheets it reaches, is taken from it.
 * A path's record says which rule chose its end.
 */
import { distInf, normInf } from '../numeric/complex.js';
import type { JobRunner } from '../paths/starts.js';
import type { PathResult } from '../track/pathResult.js';
import type { PresetName } from '../track/presets.js';

/**
 * Half-widths (in t) of the detours around the point where a path failed, tried in turn: the
 * first as small as goes round the branch point the path met and no other, a wider one when
 * that one fails too (paths of a 1-2-2-1 network with weight decay stall at a dozen points
 * within 1.5e-3 of each other).
 */
const DETOUR_RADII = [2e-3, 2e-2];
/** Two endpoints closer than this (relative) are one point. */
const SAME_END = 1e-6;

const same = (a: Float64Array, b: Float64Array): boolean => distInf(a, b) <= SAME_END * Math.max(1, normInf(a));

/** Whether path `failed` failed before its endgame in a way a detour may get past. */
export function detourable(r: PathResult, endgameStart: number): boolean {
  const radius = DETOUR_RADII[0]!;
  return (
    r.code === 'failed' &&
    (r.cause === 'step_too_small' || r.cause === 'singular_jacobian' || r.cause === 'step_budget') &&
    r.t > radius &&
    r.t < 1 - endgameStart - radius
  );
}

/**
 * The detoured records of the failed paths `failed`, by index, where the rules above choose
 * an end; `others` are the records of every other path of the solve.
 */
export function detourFailures(
  runner: JobRunner,
  failed: readonly PathResult[],
  others: readonly PathResult[],
  endgameStart: number,
  preset: PresetName = 'default',
): Map<number, PathResult> {
  const limit = 1 - endgameStart;
  const out = new Map<number, PathResult>();
  const reached = others.filter((o) => o.code === 'success').map((o) => o.end);
  const taken = (r: PathResult): boolean => reached.some((e) => same(e, r.end));
  const choose = (f: PathResult, radius: number): PathResult | undefined => {
    const sides = ([1, -1] as const).map((side) => runner.trackDetoured(f.index, preset, { t: f.t, side, radius }));
    const where = `it failed at t = ${f.t.toPrecision(6)} (${f.reason ?? f.cause}) and was tracked around that point on both sides (radius ${radius})`;
    const untaken = sides.find((r) => r.code === 'success' && !taken(r));
    const diverging = sides.filter((r) => r.code === 'at_infinity');
    // Only the smallest detour is taken to go around the one branch point the path met, so
    // that its two sides are the two sheets there; a wider one may go around others too.
    const local = radius === DETOUR_RADII[0];
    let pick: PathResult | undefined;
    let why = '';
    if (untaken) [pick, why] = [untaken, 'one side ends at a regular point no other path reaches'];
    else if (local && diverging.length === 2) [pick, why] = [sides[0]!, 'both sides diverge'];
    else if (local && diverging.length === 1 && sides.some((r) => r.code === 'success' && taken(r)))
      [pick, why] = [diverging[0]!, 'the other side ends where another path does'];
    else if (local && sides.every((r) => r.code === 'singular') && same(sides[0]!.end, sides[1]!.end))
      [pick, why] = [sides[0]!, 'both sides end at this singular point'];
    return pick && { ...pick, reason: `${pick.reason === undefined ? '' : `${pick.reason}; `}${where}: ${why}` };
  };
  for (const f of failed) {
    for (const radius of DETOUR_RADII) {
      if (!(f.t > radius && f.t < limit - radius)) continue;
      const chosen = choose(f, radius);
      if (!chosen) continue;
      if (chosen.code === 'success') reached.push(chosen.end);
      out.set(f.index, chosen);
      break;
    }
  }
  return out;
}
