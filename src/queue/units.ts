/**
 * Units of work: an id, what to compute, and the part of it (an architecture of a study, or
 * a range of paths of a solve). Running a unit is a function of its description alone, so a
 * unit run twice, on any machine, gives the same result (but the seconds it took); ids are
 * hashes of the descriptions, so a unit enqueued twice is one job.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKPOINT_SCHEMA, readCheckpointLines, systemHash, type CheckpointHeader } from '../parallel/checkpoint.js';
import { buildProgram } from '../compile/compile.js';
import { aliveChoices, aliveSubnetwork } from '../network/components.js';
import { InstanceCheckpoint } from '../network/instanceCheckpoint.js';
import { networkMonodromy } from '../network/networkMonodromy.js';
import { linearNetwork, type LinearNetworkOptions } from '../network/model.js';
import { readSystemText } from '../poly/read.js';
import type { System } from '../poly/system.js';
import { solve } from '../solve/solve.js';
import type { StartKindName } from '../paths/job.js';
import { solveArchitecture, type ArchitectureResult } from '../study/run.js';
import { studyFromValue, studyToValue, type Study } from '../study/spec.js';

/** One architecture of a study, whole. */
export interface StudyUnit {
  readonly kind: 'study';
  readonly id: string;
  /** The study as its file value (studyToValue), so that the unit carries everything. */
  readonly study: Record<string, unknown>;
  readonly arch: number;
}

/**
 * Where a solve's system comes from: a system's text (critsolve solve FILE), or a network
 * (critsolve network), rebuilt from its spec exactly as the coordinator built it.
 */
export type SystemSource = { readonly text: string } | { readonly network: LinearNetworkOptions };

export function systemOf(source: SystemSource): System {
  return 'text' in source ? readSystemText(source.text, "the unit's system") : linearNetwork(source.network).system;
}

/** Paths [from, to) of a solve: the system, the seed and the start system fix every path. */
export interface SolveUnit {
  readonly kind: 'solve';
  readonly id: string;
  readonly source: SystemSource;
  readonly seed: number;
  readonly start: StartKindName;
  readonly range: readonly [number, number];
}

/**
 * The components of one shape (widths of the on-neurons) of a network's monodromy solve: the
 * first is solved, the others share its solve, and each is tracked to the network's λ's.
 */
export interface ComponentsUnit {
  readonly kind: 'components';
  readonly id: string;
  /** The network with its own λ's (entrywise), as the coordinator built it. */
  readonly network: LinearNetworkOptions;
  readonly seed: number;
  readonly shape: string;
  /** Indices among the choices of on-neurons (network/components: aliveChoices). */
  readonly components: readonly number[];
  readonly maxStaleLoops?: number;
}

export type Unit = StudyUnit | SolveUnit | ComponentsUnit;

export type UnitResult =
  | { readonly kind: 'study'; readonly arch: number; readonly result: ArchitectureResult }
  /** The unit's path records, as checkpoint lines (parallel/checkpoint), in the order tracked. */
  | { readonly kind: 'solve'; readonly range: readonly [number, number]; readonly lines: string[]; readonly seconds: number }
  /** The components' solves and tracked paths, as lines of a component checkpoint (network/instanceCheckpoint). */
  | { readonly kind: 'components'; readonly shape: string; readonly lines: string[]; readonly seconds: number };

/** Progress inside a unit: paths or instances done of a total, and what it is doing. */
export interface UnitProgress {
  readonly done: number;
  readonly total: number;
  readonly phase: string;
}

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/** BullMQ job ids may not hold ':'; these are letters, digits, '-' and '.'. */
export function studyUnits(study: Study, archs: readonly number[]): StudyUnit[] {
  const value = studyToValue(study);
  const h = digest(value);
  return archs.map((arch) => ({ kind: 'study', id: `study-${h}-arch-${arch}`, study: value, arch }));
}

export function solveUnits(source: SystemSource, seed: number, start: StartKindName, pathCount: number, shards: number): SolveUnit[] {
  const h = digest({ source, seed, start });
  const size = Math.ceil(pathCount / Math.max(1, Math.min(shards, pathCount)));
  const units: SolveUnit[] = [];
  for (let from = 0; from < pathCount; from += size) {
    const range = [from, Math.min(pathCount, from + size)] as const;
    units.push({ kind: 'solve', id: `solve-${h}-paths-${range[0]}-${range[1]}`, source, seed, start, range });
  }
  return units;
}

/** The units of a network's monodromy solve: one per shape of its components, all-on last. */
export function componentUnits(network: LinearNetworkOptions, seed: number, maxStaleLoops?: number): ComponentsUnit[] {
  const byShape = new Map<string, number[]>();
  aliveChoices(network.dims).forEach((alive, c) => {
    const shape = aliveSubnetwork(network.dims, alive).dims.join('-');
    byShape.set(shape, [...(byShape.get(shape) ?? []), c]);
  });
  const h = digest({ network, seed, maxStaleLoops: maxStaleLoops ?? null });
  return [...byShape].map(([shape, components]) => ({
    kind: 'components',
    id: `monodromy-${h}-shape-${shape}`,
    network,
    seed,
    shape,
    components,
    ...(maxStaleLoops === undefined ? {} : { maxStaleLoops }),
  }));
}

/** The header of a network monodromy run's component checkpoint. */
export function componentsHeader(network: LinearNetworkOptions, seed: number, maxStaleLoops?: number): CheckpointHeader {
  const built = linearNetwork(network);
  return {
    schema: CHECKPOINT_SCHEMA,
    seed,
    system: systemHash(built.variables, buildProgram(built.system)),
    variables: built.variables,
    settings: { run: 'network-monodromy', maxStaleLoops: maxStaleLoops ?? null },
  };
}

/** Variables of component c of the network (for reading its solutions back). */
export function componentSize(dims: readonly number[]): (c: number) => number | undefined {
  const choices = aliveChoices(dims);
  return (c) => (c >= 0 && c < choices.length ? aliveSubnetwork(dims, choices[c]!).embedding.length : undefined);
}

export interface RunUnitOptions {
  /** Worker threads for the unit's tracking. */
  readonly workers?: number;
  readonly onProgress?: (p: UnitProgress) => void;
}

export async function runUnit(unit: Unit, options: RunUnitOptions = {}): Promise<UnitResult> {
  const workers = options.workers === undefined ? {} : { workers: options.workers };
  if (unit.kind === 'study') {
    const study = studyFromValue(unit.study, `unit ${unit.id}`, { name: String(unit.study['name']), seed: Number(unit.study['seed']) });
    const total = study.instances;
    const result = await solveArchitecture(study, unit.arch, {
      ...workers,
      onPhase: (phase, m) =>
        options.onProgress?.({ done: 0, total, phase: phase === 'solve' && m ? `monodromy: ${m.solutions} solutions, ${m.loops} loops` : phase }),
    });
    if (!result) throw new Error(`unit ${unit.id} stopped before it finished`);
    return { kind: 'study', arch: unit.arch, result };
  }
  if (unit.kind === 'components') {
    // The components' work through a component checkpoint, read back as its lines.
    const dir = mkdtempSync(join(tmpdir(), 'critsolve-unit-'));
    try {
      const file = join(dir, 'components.ndjson');
      const store = InstanceCheckpoint.create(file, componentsHeader(unit.network, unit.seed, unit.maxStaleLoops));
      const only = new Set(unit.components);
      let r;
      try {
        r = await networkMonodromy(
          unit.network,
          {
            seed: unit.seed,
            ...workers,
            ...(unit.maxStaleLoops === undefined ? {} : { maxStaleLoops: unit.maxStaleLoops }),
            onProgress: (p) => options.onProgress?.({ done: 0, total: 0, phase: `shape ${unit.shape}: ${p.solutions} solutions, ${p.loops} loops` }),
          },
          { store, only: (c) => only.has(c) },
        );
      } finally {
        store.close();
      }
      const lines: string[] = [];
      readCheckpointLines(file, (text) => void lines.push(text));
      return { kind: 'components', shape: unit.shape, lines, seconds: r.seconds };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  // The unit's paths through the solver's own checkpoint, read back as its lines.
  const dir = mkdtempSync(join(tmpdir(), 'critsolve-unit-'));
  try {
    const file = join(dir, 'paths.ndjson');
    const r = await solve(systemOf(unit.source), {
      seed: unit.seed,
      start: unit.start,
      range: [unit.range[0], unit.range[1]],
      checkpoint: file,
      ...workers,
      onProgress: (p) => options.onProgress?.({ done: p.done, total: p.total, phase: 'tracking' }),
    });
    const lines: string[] = [];
    readCheckpointLines(file, (text) => void lines.push(text));
    return { kind: 'solve', range: unit.range, lines, seconds: r.seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
