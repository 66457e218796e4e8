import { describe, expect, it } from 'vitest';
import { NonGenericError } from '../../src/errors.js';
import { WorkerPool } from '../../src/parallel/pool.js';
import { TaskRunner, type Attempted } from '../../src/parallel/taskRunner.js';

interface Square extends Attempted {
  readonly x: number;
}

/** A runner of squares in the main thread, counting the runs. */
function squares(inline: (x: number) => number = (x) => x * x) {
  const runs: number[] = [];
  const runner = new TaskRunner<Square, number>(new WorkerPool({ worker: 'track', threads: 1 }), {
    what: 'square',
    inline: (task) => {
      runs.push(task.x);
      return inline(task.x);
    },
    failed: () => NaN,
  });
  return { runner, runs };
}

const tasks = (n: number): Square[] => Array.from({ length: n }, (_, x) => ({ attempt: 0, x }));

describe('TaskRunner', () => {
  it('runs every task once and hands over every outcome', async () => {
    const { runner, runs } = squares();
    const out = new Map<number, number>();
    await runner.runAll(tasks(5), ({ task, out: y }) => out.set(task.x, y));
    expect([...out].sort(([a], [b]) => a - b)).toEqual([0, 1, 4, 9, 16].map((y, x) => [x, y]));
    expect(runs.sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('does not retry a task that failed in the main thread: its error, an InputError here, is thrown as it is', async () => {
    const { runner, runs } = squares((x) => {
      if (x === 2) throw new NonGenericError('the choice for 2 is not generic');
      return x * x;
    });
    await expect(runner.runAll(tasks(5), () => {})).rejects.toThrow(/^the choice for 2 is not generic; try another seed$/);
    expect(runs.filter((x) => x === 2)).toEqual([2]);
  });

  it('stops starting tasks once a hand-over throws or the signal is aborted, and says why', async () => {
    const { runner, runs } = squares();
    await expect(
      runner.runAll(tasks(5), ({ task }) => {
        if (task.x === 1) throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(runs).toEqual([0, 1]);
    const controller = new AbortController();
    controller.abort();
    const aborted = squares();
    await aborted.runner.runAll(tasks(5), () => {}, controller.signal);
    expect(aborted.runs).toEqual([]);
  });
});
