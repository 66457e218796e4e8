/**
 * The linear-product (multihomogeneous) start system for a partition of the variables into
 * groups of sizes n_1, …, n_k. If equation i has degree d_ij in group j, then
 *
 *   G_i(x) = Π_j Π_{r<d_ij} ℓ_ijr(x_group j),
 *
 * each ℓ_ijr a random affine linear form in the variables of group j. A solution picks one
 * vanishing factor per equation; it is isolated exactly when every group j receives n_j of the
 * picked factors, and then it solves one n_j × n_j linear system per group. So the solutions
 * are counted by the assignments of equations to groups (group j getting n_j of them) weighted
 * by Π d_iσ(i): the multihomogeneous Bézout number. For random forms they are all distinct
 * and nonsingular.
 *
 * Solutions are generated lazily by index. The choices are ordered lexicographically
 * (equation 0's group first, then its factor, then equation 1's, …) and an index is decoded
 * by counting: ways(i, needs) is the number of ways to finish from equation i when group j
 * still needs needs_j equations. Those counts are tabulated once, per reachable need-state,
 * at most Π_j (n_j + 1) of them per equation — small unless there are very many small groups
 * (2^n states for n singleton groups) — so no list of solutions is ever stored, and path
 * counts beyond 2^53 are exact (BigInt).
 */
import { NonGenericError } from '../errors.js';
import { ComplexLU } from '../linalg/lu.js';
import type { Random } from '../numeric/rng.js';
import type { System } from '../poly/system.js';
import type { StartSystem } from './types.js';

export class MultihomogeneousStart implements StartSystem {
  readonly n: number;
  readonly pathCount: bigint;
  /** Affine forms, interleaved complex: the constant, then one coefficient per group variable. */
  private readonly forms: Float64Array;
  /** formBase[i][j]: offset in `forms` of ℓ_ij0; factor r sits r·2(1 + n_j) further. */
  private readonly formBase: number[][];
  /** Equation i's factors are factorOffset/factorGroup[factorStart[i] .. factorStart[i+1]). */
  private readonly factorStart: Int32Array;
  private readonly factorOffset: Int32Array;
  private readonly factorGroup: Int32Array;
  /** Group j's variables are groupVars[groupStart[j] .. groupStart[j+1]) (flat, for the hot loops). */
  private readonly groupStart: Int32Array;
  private readonly groupVars: Int32Array;
  /** Mixed-radix weights of the need-state: digit j (base n_j + 1) is what group j still needs. */
  private readonly weight: number[];
  private readonly initialState: number;
  /** ways[i]: need-state → completions from equation i on. */
  private readonly ways: Map<number, bigint>[];
  private readonly lus: Map<number, { lu: ComplexLU; a: Float64Array; b: Float64Array }>;
  private readonly values: Float64Array;
  private readonly suffix: Float64Array;

  /**
   * @param groups variable indices of each group; together exactly 0..n−1, each once
   * @param degrees degrees[i][j]: degree of equation i in group j (≥ 0)
   * @param random stream for the coefficients of the linear forms
   */
  constructor(
    readonly groups: readonly (readonly number[])[],
    readonly degrees: readonly (readonly number[])[],
    random: Random,
  ) {
    const n = degrees.length;
    this.n = n;
    checkGroups(groups, degrees, n);
    let size = 0;
    this.formBase = degrees.map((row) =>
      row.map((d, j) => {
        const base = size;
        size += 2 * d * (1 + groups[j]!.length);
        return base;
      }),
    );
    this.forms = new Float64Array(size);
    for (let k = 0; k < size; k += 2) [this.forms[k], this.forms[k + 1]] = random.complexNormal();

    const offsets: number[] = [];
    const owners: number[] = [];
    this.factorStart = new Int32Array(n + 1);
    degrees.forEach((row, i) => {
      row.forEach((d, j) => {
        for (let r = 0; r < d; r++) {
          offsets.push(this.formBase[i]![j]! + 2 * r * (1 + groups[j]!.length));
          owners.push(j);
        }
      });
      this.factorStart[i + 1] = offsets.length;
    });
    this.factorOffset = Int32Array.from(offsets);
    this.factorGroup = Int32Array.from(owners);
    this.groupVars = Int32Array.from(groups.flat());
    this.groupStart = new Int32Array(groups.length + 1);
    groups.forEach((g, j) => (this.groupStart[j + 1] = this.groupStart[j]! + g.length));
    const maxFactors = Math.max(1, ...degrees.map((row) => row.reduce((s, d) => s + d, 0)));
    this.values = new Float64Array(2 * maxFactors);
    this.suffix = new Float64Array(2 * (maxFactors + 1));

    this.weight = [];
    let w = 1;
    for (const g of groups) {
      this.weight.push(w);
      w *= g.length + 1;
    }
    this.initialState = groups.reduce((s, g, j) => s + g.length * this.weight[j]!, 0);
    this.ways = Array.from({ length: n + 1 }, () => new Map<number, bigint>());
    this.ways[n]!.set(0, 1n);
    this.pathCount = this.count(0, this.initialState);

    this.lus = new Map();
    for (const g of groups) {
      const m = g.length;
      if (!this.lus.has(m)) this.lus.set(m, { lu: new ComplexLU(m), a: new Float64Array(2 * m * m), b: new Float64Array(2 * m) });
    }
  }

  private need(state: number, j: number): number {
    return Math.floor(state / this.weight[j]!) % (this.groups[j]!.length + 1);
  }

  /** ways(i, state), memoized; the recursion is as deep as there are equations. */
  private count(i: number, state: number): bigint {
    const known = this.ways[i]!.get(state);
    if (known !== undefined) return known;
    let total = 0n;
    if (i < this.n) {
      const row = this.degrees[i]!;
      for (let j = 0; j < row.length; j++) {
        if (row[j]! > 0 && this.need(state, j) > 0) total += BigInt(row[j]!) * this.count(i + 1, state - this.weight[j]!);
      }
    }
    this.ways[i]!.set(state, total);
    return total;
  }

  /** For each equation, the group and the factor that vanish at start solution `index`. */
  choice(index: bigint): { group: number[]; factor: number[] } {
    if (index < 0n || index >= this.pathCount) throw new RangeError(`start solution ${index} outside 0..${this.pathCount - 1n}`);
    const group: number[] = [];
    const factor: number[] = [];
    let k = index;
    let state = this.initialState;
    for (let i = 0; i < this.n; i++) {
      const row = this.degrees[i]!;
      for (let j = 0; j < row.length; j++) {
        if (row[j] === 0 || this.need(state, j) === 0) continue;
        const rest = this.count(i + 1, state - this.weight[j]!);
        const block = BigInt(row[j]!) * rest;
        if (k < block) {
          group.push(j);
          factor.push(Number(k / rest));
          k %= rest;
          state -= this.weight[j]!;
          break;
        }
        k -= block;
      }
    }
    return { group, factor };
  }

  startSolution(out: Float64Array, index: bigint): Float64Array {
    const { group, factor } = this.choice(index);
    this.groups.forEach((vars, j) => {
      const m = vars.length;
      const { lu, a, b } = this.lus.get(m)!;
      let row = 0;
      for (let i = 0; i < this.n; i++) {
        if (group[i] !== j) continue;
        const f = this.formBase[i]![j]! + 2 * factor[i]! * (1 + m);
        // ℓ(x) = c_0 + Σ c_t x_t = 0  ⇔  Σ c_t x_t = −c_0
        b[2 * row] = -this.forms[f]!;
        b[2 * row + 1] = -this.forms[f + 1]!;
        a.set(this.forms.subarray(f + 2, f + 2 * (1 + m)), 2 * row * m);
        row++;
      }
      if (!lu.factor(a)) {
        throw new NonGenericError(`start solution ${index}: the random linear forms of group ${j} are degenerate`, 'use another seed');
      }
      lu.solve(b, b);
      for (let t = 0; t < m; t++) {
        out[2 * vars[t]!] = b[2 * t]!;
        out[2 * vars[t]! + 1] = b[2 * t + 1]!;
      }
    });
    return out;
  }

  /** Values of equation i's factors at x, into `values`; returns how many. */
  private factorValues(i: number, x: Float64Array): number {
    const { forms, values, groupStart, groupVars } = this;
    const first = this.factorStart[i]!;
    const count = this.factorStart[i + 1]! - first;
    for (let f = 0; f < count; f++) {
      const o = this.factorOffset[first + f]!;
      const j = this.factorGroup[first + f]!;
      let vr = forms[o]!;
      let vi = forms[o + 1]!;
      for (let t = groupStart[j]!, c = o + 2; t < groupStart[j + 1]!; t++, c += 2) {
        const cr = forms[c]!;
        const ci = forms[c + 1]!;
        const xr = x[2 * groupVars[t]!]!;
        const xi = x[2 * groupVars[t]! + 1]!;
        vr += cr * xr - ci * xi;
        vi += cr * xi + ci * xr;
      }
      values[2 * f] = vr;
      values[2 * f + 1] = vi;
    }
    return count;
  }

  evaluate(outG: Float64Array, x: Float64Array): void {
    const values = this.values;
    for (let i = 0; i < this.n; i++) {
      const count = this.factorValues(i, x);
      let pr = 1;
      let pi = 0;
      for (let f = 0; f < count; f++) {
        const t = pr * values[2 * f]! - pi * values[2 * f + 1]!;
        pi = pr * values[2 * f + 1]! + pi * values[2 * f]!;
        pr = t;
      }
      outG[2 * i] = pr;
      outG[2 * i + 1] = pi;
    }
  }

  /**
   * Product rule with prefix and suffix products, ∂G_i = Σ_f (Π_{g<f} ℓ_g)(Π_{g>f} ℓ_g) ∇ℓ_f,
   * which needs no division and so stays right where a factor vanishes (at the start points).
   */
  evaluateAll(outG: Float64Array, outGx: Float64Array, x: Float64Array): void {
    const { n, values, suffix, forms, groupStart, groupVars } = this;
    outGx.fill(0);
    for (let i = 0; i < n; i++) {
      const count = this.factorValues(i, x);
      suffix[2 * count] = 1;
      suffix[2 * count + 1] = 0;
      for (let f = count - 1; f >= 0; f--) {
        const sr = suffix[2 * f + 2]!;
        const si = suffix[2 * f + 3]!;
        suffix[2 * f] = sr * values[2 * f]! - si * values[2 * f + 1]!;
        suffix[2 * f + 1] = sr * values[2 * f + 1]! + si * values[2 * f]!;
      }
      outG[2 * i] = suffix[0]!;
      outG[2 * i + 1] = suffix[1]!;
      let pr = 1;
      let pi = 0;
      const first = this.factorStart[i]!;
      for (let f = 0; f < count; f++) {
        // w = prefix · suffix: the product of every factor but f
        const wr = pr * suffix[2 * f + 2]! - pi * suffix[2 * f + 3]!;
        const wi = pr * suffix[2 * f + 3]! + pi * suffix[2 * f + 2]!;
        const j = this.factorGroup[first + f]!;
        for (let t = groupStart[j]!, c = this.factorOffset[first + f]! + 2; t < groupStart[j + 1]!; t++, c += 2) {
          const cr = forms[c]!;
          const ci = forms[c + 1]!;
          const at = 2 * (i * n + groupVars[t]!);
          outGx[at] = outGx[at]! + wr * cr - wi * ci;
          outGx[at + 1] = outGx[at + 1]! + wr * ci + wi * cr;
        }
        const t = pr * values[2 * f]! - pi * values[2 * f + 1]!;
        pi = pr * values[2 * f + 1]! + pi * values[2 * f]!;
        pr = t;
      }
    }
  }
}

/**
 * The linear-product start system of a square system for a partition given by variable
 * names (as `bestMultihomogeneousBound` returns it). Its path count is the multihomogeneous
 * Bézout number of that partition.
 */
export function multihomogeneousStart(system: System, partition: readonly (readonly string[])[], random: Random): MultihomogeneousStart {
  const index = new Map(system.variables.map((v, k) => [v, k]));
  const groups = partition.map((group) =>
    group.map((name) => {
      const k = index.get(name);
      if (k === undefined) throw new RangeError(`the partition names '${name}', which is not a variable of the system`);
      return k;
    }),
  );
  const degrees = system.equations.map((p) => groups.map((g) => Math.max(0, p.degreeIn(g))));
  return new MultihomogeneousStart(groups, degrees, random);
}

function checkGroups(groups: readonly (readonly number[])[], degrees: readonly (readonly number[])[], n: number): void {
  const seen = new Array<boolean>(n).fill(false);
  for (const g of groups) {
    if (g.length === 0) throw new RangeError('a group of the partition is empty');
    for (const k of g) {
      if (!Number.isInteger(k) || k < 0 || k >= n || seen[k])
        throw new RangeError(`the groups must partition the variables 0..${n - 1}; variable ${k} is out of range or repeated`);
      seen[k] = true;
    }
  }
  if (seen.includes(false)) throw new RangeError(`the groups must partition the variables 0..${n - 1}; variable ${seen.indexOf(false)} is missing`);
  for (const [i, row] of degrees.entries()) {
    if (row.length !== groups.length || row.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new RangeError(`degrees[${i}] must hold one nonnegative integer per group (${groups.length}), got [${row.join(', ')}]`);
    }
  }
}
