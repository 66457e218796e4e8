/**
 * The checkpoint of an instances run (network/instances): NDJSON as solve's checkpoints
 * (parallel/checkpoint), a header that names the run, then a line per finished piece of work,
 * appended as it finishes:
 *
 *     {"component": c, "monodromy": {…}}                 component c solved at its source
 *     {"component": c, "sharesSolveOf": c0}              c has c0's shape, so c0's solve is c's
 *     {"component": c, "target": t, "paths": [{…}, …]}   its solutions tracked to instance t
 *
 * A resumed run reads these back and solves or tracks only what is missing, so an interrupted
 * run loses at most the targets in flight. The instances' data depend only on the data seed and
 * their number i, so a run can be resumed with more instances than it was started with.
 */
import {
  CHECKPOINT_SCHEMA,
  checkHeader,
  CheckpointWriter,
  readCheckpointHeader,
  readCheckpointLines,
  systemHash,
  type CheckpointHeader,
} from '../parallel/checkpoint.js';
import { decode, encode, pathFromRecord, pathToRecord } from '../parallel/records.js';
import type { MonodromyResult, MonodromyStop } from '../solve/monodromy.js';
import type { PathResult } from '../track/pathResult.js';
import type { ComponentStore } from './components.js';
import type { Program } from '../compile/compile.js';

/** What an instances run's paths depend on, besides the seed and the system. */
export interface InstanceRunSettings {
  readonly run: 'instances';
  readonly dims: readonly number[];
  readonly points: number;
  readonly dataSeed: number;
  /** formatSampling of how the data and λ's are drawn. */
  readonly sampling: string;
  readonly maxStaleLoops: number;
  readonly maxLoops: number | null;
  readonly preset: string;
  readonly limits: Record<string, unknown> | null;
}

export function instanceHeader(seed: number, variables: readonly string[], program: Program, settings: InstanceRunSettings): CheckpointHeader {
  return { schema: CHECKPOINT_SCHEMA, seed, system: systemHash(variables, program), variables, settings: { ...settings } };
}

const STOPS: readonly MonodromyStop[] = ['target-count', 'stale-loops', 'max-loops', 'aborted'];

/** Float64Arrays as lists, numbers that JSON lacks (NaN, ±Infinity) as strings. */
function toJSONValue(v: unknown): unknown {
  if (typeof v === 'number') return encode(v);
  if (v instanceof Float64Array) return Array.from(v, encode);
  if (Array.isArray(v)) return v.map(toJSONValue);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJSONValue(x)]));
  return v;
}

function monodromyToRecord(m: MonodromyResult): unknown {
  return toJSONValue(m);
}

const numbers = (v: unknown, what: string): number[] => {
  if (!Array.isArray(v)) throw new Error(`${what} is not a list`);
  return v.map((x, i) => decode(x, `${what}[${i}]`));
};

function monodromyFromRecord(value: unknown, n: number): MonodromyResult {
  if (typeof value !== 'object' || value === null) throw new Error('monodromy is not an object');
  const o = value as Record<string, unknown>;
  const strings = (v: unknown, what: string): string[] => {
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new Error(`${what} is not a list of names`);
    return v as string[];
  };
  if (!Array.isArray(o.solutions)) throw new Error('monodromy.solutions is not a list');
  const solutions = o.solutions.map((x, i) => {
    const s = Float64Array.from(numbers(x, `monodromy.solutions[${i}]`));
    if (s.length !== 2 * n) throw new Error(`monodromy.solutions[${i}] does not have ${n} complex coordinates`);
    return s;
  });
  if (!STOPS.includes(o.stoppedBy as MonodromyStop)) throw new Error(`unknown monodromy stop ${JSON.stringify(o.stoppedBy)}`);
  const count = (k: string): number => {
    const v = decode(o[k], `monodromy.${k}`);
    if (!Number.isSafeInteger(v) || v < 0) throw new Error(`monodromy.${k} is not a count`);
    return v;
  };
  const residuals = numbers(o.residuals, 'monodromy.residuals');
  const conditions = numbers(o.conditions, 'monodromy.conditions');
  if (residuals.length !== solutions.length || conditions.length !== solutions.length)
    throw new Error('monodromy has not one residual and condition per solution');
  return {
    seed: count('seed'),
    variables: strings(o.variables, 'monodromy.variables'),
    parameterNames: strings(o.parameterNames, 'monodromy.parameterNames'),
    parameters: Float64Array.from(numbers(o.parameters, 'monodromy.parameters')),
    solutions,
    residuals,
    conditions,
    orbits: count('orbits'),
    loops: count('loops'),
    staleLoops: count('staleLoops'),
    pathsTracked: count('pathsTracked'),
    failedPaths: count('failedPaths'),
    stoppedBy: o.stoppedBy as MonodromyStop,
    workers: count('workers'),
    seconds: decode(o.seconds, 'monodromy.seconds'),
  };
}

/** A component store backed by a checkpoint file (see the file's comment). */
export class InstanceCheckpoint implements ComponentStore {
  private readonly solved = new Map<number, MonodromyResult>();
  private readonly paths = new Map<number, Map<number, PathResult[]>>();
  /** What the file held when the run was resumed: component solves, and a component's paths to one target each. */
  readonly resumed = { components: 0, trackings: 0 };

  private constructor(
    readonly path: string,
    private readonly writer: CheckpointWriter,
  ) {}

  /** A new checkpoint; refuses to overwrite a file. */
  static create(path: string, header: CheckpointHeader): InstanceCheckpoint {
    return new InstanceCheckpoint(path, CheckpointWriter.create(path, header));
  }

  /**
   * A checkpoint to continue, its header checked against this run's. `n(c)` is the number of
   * variables of component c (the size of its solutions).
   */
  static resume(path: string, expected: CheckpointHeader, n: (c: number) => number | undefined): InstanceCheckpoint {
    checkHeader(path, readCheckpointHeader(path), expected);
    const solved = new Map<number, MonodromyResult>();
    const paths = new Map<number, Map<number, PathResult[]>>();
    const validBytes = readCheckpointLines(path, (text) => {
      const o = JSON.parse(text) as Record<string, unknown>;
      const c = o.component;
      const size = typeof c === 'number' ? n(c) : undefined;
      if (typeof c !== 'number' || size === undefined) throw new Error(`component ${JSON.stringify(c)} is not a component of this network`);
      if (o.monodromy !== undefined) {
        solved.set(c, monodromyFromRecord(o.monodromy, size));
        return;
      }
      if (o.sharesSolveOf !== undefined) {
        const of = typeof o.sharesSolveOf === 'number' ? solved.get(o.sharesSolveOf) : undefined;
        if (of === undefined || n(o.sharesSolveOf as number) !== size)
          throw new Error(`component ${c} shares the solve of ${JSON.stringify(o.sharesSolveOf)}, which is not a component of its shape solved before it`);
        solved.set(c, of);
        return;
      }
      const m = solved.get(c);
      if (m === undefined) throw new Error(`paths of component ${c} come before its monodromy solve`);
      const t = o.target;
      if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0) throw new Error('target is not an instance number');
      if (!Array.isArray(o.paths) || o.paths.length > m.solutions.length)
        throw new Error(`paths is not a list of at most one path per solution of component ${c}`);
      const list = o.paths.map((p) => {
        const r = pathFromRecord(p, size, (i) => new Float64Array(m.solutions[i] ?? new Float64Array(2 * size)));
        if (r.index >= m.solutions.length) throw new Error(`path index ${r.index} is not a solution of component ${c}`);
        return r;
      });
      if (!paths.has(c)) paths.set(c, new Map());
      paths.get(c)!.set(t, list);
    });
    const store = new InstanceCheckpoint(path, CheckpointWriter.resume(path, validBytes));
    for (const [c, m] of solved) store.solved.set(c, m);
    for (const [c, m] of paths) store.paths.set(c, m);
    store.resumed.components = new Set(solved.values()).size;
    store.resumed.trackings = [...paths.values()].reduce((s, m) => s + m.size, 0);
    return store;
  }

  monodromy(c: number): MonodromyResult | undefined {
    return this.solved.get(c);
  }

  /** The paths of component c read back from the file (not those saved since), by target. */
  tracked(c: number): ReadonlyMap<number, PathResult[]> {
    return this.paths.get(c) ?? new Map();
  }

  saveMonodromy(c: number, m: MonodromyResult): void {
    this.solved.set(c, m);
    this.writer.appendLines([JSON.stringify({ component: c, monodromy: monodromyToRecord(m) })]);
  }

  saveShared(c: number, of: number): void {
    const m = this.solved.get(of);
    if (m) this.solved.set(c, m);
    this.writer.appendLines([JSON.stringify({ component: c, sharesSolveOf: of })]);
  }

  saveTracked(c: number, t: number, paths: readonly PathResult[]): void {
    this.writer.appendLines([JSON.stringify({ component: c, target: t, paths: paths.map(pathToRecord) })]);
  }

  close(): void {
    this.writer.close();
  }
}
