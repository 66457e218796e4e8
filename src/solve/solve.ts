/**
 * solve: every isolated solution of a square polynomial system by a total-degree homotopy.
 * Tracks every path in worker threads, batch by batch, optionally recording finished paths
 * in a checkpoint; re-tracks failed paths and paths that ended at the same regular solution
 * (a path jump) with conservative settings; then groups endpoints into solutions. A path's
 * result depends only on the seed and its index, so the result does not depend on the number
 * of workers, on the order batches finish in, or on whether the run was resumed.
 */
import { distInf, normInf } from '../numeric/complex.js';
import { availableParallelism } from 'node:os';
import { checkInteger, InputError } from '../errors.js';
import { buildProgram, compileProgram } from '../compile/compile.js';
import { TimeLimitError } from '../bounds/cellCheck.js';
import type { MixedSubdivision } from '../bounds/mixedVolume.js';
import { Random, randomSeed, STREAMS } from '../numeric/rng.js';
import { readSystemText } from '../poly/read.js';
import { assertSquare, type System } from '../poly/system.js';
import type { PathResult } from '../track/pathResult.js';
import { defaultLimits, presets, type PresetName, type TrackerLimits } from '../track/presets.js';
import { POOL_AFTER_SECONDS } from '../parallel/loopPool.js';
import type { StartKindName, TrackJob } from '../paths/job.js';
import type { Plan, PlanContext } from '../paths/source.js';
import { recoverToricFailures } from './toricRecovery.js';
import { detourable, detourFailures } from './detour.js';
import { isStartKind, JobRunner, START_KIND_ORDER, startKinds } from '../paths/starts.js';
import {
  checkHeader,
  CheckpointWriter,
  readCheckpoint,
  readCheckpointHeader,
  systemHash,
  CHECKPOINT_SCHEMA,
  type CheckpointHeader,
} from '../parallel/checkpoint.js';
import { BatchRunner } from '../parallel/trackTasks.js';
import { runPaths } from '../parallel/schedule.js';
import { PathStore, type LiveCounts } from '../parallel/store.js';
import { collectSolutions } from './collect.js';
import { coefficientFamily, monodromyCrossCheck, withCrossCheck } from './crossCheck.js';
import { buildResult, type SolveResult } from './result.js';

export interface SolveProgress {
  /** Paths finished, those read from a resumed checkpoint included. */
  done: number;
  total: number;
  counts: LiveCounts;
}

export interface SolveOptions {
  /** Seed of every random choice (γ, projections); the same seed gives the same result. */
  seed?: number;
  /**
   * The start system (default 'auto': whichever needs fewer paths, total degree unless the
   * mixed volume is smaller and is found within `autoTimeLimit` seconds).
   */
  start?: StartChoice;
  /** Seconds `start: 'auto'` may spend on the mixed volume (default 10). */
  autoTimeLimit?: number;
  preset?: PresetName;
  limits?: Partial<TrackerLimits>;
  /** Refuse to start more paths than this (default 10,000,000). */
  maxPaths?: number;
  /**
   * Worker threads, at most (default: os.availableParallelism()); fewer for small runs (one
   * per 32 paths), and one tracks in this thread. The result does not depend on it.
   */
  workers?: number;
  /**
   * Seconds of tracking in this thread before the worker threads start (default: 0.3 s for
   * up to SMALL_SOLVE_PATHS paths, so that a small solve never pays the ~0.2 s of starting
   * them; at once for more); 0 starts them at once. The result does not depend on it.
   */
  poolAfterSeconds?: number;
  /** Paths per batch sent to a worker (default: from the path and worker counts, at most 64). */
  batchSize?: number;
  /** Track only the paths with index in [from, to) (default: all). */
  range?: readonly [number, number];
  /** Keep the record of every path, at-infinity ones included (default: only the others). */
  keepAllPaths?: boolean;
  /**
   * The deep look: after the paths, track those judged to diverge on their valuations alone
   * again, in double-double wherever double cannot resolve them and down to s = 1e-26, for
   * far, ill-conditioned finite solutions that look like infinity in double (track/presets.ts,
   * `deep`). Costly: most such paths do go to infinity. Network solves take it when their
   * cross-check says the count fell short.
   */
  deepPrecision?: boolean;
  /** Append finished paths to this NDJSON file (created; an existing file is refused). */
  checkpoint?: string;
  /** Continue the run recorded in this checkpoint, appending to it; the seed defaults to its seed. */
  resume?: string;
  /**
   * After tracking every path, send the solutions found around a few monodromy loops in the
   * system's coefficient space (solve/crossCheck) and add any solution they bring back that
   * the paths missed; the result's `crossCheck` says what the loops saw (default false).
   */
  crossCheck?: boolean;
  /**
   * The mixed subdivision of the system's augmented supports, when the caller computed it
   * already (paths/polyhedralSubdivision with this seed): the polyhedral plan then uses it
   * instead of computing it again.
   */
  subdivision?: MixedSubdivision;
  onProgress?: (progress: SolveProgress) => void;
  /** Stops tracking (batches in flight are finished); the result is then marked partial. */
  signal?: AbortSignal;
}

export type StartChoice = 'auto' | StartKindName;

/** Batches that are kept small enough to balance the workers and to checkpoint often. */
const MAX_BATCH = 64;
/** Fewer paths than this per worker do not pay for starting the worker (compiling, warming up). */
const MIN_PATHS_PER_WORKER = 32;
/**
 * Up to this many paths a solve starts in this thread and starts its worker threads only after
 * POOL_AFTER_SECONDS (2 workers, warm: katsura7's 128 paths 0.38 → 0.12 s, katsura8's 256
 * 0.46 → 0.27 s); beyond, the threads pay for themselves (cyclic7's 924 polyhedral paths took
 * 1.96 s with them at once and 2.08 s deferred, dln_2-2-2's 1,089 4.68 s and 5.07 s).
 */
const SMALL_SOLVE_PATHS = 500;

interface Setup {
  job: TrackJob;
  /** Number of unknowns, paths of the start system, and the start solution of a path. */
  n: number;
  pathCount: number;
  startOf: (index: number) => Float64Array;
  header: CheckpointHeader;
  range: [number, number];
  notes: string[];
}

/**
 * The plan for the start choice. 'auto' takes the one with the fewest paths, in the order of
 * START_KIND_ORDER on a tie (total degree, polyhedral, then multihomogeneous, the one tracked
 * in affine coordinates only), leaving out the polyhedral one if its mixed volume is not found
 * within `autoTimeLimit` seconds.
 */
function plan(choice: StartChoice, context: PlanContext, options: SolveOptions, notes: string[]): Plan {
  if (choice !== 'auto') return startKinds[choice].plan(context);
  const timeLimit = options.autoTimeLimit ?? 10;
  const candidates: Plan[] = [];
  for (const kind of START_KIND_ORDER) {
    try {
      candidates.push(startKinds[kind].plan({ ...context, timeLimit }));
    } catch (error) {
      if (!(error instanceof TimeLimitError)) throw error;
      notes.push(
        `start auto: the mixed volume took more than ${timeLimit} s of work, so the polyhedral start system was not considered (--start polyhedral waits for it)`,
      );
    }
  }
  return candidates.reduce((best, c) => (c.pathCount < best.pathCount ? c : best));
}

function setup(system: System, seed: number, options: SolveOptions): Setup {
  assertSquare(system);
  if (system.parameters.length > 0) {
    throw new InputError(`the system declares parameters (${system.parameters.join(', ')}); give them values, or solve it with --method monodromy`);
  }
  const limits = { ...defaultLimits, ...options.limits };
  const preset = options.preset ?? 'default';
  const rng = new Random(seed, STREAMS.solver);
  const gamma = rng.unitComplex();
  // The projective chart a·X = 1: random, so that no start or end point lies on a·X = 0.
  const chart = Array.from({ length: 2 * (system.variables.length + 1) }, () => rng.normal());
  const notes: string[] = [];
  const context: PlanContext = {
    system,
    seed,
    rng: rng.derive(1),
    chart: Float64Array.from(chart),
    ...(options.subdivision ? { subdivision: options.subdivision } : {}),
  };
  const p = plan(options.start ?? 'auto', context, options, notes);
  const kind = p.kind;
  if (p.pathCount > BigInt(Number.MAX_SAFE_INTEGER)) throw new InputError(`the ${kind} start system has ${p.pathCount} paths, too many to track`);
  const total = Number(p.pathCount);
  const range: [number, number] = options.range ? [options.range[0], options.range[1]] : [0, total];
  if (!range.every(Number.isSafeInteger) || range[0] < 0 || range[0] >= range[1] || range[1] > total) {
    throw new InputError(`the path range [${range.join(', ')}) must lie within [0, ${total}) and hold at least one path`);
  }
  const maxPaths = options.maxPaths ?? 10_000_000;
  if (range[1] - range[0] > maxPaths) {
    throw new InputError(
      `the ${kind} start system has ${p.pathCount} paths, more than the limit of ${maxPaths}; raise the limit (--max-paths) or use a start system that needs fewer paths`,
    );
  }
  const program = buildProgram(system);
  const job: TrackJob = { program, chart, gamma, limits, start: p.start() };
  const header: CheckpointHeader = {
    schema: CHECKPOINT_SCHEMA,
    seed,
    system: systemHash(system.variables, program),
    variables: system.variables,
    settings: { start: kind, preset, limits, range },
  };
  return { job, n: system.variables.length, pathCount: total, startOf: p.startOf, header, range, notes };
}

/**
 * What a solve with these options would track, without tracking: its start system, its path
 * count and the header of its checkpoint. A run split into path ranges (a queue's units)
 * merges their records under this header and resumes from it, to the result of one run.
 */
export function solvePlan(
  input: System | string,
  options: SolveOptions & { seed: number },
): { start: StartKindName; pathCount: number; header: CheckpointHeader } {
  const system = typeof input === 'string' ? readSystemText(input, 'the system text') : input;
  const { range: _range, ...whole } = options;
  const s = setup(system, options.seed, whole);
  return { start: s.job.start.kind, pathCount: s.pathCount, header: s.header };
}

/** Reads a resumed checkpoint into the store and opens the checkpoint to append to, if any. */
function openCheckpoint(options: SolveOptions, s: Setup, store: PathStore): CheckpointWriter | undefined {
  const { resume, checkpoint } = options;
  if (resume === undefined) return checkpoint === undefined ? undefined : CheckpointWriter.create(checkpoint, s.header);
  if (checkpoint !== undefined && checkpoint !== resume) {
    throw new InputError(`--resume ${resume} continues writing to ${resume}; leave out --checkpoint ${checkpoint}, or give it the same file`);
  }
  checkHeader(resume, readCheckpointHeader(resume), s.header);
  const validBytes = readCheckpoint(resume, s.n, s.range[1], s.startOf, (r) => {
    if (r.index >= s.range[0]) store.add(r);
  });
  return CheckpointWriter.resume(resume, validBytes);
}

/** Relative distance at which an endpoint of the deep look is one another path reached. */
const DEEP_SAME = 1e-6;

/**
 * Every isolated solution of a square polynomial system: `system` is a System, or the text
 * of one (one polynomial per line or `;`-separated, `i` the imaginary unit), e.g.
 * `await solve('x^2 + y^2 - 1; x - y')`. Tracks every path of the start system (`start`,
 * default the one with fewest paths) in worker threads, groups the endpoints, and, with
 * `crossCheck`, tests the count by monodromy loops. The result depends only on the seed.
 */
export async function solve(input: System | string, options: SolveOptions = {}): Promise<SolveResult> {
  const system = typeof input === 'string' ? readSystemText(input, 'the system text') : input;
  const began = performance.now();
  const seed = options.seed ?? (options.resume === undefined ? randomSeed() : readCheckpointHeader(options.resume).seed);
  // A resumed run tracks the paths of the start system its checkpoint was written with.
  const resumed = options.resume === undefined ? undefined : readCheckpointHeader(options.resume).settings['start'];
  const start = (options.start ?? 'auto') === 'auto' && isStartKind(resumed) ? resumed : options.start;
  const s = setup(system, seed, { ...options, ...(start === undefined ? {} : { start }) });
  const preset = options.preset ?? 'default';
  // Options are checked before the checkpoint is created: a refused run leaves no file behind.
  if (options.workers !== undefined) checkInteger('workers', options.workers);
  if (options.batchSize !== undefined) checkInteger('batchSize', options.batchSize);
  const store = new PathStore(s.range[0], s.range[1], options.keepAllPaths === true);
  const writer = openCheckpoint(options, s, store);
  const startOf = s.startOf;
  const left = store.total - store.done;
  const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), Math.ceil(left / MIN_PATHS_PER_WORKER)));
  const batchSize = options.batchSize ?? Math.max(1, Math.min(MAX_BATCH, Math.ceil(left / (8 * workers))));
  const progress = (): void => options.onProgress?.({ done: store.done, total: store.total, counts: { ...store.live } });
  let runner: BatchRunner | undefined;
  try {
    progress();
    runner = new BatchRunner(s.job, workers, options.poolAfterSeconds ?? (left <= SMALL_SOLVE_PATHS ? POOL_AFTER_SECONDS : 0));
    await runPaths(runner, store.remaining(), {
      preset,
      batchSize,
      startOf,
      ...(options.signal ? { signal: options.signal } : {}),
      onBatch: (results) => {
        writer?.append(results);
        for (const r of results) store.add(r);
        progress();
      },
    });
    const partial = store.done < store.total;
    // The deep look: paths judged to diverge on their valuations alone, tracked again with
    // double-double also where they grow, down to s = 1e-26; a far finite solution of
    // condition κ looks like infinity until s is below about 1/κ.
    let deep: { tracked: number; finite: number } | undefined;
    if (options.deepPrecision && !partial && store.divergingByValuation.length > 0) {
      const candidates = [...store.divergingByValuation];
      const finite: PathResult[] = [];
      await runPaths(runner, candidates, {
        preset: 'deep',
        batchSize: Math.max(1, Math.min(MAX_BATCH, Math.ceil(candidates.length / (8 * workers)))),
        startOf,
        ...(options.signal ? { signal: options.signal } : {}),
        onBatch: (results) => {
          for (const r of results) {
            store.tally(r);
            if (r.code === 'success' || r.code === 'singular') finite.push(r);
          }
        },
      });
      // With a generic γ one path ends at each regular solution: a deep path ending where
      // another path did jumped on the way, and keeps its first verdict.
      const ends = store
        .records()
        .filter((r) => r.code === 'success' || r.code === 'singular')
        .map((r) => r.end);
      let added = 0;
      for (const r of finite) {
        const scale = Math.max(1, normInf(r.end));
        if (ends.some((y) => distInf(r.end, y) <= DEEP_SAME * Math.max(scale, normInf(y)))) continue;
        ends.push(r.end);
        store.replaceAtInfinity(r);
        added++;
      }
      deep = { tracked: candidates.length, finite: added };
    }
    const compiled = compileProgram(s.job.program);
    const retrack = async (indices: number[]): Promise<PathResult[]> => {
      const again = new Map<number, PathResult>();
      await runPaths(runner!, indices, { preset: 'conservative', batchSize: 1, startOf, onBatch: (rs) => rs.forEach((r) => again.set(r.index, r)) });
      // Toric phases that fail again: their start points by monodromy (solve/toricRecovery).
      const toric = indices.filter((i) => again.get(i)!.cause === 'toric_phase');
      if (toric.length > 0 && store.total === s.pathCount) {
        for (const [i, r] of await recoverToricFailures(s.job, compiled, toric, seed, options.workers)) again.set(i, r);
      }
      // Paths stuck at a branch point: around it on both sides (solve/detour).
      const stuck = indices.map((i) => again.get(i)!).filter((r) => detourable(r, presets.conservative.endgameStart));
      // (Only when every path was tracked: the rules ask which ends no other path reached.)
      if (stuck.length > 0 && store.total === s.pathCount) {
        const others = paths.filter((r) => !again.has(r.index));
        for (const [i, r] of detourFailures(
          (local ??= new JobRunner(s.job)),
          stuck,
          [...others, ...[...again.values()].filter((r) => r.code !== 'failed')],
          presets.default.endgameStart,
        ))
          again.set(i, r);
      }
      return indices.map((i) => again.get(i)!);
    };
    let local: JobRunner | undefined;
    const paths = store.records();
    const collected = await collectSolutions(paths, compiled, new Random(seed, STREAMS.grouping), partial ? undefined : retrack, store.droppedAtInfinity);
    collected.warnings.unshift(...s.notes);
    const total = s.pathCount;
    if (store.total < total) {
      collected.warnings.push(`only paths ${s.range[0]} to ${s.range[1] - 1} of ${total} were tracked: solutions reached only by other paths are missing`);
    }
    const result = buildResult({
      seed,
      variables: system.variables,
      method: 'homotopy',
      startSystem: s.job.start.kind,
      startPaths: s.pathCount,
      ...collected,
      paths,
      partial,
      precision: {
        doubleDoublePaths: store.precision.paths,
        steps: store.precision.steps,
        doubleDoubleSteps: store.precision.ddSteps,
        divergingByValuation: store.divergingByValuation.length,
        ...(deep ? { deep } : {}),
      },
      seconds: (performance.now() - began) / 1000,
    });
    if (!options.crossCheck || partial || store.total < total) return result;
    const regular = result.solutions.filter((x) => x.kind === 'regular').map((x) => x.x);
    const check = await monodromyCrossCheck(coefficientFamily(system), regular, {
      seed,
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return check ? { ...withCrossCheck(system, result, check), seconds: (performance.now() - began) / 1000 } : result;
  } finally {
    writer?.close();
    await runner?.close();
  }
}
