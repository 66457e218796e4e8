/**
 * Path records in the two forms they travel in: packed into one Float64Array per batch (sent
 * back from a worker, copied: workers/track.ts says why not transferred), and one JSON line per
 * path (the checkpoint file).
 * Both forms round-trip every number exactly, NaN and ±Infinity included.
 */
import { isPathCause, type PathCause, type PathResult, type ReturnCode } from '../track/pathResult.js';

/** Per path: index, t, accepted, rejected, residual, condition, winding, steps in double-double, then start and end. */
const SCALARS = 8;

export interface PackedBatch {
  /** Number of unknowns. */
  readonly n: number;
  /** Path after path, SCALARS + 4n numbers each. */
  readonly numbers: Float64Array;
  readonly codes: ReturnCode[];
  readonly causes: (PathCause | null)[];
  readonly reasons: (string | null)[];
  readonly presets: string[];
}

export function packBatch(n: number, results: readonly PathResult[]): PackedBatch {
  const stride = SCALARS + 4 * n;
  const numbers = new Float64Array(stride * results.length);
  results.forEach((r, k) => {
    const o = k * stride;
    numbers[o] = r.index;
    numbers[o + 1] = r.t;
    numbers[o + 2] = r.acceptedSteps;
    numbers[o + 3] = r.rejectedSteps;
    numbers[o + 4] = r.residual;
    numbers[o + 5] = r.condition;
    numbers[o + 6] = r.windingNumber;
    numbers[o + 7] = r.ddSteps;
    numbers.set(r.start, o + SCALARS);
    numbers.set(r.end, o + SCALARS + 2 * n);
  });
  return {
    n,
    numbers,
    codes: results.map((r) => r.code),
    causes: results.map((r) => r.cause ?? null),
    reasons: results.map((r) => r.reason ?? null),
    presets: results.map((r) => r.preset),
  };
}

export function unpackBatch(b: PackedBatch): PathResult[] {
  const stride = SCALARS + 4 * b.n;
  return b.codes.map((code, k) => {
    const o = k * stride;
    const x = b.numbers;
    const reason = b.reasons[k];
    const cause = b.causes[k];
    return {
      index: x[o]!,
      code,
      ...(cause === null || cause === undefined ? {} : { cause }),
      ...(reason === null || reason === undefined ? {} : { reason }),
      // Copies, so that a kept record does not hold the whole batch's buffer.
      start: x.slice(o + SCALARS, o + SCALARS + 2 * b.n),
      end: x.slice(o + SCALARS + 2 * b.n, o + stride),
      t: x[o + 1]!,
      acceptedSteps: x[o + 2]!,
      rejectedSteps: x[o + 3]!,
      residual: x[o + 4]!,
      condition: x[o + 5]!,
      windingNumber: x[o + 6]!,
      ddSteps: x[o + 7]!,
      preset: b.presets[k]!,
    };
  });
}

/** JSON has no NaN or Infinity: they are written as the strings "NaN", "Infinity", "-Infinity". */
export const encode = (v: number): number | string => (Number.isFinite(v) ? v : String(v));

export function decode(v: unknown, what: string): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return Number(v);
  throw new Error(`${what} is not a number`);
}

const CODES: readonly ReturnCode[] = ['success', 'at_infinity', 'singular', 'failed'];

/** One checkpoint line (without the newline). The start point is not stored: it follows from the index. */
export function pathToLine(r: PathResult): string {
  return JSON.stringify(pathToRecord(r));
}

/** A path as a JSON object, as a checkpoint stores it (without the start point). */
export function pathToRecord(r: PathResult): Record<string, unknown> {
  return {
    index: r.index,
    code: r.code,
    ...(r.cause === undefined ? {} : { cause: r.cause }),
    ...(r.reason === undefined ? {} : { reason: r.reason }),
    end: Array.from(r.end, encode),
    t: encode(r.t),
    acceptedSteps: r.acceptedSteps,
    rejectedSteps: r.rejectedSteps,
    ...(r.ddSteps > 0 ? { ddSteps: r.ddSteps } : {}),
    residual: encode(r.residual),
    condition: encode(r.condition),
    windingNumber: r.windingNumber,
    preset: r.preset,
  };
}

/**
 * Reads a checkpoint line back; `startOf(index)` recomputes the start point. Throws an Error
 * saying what is wrong; the caller adds the file and line.
 */
export function pathFromLine(line: string, n: number, startOf: (index: number) => Float64Array): PathResult {
  return pathFromRecord(JSON.parse(line) as unknown, n, startOf);
}

/** A path back from its JSON object (pathToRecord); throws an Error saying what is wrong. */
export function pathFromRecord(value: unknown, n: number, startOf: (index: number) => Float64Array): PathResult {
  if (typeof value !== 'object' || value === null) throw new Error('not a path record');
  const o = value as Record<string, unknown>;
  const index = o.index;
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) throw new Error('index is not a path index');
  if (!CODES.includes(o.code as ReturnCode)) throw new Error(`unknown return code ${JSON.stringify(o.code)}`);
  if (!Array.isArray(o.end) || o.end.length !== 2 * n) throw new Error(`end is not a point with ${n} complex coordinates`);
  if (o.reason !== undefined && typeof o.reason !== 'string') throw new Error('reason is not a string');
  if (o.cause !== undefined && !isPathCause(o.cause)) throw new Error(`unknown cause ${JSON.stringify(o.cause)}`);
  if (typeof o.preset !== 'string') throw new Error('preset is not a string');
  return {
    index,
    code: o.code as ReturnCode,
    ...(o.cause === undefined ? {} : { cause: o.cause }),
    ...(o.reason === undefined ? {} : { reason: o.reason }),
    start: startOf(index),
    end: Float64Array.from(o.end, (v: unknown) => decode(v, 'a coordinate of end')),
    t: decode(o.t, 't'),
    acceptedSteps: decode(o.acceptedSteps, 'acceptedSteps'),
    rejectedSteps: decode(o.rejectedSteps, 'rejectedSteps'),
    ddSteps: o.ddSteps === undefined ? 0 : decode(o.ddSteps, 'ddSteps'),
    residual: decode(o.residual, 'residual'),
    condition: decode(o.condition, 'condition'),
    windingNumber: decode(o.windingNumber, 'windingNumber'),
    preset: o.preset,
  };
}
