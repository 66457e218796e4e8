import { describe, expect, it } from 'vitest';
import { solve } from '../../src/solve/solve.js';
import { comparable, readSystem } from './helpers.js';

describe('parallel tracking', () => {
  it('gives the same JSON result, path records included, for 1, 2 and 4 workers', async () => {
    const system = readSystem('cyclic5.phc');
    const results = [];
    for (const workers of [1, 2, 4]) results.push(await solve(system, { start: 'total-degree', seed: 11, workers, keepAllPaths: true, batchSize: 3 }));
    // The known count (INDEX.md): 70 isolated solutions, from 120 total-degree paths.
    expect(results[0]!.counts).toMatchObject({ paths: 120, regular: 70, failed: 0 });
    expect(results[0]!.paths).toHaveLength(120);
    expect(comparable(results[1]!)).toBe(comparable(results[0]!));
    expect(comparable(results[2]!)).toBe(comparable(results[0]!));
  });

  it('keeps only the records of paths that did not go to infinity by default, and counts the rest', async () => {
    const system = readSystem('cyclic5.phc');
    const all = await solve(system, { start: 'total-degree', seed: 11, workers: 2, poolAfterSeconds: 0, keepAllPaths: true });
    const kept = await solve(system, { start: 'total-degree', seed: 11, workers: 2 });
    expect(kept.counts).toEqual(all.counts);
    expect(kept.solutions).toEqual(all.solutions);
    expect(kept.paths.map((p) => p.index)).toEqual(all.paths.filter((p) => p.code !== 'at_infinity').map((p) => p.index));
  });

  it('tracks a range of paths on request, and says the others are missing', async () => {
    const system = readSystem('cyclic5.phc');
    const all = await solve(system, { start: 'total-degree', seed: 11, workers: 1, keepAllPaths: true });
    const part = await solve(system, { start: 'total-degree', seed: 11, workers: 2, poolAfterSeconds: 0, keepAllPaths: true, range: [30, 70] });
    expect(part.counts.paths).toBe(40);
    expect(part.paths).toEqual(all.paths.slice(30, 70));
    expect(part.warnings.join('\n')).toMatch(/only paths 30 to 69 of 120 were tracked/);
    await expect(solve(system, { start: 'total-degree', seed: 11, range: [100, 130] })).rejects.toThrow(/path range \[100, 130\) must lie within \[0, 120\)/);
  });
});
