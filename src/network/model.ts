/**
 * The deep linear network: its loss
 *   L(W) = ½‖W_L⋯W_1·X − Y‖²_F + ½ Σ_k Σ_ij λ_k[i][j]·W_k[i][j]²
 * as a polynomial, and its gradient system (one equation ∂L/∂w per weight). W_k is
 * d_k × d_{k−1}; the variables are named `W1[1,1]`, … (1-based) in layer, row, column order.
 *
 * The data enter only through the Gram matrices XXᵀ, YXᵀ and tr(YYᵀ), since
 *   ½‖PX − Y‖² = ½ tr(P·XXᵀ·Pᵀ) − tr(YXᵀ·Pᵀ) + ½ tr(YYᵀ),
 * so a million data points cost no more to model than ten.
 */
import { InputError } from '../errors.js';
import { DEFAULT_SAMPLING, draw, type Distribution, type Sampling } from '../numeric/distributions.js';
import { Random, STREAMS } from '../numeric/rng.js';
import { PolyMatrix } from '../poly/matrix.js';
import { Polynomial } from '../poly/polynomial.js';
import { makeSystem, type System } from '../poly/system.js';

/** A real matrix as rows of numbers. */
export type Matrix = readonly (readonly number[])[];

/**
 * How the weights are regularized. `generic` draws every λ independently from the sampling (default uniform in
 * [0.5, 1.5)): distinct λ's break the rescaling symmetries of the network, so the critical
 * points are isolated and can all be counted. `weight-decay` uses one λ for every weight.
 */
export type Regularization =
  { kind: 'generic' } | { kind: 'none' } | { kind: 'weight-decay'; lambda: number } | { kind: 'entrywise'; lambda: readonly Matrix[] };

export interface LinearNetworkOptions {
  /** Layer widths d_0 (inputs) … d_L (outputs); at least two. */
  dims: readonly number[];
  /** Number of random data points when X and Y are not given (default 1). */
  points?: number;
  /** Inputs, d_0 rows and one column per data point; standard normal from `seed` if absent. */
  X?: Matrix;
  /** Targets, d_L rows, as many columns as X; standard normal from `seed` if absent. */
  Y?: Matrix;
  /** Default `generic`. */
  regularization?: Regularization;
  /** Seed of the random data and λ's (default 0); X, Y and λ use independent streams. */
  seed?: number;
  /** How X, Y and the generic λ's are drawn (default: X, Y standard normal, λ uniform in [0.5, 1.5)). */
  sampling?: Sampling;
}

/** The Gram matrices through which the data enter the loss. */
export interface NetworkGram {
  /** XXᵀ, d_0 × d_0. */
  readonly XX: Matrix;
  /** YXᵀ, d_L × d_0. */
  readonly YX: Matrix;
  /** tr(YYᵀ) = ‖Y‖²_F. */
  readonly YYtrace: number;
}

export interface LinearNetwork {
  readonly dims: readonly number[];
  readonly X: Matrix;
  readonly Y: Matrix;
  /** The entrywise λ actually used: λ_k is d_k × d_{k−1} (index k−1 here). */
  readonly lambda: readonly Matrix[];
  readonly gram: NetworkGram;
  /** `W1[1,1]`, … in layer, row, column order; the order of the system's variables. */
  readonly variables: readonly string[];
  readonly loss: Polynomial;
  /** The gradient system: equation k is ∂L/∂(variable k). */
  readonly system: System;
  /** False when the critical points form positive-dimensional families. */
  readonly isolated: boolean;
  /** Why the critical points are not isolated, in words for the user. */
  readonly warning?: string;
  /** The seed that drew the random data or λ's, when any were drawn (the options' `seed`). */
  readonly dataSeed?: number;
}

/** One thing wrong with network options: where (a JSON-style path, 0-based) and what. */
export interface OptionIssue {
  readonly path: string;
  readonly message: string;
}

/** A value as it should appear in a message: numbers as themselves (NaN, Infinity too). */
export const describeValue = (v: unknown): string => (typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? String(v)));

/**
 * Checks a matrix's shape and entries; returns its column count (undefined when the rows
 * disagree). `rowsWhy` says what the rows stand for, for the message.
 */
function matrixIssues(path: string, m: Matrix, rows: number, rowsWhy: string, nonNegative: boolean, out: OptionIssue[]): number | undefined {
  if (m.length !== rows) out.push({ path, message: `has ${m.length} rows but needs ${rows} (${rowsWhy})` });
  const cols = m[0]?.length ?? 0;
  let rectangular = true;
  m.forEach((row, i) => {
    if (row.length !== cols) {
      rectangular = false;
      out.push({ path: `${path}[${i}]`, message: `has ${row.length} entries but ${path}[0] has ${cols}: every row needs the same length` });
    }
    row.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) out.push({ path: `${path}[${i}][${j}]`, message: `must be a finite number, got ${describeValue(v)}` });
      else if (nonNegative && v < 0) out.push({ path: `${path}[${i}][${j}]`, message: `must not be negative, got ${v}` });
    });
  });
  return rectangular ? cols : undefined;
}

function regularizationIssues(dims: readonly number[], reg: Regularization, out: OptionIssue[]): void {
  if (reg.kind === 'weight-decay') {
    if (!Number.isFinite(reg.lambda) || reg.lambda < 0) {
      out.push({ path: 'regularization.lambda', message: `must be a finite number ≥ 0, got ${describeValue(reg.lambda)}` });
    }
  } else if (reg.kind === 'entrywise') {
    const L = dims.length - 1;
    if (reg.lambda.length !== L) {
      out.push({ path: 'regularization.lambda', message: `needs one matrix per layer, ${L}, got ${reg.lambda.length}` });
      return;
    }
    reg.lambda.forEach((m, k) => {
      const path = `regularization.lambda[${k}]`;
      const why = `λ_${k + 1} has the shape of W${k + 1}, ${dims[k + 1]}×${dims[k]}`;
      const cols = matrixIssues(path, m, dims[k + 1]!, why, true, out);
      if (cols !== undefined && cols !== dims[k] && m.length > 0) out.push({ path, message: `has ${cols} columns but needs ${dims[k]} (${why})` });
    });
  }
}

/** Everything wrong with the options, in the order a reader meets the fields. */
export function networkOptionIssues(options: LinearNetworkOptions): OptionIssue[] {
  const out: OptionIssue[] = [];
  const { dims } = options;
  if (dims.length < 2) {
    out.push({ path: 'dims', message: `needs at least two layer widths (inputs and outputs), got ${dims.length}` });
  }
  dims.forEach((d, k) => {
    if (!Number.isInteger(d) || d < 1) out.push({ path: `dims[${k}]`, message: `must be a positive integer, got ${describeValue(d)}` });
  });
  if (out.length > 0) return out;
  if (options.points !== undefined && (!Number.isInteger(options.points) || options.points < 1)) {
    out.push({ path: 'points', message: `must be a positive integer, got ${describeValue(options.points)}` });
  }
  const { X, Y } = options;
  if ((X === undefined) !== (Y === undefined)) {
    out.push({ path: X === undefined ? 'X' : 'Y', message: 'is missing: give both X and Y, or neither for random data' });
  }
  if (X !== undefined && Y !== undefined) {
    const m = matrixIssues('X', X, dims[0]!, `one per input, dims[0] = ${dims[0]}`, false, out);
    const mY = matrixIssues('Y', Y, dims[dims.length - 1]!, `one per output, dims[${dims.length - 1}] = ${dims[dims.length - 1]}`, false, out);
    if (m === 0) out.push({ path: 'X', message: 'has no columns: it needs one column per data point' });
    if (m !== undefined && mY !== undefined && m !== mY) {
      out.push({ path: 'Y', message: `has ${mY} columns but X has ${m}: both need one column per data point` });
    }
    if (m !== undefined && options.points !== undefined && options.points !== m) {
      out.push({ path: 'points', message: `is ${options.points} but X has ${m} columns (data points)` });
    }
  }
  if (options.regularization) regularizationIssues(dims, options.regularization, out);
  return out;
}

/** Index of weight W_{k+1}[i+1, j+1] among the variables (all arguments 0-based). */
export function weightIndex(dims: readonly number[], layer: number, i: number, j: number): number {
  let offset = 0;
  for (let k = 0; k < layer; k++) offset += dims[k]! * dims[k + 1]!;
  return offset + i * dims[layer]! + j;
}

export function weightNames(dims: readonly number[]): string[] {
  const names: string[] = [];
  for (let k = 1; k < dims.length; k++) {
    for (let i = 1; i <= dims[k]!; i++) for (let j = 1; j <= dims[k - 1]!; j++) names.push(`W${k}[${i},${j}]`);
  }
  return names;
}

/** Drawn one data point (column) at a time, so that more points extend the same data. */
function randomMatrix(rows: number, cols: number, d: Distribution, rng: Random): number[][] {
  const m = Array.from({ length: rows }, () => new Array<number>(cols));
  for (let t = 0; t < cols; t++) for (let i = 0; i < rows; i++) m[i]![t] = draw(d, rng);
  return m;
}

/** A·Bᵀ for matrices with the same number of columns (the data points). */
function timesTranspose(A: Matrix, B: Matrix): number[][] {
  return A.map((a) =>
    B.map((b) => {
      let s = 0;
      for (let t = 0; t < a.length; t++) s += a[t]! * b[t]!;
      return s;
    }),
  );
}

export function gramMatrices(X: Matrix, Y: Matrix): NetworkGram {
  let YYtrace = 0;
  for (const row of Y) for (const v of row) YYtrace += v * v;
  return { XX: timesTranspose(X, X), YX: timesTranspose(Y, X), YYtrace };
}

function entrywiseLambda(dims: readonly number[], reg: Regularization, d: Distribution, seed: number): Matrix[] {
  const rng = new Random(seed, STREAMS.dataLambda);
  const shapes = dims.slice(1).map((rows, k) => [rows, dims[k]!] as const);
  switch (reg.kind) {
    case 'entrywise':
      return reg.lambda.map((m) => m.map((row) => [...row]));
    case 'none':
      return shapes.map(([r, c]) => Array.from({ length: r }, () => new Array<number>(c).fill(0)));
    case 'weight-decay':
      return shapes.map(([r, c]) => Array.from({ length: r }, () => new Array<number>(c).fill(reg.lambda)));
    case 'generic':
      return shapes.map(([r, c]) => Array.from({ length: r }, () => Array.from({ length: c }, () => draw(d, rng))));
  }
}

/** The weight matrices W_1 … W_L as matrices of variables. */
function weightMatrices(dims: readonly number[], nvars: number): PolyMatrix[] {
  return dims.slice(1).map((rows, k) => PolyMatrix.fromFunction(rows, dims[k]!, (i, j) => Polynomial.variable(nvars, weightIndex(dims, k, i, j))));
}

/** The loss polynomial, built by matrix algebra from the Gram matrices. */
function lossPolynomial(dims: readonly number[], gram: NetworkGram, lambda: readonly Matrix[]): Polynomial {
  const nvars = weightNames(dims).length;
  const W = weightMatrices(dims, nvars);
  // P = W_L⋯W_1, and P·XXᵀ = W_L⋯W_2·(W_1·XXᵀ): multiplying the linear factor first keeps
  // every intermediate product as small as it can be.
  let P = W[0]!;
  let PC = W[0]!.mul(PolyMatrix.fromNumbers(nvars, gram.XX));
  for (const Wk of W.slice(1)) {
    P = Wk.mul(P);
    PC = Wk.mul(PC);
  }
  // tr(A·Pᵀ) = Σ_ij A_ij·P_ij, so both traces are sums of entrywise products.
  const quadratic = PC.hadamard(P).sum().scale(0.5);
  const linear = PolyMatrix.fromNumbers(nvars, gram.YX).hadamard(P).sum();
  let regularizer = Polynomial.zero(nvars);
  W.forEach((Wk, k) => {
    regularizer = regularizer.add(PolyMatrix.fromNumbers(nvars, lambda[k]!).hadamard(Wk.hadamard(Wk)).sum().scale(0.5));
  });
  return quadratic
    .sub(linear)
    .add(Polynomial.constant(nvars, 0.5 * gram.YYtrace))
    .add(regularizer);
}

const sameRow = (a: readonly number[], b: readonly number[]): boolean => a.every((v, t) => v === b[t]);

/** Why the critical points are not isolated: the continuous symmetries of the loss. */
function symmetryReasons(dims: readonly number[], lambda: readonly Matrix[], XX: Matrix): string[] {
  const hidden = dims.length - 2;
  const unregularized = lambda.every((m) => m.every((row) => row.every((v) => v === 0)));
  const reasons: string[] = [];
  if (unregularized && hidden > 0) {
    reasons.push('without regularization, scaling the incoming weights of a hidden neuron by t and its outgoing weights by 1/t leaves the loss unchanged');
  }
  for (let k = 1; k <= hidden && !unregularized; k++) {
    const incoming = lambda[k - 1]!;
    const outgoing = (j: number): number[] => lambda[k]!.map((row) => row[j]!);
    for (let j = 0; j < dims[k]!; j++) {
      if (incoming[j]!.every((v) => v === 0) && outgoing(j).every((v) => v === 0)) {
        reasons.push(
          `hidden neuron ${j + 1} of layer ${k} has λ = 0 on all its weights, ` +
            'so scaling its incoming weights by t and its outgoing weights by 1/t leaves the loss unchanged',
        );
      }
      for (let jj = j + 1; jj < dims[k]!; jj++) {
        if (sameRow(incoming[j]!, incoming[jj]!) && sameRow(outgoing(j), outgoing(jj))) {
          reasons.push(
            `hidden neurons ${j + 1} and ${jj + 1} of layer ${k} have equal λ's on their incoming and on their outgoing weights, ` +
              'so rotating one into the other leaves the loss unchanged',
          );
        }
      }
    }
  }
  const free = lambda[0]!.flatMap((row, i) => (singularWithDiagonal(XX, row) ? [i + 1] : []));
  if (free.length > 0) {
    const rows = free.length === 1 ? `row ${free[0]}` : `rows ${free.join(', ')}`;
    reasons.push(`${rows} of W1 can move along directions that neither the data X (too few points, or collinear ones) nor the λ's constrain`);
  }
  return reasons;
}

/**
 * Whether XXᵀ + diag(d) is singular, by a Cholesky factorization with a relative pivot
 * tolerance (the matrix is positive semi-definite, so a tiny pivot means singular).
 */
function singularWithDiagonal(XX: Matrix, d: readonly number[]): boolean {
  const n = d.length;
  const A = XX.map((row, i) => row.map((v, j) => v + (i === j ? d[i]! : 0)));
  const scale = Math.max(...A.map((row, i) => row[i]!));
  if (scale <= 0) return true;
  for (let c = 0; c < n; c++) {
    let pivot = A[c]![c]!;
    for (let t = 0; t < c; t++) pivot -= A[c]![t]! * A[c]![t]!;
    if (pivot <= 1e-12 * scale) return true;
    const root = Math.sqrt(pivot);
    A[c]![c] = root;
    for (let r = c + 1; r < n; r++) {
      let s = A[r]![c]!;
      for (let t = 0; t < c; t++) s -= A[r]![t]! * A[c]![t]!;
      A[r]![c] = s / root;
    }
  }
  return false;
}

function isolationWarning(reasons: readonly string[]): string | undefined {
  if (reasons.length === 0) return undefined;
  const shown = reasons.slice(0, 3).join('; ');
  const more = reasons.length > 3 ? `; and ${reasons.length - 3} more such symmetries` : '';
  return (
    `the critical points are not isolated: they form positive-dimensional families, so they cannot be counted as points. ` +
    `Reason: ${shown}${more}. critsolve network decomposes such a critical set into its components (--method decompose); generic regularization (distinct λ's for all weights) makes the points isolated.`
  );
}

/** The issues as one line for the user; a long list is cut after a few. */
export function formatIssues(issues: readonly OptionIssue[], limit = 5): string {
  const shown = issues.slice(0, limit).map((p) => `${p.path} ${p.message}`);
  if (issues.length > limit) shown.push(`and ${issues.length - limit} more problems`);
  return shown.join('; ');
}

/** The deep linear network with the given architecture, data and regularization. */
export function linearNetwork(options: LinearNetworkOptions): LinearNetwork {
  const issues = networkOptionIssues(options);
  if (issues.length > 0) {
    throw new InputError(`invalid network: ${formatIssues(issues)}`);
  }
  const dims = [...options.dims];
  const seed = options.seed ?? 0;
  const points = options.X?.[0]?.length ?? options.points ?? 1;
  const sampling = options.sampling ?? DEFAULT_SAMPLING;
  const X = options.X ?? randomMatrix(dims[0]!, points, sampling.X, new Random(seed, STREAMS.dataX));
  const Y = options.Y ?? randomMatrix(dims[dims.length - 1]!, points, sampling.Y, new Random(seed, STREAMS.dataY));
  const lambda = entrywiseLambda(dims, options.regularization ?? { kind: 'generic' }, sampling.lambda, seed);
  const gram = gramMatrices(X, Y);
  const variables = weightNames(dims);
  const loss = lossPolynomial(dims, gram, lambda);
  const system = makeSystem(
    variables,
    variables.map((_, k) => loss.diff(k)),
  );
  const warning = isolationWarning(symmetryReasons(dims, lambda, gram.XX));
  const drawn = !options.X || !options.Y || (options.regularization ?? { kind: 'generic' }).kind === 'generic';
  return {
    dims,
    X,
    Y,
    lambda,
    gram,
    variables,
    loss,
    system,
    isolated: warning === undefined,
    ...(warning ? { warning } : {}),
    ...(drawn ? { dataSeed: seed } : {}),
  };
}

/** Refuses a point that does not have one (re, im) pair per weight: a programming error. */
export function assertPoint(network: LinearNetwork, x: Float64Array | readonly number[]): void {
  if (x.length !== 2 * network.variables.length) {
    throw new RangeError(`a point of this network has ${2 * network.variables.length} numbers (re, im per weight), got ${x.length}`);
  }
}

/** The loss at a complex point, given as interleaved (re, im) in variable order. */
export function lossAt(network: LinearNetwork, x: Float64Array | readonly number[]): [number, number] {
  assertPoint(network, x);
  return network.loss.evaluate(x);
}
