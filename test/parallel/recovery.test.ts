import { afterEach, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/compile/compile.js';
import { defaultLegSettings } from '../../src/paths/legs.js';
import { TargetRunner } from '../../src/paths/targets.js';
import { trackTargets } from '../../src/parallel/targetTasks.js';
import { MAX_ATTEMPTS } from '../../src/parallel/taskRunner.js';
import { parseSystem } from '../../src/poly/parse.js';
import { monodromySolve, type MonodromyResult } from '../../src/solve/monodromy.js';
import { solve } from '../../src/solve/solve.js';
import { trackToParameters, type TrackedInstance } from '../../src/solve/trackParameters.js';
import { comparable, readSystem } from './helpers.js';

// The workers read this test hook when they start a task (exitIfTestHook in src/parallel/taskRunner.ts).
const HOOK = 'CRITSOLVE_TEST_WORKER_EXIT';

/** A quintic with two parameters: five solutions at a generic point. */
const quintic = parseSystem('variables: x\nparameters: a, b\nx^5 + a*x + b');

/** What must not depend on the workers: everything but the timing (and, for monodromy, the threads used). */
const withoutTiming = (r: TrackedInstance): Omit<TrackedInstance, 'seconds'> => ({ ...r, seconds: 0 });
const monodromyComparable = (r: MonodromyResult): MonodromyResult => ({ ...r, seconds: 0, workers: 0 });

/** 30 targets along a line of parameters: three tasks of 13 targets at most (five paths each). */
const targets = Array.from({ length: 30 }, (_, t) => Float64Array.from([1 + 0.1 * t, 0.3, -2 + 0.05 * t, -0.1]));

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

  it('tracks to targets with a worker killed mid-run, with the same result as one worker', async () => {
    const m = await monodromySolve(quintic, { seed: 6, targetCount: 5, maxStaleLoops: 50, workers: 1 });
    expect(m.solutions.length).toBe(5);
    const reference = await trackToParameters(quintic, m.parameters, m.solutions, targets, { seed: 6, workers: 1 });
    process.env[HOOK] = '17';
    const survived = await trackToParameters(quintic, m.parameters, m.solutions, targets, { seed: 6, workers: 2, poolAfterSeconds: 0 });
    expect(survived.map(withoutTiming)).toEqual(reference.map(withoutTiming));
  });

  it('reports the paths to a target that kills its worker every time as failed, with the reason, and tracks the others', async () => {
    const m = await monodromySolve(quintic, { seed: 6, targetCount: 5, maxStaleLoops: 50, workers: 1 });
    const job = {
      program: buildProgram(quintic),
      source: m.parameters,
      solutions: new Float64Array(m.solutions.flatMap((x) => Array.from(x))),
      settings: defaultLegSettings,
      seed: 6,
    };
    const reference = await trackTargets(new TargetRunner(job), targets, 1);
    process.env[HOOK] = '17:always';
    const r = await trackTargets(new TargetRunner(job), targets, 2, 0);
    for (const p of r[17]!) {
      expect(p.code).toBe('failed');
      expect(p.cause).toBe('worker_died');
      expect(p.reason).toMatch(new RegExp(`died ${MAX_ATTEMPTS} times \\(worker exited with code: 70\\)`));
    }
    // Its task was split, so the targets it shared a task with were tracked as usual.
    r.forEach((paths, t) => t !== 17 && expect(paths).toEqual(reference[t]));
  });

  it('sends solutions around monodromy loops with a worker killed mid-run, with the same result as one worker', async () => {
    const reference = await monodromySolve(quintic, { seed: 4, workers: 1 });
    expect(reference.solutions.length).toBe(5);
    process.env[HOOK] = '1';
    const survived = await monodromySolve(quintic, { seed: 4, workers: 2, poolAfterSeconds: 0 });
    expect(survived.workers).toBe(2);
    expect(monodromyComparable(survived)).toEqual(monodromyComparable(reference));
  });

  it('counts the trips around a loop that kills its worker every time as failed, and finishes the run', async () => {
    const reference = await monodromySolve(quintic, { seed: 4, workers: 1 });
    process.env[HOOK] = '0:always';
    const r = await monodromySolve(quintic, { seed: 4, workers: 2, poolAfterSeconds: 0 });
    expect(r.failedPaths).toBeGreaterThan(reference.failedPaths);
    expect(r.solutions.length).toBe(5);
  });
});
