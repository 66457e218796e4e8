import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseSystem } from '../../src/poly/parse.js';
import { monodromySolve } from '../../src/solve/monodromy.js';
import { TRACE_TOLERANCE, traceResidual, traceTest, traceTestObstacle } from '../../src/solve/traceTest.js';

/** A witness set of the plane cubic x³ + 2y³ − xy − 1 = 0: its points on the line x + 2y = c. */
const cubic = parseSystem('variables: x, y\nparameters: c\nx^3 + 2*y^3 - x*y - 1\nx + 2*y - c');
/** (1, 0) lies on the cubic and on the line for c = 1. */
const cubicStart = { x: Float64Array.from([1, 0, 0, 0]), p: Float64Array.from([1, 0]) };
const circle = parseSystem('variables: x, y\nparameters: a, b\nx^2 + y^2 - a\nx*y - b');

describe('traceTest on a linear slice family', () => {
  it('passes for the complete witness set monodromy finds, and fails when a point is left out', async () => {
    const m = await monodromySolve(cubic, { seed: 1, startPair: cubicStart, traceTest: true, workers: 1 });
    expect(m.solutions.length).toBe(3);
    expect(m.trace).toMatchObject({ passes: true, failedPaths: 0, pathsTracked: 6 });
    expect(m.trace!.residual).toBeLessThan(1e-12);
    for (let left = 0; left < 3; left++) {
      const partial = traceTest(
        cubic,
        m.parameters,
        m.solutions.filter((_, k) => k !== left),
        { seed: 1 },
      );
      expect(partial.passes).toBe(false);
      expect(partial.residual).toBeGreaterThan(1e-4);
    }
  });
});

describe('the trace along a line in parameter space, where it does not apply', () => {
  it('x − a·y² = 0, y − b = 0: the single solution is the complete set, but its trace is cubic in s', () => {
    const system = parseSystem('variables: x, y\nparameters: a, b\nx - a*y^2\ny - b');
    const p = Float64Array.from([0.7, 0.2, -1.1, 0.4]);
    const b = [-1.1, 0.4];
    const y = Float64Array.from(b);
    const y2 = [y[0]! * y[0]! - y[1]! * y[1]!, 2 * y[0]! * y[1]!];
    const x = [0.7 * y2[0]! - 0.2 * y2[1]!, 0.7 * y2[1]! + 0.2 * y2[0]!];
    const r = traceResidual(system, p, [Float64Array.from([x[0]!, x[1]!, b[0]!, b[1]!])], { seed: 1 });
    expect(r.failedPaths).toBe(0);
    expect(r.residual).toBeGreaterThan(1e-3);
    expect(traceTestObstacle(system)).toMatch(/equation 1 has parameters and degree 2 in the variables/);
  });

  it('x² + y² = a, xy = b: the incomplete set ±(1, 2) has the linear trace 0, because of the symmetry x ↦ −x', () => {
    const half = [Float64Array.from([1, 0, 2, 0]), Float64Array.from([-1, 0, -2, 0])];
    const r = traceResidual(circle, Float64Array.from([5, 0, 2, 0]), half, { seed: 1 });
    expect(r.failedPaths).toBe(0);
    expect(r.residual).toBeLessThan(1e-12);
  });

  it('is refused for such families, saying why', async () => {
    for (const run of [() => traceTest(circle, Float64Array.from([5, 0, 2, 0]), []), () => monodromySolve(circle, { seed: 1, traceTest: true, workers: 1 })]) {
      let message = '';
      try {
        await run();
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        message = (e as Error).message;
      }
      expect(message).toMatch(/applies only to linear slice families .* but equation 1 has parameters and degree 2 in the variables/);
    }
    expect(traceTestObstacle(parseSystem('variables: x\nparameters: a\nx - a^2'))).toMatch(/degree 2 in the parameters/);
    expect(traceTestObstacle(parseSystem('variables: x\nparameters: a\na*x - 1'))).toMatch(/in equation 1 a parameter multiplies a variable/);
    expect(traceTestObstacle(cubic)).toBeUndefined();
    expect(TRACE_TOLERANCE).toBeLessThan(1e-4);
  });
});
