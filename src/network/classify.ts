/**
 * Classification of the critical points of a deep linear network: real or not, loss, Morse
 * index from the exact Hessian, which weights and hidden neurons vanish, the rank of the
 * end-to-end product W_L⋯W_1, and a summary with the global minima.
 *
 * Points are interleaved (re, im) Float64Arrays in variable order, as everywhere in the
 * solver; `fromPairs` in numeric/complex converts the [re, im][] of the result JSON.
 */
import { EigenvalueDecomposition, Matrix as MlMatrix, SingularValueDecomposition } from 'ml-matrix';
import { cabs, isReal, norm2 } from '../numeric/complex.js';
import { formatTable } from '../numeric/table.js';
import type { Polynomial } from '../poly/polynomial.js';
import { assertPoint, weightIndex, type LinearNetwork } from './model.js';

/** Tolerances, all relative; 1e-8 is far above the error of a refined solution (~1e-14). */
export interface ClassifyOptions {
  /** Imaginary parts at most realTol·max(1, ‖x‖∞) count as zero (numeric/isReal). Default 1e-8. */
  realTol?: number;
  /** Weights of modulus at most zeroTol·max(1, ‖x‖₂) count as zero. Default 1e-8. */
  zeroTol?: number;
  /** Hessian eigenvalues of modulus at most eigTol·max|eigenvalue| count as zero. Default 1e-8. */
  eigTol?: number;
  /** Singular values of W_L⋯W_1 at most rankTol·Π‖W_k‖_F count as zero. Default 1e-8. */
  rankTol?: number;
}

export type PointType = 'complex' | 'minimum' | 'saddle' | 'degenerate';

export interface ZeroPattern {
  /** Indices (in variable order) of the weights that vanish. */
  readonly zeroWeights: readonly number[];
  /** Hidden neurons switched off: row j of W_k and column j of W_{k+1} both vanish (1-based). */
  readonly offNeurons: readonly { readonly layer: number; readonly neuron: number }[];
  /**
   * A compact key: per hidden layer one digit per neuron, 1 on and 0 off, layers joined by
   * `|` (e.g. `10|11`); `-` for a network without hidden layers.
   */
  readonly key: string;
}

export interface CriticalPointClass {
  readonly real: boolean;
  /** Complex in general; the imaginary part is exactly 0 for real points. */
  readonly loss: readonly [number, number];
  /** `degenerate` when the Hessian has an eigenvalue ~0, whatever the others are. */
  readonly type: PointType;
  /** Morse index (number of negative Hessian eigenvalues), for real points. */
  readonly index?: number;
  /** Hessian eigenvalues in ascending order, for real points. */
  readonly eigenvalues?: readonly number[];
  readonly zeroPattern: ZeroPattern;
  /** Numerical rank of W_L⋯W_1. */
  readonly rank: number;
}

const DEFAULTS: Required<ClassifyOptions> = { realTol: 1e-8, zeroTol: 1e-8, eigTol: 1e-8, rankTol: 1e-8 };

/** Upper triangle of the Hessian polynomials, built once per network. */
const hessianCache = new WeakMap<LinearNetwork, Polynomial[][]>();

function hessianPolynomials(network: LinearNetwork): Polynomial[][] {
  let rows = hessianCache.get(network);
  if (!rows) {
    const gradient = network.system.equations;
    rows = gradient.map((g, i) => gradient.slice(i).map((_, t) => g.diff(i + t)));
    hessianCache.set(network, rows);
  }
  return rows;
}

/** The real part of a point, as a point (imaginary parts 0). */
function realPart(x: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let k = 0; k < x.length; k += 2) out[k] = x[k]!;
  return out;
}

/** The exact Hessian of the loss at a real point given as interleaved (re, im), im ignored. */
export function hessianAt(network: LinearNetwork, x: Float64Array): number[][] {
  const at = realPart(x);
  const upper = hessianPolynomials(network);
  const n = upper.length;
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  upper.forEach((row, i) =>
    row.forEach((p, t) => {
      const v = p.evaluate(at)[0];
      H[i]![i + t] = v;
      H[i + t]![i] = v;
    }),
  );
  return H;
}

/** Which weights and hidden neurons vanish at x. */
export function zeroPattern(dims: readonly number[], x: Float64Array, zeroTol = DEFAULTS.zeroTol): ZeroPattern {
  const threshold = zeroTol * Math.max(1, norm2(x));
  const isZero = (k: number): boolean => cabs(x[2 * k]!, x[2 * k + 1]!) <= threshold;
  const n = x.length / 2;
  const zeroWeights = Array.from({ length: n }, (_, k) => k).filter(isZero);
  const offNeurons: { layer: number; neuron: number }[] = [];
  const layerKeys: string[] = [];
  for (let k = 1; k < dims.length - 1; k++) {
    let digits = '';
    for (let j = 0; j < dims[k]!; j++) {
      let off = true;
      for (let c = 0; c < dims[k - 1]! && off; c++) off = isZero(weightIndex(dims, k - 1, j, c));
      for (let r = 0; r < dims[k + 1]! && off; r++) off = isZero(weightIndex(dims, k, r, j));
      if (off) offNeurons.push({ layer: k, neuron: j + 1 });
      digits += off ? '0' : '1';
    }
    layerKeys.push(digits);
  }
  return { zeroWeights, offNeurons, key: layerKeys.length === 0 ? '-' : layerKeys.join('|') };
}

/** Complex matrix as separate real and imaginary parts. */
interface CMatrix {
  re: number[][];
  im: number[][];
}

function layer(dims: readonly number[], x: Float64Array, k: number): CMatrix {
  const part = (offset: number): number[][] =>
    Array.from({ length: dims[k + 1]! }, (_, i) => Array.from({ length: dims[k]! }, (_, j) => x[2 * weightIndex(dims, k, i, j) + offset]!));
  return { re: part(0), im: part(1) };
}

function multiply(A: CMatrix, B: CMatrix): CMatrix {
  const inner = B.re.length;
  const cols = B.re[0]!.length;
  const entry = (i: number, j: number, imaginary: boolean): number => {
    let s = 0;
    for (let t = 0; t < inner; t++) {
      const [ar, ai, br, bi] = [A.re[i]![t]!, A.im[i]![t]!, B.re[t]![j]!, B.im[t]![j]!];
      s += imaginary ? ar * bi + ai * br : ar * br - ai * bi;
    }
    return s;
  };
  return {
    re: A.re.map((_, i) => Array.from({ length: cols }, (_, j) => entry(i, j, false))),
    im: A.re.map((_, i) => Array.from({ length: cols }, (_, j) => entry(i, j, true))),
  };
}

const frobenius = (A: CMatrix): number => Math.sqrt([...A.re.flat(), ...A.im.flat()].reduce((s, v) => s + v * v, 0));

/**
 * Numerical rank of a complex matrix: A + iB has rank r exactly when its real embedding
 * [[A, −B], [B, A]] has rank 2r, so one real SVD serves both cases. Singular values are
 * measured against `scale`, the size its rounding errors have, and an absolute floor: a
 * matrix that is zero up to rounding (the origin's layers, entries ~1e-17) has rank 0, not the
 * full rank its relative singular values would give.
 */
const RANK_FLOOR = 1e-14;

function numericalRank(P: CMatrix, scale: number, rankTol: number): number {
  const complex = P.im.some((row) => row.some((v) => v !== 0));
  const embedding = complex ? [...P.re.map((row, i) => [...row, ...P.im[i]!.map((v) => -v)]), ...P.im.map((row, i) => [...row, ...P.re[i]!])] : P.re;
  const svd = new SingularValueDecomposition(new MlMatrix(embedding), {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
    autoTranspose: true,
  });
  const rank = svd.diagonal.filter((v) => v > rankTol * scale && v > RANK_FLOOR).length;
  return complex ? Math.round(rank / 2) : rank;
}

/** Numerical rank of W_L⋯W_1 at x, against Π‖W_k‖_F (the scale of the product's rounding errors). */
export function productRank(dims: readonly number[], x: Float64Array, rankTol = DEFAULTS.rankTol): number {
  const layers = dims.slice(1).map((_, k) => layer(dims, x, k));
  const P = layers.slice(1).reduce((acc, W) => multiply(W, acc), layers[0]!);
  return numericalRank(
    P,
    layers.reduce((s, W) => s * frobenius(W), 1),
    rankTol,
  );
}

/** Numerical rank of each layer W_1, …, W_L at x. */
export function layerRanks(dims: readonly number[], x: Float64Array, rankTol = DEFAULTS.rankTol): number[] {
  return dims.slice(1).map((_, k) => {
    const W = layer(dims, x, k);
    return numericalRank(W, frobenius(W), rankTol);
  });
}

/**
 * The Hessian's spectrum at a real point: its eigenvalues, the Morse(–Bott) index (negative
 * ones) and the nullity (zero ones, relative to the largest). On a critical set of dimension k
 * and multiplicity one the nullity at a generic point is k, and the index is its Morse–Bott index.
 */
export function morseBott(network: LinearNetwork, x: Float64Array, eigTol = DEFAULTS.eigTol): { index: number; nullity: number; eigenvalues: number[] } {
  const H = hessianAt(network, x);
  const eigenvalues = new EigenvalueDecomposition(new MlMatrix(H), { assumeSymmetric: true }).realEigenvalues.sort((a, b) => a - b);
  const threshold = eigTol * Math.max(...eigenvalues.map(Math.abs));
  return { index: eigenvalues.filter((v) => v < -threshold).length, nullity: eigenvalues.filter((v) => Math.abs(v) <= threshold).length, eigenvalues };
}

/** Morse index, eigenvalues and type from the Hessian at a real point. */
function morse(network: LinearNetwork, x: Float64Array, eigTol: number): { index: number; eigenvalues: number[]; type: PointType } {
  const { index, nullity, eigenvalues } = morseBott(network, x, eigTol);
  return { index, eigenvalues, type: nullity > 0 ? 'degenerate' : index === 0 ? 'minimum' : 'saddle' };
}

/** Classifies one critical point, given as interleaved (re, im) in variable order. */
export function classifyPoint(network: LinearNetwork, x: Float64Array, options: ClassifyOptions = {}): CriticalPointClass {
  const tol = { ...DEFAULTS, ...options };
  assertPoint(network, x);
  const real = isReal(x, tol.realTol);
  // A real point is classified at its real part, so that its loss and Hessian are real.
  const at = real ? realPart(x) : x;
  const common = {
    real,
    loss: network.loss.evaluate(at),
    zeroPattern: zeroPattern(network.dims, at, tol.zeroTol),
    rank: productRank(network.dims, at, tol.rankTol),
  };
  if (!real) return { ...common, type: 'complex' };
  return { ...common, ...morse(network, at, tol.eigTol) };
}

/** Counts of points by type. */
export interface TypeCounts {
  points: number;
  complex: number;
  minima: number;
  saddles: number;
  degenerate: number;
}

export interface CriticalSummary extends TypeCounts {
  /** Real points (minima, saddles and degenerate ones). */
  real: number;
  /** Real nondegenerate saddles by Morse index. */
  saddlesByIndex: Record<number, number>;
  /** Points per zero-pattern key: `summary.patterns` of the result JSON. */
  patterns: Record<string, number>;
  /** The same points per zero-pattern key, by type. */
  byPattern: Record<string, TypeCounts>;
  /** Lowest loss among the real minima and which points (indices into the input) attain it. */
  globalMinimum?: { loss: number; points: number[] };
}

const emptyCounts = (): TypeCounts => ({ points: 0, complex: 0, minima: 0, saddles: 0, degenerate: 0 });

function count(counts: TypeCounts, type: PointType): void {
  counts.points++;
  if (type === 'complex') counts.complex++;
  else if (type === 'minimum') counts.minima++;
  else if (type === 'saddle') counts.saddles++;
  else counts.degenerate++;
}

/**
 * The summary of classified points. Global minima are the real minima whose loss is within
 * 1e-9 (relative) of the lowest: symmetric copies of one minimum have equal losses up to
 * rounding.
 */
export function summarize(classes: readonly CriticalPointClass[]): CriticalSummary {
  const summary: CriticalSummary = { ...emptyCounts(), real: 0, saddlesByIndex: {}, patterns: {}, byPattern: {} };
  classes.forEach((c) => {
    count(summary, c.type);
    if (c.real) summary.real++;
    if (c.type === 'saddle') summary.saddlesByIndex[c.index!] = (summary.saddlesByIndex[c.index!] ?? 0) + 1;
    const key = c.zeroPattern.key;
    summary.patterns[key] = (summary.patterns[key] ?? 0) + 1;
    count((summary.byPattern[key] ??= emptyCounts()), c.type);
  });
  const minima = classes.map((c, i) => ({ loss: c.loss[0], i, c })).filter(({ c }) => c.type === 'minimum');
  if (minima.length > 0) {
    const lowest = Math.min(...minima.map((m) => m.loss));
    const cutoff = lowest + 1e-9 * Math.max(1, Math.abs(lowest));
    summary.globalMinimum = { loss: lowest, points: minima.filter((m) => m.loss <= cutoff).map((m) => m.i) };
  }
  return summary;
}

/** Classifies every point and summarizes them. */
export function classifyPoints(
  network: LinearNetwork,
  points: readonly Float64Array[],
  options: ClassifyOptions = {},
): { points: CriticalPointClass[]; summary: CriticalSummary } {
  const classes = points.map((x) => classifyPoint(network, x, options));
  return { points: classes, summary: summarize(classes) };
}

/** The table of critical points by zero pattern; `isolatedOnly` when components hold other points (the global minimum may lie on one). */
export function renderSummary(summary: CriticalSummary, options: { isolatedOnly?: boolean } = {}): string {
  const header = ['pattern', 'points', 'complex', 'minima', 'saddles', 'degenerate'];
  const row = (label: string, c: TypeCounts): string[] => [label, ...[c.points, c.complex, c.minima, c.saddles, c.degenerate].map(String)];
  const keys = Object.keys(summary.byPattern).sort((a, b) => summary.byPattern[b]!.points - summary.byPattern[a]!.points || a.localeCompare(b));
  const lines = [
    formatTable(
      header,
      keys.map((k) => row(k, summary.byPattern[k]!)),
      { left: (col) => col === 0, footer: [row('total', summary)] },
    ),
  ];
  const indices = Object.entries(summary.saddlesByIndex).map(([index, n]) => `index ${index}: ${n}`);
  if (indices.length > 0) lines.push(`saddles by Morse index: ${indices.join(', ')}`);
  const g = summary.globalMinimum;
  const lowest = options.isolatedOnly ? 'lowest real isolated point' : 'global minimum';
  lines.push(
    g
      ? `${lowest}: loss ${g.loss.toPrecision(10)} at ${g.points.length} point${g.points.length === 1 ? '' : 's'} (#${g.points.map((i) => i + 1).join(', #')})`
      : `${lowest}: none among the real points found`,
  );
  lines.push('pattern: one digit per hidden neuron (1 on, 0 off: its incoming and outgoing weights vanish), layers separated by |');
  return lines.join('\n');
}
