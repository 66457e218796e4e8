/**
 * Solve once, track many: the solutions at one generic (complex) parameter point carried by
 * parameter homotopies to each of many target parameter points, real ones included. For a
 * generic source every solution of every target is reached, since the number of isolated
 * solutions is largest at generic parameters (a target may have fewer: then paths diverge or
 * meet at singular endpoints, and the grouping below says so).
 */
import { compileSystem } from '../compile/compile.js';
import { InputError } from '../errors.js';
import { Random, STREAMS } from '../numeric/rng.js';
import type { System } from '../poly/system.js';
import type { PathResult } from '../track/pathResult.js';
import { defaultLimits, type PresetName, type TrackerLimits } from '../track/presets.js';
import { collectSolutions, type Collected } from './collect.js';
import { Leg } from '../paths/legs.js';

export interface TrackToParametersOptions {
  /** Seed of γ and of the grouping's projection (default 0). */
  seed?: number;
  preset?: PresetName;
  limits?: Partial<TrackerLimits>;
}

export interface TrackedInstance extends Collected {
  /** The target parameters (interleaved re, im). */
  readonly parameters: Float64Array;
  /** One path per source solution, in order. */
  readonly paths: PathResult[];
  readonly seconds: number;
}

/**
 * A random γ with |arg γ| < 0.4π: the denominator γ(1 − t) + t of λ(t) runs along the chord
 * from γ to 1, at least cos(arg γ / 2) from 0, so |λ| ≤ 1/cos(0.2π) ≈ 1.24 and the parameters
 * stay near the segment from source to target.
 */
function rightHalfGamma(rng: Random): [number, number] {
  const angle = (rng.uniform() - 0.5) * 0.8 * Math.PI;
  return [Math.cos(angle), Math.sin(angle)];
}

export async function trackToParameters(
  system: System,
  sourceParameters: Float64Array,
  solutions: readonly Float64Array[],
  targetParameters: readonly Float64Array[],
  options: TrackToParametersOptions = {},
): Promise<TrackedInstance[]> {
  const q = system.parameters.length;
  const n = system.variables.length;
  if (q === 0) throw new InputError('tracking to other parameters needs a system with parameters');
  for (const p of [sourceParameters, ...targetParameters]) {
    if (p.length !== 2 * q) throw new InputError(`parameter points need ${q} complex values (${2 * q} numbers), got ${p.length} numbers`);
  }
  for (const x of solutions) {
    if (x.length !== 2 * n) throw new InputError(`solutions need ${n} complex values (${2 * n} numbers), got ${x.length} numbers`);
  }
  const seed = options.seed ?? 0;
  const compiled = compileSystem(system);
  const settings = { preset: options.preset ?? 'default', limits: { ...defaultLimits, ...options.limits } };
  const out: TrackedInstance[] = [];
  for (const [t, target] of targetParameters.entries()) {
    const began = performance.now();
    const rng = new Random(seed, STREAMS.parameterHomotopy + t);
    const leg = new Leg(compiled, sourceParameters, target, rightHalfGamma(rng), settings);
    const paths = solutions.map((x, i) => leg.track(i, x));
    const strict = new Leg(compiled, sourceParameters, target, leg.gamma, { ...settings, preset: 'conservative' });
    const retrack = async (indices: number[]): Promise<PathResult[]> => indices.map((i) => strict.track(i, solutions[i]!));
    const collected = await collectSolutions(paths, leg.target, rng.derive(0), retrack);
    out.push({ ...collected, parameters: new Float64Array(target), paths, seconds: (performance.now() - began) / 1000 });
  }
  return out;
}
