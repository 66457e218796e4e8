/**
 * The Result of a solve, whatever the method (a start system's paths, monodromy, a
 * decomposition), built by one builder (buildResult) with its count's standing, and its JSON
 * form (schema critsolve/result@1, docs/CONTRACTS.md) with a TypeScript interface for each part.
 */
import type { PathCause, PathResult, ReturnCode } from '../track/pathResult.js';
import type { StartKindName } from '../paths/job.js';
import { toPairs } from '../numeric/complex.js';
import { completenessToJSON, homotopyCompleteness, type Completeness, type CompletenessJSON } from './completeness.js';

export type { Check, CheckKind, Completeness } from './completeness.js';

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
  /** Set when double precision could not vouch for the point and Newton in double-double confirmed it. */
  readonly precision?: 'double-double';
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

/** How the solutions were found: a start system's paths, monodromy loops, or a numerical irreducible decomposition. */
export type SolveMethod = 'homotopy' | 'monodromy' | 'decompose';

export interface SolveResult {
  readonly seed: number;
  readonly variables: readonly string[];
  readonly method: SolveMethod;
  /** The start system whose paths were tracked: only for the homotopy method. */
  readonly startSystem?: StartKindName;
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
  /** Paths of the start system, tracked or not (more than counts.paths when a range was asked for). */
  readonly startPaths?: number;
  /** For a system with parameters: the parameter point the solutions are at. */
  readonly parameters?: { readonly names: readonly string[]; readonly values: Float64Array };
  /** For a monodromy solve: how its loops ran and what stopped them. */
  readonly monodromy?: MonodromySummary;
  /** For a start system's paths: how many needed double-double, and the deep look when one ran. */
  readonly precision?: PrecisionSummary;
  readonly seconds: number;
  /** The count's standing (solve/completeness), judged once, as the result was built. */
  readonly completeness: Completeness;
}

/** What ran in which precision (track/stepper.ts), over every path tracked, the deep look's included. */
export interface PrecisionSummary {
  /** Paths that took steps in double-double. */
  readonly doubleDoublePaths: number;
  /** Steps of all paths, accepted and rejected, and of them those in double-double. */
  readonly steps: number;
  readonly doubleDoubleSteps: number;
  /** Paths judged to diverge on their valuations: the ones the deep look tracks again. */
  readonly divergingByValuation: number;
  /**
   * The deep look (deepPrecision): paths judged to diverge by their valuations alone, tracked
   * again in double-double down to s = 1e-26, and how many of them reached a finite endpoint.
   */
  readonly deep?: { readonly tracked: number; readonly finite: number };
}

/** A result's parts: everything but its standing, which buildResult judges. */
export type ResultParts = Omit<SolveResult, 'completeness'>;

/**
 * The one builder of a SolveResult, whatever the method. A start system's count is judged here
 * from its paths and cross-check; every other method judges its own with its checks
 * (solve/completeness) and passes the standing in.
 */
export function buildResult(parts: ResultParts, judged?: Completeness): SolveResult {
  // A result spread into new parts brings its old standing along: it is judged again.
  const { completeness: _stale, ...own } = parts as ResultParts & { completeness?: Completeness };
  if (judged) return { ...own, completeness: judged };
  if (own.method !== 'homotopy') throw new Error(`a ${own.method} result is judged by its method's own checks: pass them to buildResult`);
  return { ...own, completeness: homotopyCompleteness(own) };
}

/** The standing of a solve's count (solve/completeness): proven only when every check behind it passed. */
export function completeness(r: SolveResult): Completeness {
  return r.completeness;
}

/** A monodromy run in brief (solve/monodromy), as a solve result carries it. */
export interface MonodromySummary {
  readonly loops: number;
  readonly staleLoops: number;
  readonly pathsTracked: number;
  readonly stoppedBy: string;
  readonly orbits: number;
  /** Threads that tracked loops. */
  readonly workers: number;
  /** The trace test, when one ran: `passes` proves the count complete. */
  readonly trace?: { readonly passes: boolean; readonly residual: number; readonly tolerance: number; readonly failedPaths: number };
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

/** A complex number in JSON: [re, im]. */
export type ComplexJSON = [number, number];

/** One solution in result@1. */
export interface SolutionJSON {
  x: ComplexJSON[];
  kind: SolutionKind;
  multiplicity: number;
  real: boolean;
  residual: number | null;
  condition: number | null;
  windingNumber: number;
  /** Indices of the paths that ended here (empty for solutions found otherwise). */
  paths: number[];
  /** 'double-double' when the point is beyond what double precision vouches for and Newton in double-double confirmed it. */
  precision?: 'double-double';
}

/** One path record in result@1 (with --paths). */
export interface PathJSON {
  index: number;
  code: ReturnCode;
  cause?: PathCause;
  reason?: string;
  start: ComplexJSON[];
  end: ComplexJSON[];
  t: number;
  acceptedSteps: number;
  rejectedSteps: number;
  /** Of the steps, accepted and rejected, those taken in double-double (the rest in double). */
  ddSteps: number;
  residual: number | null;
  condition: number | null;
  windingNumber: number;
  preset: string;
}

export interface CrossCheckJSON {
  loops: number;
  pathsTracked: number;
  failedPaths: number;
  newSolutions: number;
  passed: boolean;
  seed: number;
  seconds: number;
}

/** The result JSON of docs/CONTRACTS.md, schema critsolve/result@1. */
export interface ResultJSON {
  schema: 'critsolve/result@1';
  seed: number;
  variables: string[];
  /**
   * The start system ('total-degree', 'polyhedral', 'multihomogeneous'); for old readers, the
   * method ('monodromy', 'decompose') when no start system ran.
   */
  startSystem: string;
  /** How the solutions were found: the start system's name, 'monodromy' or 'decompose' (a network: its method). */
  method: string;
  counts: Counts;
  partial: boolean;
  completeness: CompletenessJSON;
  warnings: string[];
  retracked: number[];
  crossCheck?: CrossCheckJSON;
  /** For a system with parameters: each parameter's value. */
  parameters?: Record<string, ComplexJSON>;
  monodromy?: MonodromySummary;
  precision?: PrecisionSummary;
  solutions: SolutionJSON[];
  paths?: PathJSON[];
  seconds: number;
}

export function solutionToJSON(s: Solution): SolutionJSON {
  return {
    x: toPairs(s.x),
    kind: s.kind,
    multiplicity: s.multiplicity,
    real: s.real,
    residual: finite(s.residual),
    condition: finite(s.condition),
    windingNumber: s.windingNumber,
    paths: s.paths,
    ...(s.precision ? { precision: s.precision } : {}),
  };
}

export function pathToJSON(p: PathResult): PathJSON {
  return {
    index: p.index,
    code: p.code,
    ...(p.cause === undefined ? {} : { cause: p.cause }),
    ...(p.reason === undefined ? {} : { reason: p.reason }),
    start: toPairs(p.start),
    end: toPairs(p.end),
    t: p.t,
    acceptedSteps: p.acceptedSteps,
    rejectedSteps: p.rejectedSteps,
    ddSteps: p.ddSteps,
    residual: finite(p.residual),
    condition: finite(p.condition),
    windingNumber: p.windingNumber,
    preset: p.preset,
  };
}

/** The name the JSON's `method` and `startSystem` have always carried: the start system's, else the method's. */
const methodName = (r: SolveResult): string => r.startSystem ?? r.method;

export function resultToJSON(r: SolveResult, options: { includePaths?: boolean } = {}): ResultJSON {
  return {
    schema: 'critsolve/result@1',
    seed: r.seed,
    variables: [...r.variables],
    startSystem: methodName(r),
    method: methodName(r),
    counts: r.counts,
    partial: r.partial,
    completeness: completenessToJSON(r.completeness),
    warnings: r.warnings,
    retracked: r.retracked,
    ...(r.crossCheck ? { crossCheck: crossCheckToJSON(r.crossCheck) } : {}),
    ...(r.parameters
      ? {
          parameters: Object.fromEntries(
            r.parameters.names.map((name, k): [string, ComplexJSON] => [name, [r.parameters!.values[2 * k]!, r.parameters!.values[2 * k + 1]!]]),
          ),
        }
      : {}),
    ...(r.monodromy ? { monodromy: r.monodromy } : {}),
    ...(r.precision ? { precision: r.precision } : {}),
    solutions: r.solutions.map(solutionToJSON),
    ...(options.includePaths ? { paths: r.paths.map(pathToJSON) } : {}),
    seconds: r.seconds,
  };
}

function crossCheckToJSON(c: CrossCheck): CrossCheckJSON {
  return {
    loops: c.loops,
    pathsTracked: c.pathsTracked,
    failedPaths: c.failedPaths,
    newSolutions: c.found.length,
    passed: c.found.length === 0 && c.failedPaths === 0,
    seed: c.seed,
    seconds: c.seconds,
  };
}

/**
 * The short human summary printed by the CLI, ending with the count's standing (left out with
 * `completeness: false`, for a caller that states its own, as `network` does).
 */
export function formatSummary(r: SolveResult, options: { completeness?: false } = {}): string {
  const c = r.counts;
  const lines = [
    `paths ${c.paths}  regular ${c.regular}  real ${c.real}  singular ${c.singular}${c.illConditioned > 0 ? `  ill-conditioned ${c.illConditioned}` : ''}  at infinity ${c.atInfinity}  failed ${c.failed}  seconds ${r.seconds.toFixed(2)}`,
    `seed ${r.seed}, ${r.startSystem ? `start system ${r.startSystem}` : `method ${r.method}`}${r.partial ? ', PARTIAL: stopped before all paths were tracked' : ''}`,
  ];
  const pr = r.precision;
  if (pr && pr.doubleDoublePaths > 0) {
    const share = ((100 * pr.doubleDoubleSteps) / Math.max(1, pr.steps)).toFixed(pr.doubleDoubleSteps < 0.01 * pr.steps ? 2 : 1);
    lines.push(
      `double-double: ${pr.doubleDoublePaths} path(s), ${share}% of ${pr.steps} steps${pr.deep ? `; deep look: ${pr.deep.tracked} path(s) judged to diverge tracked again, ${pr.deep.finite} reached a finite endpoint` : ''}`,
    );
  }
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  const standing = r.completeness;
  if (options.completeness !== false) lines.push(standing.proven ? `a complete count: ${standing.reason}` : `not proven complete: ${standing.reason}`);
  return lines.join('\n');
}

/** The nonsingular (regular) solutions: distinct, finite, well-conditioned. */
export function nonsingular(r: SolveResult): Solution[] {
  return r.solutions.filter((s) => s.kind === 'regular');
}

/** The singular endpoints (clusters, winding number above 1) and the ill-conditioned ones. */
export function singularSolutions(r: SolveResult): Solution[] {
  return r.solutions.filter((s) => s.kind !== 'regular');
}

/** The real regular solutions, as plain arrays of their real parts (imaginary parts are within tolerance of 0). */
export function realSolutions(r: SolveResult): number[][] {
  return nonsingular(r)
    .filter((s) => s.real)
    .map((s) => Array.from({ length: s.x.length / 2 }, (_, k) => s.x[2 * k]!));
}

/** A solution as complex coordinates [re, im], one per variable. */
export function coordinates(s: Solution): ComplexJSON[] {
  return toPairs(s.x);
}

/** The paths that failed (each with its cause and reason): where solutions may be missing. */
export function failedPaths(r: SolveResult): PathResult[] {
  return r.paths.filter((p) => p.code === 'failed');
}
