/**
 * The one result model: a solve on a string, the result helpers, the count's standing
 * (`completeness`: proven only when every check behind it passed, and withheld otherwise), the
 * JSON of every method, and the README's library example run as a user runs it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/errors.js';
import { monodromySolve } from '../../src/solve/monodromy.js';
import { monodromySolveResult } from '../../src/solve/monodromyResult.js';
import { completeness, coordinates, failedPaths, formatSummary, nonsingular, realSolutions, resultToJSON, singularSolutions } from '../../src/solve/result.js';
import { solve } from '../../src/solve/solve.js';
import { readSystemText } from '../../src/poly/read.js';

const root = join(import.meta.dirname, '../..');

describe('solve on a string, and the result helpers', () => {
  it.each([1, 2, 3])('x² + y² = 1, x = y (seed %i): two real solutions ±(1/√2, 1/√2), a complete count with the cross-check', async (seed) => {
    const r = await solve('x^2 + y^2 - 1; x - y', { seed, workers: 1, crossCheck: true });
    expect(r.variables).toEqual(['x', 'y']);
    expect(nonsingular(r)).toHaveLength(2);
    expect(singularSolutions(r)).toEqual([]);
    expect(failedPaths(r)).toEqual([]);
    const real = realSolutions(r).sort((a, b) => a[0]! - b[0]!);
    expect(real).toHaveLength(2);
    for (const [k, sign] of [
      [0, -1],
      [1, 1],
    ] as const)
      for (const v of real[k]!) expect(v).toBeCloseTo(sign * Math.SQRT1_2, 14);
    expect(coordinates(nonsingular(r)[0]!)).toHaveLength(2);
    const c = completeness(r);
    expect(c.proven).toBe(true);
    expect(formatSummary(r)).toMatch(/^a complete count: every path accounted for, and \d+ monodromy loops led to no other solution$/m);
    expect(resultToJSON(r)).toMatchObject({ schema: 'critsolve/result@1', method: r.startSystem, completeness: { proven: true } });
  });

  it('withholds "complete" without the cross-check, for a range of paths, and with a singular endpoint, saying why', async () => {
    const plain = await solve('x^2 + y^2 - 1; x - y', { seed: 1, workers: 1 });
    expect(completeness(plain)).toMatchObject({ proven: false, reason: expect.stringMatching(/no monodromy cross-check ran/) });
    expect(formatSummary(plain)).toMatch(/^not proven complete: no monodromy cross-check ran/m);
    expect(formatSummary(plain)).not.toMatch(/a complete count/);
    const range = await solve('x^2 + y^2 - 1; x - y', { seed: 1, workers: 1, start: 'total-degree', range: [0, 1], crossCheck: true });
    expect(completeness(range).reason).toMatch(/only 1 of 2 paths were tracked/);
    const double = await solve('x^2; y - 1', { seed: 1, workers: 1, start: 'total-degree', crossCheck: true });
    expect(singularSolutions(double)).toHaveLength(1);
    expect(completeness(double)).toMatchObject({ proven: false, reason: expect.stringMatching(/1 singular endpoint/) });
    expect(formatSummary(double, { completeness: false })).not.toMatch(/complete/);
  });

  it('refuses text that is not a system, naming the problem', async () => {
    await expect(solve('x^2 + ; y', { workers: 1 })).rejects.toThrow(ParseError);
  });
});

describe('one result for every method', () => {
  it('a monodromy run is a SolveResult: its JSON has the same schema, the parameters, and a count not proven complete', async () => {
    const m = await monodromySolve(readSystemText('parameters: a, b\nx^2 + y^2 - a; x*y - b', 'circle.txt'), { seed: 3, workers: 1 });
    const r = monodromySolveResult(m);
    expect(nonsingular(r)).toHaveLength(4);
    const json = resultToJSON(r);
    expect(json).toMatchObject({
      schema: 'critsolve/result@1',
      startSystem: 'monodromy',
      counts: { regular: 4, failed: 0 },
      completeness: { proven: false, method: 'monodromy' },
    });
    expect(Object.keys(json.parameters!)).toEqual(['a', 'b']);
    expect(json.monodromy!.stoppedBy).toBe('stale-loops');
  });

  it('a monodromy count with a passed trace test is proven complete by it', async () => {
    // A witness set of a plane cubic on the lines x + 2y = c: a linear slice family, where the trace test applies.
    const cubic = readSystemText('parameters: c\nx^3 + 2*y^3 - x*y - 1; x + 2*y - c', 'cubic.txt');
    const m = await monodromySolve(cubic, {
      seed: 1,
      startPair: { x: Float64Array.from([1, 0, 0, 0]), p: Float64Array.from([1, 0]) },
      traceTest: true,
      workers: 1,
    });
    const c = completeness(monodromySolveResult(m));
    expect(m.trace?.passes).toBe(true);
    expect(c).toMatchObject({ proven: true, method: 'trace test' });
  });
});

describe("the README's library example", () => {
  it('runs as printed, and prints what the README shows', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = /<!-- library-example -->\s*```js\n([\s\S]*?)```\s*Prints:\s*```\n([\s\S]*?)```/.exec(readme);
    expect(block, 'README.md needs the library example: <!-- library-example -->, a js block, "Prints:" and its output').not.toBeNull();
    // Inside the package, so that `import … from 'critsolve'` resolves to this package (dist/).
    const file = join(root, 'dist', 'readme-example.mjs');
    writeFileSync(file, block![1]!);
    try {
      const r = spawnSync(process.execPath, [file], { encoding: 'utf8', cwd: root, timeout: 120_000 });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      // Seconds vary from run to run; everything else must match.
      const strip = (s: string): string => s.replace(/seconds \d+\.\d+/g, 'seconds …').trim();
      expect(strip(r.stdout)).toBe(strip(block![2]!));
    } finally {
      rmSync(file, { force: true });
    }
  }, 120_000);
});
