/**
 * The polyhedral homotopy (Huber–Sturmfels), as plain data and the pieces that track it.
 *
 * The target F_i = Σ_{a ∈ S_i} f_ia·x^a is embedded in the family P_i(x; c) = Σ_a c_ia·x^a,
 * one parameter per term. The supports are augmented with the origin where it is missing
 * (its target coefficient is 0): by Li and Wang, the mixed volume of the augmented supports
 * bounds all isolated roots in Cⁿ, zero coordinates included, and a generic member of the
 * family has exactly that many, all in the torus (C*)ⁿ, so the polyhedral homotopy reaches
 * them all. The paths:
 *
 * 1. A random lifting w of the supports picks the mixed cells of a regular mixed subdivision
 *    (computed by the caller, e.g. bounds/mixedSubdivision). For a cell with inner normal
 *    (α, 1), set e_ia = ⟨a, α⟩ + w(a) − min_b(⟨b, α⟩ + w(b)) ≥ 0, zero exactly on the cell's
 *    points. The toric homotopy
 *
 *       H_i(y, s) = Σ_a c_ia·exp(s·e_ia)·y^a
 *
 *    is, at s → −∞, the cell's binomial system (solved exactly, see binomial.ts) and at s = 0
 *    the random-coefficient system P(y; c). It is tracked in s = log t, from s0 (where the
 *    terms off the cell are below 1e-10 of their coefficients) to 0, as t' ∈ [0, 1] with
 *    s = s0·(1 − t'): HomotopyContinuation.jl tracks its toric homotopies in log-time too,
 *    since in t itself the exponents e_ia spread the work over many orders of magnitude.
 * 2. A coefficient-parameter homotopy P(x; c(t)) from the random coefficients to the target's,
 *    with the γ trick (ParameterHomotopy), on the ordinary tracker and endgame.
 *
 * Paths are numbered cell by cell, then by binomial solution, so any path can be tracked on
 * its own from its index: the work splits across workers like the total-degree homotopy's.
 */
import { NonGenericError } from '../errors.js';
import type { CompiledSystem } from '../compile/types.js';
import { ComplexLU } from '../linalg/lu.js';
import type { Random } from '../numeric/rng.js';
import { Polynomial } from '../poly/polynomial.js';
import { makeSystem, supportsOf, type System } from '../poly/system.js';
import { BinomialSolver } from './binomial.js';
import { ParameterPathHomotopy } from './parameter.js';

/** A support shared by some equations (the origin added if it was missing), with its lifting. */
export interface PolyhedralType {
  readonly points: readonly (readonly number[])[];
  /** The lifting w(a) of each point: generic reals. */
  readonly lifts: readonly number[];
  /** The equations with this support. */
  readonly equations: readonly number[];
}

export interface PolyhedralCell {
  /** Per type: indices of the cell's points (one more than the type's number of equations). */
  readonly faces: readonly (readonly number[])[];
  /** Its mixed volume contribution: the number of its paths. */
  readonly volume: number;
}

/** Everything a worker needs to track polyhedral paths; plain data. */
export interface PolyhedralData {
  readonly n: number;
  readonly types: readonly PolyhedralType[];
  readonly cells: readonly PolyhedralCell[];
  /** Random start coefficients c, interleaved complex, one per parameter (see parameterOffsets). */
  readonly start: readonly number[];
  /** The target's coefficients in the same layout (0 for an added origin). */
  readonly target: readonly number[];
}

/** A mixed subdivision as the bounds stage gives it (lifts are integers scaled by `liftScale`). */
export interface SubdivisionInput {
  readonly types: readonly { readonly points: readonly (readonly number[])[]; readonly lift1: readonly number[]; readonly equations: readonly number[] }[];
  readonly cells: readonly { readonly faces: readonly (readonly number[])[]; readonly volume: bigint }[];
}

/** The supports of a system with the origin added to each that lacks it. */
export function augmentedSupports(system: System): number[][][] {
  const zero = new Array<number>(system.variables.length).fill(0);
  return supportsOf(system).map((s) => (s.some((a) => a.every((e) => e === 0)) ? s : [[...zero], ...s]));
}

/**
 * The plain data of a polyhedral homotopy for `system`, from a mixed subdivision of its
 * augmented supports (as from augmentedSupports) and a stream for the start coefficients.
 */
export function polyhedralData(system: System, subdivision: SubdivisionInput, liftScale: number, random: Random): PolyhedralData {
  const n = system.variables.length;
  const typeOf = new Array<number>(n);
  subdivision.types.forEach((type, t) => type.equations.forEach((i) => (typeOf[i] = t)));
  const start: number[] = [];
  const target: number[] = [];
  for (let i = 0; i < n; i++) {
    const coefficient = new Map<string, [number, number]>();
    for (const term of system.equations[i]!.terms) coefficient.set(term.exps.slice(0, n).join(','), [term.re, term.im]);
    for (const a of subdivision.types[typeOf[i]!]!.points) {
      const [re, im] = coefficient.get(a.join(',')) ?? [0, 0];
      target.push(re, im);
      start.push(...random.unitComplex());
    }
  }
  const cells = subdivision.cells.map((c) => {
    const volume = Number(c.volume);
    if (!Number.isSafeInteger(volume)) throw new RangeError(`a mixed cell of volume ${c.volume} is too large to track`);
    return { faces: c.faces.map((f) => [...f]), volume };
  });
  const types = subdivision.types.map((t) => ({ points: t.points.map((a) => [...a]), lifts: t.lift1.map((w) => w * liftScale), equations: [...t.equations] }));
  return { n, types, cells, start, target };
}

/** Offsets of each equation's parameters: equation i's term k is parameter offsets[i] + k. */
export function parameterOffsets(data: PolyhedralData): number[] {
  const sizes = new Array<number>(data.n);
  for (const type of data.types) for (const i of type.equations) sizes[i] = type.points.length;
  const offsets: number[] = [];
  let sum = 0;
  for (let i = 0; i < data.n; i++) {
    offsets.push(sum);
    sum += sizes[i]!;
  }
  offsets.push(sum);
  return offsets;
}

function pointsOf(data: PolyhedralData): (readonly (readonly number[])[])[] {
  const points = new Array<readonly (readonly number[])[]>(data.n);
  for (const type of data.types) for (const i of type.equations) points[i] = type.points;
  return points;
}

/**
 * The family P(x; c) with one parameter per term. With `chart` (interleaved, n + 1 entries),
 * the equations are homogenized with h appended as the last unknown and the chart equation
 * a·X = 1 is added, for tracking in projective space.
 */
export function polyhedralFamily(data: PolyhedralData, chart?: Float64Array): System {
  const n = data.n;
  const offsets = parameterOffsets(data);
  const q = offsets[n]!;
  const m = chart ? n + 1 : n;
  const nv = m + q;
  const variables = Array.from({ length: n }, (_, k) => `_y${k}`);
  if (chart) variables.push('_h');
  const parameters = Array.from({ length: q }, (_, k) => `_c${k}`);
  const equations = pointsOf(data).map((points, i) => {
    const degree = Math.max(...points.map((a) => a.reduce((s, e) => s + e, 0)));
    return Polynomial.fromTerms(
      nv,
      points.map((a, k) => {
        const exps = new Array<number>(nv).fill(0);
        a.forEach((e, j) => (exps[j] = e));
        if (chart) exps[n] = degree - a.reduce((s, e) => s + e, 0);
        exps[m + offsets[i]! + k] = 1;
        return { exps, re: 1, im: 0 };
      }),
    );
  });
  if (chart) {
    const terms = [{ exps: new Array<number>(nv).fill(0), re: -1, im: 0 }];
    for (let j = 0; j <= n; j++) {
      const exps = new Array<number>(nv).fill(0);
      exps[j] = 1;
      terms.push({ exps, re: chart[2 * j]!, im: chart[2 * j + 1]! });
    }
    equations.push(Polynomial.fromTerms(nv, terms));
  }
  return makeSystem(variables, equations, parameters);
}

/** Off-cell terms start below this fraction of their coefficient. */
const START_SMALLNESS = 1e-10;

/** What one cell's paths need: its binomial system and its toric exponents. */
export interface CellSetup {
  readonly solver: BinomialSolver;
  /** Right-hand sides of the binomial system, interleaved complex. */
  readonly rhs: Float64Array;
  /** e per parameter (0 on the cell's points). */
  readonly exponents: Float64Array;
  /** Where the toric homotopy starts, in log-time. */
  readonly s0: number;
}

/**
 * The polyhedral start: paths by index, each a binomial start point of its cell, and the
 * cell's toric exponents. Cells are set up lazily and kept.
 */
export class PolyhedralStart {
  readonly n: number;
  readonly pathCount: number;
  readonly offsets: number[];
  /** firstPath[k]: index of cell k's first path; one more entry, the total. */
  private readonly firstPath: number[];
  private readonly setups = new Map<number, CellSetup>();

  constructor(readonly data: PolyhedralData) {
    this.n = data.n;
    this.offsets = parameterOffsets(data);
    this.firstPath = [0];
    for (const cell of data.cells) this.firstPath.push(this.firstPath[this.firstPath.length - 1]! + cell.volume);
    this.pathCount = this.firstPath[this.firstPath.length - 1]!;
  }

  /** The cell of path `index` and the path's number within the cell. */
  locate(index: number): [number, number] {
    if (!(Number.isInteger(index) && index >= 0 && index < this.pathCount)) throw new RangeError(`path ${index} outside 0..${this.pathCount - 1}`);
    let lo = 0;
    let hi = this.data.cells.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.firstPath[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return [lo, index - this.firstPath[lo]!];
  }

  cell(k: number): CellSetup {
    let setup = this.setups.get(k);
    if (!setup) {
      setup = this.setUp(this.data.cells[k]!);
      this.setups.set(k, setup);
    }
    return setup;
  }

  /** Writes the binomial start point of path `index` into out. */
  startSolution(out: Float64Array, index: number): Float64Array {
    const [k, j] = this.locate(index);
    const setup = this.cell(k);
    return setup.solver.solution(out, setup.rhs, j);
  }

  private setUp(cell: PolyhedralCell): CellSetup {
    const { n, types, start } = this.data;
    const rows: number[][] = [];
    const rhs = new Float64Array(2 * n);
    // The inner normal: ⟨a_j − a_0, α⟩ = w(a_0) − w(a_j) for the cell's points a_0, a_j.
    const normalMatrix = new Float64Array(2 * n * n);
    const normalRhs = new Float64Array(2 * n);
    types.forEach((type, t) => {
      const face = cell.faces[t]!;
      const a0 = type.points[face[0]!]!;
      const k = type.equations.length;
      if (face.length !== k + 1) throw new RangeError(`a cell picks ${face.length} points of a support shared by ${k} equations`);
      // Face equations Σ_j C_rj·y^{a_j} = 0; dividing by y^{a_0}: C[:, 1..k]·z = −C[:, 0], z_j = y^{a_j − a_0}.
      const lu = new ComplexLU(k);
      const matrix = new Float64Array(2 * k * k);
      const b = new Float64Array(2 * k);
      type.equations.forEach((i, r) => {
        const base = 2 * this.offsets[i]!;
        b[2 * r] = -start[base + 2 * face[0]!]!;
        b[2 * r + 1] = -start[base + 2 * face[0]! + 1]!;
        for (let j = 1; j <= k; j++) {
          matrix[2 * (r * k + j - 1)] = start[base + 2 * face[j]!]!;
          matrix[2 * (r * k + j - 1) + 1] = start[base + 2 * face[j]! + 1]!;
        }
      });
      if (!lu.factor(matrix)) throw new NonGenericError('the start coefficients of a cell are singular (not generic)');
      const z = lu.solve(new Float64Array(2 * k), b);
      for (let j = 1; j <= k; j++) {
        const aj = type.points[face[j]!]!;
        const l = rows.length;
        rows.push(aj.map((e, v) => e - a0[v]!));
        rhs[2 * l] = z[2 * (j - 1)]!;
        rhs[2 * l + 1] = z[2 * (j - 1) + 1]!;
        for (let v = 0; v < n; v++) normalMatrix[2 * (l * n + v)] = aj[v]! - a0[v]!;
        normalRhs[2 * l] = type.lifts[face[0]!]! - type.lifts[face[j]!]!;
      }
    });
    const solver = new BinomialSolver(rows);
    if (solver.count !== cell.volume) throw new RangeError(`a cell of volume ${cell.volume} has ${solver.count} binomial solutions`);
    const lu = new ComplexLU(n);
    if (!lu.factor(normalMatrix)) throw new RangeError('a mixed cell with a singular exponent matrix');
    const alpha = lu.solve(new Float64Array(2 * n), normalRhs);
    const exponents = new Float64Array(this.offsets[n]!);
    let smallest = Infinity;
    types.forEach((type, t) => {
      const face = new Set(cell.faces[t]!);
      const height = (k: number): number => type.points[k]!.reduce((s, e, v) => s + e * alpha[2 * v]!, type.lifts[k]!);
      const lowest = height(cell.faces[t]![0]!);
      type.points.forEach((_, k) => {
        // Off the cell, e > 0 (the cell check made sure); clamp rounding at a tiny positive value.
        const e = face.has(k) ? 0 : Math.max(height(k) - lowest, Number.MIN_VALUE);
        if (e > 0) smallest = Math.min(smallest, e);
        for (const i of type.equations) exponents[this.offsets[i]! + k] = e;
      });
    });
    const s0 = Number.isFinite(smallest) ? Math.log(START_SMALLNESS) / smallest : -1;
    return { solver, rhs, exponents, s0 };
  }
}

/**
 * The toric homotopy of one cell in log-time: parameters c_k·exp(s·e_k) with
 * s = s0·(1 − t), so t = 0 is the (nearly) binomial system and t = 1 the start-coefficient
 * system P(y; c). Switch cells with setCell.
 */
export class ToricHomotopy extends ParameterPathHomotopy {
  private readonly c: Float64Array;
  private exponents: Float64Array;
  private s0 = -1;

  constructor(system: CompiledSystem, data: PolyhedralData) {
    super(system);
    this.c = Float64Array.from(data.start);
    if (this.c.length !== 2 * this.q) throw new RangeError(`the family has ${this.q} parameters, the start coefficients ${this.c.length / 2}`);
    this.exponents = new Float64Array(this.q);
  }

  setCell(setup: CellSetup): void {
    this.exponents = setup.exponents;
    this.s0 = setup.s0;
  }

  protected parametersAt(tre: number, tim: number): void {
    const { c, p, dp, exponents, s0 } = this;
    // s = s0·(1 − t), complex; ds/dt = −s0.
    const sr = s0 * (1 - tre);
    const si = -s0 * tim;
    for (let k = 0; k < this.q; k++) {
      const e = exponents[k]!;
      const cr = c[2 * k]!;
      const ci = c[2 * k + 1]!;
      if (e === 0) {
        p[2 * k] = cr;
        p[2 * k + 1] = ci;
        dp[2 * k] = 0;
        dp[2 * k + 1] = 0;
        continue;
      }
      const m = Math.exp(sr * e);
      const er = m * Math.cos(si * e);
      const ei = m * Math.sin(si * e);
      const pr = cr * er - ci * ei;
      const pi = cr * ei + ci * er;
      p[2 * k] = pr;
      p[2 * k + 1] = pi;
      dp[2 * k] = -s0 * e * pr;
      dp[2 * k + 1] = -s0 * e * pi;
    }
  }
}
