/**
 * Running a study: each architecture is one unit. Its bounds, then one monodromy solve at a
 * random complex point tracked to every instance by parameter homotopy (network/instances),
 * then its rows, stored in one transaction. Finished units are skipped on a rerun; the unit in
 * flight resumes from its instance checkpoint (`STORE.work/arch-K.ndjson`), so a kill loses at
 * most the component solve or the instance tracking that was running.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { rootCountBoundsWithin } from '../bounds/index.js';
import { networkInstances, type NetworkInstance } from '../network/instances.js';
import { linearNetwork } from '../network/model.js';
import { describeStops } from '../network/solveNetwork.js';
import type { MonodromyProgress } from '../solve/monodromy.js';
import type { Study, StudyArchitecture } from './spec.js';
import type { BoundsRow, InstanceRow, SourceRow, StudyStore } from './store.js';

export interface StudyProgress {
  /** Instances stored over the whole study, of `total`. */
  readonly done: number;
  readonly total: number;
  /** 0-based architecture in flight, and what it is doing. */
  readonly arch: number;
  readonly phase: 'bounds' | 'solve' | 'stored' | 'skipped';
  readonly monodromy?: MonodromyProgress;
}

export interface RunStudyOptions {
  workers?: number;
  /** Only these architectures (0-based, inclusive): one task of an array job (critsolve study slurm-script). */
  only?: readonly [number, number];
  signal?: AbortSignal;
  onProgress?: (p: StudyProgress) => void;
}

export interface RunStudyResult {
  /** Architectures solved by this run, and skipped because the store had them. */
  readonly solved: number;
  readonly skipped: number;
  /** True when the signal stopped the run before every architecture was stored. */
  readonly partial: boolean;
}

/** `1-2-1` */
export const archLabel = (a: StudyArchitecture): string => `${a.dims.join('-')}${a.points === 1 ? '' : ` m=${a.points}`}`;

/** Where the unit in flight keeps its finished solves and trackings. */
export const unitCheckpoint = (store: StudyStore, arch: number): string => `${store.file}.work/arch-${arch}.ndjson`;

/** The root-count bounds of an architecture's gradient system (each mixed volume within the study's time limit). */
export function boundsOf(a: StudyArchitecture, seed: number, sampling: Study['sampling'], seconds: number): BoundsRow {
  const { system } = linearNetwork({ dims: a.dims, points: a.points, sampling, seed });
  const b = rootCountBoundsWithin(system, seconds);
  return {
    bezout: b.bezout.toString(),
    multihomogeneous: b.multihomogeneous.bound.toString(),
    ...(b.mixedVolume === undefined ? {} : { mixedVolume: b.mixedVolume.toString() }),
    ...(b.stableMixedVolume === undefined ? {} : { stableMixedVolume: b.stableMixedVolume.toString() }),
  };
}

/** One instance's row: counts, Morse indices, patterns and the real points' losses. */
export function instanceRow(instance: number, t: NetworkInstance): InstanceRow {
  const s = t.summary;
  const byIndex: Record<string, number> = {};
  const realLosses: [number, number | null][] = [];
  for (const p of t.points) {
    if (!p.real) continue;
    const index = p.type === 'degenerate' || p.index === undefined ? null : p.index;
    if (index !== null) byIndex[index] = (byIndex[index] ?? 0) + 1;
    realLosses.push([p.loss[0], index]);
  }
  realLosses.sort((a, b) => a[0] - b[0] || (a[1] ?? -1) - (b[1] ?? -1));
  return {
    instance,
    seed: t.networkSeed,
    points: s.points,
    nonzero: t.points.filter((p) => p.zeroPattern.zeroWeights.length === 0).length,
    real: s.real,
    complex: s.complex,
    minima: s.minima,
    saddles: s.saddles,
    degenerate: s.degenerate,
    singular: t.solve.solutions.filter((x) => x.kind !== 'regular').length,
    atInfinity: t.solve.counts.atInfinity,
    failed: t.solve.counts.failed,
    byIndex,
    patterns: { ...s.patterns },
    realLosses,
  };
}

/** What one architecture's unit of work yields: all of it a function of the study and the architecture's place, but the seconds. */
export interface ArchitectureResult {
  readonly bounds: BoundsRow;
  readonly source: SourceRow;
  readonly rows: InstanceRow[];
  readonly seconds: number;
}

export interface SolveArchitectureOptions {
  readonly workers?: number;
  readonly signal?: AbortSignal;
  /** The bounds, when a previous run stored them. */
  readonly bounds?: BoundsRow;
  /** Keep finished solves and trackings here (a new file), or resume from this one. */
  readonly checkpoint?: string;
  readonly resume?: string;
  readonly onPhase?: (phase: 'bounds' | 'solve', monodromy?: MonodromyProgress) => void;
}

/**
 * One architecture of a study, whole: its bounds, one monodromy solve at a random complex
 * point, tracked to every instance by parameter homotopy, and the instances' rows. Undefined
 * when the signal stopped it. The same study and architecture give the same rows wherever
 * they run (locally, or as a unit of work on a queue).
 */
export async function solveArchitecture(study: Study, k: number, options: SolveArchitectureOptions = {}): Promise<ArchitectureResult | undefined> {
  const a = study.architectures[k];
  if (!a) throw new RangeError(`the study has ${study.architectures.length} architectures, not ${k + 1}`);
  const began = performance.now();
  let bounds = options.bounds;
  if (!bounds) {
    options.onPhase?.('bounds');
    bounds = boundsOf(a, study.seed, study.sampling, study.boundsSeconds);
  }
  options.onPhase?.('solve');
  const r = await networkInstances({
    dims: a.dims,
    points: a.points,
    instances: study.instances,
    seed: study.seed,
    dataSeed: study.seed,
    sampling: study.sampling,
    monodromy: {
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (m) => options.onPhase?.('solve', m),
    },
    ...(options.resume ? { resume: options.resume } : options.checkpoint ? { checkpoint: options.checkpoint } : {}),
  });
  if (r.partial) return undefined;
  const loops = r.components.reduce((sum, c) => sum + (c.monodromy && !c.sharesSolveOf ? c.monodromy.loops : 0), 0);
  const source = { solutions: r.sourceCount, loops, pathsTracked: r.pathsTracked, stops: describeStops(r.components) };
  return { bounds, source, rows: r.instances.map((t, i) => instanceRow(i, t)), seconds: (performance.now() - began) / 1000 };
}

/** Runs every architecture the store lacks, in order. */
export async function runStudy(store: StudyStore, options: RunStudyOptions = {}): Promise<RunStudyResult> {
  const { study } = store;
  const total = study.architectures.length * study.instances;
  let solved = 0;
  let skipped = 0;
  const report = (arch: number, phase: StudyProgress['phase'], monodromy?: MonodromyProgress): void =>
    options.onProgress?.({ done: store.progress().instances, total, arch, phase, ...(monodromy ? { monodromy } : {}) });
  for (const k of study.architectures.keys()) {
    if (options.only && (k < options.only[0] || k > options.only[1])) continue;
    const a = study.architectures[k]!;
    const checkpoint = unitCheckpoint(store, k);
    let state = store.state(k);
    if (state.done) {
      skipped++;
      rmSync(checkpoint, { force: true });
      report(k, 'skipped');
      continue;
    }
    if (options.signal?.aborted) return { solved, skipped, partial: true };
    if (!state.bounds) {
      report(k, 'bounds');
      store.saveBounds(k, boundsOf(a, study.seed, study.sampling, study.boundsSeconds));
      state = store.state(k);
    }
    mkdirSync(`${store.file}.work`, { recursive: true });
    const resume = existsSync(checkpoint);
    const r = await solveArchitecture(study, k, {
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(state.bounds ? { bounds: state.bounds } : {}),
      ...(resume ? { resume: checkpoint } : { checkpoint }),
      onPhase: (phase, m) => report(k, phase, m),
    });
    if (!r) return { solved, skipped, partial: true };
    store.saveArchitecture(k, r.source, r.rows, r.seconds);
    rmSync(checkpoint, { force: true });
    solved++;
    report(k, 'stored');
  }
  return { solved, skipped, partial: false };
}
