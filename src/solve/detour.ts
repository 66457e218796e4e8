/**
 * Paths that fail before the endgame, their steps shrinking to nothing even re-tracked
 * conservatively, pass within round-off of a branch point: a point of t where two paths of
 * the homotopy meet. Past it, the two sheets that meet there could each be the path's own,
 * and only the paths that got through tell which: this one is the sheet the other one did not
 * take. So the path is tracked around the point on both sides (a detour in the complex
 * t-plane, PathTracker.detour), and its end is
 * - a regular point that one side reaches and no other path does (a regular point is the end
 *   of one path only; were it the other sheet's, the path that took that sheet would end
 *   there too), the points chosen here for earlier failures counting as reached;
 * - at infinity when both sides diverge, or when one does and the other ends at a regular
 *   point another path reached (that side is the other path's sheet);
 * - a singular point when both sides end at it;
 * and otherwise the path stays failed.
 * A path's record says which rule chose its end.
 */
import { distInf, normInf } from '../numeric/complex.js';
import type { JobRunner } from '../paths/starts.js';
import type { PathResult } from '../track/pathResult.js';
import type { PresetName } from '../track/presets.js';

/** Half-width (in t) of the detour around the point where a path failed. */
const DETOUR_RADIUS = 2e-3;
/** Two endpoints closer than this (relative) are one point. */
const SAME_END = 1e-6;

const same = (a: Float64Array, b: Float64Array): boolean => distInf(a, b) <= SAME_END * Math.max(1, normInf(a));

/** Whether path `failed` failed before its endgame in a way a detour may get past. */
export function detourable(r: PathResult, endgameStart: number): boolean {
  return r.code === 'failed' && (r.cause === 'step_too_small' || r.cause === 'singular_jacobian' || r.cause === 'step_budget') && r.t > DETOUR_RADIUS && r.t < 1 - endgameStart - DETOUR_RADIUS;
}

/**
 * The detoured records of the failed paths `failed`, by index, where the rules above choose
 * an end; `others` are the records of every other path of the solve.
 */
export function detourFailures(runner: JobRunner, failed: readonly PathResult[], others: readonly PathResult[], preset: PresetName = 'default'): Map<number, PathResult> {
  const out = new Map<number, PathResult>();
  const reached = others.filter((o) => o.code === 'success').map((o) => o.end);
  for (const f of failed) {
    const detour = (side: 1 | -1): PathResult => runner.trackDetoured(f.index, preset, { t: f.t, side, radius: DETOUR_RADIUS });
    const sides = [detour(1), detour(-1)];
    const taken = (r: PathResult): boolean => reached.some((e) => same(e, r.end));
    const where = `it failed at t = ${f.t.toPrecision(6)} (${f.reason ?? f.cause}) and was tracked around that point on both sides`;
    const untaken = sides.find((r) => r.code === 'success' && !taken(r));
    const diverging = sides.filter((r) => r.code === 'at_infinity');
    let pick: PathResult | undefined;
    let why = '';
    if (untaken) [pick, why] = [untaken, 'one side ends at a regular point no other path reaches'];
    else if (diverging.length === 2) [pick, why] = [sides[0]!, 'both sides diverge'];
    else if (diverging.length === 1 && sides.some((r) => r.code === 'success' && taken(r))) [pick, why] = [diverging[0]!, 'the other side ends where another path does'];
    else if (sides.every((r) => r.code === 'singular') && same(sides[0]!.end, sides[1]!.end)) [pick, why] = [sides[0]!, 'both sides end at this singular point'];
    if (!pick) continue;
    if (pick.code === 'success') reached.push(pick.end);
    out.set(f.index, { ...pick, reason: `${pick.reason === undefined ? '' : `${pick.reason}; `}${where}: ${why}` });
  }
  return out;
}
