/**
 * The final word on a candidate mixed cell, independent of every decision the search's linear
 * programs made: the inner normal is recomputed from the face equalities and every point of
 * every support is tested against it. Floats decide when they clearly can; the rest goes to
 * exact integer arithmetic, so a tolerance upstream can cost time but never a wrong cell.
 */
import { bareissDeterminant, verifyCellExactly, type ExactPoint } from './exact.js';

/** The lifting hit an exact tie; the caller retries with another random lifting. */
export class NonGenericLiftingError extends Error {
  override readonly name = 'NonGenericLiftingError';
}

/** The enumeration ran past its budget of work (mixedCells.ts: WORK_PER_SECOND). */
export class TimeLimitError extends Error {
  constructor(seconds: number) {
    super(`the mixed-cell enumeration did not finish within ${seconds} s of work (counted, not timed)`);
    this.name = 'TimeLimitError';
  }
}

/** A type as the check sees it: exact points, and float lifts (lift1 scaled into [0, 1)). */
export interface CheckedType {
  readonly exact: readonly ExactPoint[];
  readonly lift0: Float64Array;
  readonly lift1: Float64Array;
}

/** A float below this in modulus is too close to zero to decide without exact arithmetic. */
const ambiguous = 1e-7;

/**
 * Is the choice of faces (point indices per type, base first) a mixed cell for the inner
 * normal α = M·alpha0 + alpha1, and with `stable` a stable one (alpha0 ≥ 0)? `det` is the
 * float |det| of the edge vectors. Throws NonGenericLiftingError on an exact tie.
 */
export function isMixedCell(
  types: readonly CheckedType[],
  faces: readonly (readonly number[])[],
  alpha0: readonly number[],
  alpha1: readonly number[],
  det: number,
  stable: boolean,
): boolean {
  const n = alpha0.length;
  // A nonzero M part is a rational with denominator |det|, so below 1/|det| it is zero.
  const exactZeroM = det * ambiguous < 1;
  let unsure = false;
  for (const [ti, t] of types.entries()) {
    const face = faces[ti]!;
    const base = face[0]!;
    const b = t.exact[base]!.exps;
    for (let c = 0; c < t.exact.length; c++) {
      if (face.includes(c)) continue;
      const e = t.exact[c]!.exps;
      let s0 = t.lift0[c]! - t.lift0[base]!;
      let s1 = t.lift1[c]! - t.lift1[base]!;
      for (let k = 0; k < n; k++) {
        const d = e[k]! - b[k]!;
        if (d !== 0) {
          s0 += d * alpha0[k]!;
          s1 += d * alpha1[k]!;
        }
      }
      if (s0 < -ambiguous) return false;
      if (s0 > ambiguous) continue;
      if (!exactZeroM) unsure = true;
      else if (s1 < -ambiguous) return false;
      else if (s1 <= ambiguous) unsure = true;
    }
  }
  if (stable) {
    for (const v of alpha0) {
      if (v < -ambiguous) return false;
      if (v < ambiguous && !exactZeroM) unsure = true;
    }
  }
  if (!unsure) return true;
  const exactFaces = types.map((t, ti) => ({ face: faces[ti]!.map((i) => t.exact[i]!), all: t.exact }));
  const verdict = verifyCellExactly(exactFaces, n, stable);
  if (verdict === 'degenerate') throw new NonGenericLiftingError('lifting is not generic');
  return verdict === 'cell';
}

/** |det| of the integer edge matrix: the float product when it is clearly an integer. */
export function cellVolume(types: readonly CheckedType[], faces: readonly (readonly number[])[], det: number): bigint {
  const r = Math.round(det);
  if (det < 2 ** 50 && Math.abs(det - r) <= 1e-6 * Math.max(1, det)) return BigInt(r);
  const rows: bigint[][] = [];
  types.forEach((t, ti) => {
    const face = faces[ti]!.map((i) => t.exact[i]!.exps);
    for (const p of face.slice(1)) rows.push(p.map((e, k) => BigInt(e - face[0]![k]!)));
  });
  const d = bareissDeterminant(rows);
  return d < 0n ? -d : d;
}
