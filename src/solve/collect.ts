/**
 * From path results to solutions: re-track failed paths and path jumps with conservative
 * settings, group endpoints into distinct points, and say plainly what the grouping shows
 * (jumps that persisted, singular endpoints that look like positive-dimensional sets).
 */
import type { CompiledSystem } from '../compile/types.js';
import type { Random } from '../numeric/rng.js';
import { distInf, isReal, normInf } from '../numeric/complex.js';
import { refineDD, type DDRefinement } from '../track/ddRefine.js';
import { makePath, type PathResult } from '../track/pathResult.js';
import { clusterPoints } from './dedupe.js';
import type { Counts, Solution, SolutionKind } from './result.js';

/** Relative distance under which two refined regular endpoints are the same point. */
export const REGULAR_TOLERANCE = 1e-8;
/**
 * Condition number above which double precision alone cannot vouch for an endpoint reached by
 * a single path: round-off leaves it accurate to about cond·ε ≈ 1e-6 at best, too little to
 * certify it or to tell it from a nearby singular point (a four-bar linkage system has 4
 * endpoints at cond ~1e12 that PHCpack calls singular and Krawczyk rejects). Such an endpoint
 * is refined in double-double: regular where Newton converges quadratically there,
 * ill-conditioned where it does not.
 */
export const ILL_CONDITIONED = 1e10;
/** Singular endpoints are known less accurately (the Cauchy estimate, no Newton refinement). */
export const SINGULAR_TOLERANCE = 1e-5;

export interface Collected {
  counts: Counts;
  solutions: Solution[];
  retracked: number[];
  warnings: string[];
}

function randomDirection(rng: Random, n: number): Float64Array {
  const d = new Float64Array(2 * n);
  for (let k = 0; k < 2 * n; k++) d[k] = rng.normal();
  return d;
}

/**
 * `paths` are the kept path records in index order (paths at infinity may be left out and
 * only counted, in droppedAtInfinity); `retrack` tracks the given path indices again with
 * conservative settings and returns their results in the same order.
 */
export async function collectSolutions(
  paths: PathResult[],
  system: CompiledSystem,
  rng: Random,
  retrack?: (indices: number[]) => Promise<PathResult[]>,
  droppedAtInfinity = 0,
): Promise<Collected> {
  const direction = randomDirection(rng, system.nvars);
  const retracked = new Set<number>();
  const redo = async (positions: number[]): Promise<void> => {
    const todo = positions.filter((i) => !retracked.has(i));
    if (!retrack || todo.length === 0) return;
    todo.forEach((i) => retracked.add(i));
    const again = await retrack(todo.map((i) => paths[i]!.index));
    todo.forEach((i, k) => (paths[i] = again[k]!));
  };
  await redo(paths.flatMap((p, i) => (p.code === 'failed' ? [i] : [])));
  const confirmed = confirmFarEndpoints(paths, system);
  let regular = clusterOf(paths, 'success', REGULAR_TOLERANCE, direction);
  const jumped = regular.filter((members) => members.length > 1).flat();
  if (jumped.length > 0 && retrack) {
    await redo(jumped);
    regular = clusterOf(paths, 'success', REGULAR_TOLERANCE, direction);
  }
  // With a generic γ exactly one path ends at each nonsingular solution. A point reached by
  // several paths (after re-tracking ruled out a jump), or shared with a singular endpoint, is a
  // multiple root that merely looked well conditioned: it is singular.
  const groups = [...regular, ...clusterOf(paths, 'singular', SINGULAR_TOLERANCE, direction)];
  const merged = clusterPoints(
    groups.map((m) => paths[m[0]!]!.end),
    SINGULAR_TOLERANCE,
    direction,
  );
  const points = merged.map((c) => c.members.flatMap((k) => groups[k]!).sort((a, b) => a - b));
  const isLone = (m: number[]): boolean => m.length === 1 && paths[m[0]!]!.code === 'success';
  const isRegular = (m: number[]): boolean => isLone(m) && paths[m[0]!]!.condition <= ILL_CONDITIONED;
  regular = points.filter(isRegular);
  const resolved = resolveInDoubleDouble(
    points.filter((m) => isLone(m) && !isRegular(m)),
    paths,
    regular.map((m) => paths[m[0]!]!.end),
    system,
    confirmed,
  );
  const illConditioned = points.filter((m) => isLone(m) && !isRegular(m) && !resolved.has(m));
  const singular = points.filter((m) => !isLone(m));
  const solutions = [
    ...regular.map((m) => toSolution(paths, m, 'regular')),
    ...[...resolved].map(([m, r]) => ({
      ...toSolution(paths, m, 'regular'),
      x: r.x,
      residual: r.residual,
      condition: r.condition,
      real: isReal(r.x, REGULAR_TOLERANCE),
      precision: 'double-double' as const,
    })),
    ...illConditioned.map((m) => toSolution(paths, m, 'ill-conditioned')),
    ...singular.map((m) => toSolution(paths, m, 'singular')),
  ].sort((a, b) => a.paths[0]! - b.paths[0]!);
  const warnings: string[] = [];
  // Those a re-track after a jump replaced are no longer confirmed.
  const farConfirmed = paths.filter((p) => confirmed.has(p)).length;
  if (farConfirmed > 0) {
    warnings.push(
      `${farConfirmed} path(s) ended near the hyperplane at infinity where double precision could not confirm a solution, and Newton in double-double did: far finite solutions, counted with the others`,
    );
  }
  if (resolved.size > 0) {
    warnings.push(
      `${resolved.size} endpoint(s) beyond double precision (condition up to ${Math.max(...[...resolved.values()].map((r) => r.condition)).toExponential(1)}) were refined in double-double, where Newton converged quadratically: counted as regular`,
    );
  }
  if (illConditioned.length > 0) {
    warnings.push(
      `${illConditioned.length} endpoint(s) are ill-conditioned (condition above ${ILL_CONDITIONED.toExponential(0)}, up to ${Math.max(...illConditioned.map((m) => paths[m[0]!]!.condition)).toExponential(1)}): not counted as regular, since they cannot be told from singular points or certified; solutions near them may be missing or merged`,
    );
  }
  const lookedRegular = singular.filter((m) => m.every((i) => paths[i]!.code === 'success'));
  if (lookedRegular.length > 0) {
    warnings.push(
      `${lookedRegular.length} point(s) were reached by several paths that each looked nonsingular, even after re-tracking (paths ${lookedRegular
        .map((m) => m.map((i) => paths[i]!.index).join('+'))
        .join(', ')}): counted as singular; if they are in fact distinct ill-conditioned solutions, solutions may be missing`,
    );
  }
  const lone = singular.filter((m) => m.length === 1 && paths[m[0]!]!.windingNumber === 1).length;
  if (lone > 0) {
    warnings.push(
      `${lone} singular endpoint(s) were reached by a single path with winding number 1: such endpoints usually lie on a positive-dimensional solution set, so the system may not have finitely many solutions; they are not counted as isolated solutions`,
    );
  }
  const failed = paths.filter((p) => p.code === 'failed').length;
  if (failed > 0) warnings.push(`${failed} path(s) failed even after re-tracking; solutions may be missing`);
  const counts: Counts = {
    paths: paths.length + droppedAtInfinity,
    regular: regular.length + resolved.size,
    singular: singular.length,
    illConditioned: illConditioned.length,
    atInfinity: paths.filter((p) => p.code === 'at_infinity').length + droppedAtInfinity,
    failed,
    real: solutions.filter((s) => s.kind === 'regular' && s.real).length,
  };
  return { counts, solutions, retracked: [...retracked].map((i) => paths[i]!.index).sort((a, b) => a - b), warnings };
}

/** How far double-double refinement may move an endpoint that double left accurate to about cond·ε. */
const MAX_MOVE = 1e-3;

/**
 * Paths that ended near the hyperplane at infinity because Newton in double could not
 * confirm their endpoint: where Newton in double-double converges quadratically close by, the
 * endpoint is a finite solution far out (norm 1e4 and condition 1e12, say), and the path
 * becomes one that reached it. Returns the refinement of each path so confirmed.
 */
function confirmFarEndpoints(paths: PathResult[], system: CompiledSystem): Map<PathResult, DDRefinement> {
  const near = paths.flatMap((p, i) => (p.code === 'at_infinity' && p.cause === 'near_infinity' ? [i] : []));
  const confirmed = new Map<PathResult, DDRefinement>();
  const dd = near.length > 0 ? system.doubleDouble?.() : undefined;
  if (!dd) return confirmed;
  for (const i of near) {
    const p = paths[i]!;
    const r = refineDD(dd, p.end);
    if (!r.converged || !(r.moved <= MAX_MOVE)) continue;
    paths[i] = makePath({
      ...p,
      code: 'success',
      end: r.x,
      t: 1,
      residual: r.residual,
      condition: r.condition,
      why: { note: `confirmed in double-double: double precision left it near the hyperplane at infinity (|x| = ${normInf(r.x).toExponential(1)})` },
    });
    confirmed.set(paths[i]!, r);
  }
  return confirmed;
}

/**
 * The ill-conditioned lone endpoints that Newton in double-double resolves: it converges
 * quadratically near where the path ended, and the point it reaches is none of the regular
 * ones (else the path jumped onto another's solution). A path confirmed far out is not refined
 * a second time: `known` has its refinement.
 */
function resolveInDoubleDouble(
  candidates: number[][],
  paths: PathResult[],
  regular: Float64Array[],
  system: CompiledSystem,
  known: ReadonlyMap<PathResult, DDRefinement>,
): Map<number[], DDRefinement> {
  const resolved = new Map<number[], DDRefinement>();
  const dd = candidates.length > 0 ? system.doubleDouble?.() : undefined;
  if (!dd) return resolved;
  const found = [...regular];
  for (const m of candidates) {
    const p = paths[m[0]!]!;
    const r = known.get(p) ?? refineDD(dd, p.end);
    if (!r.converged || !(r.moved <= MAX_MOVE)) continue;
    if (found.some((y) => distInf(r.x, y) <= REGULAR_TOLERANCE * Math.max(1, normInf(r.x), normInf(y)))) continue;
    found.push(r.x);
    resolved.set(m, r);
  }
  return resolved;
}

function clusterOf(paths: PathResult[], code: 'success' | 'singular', tolerance: number, direction: Float64Array): number[][] {
  const which = paths.map((p, i) => (p.code === code ? i : -1)).filter((i) => i >= 0);
  const clusters = clusterPoints(
    which.map((i) => paths[i]!.end),
    tolerance,
    direction,
  );
  return clusters.map((c) => c.members.map((k) => which[k]!));
}

function toSolution(paths: PathResult[], members: number[], kind: SolutionKind): Solution {
  const best = members.reduce((a, b) => (paths[b]!.residual < paths[a]!.residual ? b : a));
  const p = paths[best]!;
  return {
    x: p.end,
    kind,
    multiplicity: members.length,
    real: isReal(p.end, kind === 'singular' ? SINGULAR_TOLERANCE : REGULAR_TOLERANCE),
    residual: p.residual,
    condition: p.condition,
    windingNumber: Math.max(...members.map((i) => paths[i]!.windingNumber)),
    paths: members.map((i) => paths[i]!.index).sort((a, b) => a - b),
  };
}
