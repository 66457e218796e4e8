/**
 * Named distributions for random data and regularization: `normal(μ, σ)` and `uniform(a, b)`,
 * written the way users write them and drawn from a seeded stream. The default sampling of
 * a network (X, Y standard normal, λ uniform in [0.5, 1.5)) is these with default parameters,
 * and draws exactly the numbers it always drew.
 */
import { InputError } from '../errors.js';
import type { Random } from './rng.js';

export type Distribution =
  { readonly kind: 'normal'; readonly mean: number; readonly sd: number } | { readonly kind: 'uniform'; readonly low: number; readonly high: number };

/** How a network's random data and λ's are drawn. */
export interface Sampling {
  readonly X: Distribution;
  readonly Y: Distribution;
  readonly lambda: Distribution;
}

export const DEFAULT_SAMPLING: Sampling = {
  X: { kind: 'normal', mean: 0, sd: 1 },
  Y: { kind: 'normal', mean: 0, sd: 1 },
  lambda: { kind: 'uniform', low: 0.5, high: 1.5 },
};

/** The sampling of Bharadwaj–Hoşten's code (arXiv 2301.12651): X, Y ~ N(0, 1), λ ~ U(0, 1). */
export const SAMPLING_PRESETS: Readonly<Record<string, Sampling>> = {
  default: DEFAULT_SAMPLING,
  'bharadwaj-hosten': { X: { kind: 'normal', mean: 0, sd: 1 }, Y: { kind: 'normal', mean: 0, sd: 1 }, lambda: { kind: 'uniform', low: 0, high: 1 } },
};

/** One draw. normal(0, 1) and uniform(0.5, 1.5) are bit for bit the draws of rng.normal() and 0.5 + rng.uniform(). */
export function draw(d: Distribution, rng: Random): number {
  return d.kind === 'normal' ? d.mean + d.sd * rng.normal() : d.low + (d.high - d.low) * rng.uniform();
}

/** `normal(0,1)` or `uniform(0.5,1.5)`. */
export function formatDistribution(d: Distribution): string {
  return d.kind === 'normal' ? `normal(${d.mean},${d.sd})` : `uniform(${d.low},${d.high})`;
}

/**
 * What is wrong with a distribution for the named quantity, or undefined. λ must be ≥ 0:
 * a negative weight penalty makes the loss unbounded below and is no regularization.
 */
export function distributionProblem(d: Distribution, of: 'X' | 'Y' | 'lambda'): string | undefined {
  if (d.kind === 'normal') {
    if (!Number.isFinite(d.mean)) return `the mean of normal(μ, σ) must be a finite number, got ${d.mean}`;
    if (!(Number.isFinite(d.sd) && d.sd > 0)) return `the standard deviation σ of normal(μ, σ) must be a finite number > 0, got ${d.sd}`;
    if (of === 'lambda') return 'λ cannot be normal: it would draw negative penalties; use uniform(a, b) with 0 ≤ a < b';
    return undefined;
  }
  if (!Number.isFinite(d.low) || !Number.isFinite(d.high)) return `the bounds of uniform(a, b) must be finite numbers, got ${d.low}, ${d.high}`;
  if (!(d.low < d.high)) return `uniform(a, b) needs a < b, got a = ${d.low}, b = ${d.high}`;
  if (of === 'lambda' && d.low < 0) return `λ must be ≥ 0: uniform(a, b) needs a ≥ 0, got a = ${d.low}`;
  return undefined;
}

/** Reads `normal(0,1)`, `uniform(0, 1)`, `N(0,1)` or `U(0,1)`; an InputError names what is wrong. */
export function parseDistribution(text: string, of: 'X' | 'Y' | 'lambda', where: string = of): Distribution {
  const m = /^\s*(normal|uniform|N|U)\s*\(\s*([^,()]+?)\s*,\s*([^,()]+?)\s*\)\s*$/i.exec(text);
  if (!m) throw new InputError(`${where}: cannot read the distribution "${text}"; write normal(μ,σ) or uniform(a,b), e.g. normal(0,1)`);
  const [a, b] = [Number(m[2]), Number(m[3])];
  if (Number.isNaN(a) || Number.isNaN(b)) throw new InputError(`${where}: the parameters of "${text}" must be numbers`);
  const kind = m[1]!.toLowerCase();
  const d: Distribution = kind === 'normal' || kind === 'n' ? { kind: 'normal', mean: a, sd: b } : { kind: 'uniform', low: a, high: b };
  const problem = distributionProblem(d, of);
  if (problem) throw new InputError(`${where}: ${problem}`);
  return d;
}

/**
 * A sampling from text: a preset name (`default`, `bharadwaj-hosten`), or assignments
 * `X=normal(0,1),Y=normal(0,1),lambda=uniform(0,1)`, each missing one taken from the default.
 */
export function parseSampling(text: string, where = '--sampling'): Sampling {
  const preset = SAMPLING_PRESETS[text.trim()];
  if (preset) return preset;
  const out: Record<'X' | 'Y' | 'lambda', Distribution> = { ...DEFAULT_SAMPLING };
  const parts = text.match(/[^,=\s]+\s*=\s*[A-Za-z]+\s*\([^)]*\)/g);
  const rest = parts ? parts.reduce((t, p) => t.replace(p, ''), text).replace(/[\s,]/g, '') : text;
  if (!parts || rest !== '') {
    throw new InputError(
      `${where}: cannot read "${text}"; give a preset (${Object.keys(SAMPLING_PRESETS).join(', ')}) or X=normal(0,1),Y=normal(0,1),lambda=uniform(0,1)`,
    );
  }
  for (const p of parts) {
    const [name, value] = [p.slice(0, p.indexOf('=')).trim(), p.slice(p.indexOf('=') + 1)];
    const key = name === 'λ' ? 'lambda' : name;
    if (key !== 'X' && key !== 'Y' && key !== 'lambda') throw new InputError(`${where}: unknown quantity "${name}"; the sampled ones are X, Y and lambda`);
    out[key] = parseDistribution(value, key, `${where} ${key}`);
  }
  return out;
}

/** `X=normal(0,1),Y=normal(0,1),lambda=uniform(0,1)`: what parseSampling reads back. */
export function formatSampling(s: Sampling): string {
  return `X=${formatDistribution(s.X)},Y=${formatDistribution(s.Y)},lambda=${formatDistribution(s.lambda)}`;
}
