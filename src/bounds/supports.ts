/**
 * Supports of a system and their random liftings, grouped into types: equations with the
 * same support share one lifted point set, which is what lets the cell enumeration treat a
 * semi-mixed system (k equal supports) by choosing one k-simplex instead of k edges.
 */
import { InputError } from '../errors.js';
import type { Random } from '../numeric/rng.js';
import { assertSquare, supportsOf, type System } from '../poly/system.js';

export { supportsOf };

/** A support with one lexicographic lift M·lift0 + lift1 per point, shared by `equations`. */
export interface LiftedType {
  readonly points: readonly (readonly number[])[];
  /** The M part: 1 for an origin added by the stable mixed volume, else 0. */
  readonly lift0: readonly number[];
  /** The generic part: an integer below 2^48, exact in a double. */
  readonly lift1: readonly number[];
  readonly equations: readonly number[];
}

const liftBits = 48;
export const liftScale = 2 ** -liftBits;

/** A uniform integer below 2^48 from two 24-bit draws (Random.int takes 32-bit bounds). */
function randomLift(random: Random): number {
  return random.int(0, 2 ** 24 - 1) * 2 ** 24 + random.int(0, 2 ** 24 - 1);
}

/**
 * Groups equal supports into types and lifts them. With `addOrigin`, the origin joins every
 * support that lacks it, lifted by M (lift0 = 1): the Huber–Sturmfels construction of the
 * stable mixed volume. Equations whose augmented supports agree but differ in whether the
 * origin was added stay apart, since their liftings differ.
 */
export function liftedTypes(supports: readonly (readonly (readonly number[])[])[], random: Random, addOrigin: boolean): LiftedType[] {
  const groups = new Map<string, { points: (readonly number[])[]; added: boolean; equations: number[] }>();
  for (const [i, support] of supports.entries()) {
    const n = supports.length;
    for (const a of support) {
      if (a.length !== n) throw new InputError(`equation ${i + 1}: an exponent vector has ${a.length} entries, expected ${n}`);
    }
    const points = [...support].sort((a, b) => compareVectors(a, b));
    const zero = new Array<number>(n).fill(0);
    const added = addOrigin && !points.some((a) => a.every((e) => e === 0));
    if (added) points.unshift(zero);
    const key = `${added}|${points.map((a) => a.join(',')).join(';')}`;
    const group = groups.get(key);
    if (group) group.equations.push(i);
    else groups.set(key, { points, added, equations: [i] });
  }
  return [...groups.values()].map(({ points, added, equations }) => ({
    points,
    lift0: points.map((a) => (added && a.every((e) => e === 0) ? 1 : 0)),
    lift1: points.map(() => randomLift(random)),
    equations,
  }));
}

function compareVectors(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return 0;
}

/** The supports of a square system, refusing anything else with a message that says why. */
export function squareSupports(system: System): number[][][] {
  assertSquare(system);
  return supportsOf(system);
}
