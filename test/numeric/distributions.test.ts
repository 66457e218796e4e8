/** Named distributions: what they read, what they refuse, and that the default draws what the network always drew. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLING, draw, formatSampling, parseDistribution, parseSampling, SAMPLING_PRESETS } from '../../src/numeric/distributions.js';
import { Random, STREAMS } from '../../src/numeric/rng.js';
import { linearNetwork } from '../../src/network/model.js';

describe('distributions', () => {
  it('draws normal(0,1) and uniform(0.5,1.5) bit for bit as rng.normal() and 0.5 + rng.uniform()', () => {
    const [a, b] = [new Random(7, STREAMS.dataX), new Random(7, STREAMS.dataX)];
    for (let k = 0; k < 100; k++) expect(draw(DEFAULT_SAMPLING.X, a)).toBe(b.normal());
    const [c, d] = [new Random(7, STREAMS.dataLambda), new Random(7, STREAMS.dataLambda)];
    for (let k = 0; k < 100; k++) expect(draw(DEFAULT_SAMPLING.lambda, c)).toBe(0.5 + d.uniform());
  });

  it('draws within the bounds and with the moments asked for', () => {
    const rng = new Random(3, STREAMS.dataY);
    const u = parseDistribution('uniform(2, 5)', 'X');
    const n = parseDistribution('normal(-1,0.5)', 'Y');
    const us = Array.from({ length: 20000 }, () => draw(u, rng));
    const ns = Array.from({ length: 20000 }, () => draw(n, rng));
    expect(Math.min(...us)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...us)).toBeLessThan(5);
    const mean = ns.reduce((s, v) => s + v, 0) / ns.length;
    const sd = Math.sqrt(ns.reduce((s, v) => s + (v - mean) ** 2, 0) / ns.length);
    // 20,000 draws: the standard error of the mean is 0.0035, of the sd about 0.0025.
    expect(Math.abs(mean + 1)).toBeLessThan(0.02);
    expect(Math.abs(sd - 0.5)).toBeLessThan(0.02);
  });

  it('reads presets and assignments, and writes what it reads back', () => {
    expect(parseSampling('bharadwaj-hosten')).toEqual(SAMPLING_PRESETS['bharadwaj-hosten']);
    const s = parseSampling('lambda=U(0,1), X=N(0,2)');
    expect(s).toEqual({ X: { kind: 'normal', mean: 0, sd: 2 }, Y: DEFAULT_SAMPLING.Y, lambda: { kind: 'uniform', low: 0, high: 1 } });
    expect(parseSampling(formatSampling(s))).toEqual(s);
  });

  it('refuses parameters out of range, naming the quantity', () => {
    expect(() => parseDistribution('normal(0,0)', 'X', '--sampling X')).toThrow(
      /--sampling X: the standard deviation σ of normal\(μ, σ\) must be a finite number > 0, got 0/,
    );
    expect(() => parseDistribution('uniform(1,1)', 'Y')).toThrow(/uniform\(a, b\) needs a < b, got a = 1, b = 1/);
    expect(() => parseDistribution('uniform(-1,1)', 'lambda')).toThrow(/λ must be ≥ 0: uniform\(a, b\) needs a ≥ 0, got a = -1/);
    expect(() => parseDistribution('normal(1,1)', 'lambda')).toThrow(/λ cannot be normal/);
    expect(() => parseDistribution('gamma(1,1)', 'X')).toThrow(/cannot read the distribution "gamma\(1,1\)"/);
    expect(() => parseSampling('Z=normal(0,1)')).toThrow(/unknown quantity "Z"/);
    expect(() => parseSampling('nonsense')).toThrow(/give a preset \(default, bharadwaj-hosten\)/);
  });

  it('draws a network’s data and λ’s from the sampling asked for', () => {
    const net = linearNetwork({ dims: [2, 2, 2], points: 3, seed: 5, sampling: parseSampling('X=uniform(10,11),Y=uniform(-2,-1),lambda=uniform(0,0.001)') });
    expect(net.X.flat().every((v) => v >= 10 && v < 11)).toBe(true);
    expect(net.Y.flat().every((v) => v >= -2 && v < -1)).toBe(true);
    expect(net.lambda.flat(2).every((v) => v >= 0 && v < 0.001)).toBe(true);
    const plain = linearNetwork({ dims: [2, 2, 2], points: 3, seed: 5 });
    expect(linearNetwork({ dims: [2, 2, 2], points: 3, seed: 5, sampling: DEFAULT_SAMPLING }).system).toEqual(plain.system);
  });
});
