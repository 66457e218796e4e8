/**
 * Errors handled one way: what the user can fix (bad input, a random choice that was not
 * generic, a missing build) is an InputError whose message says what to do, never an internal
 * error with a stack trace; the CLI exits 2 with its message.
 */
import { describe, expect, it } from 'vitest';
import { mixedSubdivision, mixedVolumeOfSupports } from '../src/bounds/mixedVolume.js';
import { checkInteger, InputError, NonGenericError } from '../src/errors.js';
import { MultihomogeneousStart } from '../src/homotopy/multihomogeneous.js';
import { augmentedSupports, polyhedralData, PolyhedralStart } from '../src/homotopy/polyhedral.js';
import { liftScale } from '../src/bounds/supports.js';
import { Random } from '../src/numeric/rng.js';
import { WorkerPool, type WorkerName } from '../src/parallel/pool.js';
import { parseSystem } from '../src/poly/parse.js';

/** A stream whose every draw is 0: the most degenerate random choice there is. */
const zeros = { complexNormal: (): [number, number] => [0, 0] } as unknown as Random;

/** `f` throws a NonGenericError, an InputError, whose message ends with the advice. */
function expectNonGeneric(f: () => unknown, advice: RegExp): void {
  let thrown: unknown;
  try {
    f();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(NonGenericError);
  expect(thrown).toBeInstanceOf(InputError);
  expect((thrown as Error).message).toMatch(advice);
}

describe('a random choice that is not generic is the user’s to fix, with another seed', () => {
  it('the mixed volume: no generic lifting in the attempts given', () => {
    expectNonGeneric(
      () =>
        mixedVolumeOfSupports(
          [
            [
              [1, 0],
              [0, 1],
            ],
            [
              [0, 0],
              [1, 1],
            ],
          ],
          { attempts: 0, seed: 3 },
        ),
      /no generic lifting found in 0 attempts \(seed 3\); try another seed or more attempts$/,
    );
  });

  it('the multihomogeneous start: degenerate random linear forms', () => {
    const start = new MultihomogeneousStart([[0, 1]], [[1], [1]], zeros);
    expectNonGeneric(
      () => start.startSolution(new Float64Array(4), 0n),
      /start solution 0: the random linear forms of group 0 are degenerate; use another seed$/,
    );
  });

  it('the polyhedral start: singular start coefficients of a cell', () => {
    const system = parseSystem('x^2 + x*y - 1; y^2 - 2');
    const data = polyhedralData(system, mixedSubdivision(augmentedSupports(system), { seed: 1 }), liftScale, new Random(1, 7));
    const start = new PolyhedralStart({ ...data, start: data.start.map(() => 0) });
    expectNonGeneric(() => start.startSolution(new Float64Array(4), 0), /the start coefficients of a cell are singular \(not generic\); try another seed$/);
  });
});

describe('a missing build is the user’s to fix', () => {
  it('the worker pool says to run the build, as an InputError', async () => {
    const pool = new WorkerPool<number, number>({ worker: 'no-such-worker' as WorkerName, threads: 2 });
    const run = pool.run(1, (x) => x);
    await expect(run).rejects.toBeInstanceOf(InputError);
    await expect(run).rejects.toThrow(/the worker dist\/workers\/no-such-worker\.js is missing: run `npm run build`/);
  });
});

describe('checkInteger, the one check of integer options', () => {
  it('returns a value in range', () => {
    expect(checkInteger('workers', 3)).toBe(3);
    expect(checkInteger('--seed', 0, 0, 10)).toBe(0);
  });

  it('refuses anything else with an InputError naming the option and the value', () => {
    for (const v of [0, -1, 1.5, NaN, Infinity]) expect(() => checkInteger('workers', v)).toThrow(InputError);
    expect(() => checkInteger('workers', 0)).toThrow(/^workers must be a positive integer, got 0$/);
    expect(() => checkInteger('batchSize', 2.5)).toThrow(/^batchSize must be a positive integer, got 2\.5$/);
    expect(() => checkInteger('--workers', 2000, 1, 1024, "'2000'")).toThrow(/^--workers must be an integer from 1 to 1024, got '2000'$/);
    expect(() => checkInteger('offset', -1, 0)).toThrow(/^offset must be an integer ≥ 0, got -1$/);
  });
});
