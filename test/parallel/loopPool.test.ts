import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/compile/compile.js';
import { defaultLegSettings } from '../../src/paths/legs.js';
import { LoopPool, type LoopTask } from '../../src/parallel/loopPool.js';
import { parseSystem } from '../../src/poly/parse.js';

/** x² + y² = a, xy = b at (a, b) = (5, 2): the solutions ±(1, 2), ±(2, 1). */
const circle = parseSystem('variables: x, y\nparameters: a, b\nx^2 + y^2 - a\nx*y - b');
const job = { program: buildProgram(circle), base: Float64Array.from([5, 0, 2, 0]), settings: defaultLegSettings };
const loops = [
  { id: 0, vertices: Float64Array.from([3, 1, -2, 4, -6, -1, 1, 2, 2, -5, 4, 3]) },
  { id: 1, vertices: Float64Array.from([-1, 7, 2, -2, 4, 4, -3, 1, 1, 1, -2, -6]) },
];
const tasks: LoopTask[] = [
  [1, 2],
  [2, 1],
  [-1, -2],
  [-2, -1],
].flatMap(([x, y], index) => loops.map((l) => ({ loop: l.id, index, x: Float64Array.from([x!, 0, y!, 0]) })));

async function trackAll(pool: LoopPool): Promise<(number[] | null)[]> {
  try {
    const outcomes = await Promise.all(tasks.map((t) => pool.track(loops[t.loop]!, t)));
    return outcomes.map((o) => (o.end ? Array.from(o.end) : null));
  } finally {
    await pool.close();
  }
}

describe('LoopPool', () => {
  it('sends solutions around loops to solutions, in worker threads exactly as in the main thread', async () => {
    const inline = new LoopPool(job, 1);
    const main = await trackAll(inline);
    expect(inline.threads).toBe(1);
    // Every endpoint is one of the four solutions at (5, 2).
    const solutions = [
      [1, 2],
      [2, 1],
      [-1, -2],
      [-2, -1],
    ];
    for (const end of main) {
      expect(end).not.toBeNull();
      expect(Math.min(...solutions.map(([x, y]) => Math.max(Math.hypot(end![0]! - x!, end![1]!), Math.hypot(end![2]! - y!, end![3]!))))).toBeLessThan(1e-12);
    }
    // Started at once (no main-thread time first), two workers give the same bits.
    const pooled = new LoopPool(job, 2, 0);
    expect(await trackAll(pooled)).toEqual(main);
    expect(pooled.threads).toBe(2);
  });
});
