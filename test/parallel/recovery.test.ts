import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../../src/parallel/schedule.js';
import { solve } from '../../src/solve/solve.js';
import { comparable, readSystem } from './helpers.js';

// The worker reads this test hook when it starts (workers/track.ts).
const HOOK = 'CRITSOLVE_TEST_WORKER_EXIT';

describe('workers that die', () => {
  afterEach(() => {
    delete process.env[HOOK];
  });

  it('re-runs the batch of a worker that died, and completes the run with the same result', async () => {
    const system = readSystem('cyclic5.phc');
    const reference = await solve(system, { seed: 5, workers: 1, keepAllPaths: true, batchSize: 4 });
    process.env[HOOK] = '41';
    const survived = await solve(system, { seed: 5, workers: 2, poolAfterSeconds: 0, keepAllPaths: true, batchSize: 4 });
    expect(comparable(survived)).toBe(comparable(reference));
  });

  it('reports a path that kills its worker every time as failed, with the reason, and tracks the others', async () => {
    const system = readSystem('cyclic5.phc');
    const reference = await solve(system, { seed: 5, workers: 1, keepAllPaths: true, batchSize: 4 });
    process.env[HOOK] = '41:always';
    const r = await solve(system, { seed: 5, workers: 2, poolAfterSeconds: 0, keepAllPaths: true, batchSize: 4 });
    const bad = r.paths[41]!;
    expect(bad.code).toBe('failed');
    expect(bad.reason).toMatch(new RegExp(`died ${MAX_ATTEMPTS} times \\(worker exited with code: 70\\)`));
    expect(r.retracked).toEqual([41]);
    expect(r.counts.failed).toBe(1);
    expect(r.warnings.join('\n')).toMatch(/1 path\(s\) failed/);
    // Its batch was split, so its neighbours were tracked as usual.
    r.paths.forEach((p, i) => i !== 41 && expect(p).toEqual(reference.paths[i]));
  });
});
