/**
 * The Result of a solve, and its JSON form (schema critsolve/result@1, GUIDE §2).
 */
import type { PathResult } from '../track/pathResult.js';
import { toPairs } from '../numeric/complex.js';

/**
 * `regular`: Newton converges quadratically from it and its condition is below
 * ILL_CONDITIONED, so it can be certified. `singular`: a cluster of endpoints or a winding
 * number above 1. `ill-conditioned`: reached by one path, but too ill-conditioned to tell
 * from a singular point or to certify; never counted as regular.
 */
export type SolutionKind = 'regular' | 'singular' | 'ill-conditioned';

export interface Solution {
  /** The point, interleaved (re, im). */
  readonly x: Float64Array;
  readonly kind: SolutionKind;
  /** Number of paths that ended at this point. */
  readonly multiplicity: number;
  readonly real: boolean;
  readonly residual: number;
  readonly condition: number;
  readonly windingNumber: number;
  /** Indices of the paths that ended here. */
  readonly paths: number[];
}

export interface Counts {
  paths: number;
  /** Distinct nonsingular finite solutions. */
  regular: number;
  /** Distinct singular endpoints (clusters). */
  singular: number;
  /** Distinct endpoints reached by one path but too ill-conditioned to count as regular. */
  illConditioned: number;
  atInfinity: number;
  failed: number;
  /** Distinct real regular solutions. */
  real: number;
}

export interface SolveResult {
  readonly seed: number;
  readonly variables: readonly string[];
  readonly startSystem: string;
  readonly counts: Counts;
  readonly solutions: Solution[];
  /**
   * Path records in index order: every path that did not go to infinity (the ones solutions
   * are made of, and failures), or every path when solve was asked to keep them all.
   */
  readonly paths: PathResult[];
  /** Paths tracked a second time with conservative settings (failed, or jumped). */
  readonly retracked: number[];
  /** Plain statements of what the numbers may hide (positive-dimensional sets, jumps left). */
  readonly warnings: string[];
  /** True when the run was stopped before every path was tracked. */
  readonly partial: boolean;
  /** The monodromy cross-check of the count, when one ran (its new solutions are in `solutions`, with no path). */
  readonly crossCheck?: CrossCheck;
  readonly seconds: number;
}

/** What the monodromy cross-check of a count saw (solve/crossCheck). */
export interface CrossCheck {
  /** Loops every found solution (one per orbit of the symmetries) was sent around. */
  readonly loops: number;
  readonly pathsTracked: number;
  /** Loop paths that did not come back to a regular point: where they lead is unknown, so the check is not passed. */
  readonly failedPaths: number;
  /** Solutions the loops brought back that had not been found, refined at the target. */
  readonly found: Float64Array[];
  readonly seed: number;
  readonly seconds: number;
}

/** JSON cannot carry NaN or Infinity; they become null. */
const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function solutionToJSON(s: Solution): Record<string, unknown> {
  return {
    x: toPairs(s.x),
    kind: s.kind,
    multiplicity: s.multiplicity,
    real: s.real,
    residual: finite(s.residual),
    condition: finite(s.condition),
    windingNumber: s.windingNumber,
    paths: s.paths,
  };
}

export function pathToJSON(p: PathResult): Record<string, unknown> {
  return {
    index: p.index,
    code: p.code,
    ...(p.reason === undefined ? {} : { reason: p.reason }),
    start: toPairs(p.start),
    end: toPairs(p.end),
    t: p.t,
    acceptedSteps: p.acceptedSteps,
    rejectedSteps: p.rejectedSteps,
    residual: finite(p.residual),
    condition: finite(p.condition),
    windingNumber: p.windingNumber,
    preset: p.preset,
  };
}

export function resultToJSON(r: SolveResult, options: { includePaths?: boolean } = {}): Record<string, unknown> {
  return {
    schema: 'critsolve/result@1',
    seed: r.seed,
    variables: r.variables,
    startSystem: r.startSystem,
    counts: r.counts,
    partial: r.partial,
    warnings: r.warnings,
    retracked: r.retracked,
    ...(r.crossCheck ? { crossCheck: crossCheckToJSON(r.crossCheck) } : {}),
    solutions: r.solutions.map(solutionToJSON),
    ...(options.includePaths ? { paths: r.paths.map(pathToJSON) } : {}),
    seconds: r.seconds,
  };
}

function crossCheckToJSON(c: CrossCheck): Record<string, unknown> {
  return { loops: c.loops, pathsTracked: c.pathsTracked, failedPaths: c.failedPaths, newSolutions: c.found.length, passed: c.found.length === 0 && c.failedPaths === 0, seed: c.seed, seconds: c.seconds };
}

/** The short human summary printed by the CLI. */
export function formatSummary(r: SolveResult): string {
  const c = r.counts;
  const lines = [
    `paths ${c.paths}  regular ${c.regular}  real ${c.real}  singular ${c.singular}${c.illConditioned > 0 ? `  ill-conditioned ${c.illConditioned}` : ''}  at infinity ${c.atInfinity}  failed ${c.failed}  seconds ${r.seconds.toFixed(2)}`,
    `seed ${r.seed}, start system ${r.startSystem}${r.partial ? ', PARTIAL: stopped before all paths were tracked' : ''}`,
  ];
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}
