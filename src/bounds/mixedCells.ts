/**
 * Enumeration of the mixed cells of the regular mixed subdivision induced by a lifting.
 *
 * A mixed cell picks, for each type t (a support shared by k_t equations), a k_t-simplex C_t
 * of its points such that one inner normal (α, 1) makes every C_t the lowest face of the
 * lifted support. The search is depth first, one point at a time: the first point of a type
 * opens its constraints "every other point lies on or above", each further point turns its
 * constraint into an equality, which is eliminated at once so that the linear programs only
 * ever see the remaining free directions of α. A branch is pruned as soon as its program is
 * infeasible; every finished cell is then checked once more (in floats, and exactly when the
 * floats are too close to call), so a tolerance can only cost time, never a wrong cell.
 */
import { cellVolume, isMixedCell, NonGenericLiftingError, TimeLimitError } from './cellCheck.js';
import type { ExactPoint } from './exact.js';
import { SimplexWorkspace, lpTolerance, rowStride } from './lp.js';
import { liftScale, type LiftedType } from './supports.js';

export interface MixedCell {
  /** Per type, in the order given: indices of the face's points (multiplicity + 1 of them). */
  readonly faces: readonly (readonly number[])[];
  /** |det| of the edge vectors: the cell's contribution to the mixed volume. */
  readonly volume: bigint;
  /** The inner normal α = M·normal0 + normal1 (normal0 is zero unless the origin was added). */
  readonly normal0: readonly number[];
  readonly normal1: readonly number[];
}

interface SearchType {
  readonly multiplicity: number;
  readonly exact: ExactPoint[];
  readonly lift0: Float64Array;
  readonly lift1: Float64Array;
  /** Where the type's candidate list starts in a per-depth candidate buffer. */
  readonly offset: number;
}

/**
 * Simplex work (table entries updated by pivots) per second of the enumeration on the project
 * machine: 0.4–1.1·10⁸ on katsura7, cyclic6 and the 2-2-2, 1-2-2-1 and 2-3-2 networks. A time
 * limit is turned into this much work, counted rather than timed, so that whether a mixed volume
 * finishes, and so the method `auto` takes or a bound a study reports, does not depend on the
 * machine's load.
 */
export const WORK_PER_SECOND = 1e8;

/**
 * Calls onCell for every mixed cell (stable ones only when `stable`). With `timeLimit`
 * (seconds of work at WORK_PER_SECOND), throws TimeLimitError once that much work is done.
 */
export function enumerateMixedCells(types: readonly LiftedType[], n: number, stable: boolean, onCell: (cell: MixedCell) => void, timeLimit?: number): void {
  new CellSearch(types, n, stable, onCell, timeLimit).run();
}

/** Rows remember their point as type·2¹⁶ + index. */
const ownerOf = (type: number, point: number): number => type * 0x10000 + point;

/**
 * The search keeps, for every type not yet placed, its candidates: the points that can still
 * be lowest somewhere in the current region of normals. Regions only shrink going down, so
 * each type-complete node re-tests only its parent's candidates; a type left with fewer than
 * multiplicity + 1 candidates kills the branch, and the type with the fewest goes next. Rows
 * are only written for candidates: a point that is never lowest in the region adds nothing.
 */
class CellSearch {
  private readonly stride: number;
  private readonly types: SearchType[];
  private readonly rowsAt: Float64Array[] = [];
  private readonly ownerAt: Int32Array[] = [];
  private readonly countAt: number[] = [];
  private readonly alpha0At: Float64Array[] = [];
  private readonly alpha1At: Float64Array[] = [];
  /** candAt[depth]: candidate point indices, type t's at types[t].offset; counts per type. */
  private readonly candAt: Int32Array[] = [];
  private readonly candCountAt: Int32Array[] = [];
  private readonly eqRows: Float64Array;
  private readonly eqPivot: Int32Array;
  /** detAt[e] = |product of the first e elimination pivots|. */
  private readonly detAt: Float64Array;
  private eqCount = 0;
  private readonly isFree: Uint8Array;
  private readonly free: Int32Array;
  private nfree: number;
  private readonly placed: Uint8Array;
  /** Candidates (by position in the parent's list) already known lowest somewhere. */
  private readonly known: Uint8Array;
  private readonly scratch0: Float64Array;
  private readonly scratch1: Float64Array;
  /** Per type, the chosen points and their positions in the candidate list. */
  private readonly faces: number[][];
  private readonly positions: number[][];
  private readonly simplex: SimplexWorkspace;
  /** The simplex work (SimplexWorkspace.work) past which the search gives up. */
  private readonly budget: number;

  constructor(
    types: readonly LiftedType[],
    private readonly n: number,
    private readonly stable: boolean,
    private readonly onCell: (cell: MixedCell) => void,
    private readonly timeLimit?: number,
  ) {
    this.budget = timeLimit === undefined ? Infinity : timeLimit * WORK_PER_SECOND;
    if (types.some((t) => t.points.length >= 0x10000) || types.length >= 0x8000) {
      throw new RangeError('mixed volume: at most 65535 monomials per equation and 32767 distinct supports');
    }
    this.stride = rowStride(n);
    let offset = 0;
    this.types = types.map((t) => {
      const type = {
        multiplicity: t.equations.length,
        exact: t.points.map((exps, i) => ({ exps, lift0: t.lift0[i]!, lift1: t.lift1[i]! })),
        lift0: Float64Array.from(t.lift0),
        lift1: Float64Array.from(t.lift1, (v) => v * liftScale),
        offset,
      };
      offset += t.points.length;
      return type;
    });
    const depth = n + types.length + 2;
    for (let d = 0; d <= depth; d++) {
      this.rowsAt.push(new Float64Array(offset * this.stride));
      this.ownerAt.push(new Int32Array(offset));
      this.countAt.push(0);
      this.alpha0At.push(new Float64Array(n));
      this.alpha1At.push(new Float64Array(n));
      this.candAt.push(new Int32Array(offset));
      this.candCountAt.push(new Int32Array(types.length));
    }
    this.eqRows = new Float64Array(n * this.stride);
    this.eqPivot = new Int32Array(n);
    this.detAt = new Float64Array(n + 1);
    this.detAt[0] = 1;
    this.isFree = new Uint8Array(n).fill(1);
    this.free = Int32Array.from({ length: n }, (_, k) => k);
    this.nfree = n;
    this.placed = new Uint8Array(types.length);
    this.known = new Uint8Array(offset);
    this.scratch0 = new Float64Array(n);
    this.scratch1 = new Float64Array(n);
    this.faces = types.map((t) => new Array<number>(t.equations.length + 1).fill(-1));
    this.positions = types.map((t) => new Array<number>(t.equations.length + 1).fill(-1));
    this.simplex = new SimplexWorkspace(n);
  }

  run(): void {
    // Every point is a candidate at first (in a spare buffer, as filtering never works in
    // place); the root's filter keeps each type's lower hull.
    const all = this.candAt.length - 1;
    this.types.forEach((t, ti) => {
      for (let i = 0; i < t.exact.length; i++) this.candAt[all]![t.offset + i] = i;
      this.candCountAt[all]![ti] = t.exact.length;
    });
    this.complete(0, all);
  }

  /** Every placed type has its face: filter the candidates, then place the tightest type. */
  private complete(depth: number, candDepth: number): void {
    if (this.simplex.work > this.budget) throw new TimeLimitError(this.timeLimit!);
    const cand = this.candAt[depth]!;
    const counts = this.candCountAt[depth]!;
    const parent = this.candAt[candDepth]!;
    const parentCounts = this.candCountAt[candDepth]!;
    this.known.fill(0);
    this.markLowest(this.alpha0At[depth]!, this.alpha1At[depth]!, candDepth);
    let next = -1;
    for (let ti = 0; ti < this.types.length; ti++) {
      if (this.placed[ti]) continue;
      const t = this.types[ti]!;
      let count = 0;
      for (let i = 0; i < parentCounts[ti]!; i++) {
        const q = parent[t.offset + i]!;
        if (!this.known[t.offset + i]) {
          this.openType(depth, ti, q, candDepth);
          if (!this.feasibleAt(depth + 1, -1)) continue;
          this.markLowest(this.alpha0At[depth + 1]!, this.alpha1At[depth + 1]!, candDepth);
        }
        cand[t.offset + count++] = q;
      }
      counts[ti] = count;
      if (count <= t.multiplicity) return;
      if (next < 0 || count < counts[next]!) next = ti;
    }
    if (next < 0) {
      this.leaf();
      return;
    }
    this.placed[next] = 1;
    this.place(depth, next, 0, depth);
    this.placed[next] = 0;
  }

  /**
   * A point of the region certifies, for free, that the lowest points of every type there are
   * candidates: marking them saves one linear program each. A near-tie marks both points,
   * which can only keep a candidate too many (a harmless extra constraint), never drop one.
   */
  private markLowest(witness0: Float64Array, witness1: Float64Array, candDepth: number): void {
    const { n } = this;
    const a0 = this.scratch0;
    const a1 = this.scratch1;
    a0.set(witness0);
    a1.set(witness1);
    this.completeNormal(a0, a1);
    const cand = this.candAt[candDepth]!;
    const tol = lpTolerance.value;
    for (let ti = 0; ti < this.types.length; ti++) {
      if (this.placed[ti]) continue;
      const t = this.types[ti]!;
      const count = this.candCountAt[candDepth]![ti]!;
      let min0 = Infinity;
      let min1 = Infinity;
      for (let pass = 0; pass < 2; pass++) {
        for (let i = 0; i < count; i++) {
          const c = cand[t.offset + i]!;
          const e = t.exact[c]!.exps;
          let v0 = t.lift0[c]!;
          let v1 = t.lift1[c]!;
          for (let k = 0; k < n; k++) {
            v0 += e[k]! * a0[k]!;
            v1 += e[k]! * a1[k]!;
          }
          if (pass === 0) {
            if (v0 < min0 - tol || (v0 <= min0 + tol && v1 < min1)) [min0, min1] = [v0, v1];
          } else if (v0 <= min0 + tol && v1 <= min1 + tol) {
            this.known[t.offset + i] = 1;
          }
        }
      }
    }
  }

  /** Chooses point number `chosen` of type ti's face among its candidates, in index order. */
  private place(depth: number, ti: number, chosen: number, candDepth: number): void {
    const t = this.types[ti]!;
    const k = t.multiplicity;
    if (chosen === k + 1) {
      this.complete(depth, candDepth);
      return;
    }
    const face = this.faces[ti]!;
    const position = this.positions[ti]!;
    const cand = this.candAt[candDepth]!;
    const count = this.candCountAt[candDepth]![ti]!;
    if (chosen === 0) {
      for (let i = 0; i < count - k; i++) {
        this.openType(depth, ti, cand[t.offset + i]!, candDepth);
        if (!this.feasibleAt(depth + 1, -1)) continue;
        face[0] = cand[t.offset + i]!;
        position[0] = i;
        this.place(depth + 1, ti, 1, candDepth);
      }
      return;
    }
    for (let i = position[chosen - 1]! + 1; i < count - (k - chosen); i++) {
      const row = this.rowOf(depth, ownerOf(ti, cand[t.offset + i]!));
      this.alpha0At[depth + 1]!.set(this.alpha0At[depth]!);
      this.alpha1At[depth + 1]!.set(this.alpha1At[depth]!);
      const ok = this.simplex.feasible(
        this.rowsAt[depth]!,
        this.countAt[depth]!,
        this.free,
        this.nfree,
        row,
        this.alpha0At[depth + 1]!,
        this.alpha1At[depth + 1]!,
      );
      if (!ok) continue;
      this.tighten(depth, row);
      face[chosen] = cand[t.offset + i]!;
      position[chosen] = i;
      this.place(depth + 1, ti, chosen + 1, candDepth);
      this.loosen();
    }
  }

  private feasibleAt(depth: number, objective: number): boolean {
    return this.simplex.feasible(this.rowsAt[depth]!, this.countAt[depth]!, this.free, this.nfree, objective, this.alpha0At[depth]!, this.alpha1At[depth]!);
  }

  private rowOf(depth: number, owner: number): number {
    const owners = this.ownerAt[depth]!;
    const count = this.countAt[depth]!;
    for (let i = 0; i < count; i++) if (owners[i] === owner) return i;
    throw new Error(`internal: no row for point ${owner & 0xffff} of type ${owner >> 16}`);
  }

  /**
   * Depth+1 gets the rows of depth plus "c lies on or above a0" for every other candidate c
   * of type ti, with the equalities so far eliminated; the witness carries over.
   */
  private openType(depth: number, ti: number, a0: number, candDepth: number): void {
    const { n, stride } = this;
    const t = this.types[ti]!;
    const src = this.rowsAt[depth]!;
    const dst = this.rowsAt[depth + 1]!;
    const owners = this.ownerAt[depth + 1]!;
    let count = this.countAt[depth]!;
    dst.set(src.subarray(0, count * stride));
    owners.set(this.ownerAt[depth]!.subarray(0, count));
    const base = t.exact[a0]!.exps;
    const cand = this.candAt[candDepth]!;
    for (let i = 0; i < this.candCountAt[candDepth]![ti]!; i++) {
      const c = cand[t.offset + i]!;
      if (c === a0) continue;
      const o = count * stride;
      const exps = t.exact[c]!.exps;
      for (let j = 0; j < n; j++) dst[o + j] = exps[j]! - base[j]!;
      dst[o + n] = t.lift0[c]! - t.lift0[a0]!;
      dst[o + n + 1] = t.lift1[c]! - t.lift1[a0]!;
      for (let e = 0; e < this.eqCount; e++) this.reduce(dst, o, this.eqRows, e * stride, this.eqPivot[e]!);
      owners[count] = ownerOf(ti, c);
      count++;
    }
    this.countAt[depth + 1] = count;
    this.alpha0At[depth + 1]!.set(this.alpha0At[depth]!);
    this.alpha1At[depth + 1]!.set(this.alpha1At[depth]!);
  }

  /** row −= (row[p]/eq[p])·eq, leaving an exact zero at column p. */
  private reduce(rows: Float64Array, o: number, eq: Float64Array, e: number, p: number): void {
    const f = rows[o + p]! / eq[e + p]!;
    if (f === 0) return;
    for (let j = 0; j < this.stride; j++) rows[o + j] = rows[o + j]! - f * eq[e + j]!;
    rows[o + p] = 0;
  }

  /** Makes row `row` of depth an equality: eliminates its largest free column into depth+1. */
  private tighten(depth: number, row: number): void {
    const { stride } = this;
    const src = this.rowsAt[depth]!;
    const o = row * stride;
    let p = -1;
    for (let j = 0; j < this.nfree; j++) {
      const k = this.free[j]!;
      if (p < 0 || Math.abs(src[o + k]!) > Math.abs(src[o + p]!)) p = k;
    }
    // Feasible yet constant: the lifted points are affinely dependent on a common face.
    if (p < 0 || Math.abs(src[o + p]!) < lpTolerance.pivot) throw new NonGenericLiftingError('lifting is not generic');
    const e = this.eqCount * stride;
    this.eqRows.set(src.subarray(o, o + stride), e);
    this.eqPivot[this.eqCount] = p;
    this.detAt[this.eqCount + 1] = this.detAt[this.eqCount]! * Math.abs(src[o + p]!);
    this.eqCount++;
    this.setFree(p, false);
    const dst = this.rowsAt[depth + 1]!;
    const owners = this.ownerAt[depth]!;
    let count = 0;
    for (let i = 0; i < this.countAt[depth]!; i++) {
      if (i === row) continue;
      dst.set(src.subarray(i * stride, (i + 1) * stride), count * stride);
      this.reduce(dst, count * stride, this.eqRows, e, p);
      this.ownerAt[depth + 1]![count] = owners[i]!;
      count++;
    }
    this.countAt[depth + 1] = count;
  }

  private loosen(): void {
    this.eqCount--;
    this.setFree(this.eqPivot[this.eqCount]!, true);
  }

  private setFree(k: number, free: boolean): void {
    this.isFree[k] = free ? 1 : 0;
    this.nfree = 0;
    for (let j = 0; j < this.n; j++) if (this.isFree[j]) this.free[this.nfree++] = j;
  }

  /** All types placed: the final, independent check of the cell, then report it. */
  private leaf(): void {
    const det = this.detAt[this.n]!;
    const alpha0 = new Array<number>(this.n).fill(0);
    const alpha1 = new Array<number>(this.n).fill(0);
    this.completeNormal(alpha0, alpha1);
    if (!isMixedCell(this.types, this.faces, alpha0, alpha1, det, this.stable)) return;
    this.onCell({
      faces: this.faces.map((f) => [...f]),
      volume: cellVolume(this.types, this.faces, det),
      normal0: alpha0,
      normal1: alpha1.map((v) => v / liftScale),
    });
  }

  /**
   * Fills the pinned coordinates of α (pairs) from the equalities, the free ones as given:
   * back substitution, since each equality involves only its pivot, later pivots and free
   * coordinates.
   */
  private completeNormal(alpha0: Float64Array | number[], alpha1: Float64Array | number[]): void {
    const { n, stride } = this;
    for (let e = this.eqCount - 1; e >= 0; e--) {
      const o = e * stride;
      const p = this.eqPivot[e]!;
      let s0 = this.eqRows[o + n]!;
      let s1 = this.eqRows[o + n + 1]!;
      for (let k = 0; k < n; k++) {
        if (k === p) continue;
        s0 += this.eqRows[o + k]! * alpha0[k]!;
        s1 += this.eqRows[o + k]! * alpha1[k]!;
      }
      alpha0[p] = -s0 / this.eqRows[o + p]!;
      alpha1[p] = -s1 / this.eqRows[o + p]!;
    }
  }
}
