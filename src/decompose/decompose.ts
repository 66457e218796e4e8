/**
 * The numerical irreducible decomposition of the solution set of F = 0 (m equations, n
 * unknowns, m ≥ n − d for every dimension d looked at), dimension by dimension from the top:
 *
 * 1. witness superset: solve the d-dimensional slice system (decompose/witness) with every
 *    path tracked, keep the endpoints that solve F itself;
 * 2. junk removal: a point on a component of higher dimension is found there by the homotopy
 *    membership test (that dimension's witness points moved to a parallel slice through the
 *    point: it is among their ends exactly when it lies on those components);
 * 3. breakup: loops of the slice offsets permute the witness points, each irreducible
 *    component's among themselves; the orbits found so far are checked by the linear trace
 *    test, and loops go on until every orbit passes (HomotopyContinuation.jl's `decompose`,
 *    Bertini's and PHCpack's monodromy breakup do the same).
 *
 * Dimension 0 is F's own isolated solutions. A decomposition is complete when every path at
 * every dimension was accounted for and every component's trace test passed; it says what is
 * missing otherwise. Witness points that are singular on their slice (components of
 * multiplicity above one, or singular slices) cannot be moved by monodromy: they are reported
 * as one unresolved group per dimension, and the decomposition is then not complete.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { distInf, normInf } from '../numeric/complex.js';
import { Random, randomSeed, STREAMS } from '../numeric/rng.js';
import { UnionFind } from '../numeric/unionFind.js';
import type { System } from '../poly/system.js';
import { solve } from '../solve/solve.js';
import type { Solution } from '../solve/result.js';
import { decompositionCompleteness, type Completeness, type DecompositionGap } from '../solve/completeness.js';
import { traceTest } from '../solve/traceTest.js';
import { trackToParameters } from '../solve/trackParameters.js';
import { offsetFamily, randomSlicing, relativeResidual, sliceSystem, type Slicing } from './witness.js';

/** Endpoints with a relative residual of F above this lie on R·F = 0 only: not solutions of F. */
const ON_VARIETY = 1e-8;
/** Two witness points closer than this (relative) are the same point. */
const SAME_POINT = 1e-6;
/** Loops of the slice offsets in a row that join no two orbits, before the breakup gives up. */
const STALE_LOOPS = 20;
const MAX_LOOPS = 60;
/** Distance of a loop's vertices from the base offsets, in units of max(1, |c|). */
const LOOP_SPREAD = 3;
/** Unions of failing groups tried by the combinatorial trace test: at most this many groups in one, and this many unions in all. */
const MAX_COMBINED_GROUPS = 4;
const MAX_COMBINATIONS = 200;

/** The k-subsets of 0 … n−1, in lexicographic order. */
function* combinations(n: number, k: number): Generator<number[]> {
  const pick = Array.from({ length: k }, (_, i) => i);
  while (true) {
    yield [...pick];
    let i = k - 1;
    while (i >= 0 && pick[i] === n - k + i) i--;
    if (i < 0) return;
    pick[i]!++;
    for (let j = i + 1; j < k; j++) pick[j] = pick[j - 1]! + 1;
  }
}

export interface DecomposeOptions {
  seed?: number;
  workers?: number;
  /** The highest dimension to look at (default n − 1, or n − m when F has fewer equations than that). */
  topDimension?: number;
  onProgress?: (stage: string) => void;
  signal?: AbortSignal;
  /**
   * Keep each dimension's witness-superset paths (the bulk of the work) in this directory, as
   * the solver's checkpoints (`superset-dimD.ndjson`), with the run's seed (`decompose.json`).
   * A run given a directory that holds them resumes: finished paths are not tracked again, and
   * the later stages, seeded, come out as an uninterrupted run's.
   */
  checkpointDir?: string;
}

const CHECKPOINT_META = 'decompose.json';

/** The seed of a checkpoint directory (made if missing), checked against the one asked for. */
function checkpointSeed(dir: string, system: System, asked: number | undefined): number {
  const meta = join(dir, CHECKPOINT_META);
  const variables = [...system.variables];
  if (existsSync(meta)) {
    let found: { seed?: unknown; variables?: unknown };
    try {
      found = JSON.parse(readFileSync(meta, 'utf8')) as typeof found;
    } catch {
      throw new InputError(`${meta} is not a decomposition checkpoint (unreadable JSON): give another directory`);
    }
    if (typeof found.seed !== 'number' || JSON.stringify(found.variables) !== JSON.stringify(variables))
      throw new InputError(`${dir} holds the checkpoint of another decomposition (variables ${JSON.stringify(found.variables)}): give another directory`);
    if (asked !== undefined && asked !== found.seed)
      throw new InputError(`${dir} was written with seed ${found.seed}, not ${asked}: resume with --seed ${found.seed} (or without --seed)`);
    return found.seed;
  }
  try {
    mkdirSync(dir, { recursive: true });
    const seed = asked ?? randomSeed();
    writeFileSync(meta, JSON.stringify({ schema: 'critsolve/decompose-checkpoint@1', seed, variables }) + '\n');
    return seed;
  } catch (error) {
    throw new InputError(`cannot use the checkpoint directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** One irreducible component of dimension ≥ 1, as a witness set. */
export interface WitnessComponent {
  readonly dimension: number;
  /** The number of witness points: the degree of the component. */
  readonly degree: number;
  /** The witness points on the slice A·x = c. */
  readonly points: Float64Array[];
  /** The slice (and the randomization R of F to n − d equations), shared by the dimension's components. */
  readonly slicing: Slicing;
  /** The linear trace test's residual over this component's points (NaN when it could not run). */
  readonly traceResidual: number;
  /** The trace test passed: these points are the whole witness set of one irreducible component. */
  readonly complete: boolean;
  /** True for a group of singular witness points that monodromy could not break up. */
  readonly unresolved?: boolean;
}

export interface Decomposition {
  readonly seed: number;
  readonly variables: readonly string[];
  /** Positive-dimensional components, highest dimension first. */
  readonly components: WitnessComponent[];
  /** Isolated solutions of F (dimension 0), junk removed. */
  readonly isolated: Solution[];
  /** Paths tracked: the witness supersets, membership tests, loops and trace tests. */
  readonly pathsTracked: number;
  /** Paths of the witness-superset solves that failed: solution sets may be missing. */
  readonly failedPaths: number;
  readonly complete: boolean;
  /** Why the decomposition is complete, or what keeps it from being so. */
  readonly reason: string;
  /** The checks behind `complete` and `reason` (solve/completeness). */
  readonly completeness: Completeness;
  readonly warnings: string[];
  readonly seconds: number;
}

interface Level {
  readonly slicing: Slicing;
  readonly family: System;
  /** Every witness point of the dimension (all its components), junk removed. */
  readonly points: Float64Array[];
}

const isNear = (a: Float64Array, b: Float64Array): boolean => distInf(a, b) <= SAME_POINT * Math.max(1, normInf(a));

/** The points among `candidates` that lie on one of the higher levels' components. */
async function onHigherLevels(
  candidates: readonly Float64Array[],
  levels: readonly Level[],
  seed: number,
): Promise<{ junk: boolean[]; paths: number; uncertain: number }> {
  const junk = candidates.map(() => false);
  // A point not found where some membership path failed may still lie on that level.
  const doubtful = candidates.map(() => false);
  let paths = 0;
  for (const level of levels) {
    const { A, c, dimension: e } = level.slicing;
    const n = candidates[0] ? candidates[0].length / 2 : 0;
    for (const [i, p] of candidates.entries()) {
      if (junk[i] || level.points.length === 0) continue;
      // The slice parallel to this level's through p: c' = A·p.
      const through = new Float64Array(2 * e);
      for (let k = 0; k < e; k++) {
        let sr = 0;
        let si = 0;
        for (let j = 0; j < n; j++) {
          const ar = A[2 * (k * n + j)]!;
          const ai = A[2 * (k * n + j) + 1]!;
          sr += ar * p[2 * j]! - ai * p[2 * j + 1]!;
          si += ar * p[2 * j + 1]! + ai * p[2 * j]!;
        }
        through[2 * k] = sr;
        through[2 * k + 1] = si;
      }
      const [moved] = await trackToParameters(level.family, c, level.points, [through], { seed: seed + i });
      paths += moved!.pathsTracked;
      junk[i] = moved!.paths.some((r) => r.code !== 'failed' && isNear(r.end, p));
      if (!junk[i] && moved!.paths.some((r) => r.code === 'failed')) doubtful[i] = true;
    }
  }
  return { junk, paths, uncertain: candidates.filter((_, i) => doubtful[i] && !junk[i]).length };
}

/** The witness points of one dimension split into irreducible components by loops and trace tests. */
async function breakup(level: Level, seed: number): Promise<{ components: WitnessComponent[]; paths: number }> {
  const { points, slicing, family } = level;
  const orbits = new UnionFind(points.length);
  const rng = new Random(seed, STREAMS.breakup);
  /** Trace residual per orbit (its indices joined), and the orbits that passed. */
  const residuals = new Map<string, number>();
  const passed = new Set<string>();
  let paths = 0;
  let stale = 0;
  for (let loop = 0; loop <= MAX_LOOPS; loop++) {
    // Trace-test the orbits not tested in this form before.
    const groups = orbits.groups();
    for (const g of groups) {
      const key = g.join(',');
      if (residuals.has(key)) continue;
      const t = traceTest(
        family,
        slicing.c,
        g.map((k) => points[k]!),
        { seed: seed + loop },
      );
      paths += t.pathsTracked;
      residuals.set(key, t.residual);
      if (t.passes) passed.add(key);
    }
    if (groups.every((g) => passed.has(g.join(','))) || stale >= STALE_LOOPS || loop === MAX_LOOPS) break;
    // One loop c → v1 → v2 → c of the offsets, through points a few times |c| away (loops
    // that stay near c rarely go around a branch point: 1-1-1's hyperbola w₁w₂ = 2 kept its
    // two witness points apart for 10 loops at distance |c|, and swapped them in 3 of 5 at 3|c|).
    const scale = LOOP_SPREAD * Math.max(1, normInf(slicing.c));
    const vertex = (): Float64Array => slicing.c.map((v) => v + scale * rng.normal());
    let x: Float64Array[] = points;
    let ok = true;
    const stops = [vertex(), vertex(), slicing.c];
    let from = slicing.c;
    for (const [s, to] of stops.entries()) {
      const [moved] = await trackToParameters(family, from, x, [to], { seed: seed + 1000 * (loop + 1) + s });
      paths += moved!.pathsTracked;
      if (moved!.paths.some((r) => r.code !== 'success')) ok = false;
      x = moved!.paths.map((r) => r.end);
      from = to;
    }
    let joined = false;
    if (ok) {
      x.forEach((end, k) => {
        const image = points.findIndex((p) => isNear(end, p));
        if (image >= 0 && orbits.union(k, image)) joined = true;
      });
    }
    stale = joined ? 0 : stale + 1;
  }
  // Loops that never connect some points (every loop's paths failing near the same spot, say)
  // leave pieces of one component, none of which passes the trace test. Linear traces add up,
  // so the pieces of a component pass together: try unions of the failing groups, smallest
  // first, as PHCpack's factorization does once its loops stall.
  let failing = orbits.groups().filter((g) => !passed.has(g.join(',')));
  let tried = 0;
  for (let size = 2; size <= Math.min(failing.length, MAX_COMBINED_GROUPS) && tried < MAX_COMBINATIONS; size++) {
    let merged = false;
    for (const pick of combinations(failing.length, size)) {
      if (++tried > MAX_COMBINATIONS) break;
      const union = pick.flatMap((k) => failing[k]!).sort((x, y) => x - y);
      const t = traceTest(
        family,
        slicing.c,
        union.map((k) => points[k]!),
        { seed: seed + 7919 + tried },
      );
      paths += t.pathsTracked;
      if (!t.passes) continue;
      for (const k of union) orbits.union(union[0]!, k);
      residuals.set(union.join(','), t.residual);
      passed.add(union.join(','));
      merged = true;
      break;
    }
    if (merged) {
      failing = orbits.groups().filter((g) => !passed.has(g.join(',')));
      size = 1;
    }
  }
  const components = orbits.groups().map((g): WitnessComponent => {
    const key = g.join(',');
    return {
      dimension: slicing.dimension,
      degree: g.length,
      points: g.map((k) => points[k]!),
      slicing,
      traceResidual: residuals.get(key) ?? NaN,
      complete: passed.has(key),
    };
  });
  return { components, paths };
}

export async function decompose(system: System, options: DecomposeOptions = {}): Promise<Decomposition> {
  const began = performance.now();
  const dir = options.checkpointDir;
  const seed = dir === undefined ? (options.seed ?? randomSeed()) : checkpointSeed(dir, system, options.seed);
  const n = system.variables.length;
  const m = system.equations.length;
  if (system.parameters.length > 0)
    throw new InputError(`the system declares parameters (${system.parameters.join(', ')}); give them values before decomposing it`);
  if (m === 0) throw new InputError('the system has no equations');
  const top = Math.min(options.topDimension ?? n - 1, n - 1);
  const rng = new Random(seed, STREAMS.slices);
  const levels: Level[] = [];
  const components: WitnessComponent[] = [];
  const warnings: string[] = [];
  const gaps: DecompositionGap[] = [];
  let isolated: Solution[] = [];
  let pathsTracked = 0;
  let failedPaths = 0;
  for (let d = top; d >= 0; d--) {
    if (options.signal?.aborted) {
      gaps.push({ kind: 'paths-accounted', reason: `stopped before dimension ${d}` });
      break;
    }
    // F has at least n − m-dimensional components wherever it has solutions; below n − m the slice system would be overdetermined.
    if (n - d > m) continue;
    options.onProgress?.(`dimension ${d}: witness superset`);
    const slicing = randomSlicing(
      n,
      system.equations.map((f) => Math.max(0, f.degree())),
      d,
      rng,
    );
    const file = dir === undefined ? undefined : join(dir, `superset-dim${d}.ndjson`);
    const saved = file === undefined ? {} : existsSync(file) ? { resume: file } : { checkpoint: file };
    const solved = await solve(sliceSystem(system, slicing), {
      seed: seed + d,
      start: 'auto',
      ...saved,
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    pathsTracked += solved.counts.paths + solved.retracked.length;
    failedPaths += solved.counts.failed;
    if (solved.counts.failed > 0) gaps.push({ kind: 'paths-accounted', reason: `${solved.counts.failed} path(s) failed at dimension ${d}` });
    if (solved.partial) gaps.push({ kind: 'paths-accounted', reason: `the witness superset of dimension ${d} was stopped` });
    const onF = solved.solutions.filter((s) => relativeResidual(system, s.x) <= ON_VARIETY);
    // A point on a higher-dimensional component lies on a positive-dimensional solution set of
    // the square slice system, where its Jacobian is singular: regular points are never junk,
    // and only the others need the membership test.
    const suspects = onF.filter((s) => s.kind !== 'regular');
    options.onProgress?.(`dimension ${d}: junk removal (${suspects.length} of ${onF.length} points)`);
    const { junk, paths, uncertain } = await onHigherLevels(
      suspects.map((s) => s.x),
      levels,
      seed + 100 * d,
    );
    pathsTracked += paths;
    if (uncertain > 0)
      gaps.push({
        kind: 'junk-removed',
        reason: `${uncertain} point(s) of dimension ${d} kept though a path of their membership test failed: they may lie on a higher-dimensional component`,
      });
    const junkPoints = new Set(suspects.filter((_, k) => junk[k]));
    const kept = onF.filter((s) => !junkPoints.has(s));
    if (d === 0) {
      isolated = kept;
      break;
    }
    const regular = kept.filter((s) => s.kind === 'regular');
    const singular = kept.filter((s) => s.kind !== 'regular');
    const level: Level = { slicing, family: offsetFamily(system, slicing), points: regular.map((s) => s.x) };
    levels.push({ ...level, points: kept.map((s) => s.x) });
    if (regular.length > 0) {
      options.onProgress?.(`dimension ${d}: breakup of ${regular.length} witness points`);
      const b = await breakup(level, seed + 7 * d);
      pathsTracked += b.paths;
      components.push(...b.components);
      const open = b.components.filter((c) => !c.complete).length;
      if (open > 0) gaps.push({ kind: 'trace-test', reason: `${open} group(s) of dimension ${d} did not pass the trace test` });
    }
    if (singular.length > 0) {
      components.push({
        dimension: d,
        degree: singular.reduce((s, x) => s + x.multiplicity, 0),
        points: singular.map((s) => s.x),
        slicing,
        traceResidual: NaN,
        complete: false,
        unresolved: true,
      });
      gaps.push({
        kind: 'trace-test',
        reason: `${singular.length} singular witness point(s) of dimension ${d} (a component of multiplicity above one, or a singular slice): not broken up`,
      });
      warnings.push(`dimension ${d}: ${singular.length} singular witness point(s) reported as one unresolved group`);
    }
  }
  const completeness = decompositionCompleteness(gaps, { paths: pathsTracked, failed: failedPaths, components: components.length });
  return {
    seed,
    variables: system.variables,
    components,
    isolated,
    pathsTracked,
    failedPaths,
    complete: completeness.proven,
    reason: completeness.reason,
    completeness,
    warnings,
    seconds: (performance.now() - began) / 1000,
  };
}
