/**
 * Exact integer arithmetic for the rare mixed cells that the float path cannot decide: the
 * fallback behind the fast check, in the manner of robust predicates. Exponents and lifts are
 * integers, so every question about a cell is a sign of an integer determinant expression.
 */

/** Determinant of an integer matrix by Bareiss's fraction-free elimination. */
export function bareissDeterminant(matrix: readonly (readonly bigint[])[]): bigint {
  const n = matrix.length;
  const a = matrix.map((row) => [...row]);
  let sign = 1n;
  let prev = 1n;
  for (let k = 0; k < n; k++) {
    let p = k;
    while (p < n && a[p]![k] === 0n) p++;
    if (p === n) return 0n;
    if (p !== k) {
      [a[p], a[k]] = [a[k]!, a[p]!];
      sign = -sign;
    }
    const rk = a[k]!;
    for (let i = k + 1; i < n; i++) {
      const ri = a[i]!;
      for (let j = k + 1; j < n; j++) ri[j] = (ri[j]! * rk[k]! - ri[k]! * rk[j]!) / prev;
      ri[k] = 0n;
    }
    prev = rk[k]!;
  }
  return sign * a[n - 1]![n - 1]!;
}

/** A point with an exact lexicographic lift M·lift0 + lift1 (both integers). */
export interface ExactPoint {
  readonly exps: readonly number[];
  readonly lift0: number;
  readonly lift1: number;
}

/** One type of a candidate cell: its chosen face (first point is the base) and all its points. */
export interface ExactFace {
  readonly face: readonly ExactPoint[];
  readonly all: readonly ExactPoint[];
}

export type ExactVerdict = 'cell' | 'not-cell' | 'degenerate';

/**
 * Decides exactly whether the faces form a mixed cell of the lifted supports: the inner normal
 * α solves (a_i − a_0)·α = ω(a_0) − ω(a_i) and every other point must lie strictly above.
 * A point exactly on the face means the lifting is not generic ('degenerate'). With `stable`,
 * the M part of α must also be ≥ 0. Cramer's rule keeps it short; it runs rarely.
 */
export function verifyCellExactly(faces: readonly ExactFace[], n: number, stable: boolean): ExactVerdict {
  const rows: bigint[][] = [];
  const rhs0: bigint[] = [];
  const rhs1: bigint[] = [];
  for (const { face } of faces) {
    const base = face[0]!;
    for (const p of face.slice(1)) {
      rows.push(p.exps.map((e, k) => BigInt(e - base.exps[k]!)));
      rhs0.push(BigInt(base.lift0 - p.lift0));
      rhs1.push(BigInt(base.lift1) - BigInt(p.lift1));
    }
  }
  const det = bareissDeterminant(rows);
  if (det === 0n || rows.length !== n) return 'not-cell';
  const withColumn = (rhs: bigint[], j: number): bigint => bareissDeterminant(rows.map((row, i) => row.map((v, k) => (k === j ? rhs[i]! : v))));
  // x = det·α, so slacks below are det·slack; multiplying by sign(det) restores the sign.
  const sign = det > 0n ? 1n : -1n;
  const x0 = Array.from({ length: n }, (_, j) => withColumn(rhs0, j));
  const x1 = Array.from({ length: n }, (_, j) => withColumn(rhs1, j));
  if (stable && x0.some((v) => v * sign < 0n)) return 'not-cell';
  for (const { face, all } of faces) {
    const base = face[0]!;
    for (const c of all) {
      if (face.includes(c)) continue;
      let s0 = det * BigInt(c.lift0 - base.lift0);
      let s1 = det * (BigInt(c.lift1) - BigInt(base.lift1));
      for (let k = 0; k < n; k++) {
        const e = BigInt(c.exps[k]! - base.exps[k]!);
        s0 += e * x0[k]!;
        s1 += e * x1[k]!;
      }
      s0 *= sign;
      s1 *= sign;
      if (s0 < 0n || (s0 === 0n && s1 < 0n)) return 'not-cell';
      if (s0 === 0n && s1 === 0n) return 'degenerate';
    }
  }
  return 'cell';
}
