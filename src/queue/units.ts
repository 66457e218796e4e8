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
import { readCheckpointLines } from '../parallel/checkpoint.js';
import { linearNetwork, type LinearNetworkOptions } from '../network/model.js';
import { readSystemText } from '../poly/read.js';
import type { System } from '../poly/system.js';
import { solve, type StartKind } from '../solve/solve.js';
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
  return 'text' in source ? readSystemText(source.text, 'the unit\'s system') : linearNetwork(source.network).system;
}

/** Paths [from, to) of a solve: the system, the seed and the start system fix every path. */
export interface SolveUnit {
  readonly kind: 'solve';
  readonly id: string;
  readonly source: SystemSource;
  readonly seed: number;
  readonly start: StartKind;
  readonly range: readonly [number, number];
}

export type Unit = StudyUnit | SolveUnit;

export type UnitResult =
  | { readonly kind: 'study'; readonly arch: number; readonly result: ArchitectureResult }
  /** The unit's path records, as checkpoint lines (parallel/checkpoint), in the order tracked. */
  | { readonly kind: 'solve'; readonly range: readonly [number, number]; readonly lines: string[]; readonly seconds: number };

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

export function solveUnits(source: SystemSource, seed: number, start: StartKind, pathCount: number, shards: number): SolveUnit[] {
  const h = digest({ source, seed, start });
  const size = Math.ceil(pathCount / Math.max(1, Math.min(shards, pathCount)));
  const units: SolveUnit[] = [];
  for (let from = 0; from < pathCount; from += size) {
    const range = [from, Math.min(pathCount, from + size)] as const;
    units.push({ kind: 'solve', id: `solve-${h}-paths-${range[0]}-${range[1]}`, source, seed, start, range });
  }
  return units;
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
      onPhase: (phase, m) => options.onProgress?.({ done: 0, total, phase: phase === 'solve' && m ? `monodromy: ${m.solutions} solutions, ${m.loops} loops` : phase }),
    });
    if (!result) throw new Error(`unit ${unit.id} stopped before it finished`);
    return { kind: 'study', arch: unit.arch, result };
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
