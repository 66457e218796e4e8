import { describe, expect, it } from 'vitest';
import { buildProgram, compileSystem } from '../../src/compile/compile.js';
import { DDEvaluator } from '../../src/compile/ddEvaluate.js';
import { fromDD, toDD } from '../../src/numeric/ddArray.js';
import { Random } from '../../src/numeric/rng.js';
import { parseSystem } from '../../src/poly/parse.js';
import { testSystem } from '../systems.js';

describe('double-double evaluation of a program', () => {
  it('agrees with the compiled double evaluator on katsura7 and cyclic6 at random points (to its rounding)', () => {
    const rng = new Random(5, 0);
    for (const name of ['katsura7', 'cyclic6']) {
      const system = testSystem(name);
      const n = system.variables.length;
      const double = compileSystem(system);
      const dd = new DDEvaluator(buildProgram(system));
      const x = Float64Array.from({ length: 2 * n }, () => rng.normal());
      const F = new Float64Array(2 * n);
      const J = new Float64Array(2 * n * n);
      double.evaluateWithJacobian(F, J, x);
      const Fdd = new Float64Array(4 * n);
      const Jdd = new Float64Array(4 * n * n);
      dd.evaluateWithJacobian(Fdd, Jdd, toDD(x));
      const scale = Math.max(...Array.from(J, Math.abs));
      const gap = (a: Float64Array, b: Float64Array) => Math.max(...Array.from(a, (v, k) => Math.abs(v - b[k]!)));
      expect(gap(fromDD(Fdd), F) / scale).toBeLessThan(1e-13);
      expect(gap(fromDD(Jdd), J) / scale).toBeLessThan(1e-13);
      expect(Array.from(dd.evaluate(new Float64Array(4 * n), toDD(x)))).toEqual(Array.from(Fdd));
    }
  });

  it("is exact where double cancels: x² − 2y² = 1 at Pell's (131836323, 93222358), where x² is past 2^53", () => {
    const system = parseSystem('variables: x, y\nx^2 - 2*y^2 - 1\nx - y');
    const x = Float64Array.from([131836323, 0, 93222358, 0]);
    const F = new Float64Array(4);
    compileSystem(system).evaluate(F, x);
    expect(F[0]).not.toBe(0); // double rounds x² and 2y²
    const Fdd = new Float64Array(8);
    const Jdd = new Float64Array(16);
    new DDEvaluator(buildProgram(system)).evaluateWithJacobian(Fdd, Jdd, toDD(x));
    expect(Array.from(fromDD(Fdd))).toEqual([0, 0, 131836323 - 93222358, 0]);
    expect(Array.from(fromDD(Jdd))).toEqual([2 * 131836323, 0, -4 * 93222358, 0, 1, 0, -1, 0]);
  });

  it('evaluates parameters as inputs, and asks for them', () => {
    const system = parseSystem('variables: x\nparameters: a\nx^2 - a');
    const dd = new DDEvaluator(buildProgram(system));
    const F = dd.evaluate(new Float64Array(4), toDD(Float64Array.from([3, 0])), toDD(Float64Array.from([2, 1])));
    expect(Array.from(fromDD(F))).toEqual([7, -1]);
    expect(() => dd.evaluate(new Float64Array(4), toDD(Float64Array.from([3, 0])))).toThrow(/parameters/);
  });
});
