/**
 * Initializations of descent and flow, and Saxe's learning-time law (Saxe, McClelland and
 * Ganguli, arXiv 1312.6120) to check them against.
 *
 * Without regularization and with whitened inputs (XXᵀ = I), the loss ½‖W_L⋯W_1X − Y‖² has
 * Σ = YXᵀ = U·S·Vᵀ as its target. A decoupled initialization puts every layer in Σ's
 * singular bases: W_1 = ε·V_rᵀ, W_l = ε·I between, W_L = ε·U_r. Each mode then learns on its
 * own: its strength u (the α-th singular value of the product) starts at u₀ = ε^L and obeys
 *   du/dt = L·u^(2−2/L)·(s − u)
 * under gradient flow (balanced layers), so it reaches s/2 at
 *   T = ∫_{u₀}^{s/2} du / (L·u^(2−2/L)·(s − u)),  which is  T = ln((s − u₀)/u₀) / (2s)  for L = 2.
 * Gradient descent with step η follows the flow at time = iteration·η.
 */
import { SVD, Matrix } from 'ml-matrix';
import { Random, STREAMS } from '../numeric/rng.js';
import type { LinearNetwork } from '../network/model.js';

/** `random`: every weight ε·N(0, 1); `decoupled`: the layers in the singular bases of YXᵀ. */
export type Initialization = 'random' | 'decoupled';

export const INITIALIZATIONS: readonly Initialization[] = ['random', 'decoupled'];

/** The real initial weights (row-major per layer, as weightNames). */
export function initialWeights(network: LinearNetwork, scale: number, seed: number, init: Initialization): Float64Array<ArrayBuffer> {
  const n = network.variables.length;
  const w = new Float64Array(n);
  if (init === 'random') {
    const rng = new Random(seed, STREAMS.solver);
    for (let k = 0; k < n; k++) w[k] = scale * rng.normal();
    return w;
  }
  const { dims } = network;
  const L = dims.length - 1;
  const sigma = new Matrix(network.Y).mmul(new Matrix(network.X).transpose());
  const svd = new SVD(sigma, { autoTranspose: true });
  const U = svd.leftSingularVectors;
  const V = svd.rightSingularVectors;
  const modes = Math.min(U.columns, V.columns);
  let offset = 0;
  for (let l = 1; l <= L; l++) {
    const rows = dims[l]!;
    const cols = dims[l - 1]!;
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) {
        let v: number;
        if (L === 1) {
          v = 0;
          for (let a = 0; a < modes; a++) v += U.get(i, a) * V.get(j, a);
        } else if (l === 1) v = i < modes ? V.get(j, i) : 0;
        else if (l === L) v = j < modes ? U.get(i, j) : 0;
        else v = i === j ? 1 : 0;
        w[offset + i * cols + j] = scale * v;
      }
    offset += rows * cols;
  }
  return w;
}

/** Saxe's half-learning time of a mode of strength s from u₀ in a network of L layers (time units of gradient flow). */
export function saxeHalfTime(s: number, u0: number, L: number): number {
  if (!(s > 0) || u0 >= s / 2) return 0;
  if (L === 2) return Math.log((s - u0) / u0) / (2 * s);
  // ∫ du / (L u^(2−2/L) (s − u)) in v = ln u, by Simpson's rule: the integrand is smooth in v.
  const a = Math.log(u0);
  const b = Math.log(s / 2);
  const f = (v: number): number => {
    const u = Math.exp(v);
    return u ** (2 / L - 1) / (L * (s - u));
  };
  const m = 4000;
  const h = (b - a) / m;
  let sum = f(a) + f(b);
  for (let k = 1; k < m; k++) sum += (k % 2 === 1 ? 4 : 2) * f(a + k * h);
  return (sum * h) / 3;
}

export interface HalfLearning {
  /** Whether Saxe's law holds for this run; when not, why. */
  readonly applies: boolean;
  readonly reason?: string;
  /** Per mode (Σ's singular values, descending): the predicted and the measured time to s/2. */
  readonly modes: readonly { readonly s: number; readonly u0: number; readonly predicted: number; readonly measured: number | null }[];
}

/**
 * The measured half-learning time of every mode against Saxe's law, from samples of the
 * trajectory (time and the product's singular values, descending). Applies to a decoupled
 * initialization without regularization on whitened inputs; otherwise `applies` is false
 * and the reason names what breaks the law.
 */
export function halfLearningTimes(
  network: LinearNetwork,
  scale: number,
  samples: readonly { readonly time: number; readonly sv: readonly number[] }[],
): HalfLearning {
  const L = network.dims.length - 1;
  const X = new Matrix(network.X);
  const gram = X.mmul(X.transpose());
  const reasons: string[] = [];
  if (network.lambda.some((m) => m.some((row) => row.some((v) => v !== 0)))) reasons.push('the loss is regularized');
  let off = 0;
  for (let i = 0; i < gram.rows; i++) for (let j = 0; j < gram.columns; j++) off = Math.max(off, Math.abs(gram.get(i, j) - (i === j ? 1 : 0)));
  if (off > 1e-9) reasons.push(`the inputs are not whitened (XXᵀ differs from I by ${off.toPrecision(2)})`);
  const sigma = new Matrix(network.Y).mmul(X.transpose());
  const s = new SVD(sigma, { autoTranspose: true, computeLeftSingularVectors: false, computeRightSingularVectors: false }).diagonal;
  const width = Math.min(...network.dims);
  const u0 = scale ** L;
  const modes = s
    .slice(0, width)
    .filter((v) => v > 1e-12)
    .map((sa, a) => {
      let measured: number | null = null;
      for (let k = 1; k < samples.length; k++) {
        const prev = samples[k - 1]!.sv[a] ?? 0;
        const cur = samples[k]!.sv[a] ?? 0;
        if (cur >= sa / 2) {
          const t0 = samples[k - 1]!.time;
          const t1 = samples[k]!.time;
          measured = prev >= sa / 2 ? t0 : t0 + ((sa / 2 - prev) / (cur - prev)) * (t1 - t0);
          break;
        }
      }
      return { s: sa, u0, predicted: saxeHalfTime(sa, u0, L), measured };
    });
  return reasons.length === 0 ? { applies: true, modes } : { applies: false, reason: reasons.join('; '), modes };
}
