import { describe, expect, it } from 'vitest';
import { Random, STREAMS } from '../../src/numeric/rng.js';

describe('named random streams', () => {
  it('every named stream is its own, and the data streams lie clear of the solver streams and their per-target and per-component ranges', () => {
    const values = Object.values(STREAMS);
    expect(new Set(values).size).toBe(values.length);
    const solverMax = Math.max(
      ...Object.entries(STREAMS)
        .filter(([k]) => !k.startsWith('data'))
        .map(([, v]) => v),
    );
    for (const data of [STREAMS.dataX, STREAMS.dataY, STREAMS.dataLambda]) expect(data - solverMax).toBeGreaterThan(2 ** 19);
  });

  it('one seed draws different numbers for the data and for the solver (X is not γ)', () => {
    for (const seed of [0, 1, 7, 12345]) {
      const draw = (stream: number): number[] => {
        const r = new Random(seed, stream);
        return [r.uniform(), r.uniform(), r.uniform()];
      };
      const streams = [STREAMS.solver, STREAMS.grouping, STREAMS.startForms, STREAMS.dataX, STREAMS.dataY, STREAMS.dataLambda].map(draw);
      for (let a = 0; a < streams.length; a++) for (let b = a + 1; b < streams.length; b++) expect(streams[a]).not.toEqual(streams[b]);
      // A stream is reproducible.
      expect(draw(STREAMS.dataX)).toEqual(draw(STREAMS.dataX));
    }
  });
});
