import { describe, expect, test } from 'vitest';
import { buildProgram, compileProgram, compileSystem } from '../../src/compile/compile.js';
import { generateSource } from '../../src/compile/codegen.js';
import { interpretSystem } from '../../src/compile/interpret.js';
import type { CompiledSystem } from '../../src/compile/types.js';
import { InputError } from '../../src/errors.js';
import { Random } from '../../src/numeric/rng.js';
import { Polynomial } from '../../src/poly/polynomial.js';
import { readSystemFile } from '../../src/poly/read.js';
import { makeSystem, type System } from '../../src/poly/system.js';
import { cyclic, disagreement, randomPoint, randomSystem, relativeError } from './fixtures.js';
import { SYSTEMS_DIR } from '../systems.js';

const shared = `${SYSTEMS_DIR}/`;

describe('compiled evaluation agrees with the interpreter', () => {
  const cases: [string, () => System][] = [
    ['cyclic4', () => cyclic(4)],
    ['cyclic7', () => cyclic(7)],
    ['dense random, degree 6', () => randomSystem(new Random(3), 5, 40, 6)],
    ['with 3 parameters', () => randomSystem(new Random(4), 4, 25, 4, 3)],
  ];
  for (const [name, make] of cases) {
    test(name, () => {
      const system = make();
      expect(disagreement(compileSystem(system), interpretSystem(system), new Random(11))).toBeLessThan(1e-12);
    });
  }

  test('every kind of coefficient: 1, −1, real, imaginary, complex, constant', () => {
    const coefficients = [
      [1, 0],
      [-1, 0],
      [2.5, 0],
      [0, 1],
      [0, -3],
      [1.5, -2],
      [0, 0.5],
    ] as const;
    const rng = new Random(24);
    const equations = [0, 1, 2].map((i) =>
      Polynomial.fromTerms(3, [
        ...coefficients.map(([re, im], k) => ({ exps: [(k + i) % 3, k % 2, (k * i) % 4], re, im })),
        { exps: [0, 0, 0], re: coefficients[i]![0], im: coefficients[i + 3]![1] },
      ]),
    );
    const system = makeSystem(['x', 'y', 'z'], equations);
    expect(disagreement(compileSystem(system), interpretSystem(system), rng)).toBeLessThan(1e-12);
  });

  test('a program split into several chunks', () => {
    const system = randomSystem(new Random(5), 8, 150, 5, 2);
    const source = generateSource(buildProgram(system));
    expect(source.jacobian.length).toBeGreaterThan(3);
    // Some node computed in one chunk is read in a later one, through the scratch array.
    expect(source.jacobian.some((body) => body.includes('= t['))).toBe(true);
    expect(disagreement(compileSystem(system), interpretSystem(system), new Random(12), 5)).toBeLessThan(1e-12);
  });

  for (const name of ['katsura6', 'cyclic5', 'dln_2-2-2_m1_s11']) {
    test(`${name} (test PHCpack file)`, () => {
      const system = readSystemFile(`${shared}${name}.phc`);
      expect(system.equations.length).toBe(system.variables.length);
      expect(disagreement(compileSystem(system), interpretSystem(system), new Random(13))).toBeLessThan(1e-12);
    });
  }
});

/**
 * Central differences (F(x + h e_j) − F(x − h e_j)) / 2h along the real direction of x_j.
 * F is holomorphic, so this is ∂F/∂x_j with truncation error O(h²·|F'''|) ≈ 1e-12 and a
 * rounding error of about ε·|F|/h ≈ 1e-10 for h = 1e-6; 1e-6 relative leaves a wide margin
 * and still catches any wrong entry, which is off by O(1).
 */
function centralDifferences(f: (out: Float64Array, x: Float64Array) => void, x: Float64Array, m: number, cols: number, h: number): Float64Array {
  const out = new Float64Array(2 * m * cols);
  const [plus, minus] = [new Float64Array(2 * m), new Float64Array(2 * m)];
  for (let j = 0; j < cols; j++) {
    const y = Float64Array.from(x);
    y[2 * j]! += h;
    f(plus, y);
    y[2 * j]! -= 2 * h;
    f(minus, y);
    for (let i = 0; i < m; i++) {
      out[2 * (i * cols + j)] = (plus[2 * i]! - minus[2 * i]!) / (2 * h);
      out[2 * (i * cols + j) + 1] = (plus[2 * i + 1]! - minus[2 * i + 1]!) / (2 * h);
    }
  }
  return out;
}

describe('derivatives agree with finite differences', () => {
  const h = 1e-6;
  const system = randomSystem(new Random(6), 5, 20, 4, 3);
  const compiled = compileSystem(system);
  const { nvars: n, neqs: m, nparams: q } = compiled;

  test('∂F/∂x', () => {
    const rng = new Random(21);
    for (let s = 0; s < 5; s++) {
      const [x, p] = [randomPoint(rng, n), randomPoint(rng, q)];
      const [F, J] = [new Float64Array(2 * m), new Float64Array(2 * m * n)];
      compiled.evaluateWithJacobian(F, J, x, p);
      const fd = centralDifferences((out, y) => compiled.evaluate(out, y, p), x, m, n, h);
      expect(relativeError(fd, J)).toBeLessThan(1e-6);
    }
  });

  test('∂F/∂p', () => {
    const rng = new Random(22);
    for (let s = 0; s < 5; s++) {
      const [x, p] = [randomPoint(rng, n), randomPoint(rng, q)];
      const Fp = new Float64Array(2 * m * q);
      compiled.evaluateParameterJacobian(Fp, x, p);
      const fd = centralDifferences((out, y) => compiled.evaluate(out, x, y), p, m, q, h);
      expect(relativeError(fd, Fp)).toBeLessThan(1e-6);
    }
  });
});

describe('programs', () => {
  test('survive JSON and structured cloning, as when sent to a worker', () => {
    const system = randomSystem(new Random(7), 4, 15, 3, 2);
    const program = buildProgram(system);
    const reference = interpretSystem(system);
    for (const copy of [JSON.parse(JSON.stringify(program)), structuredClone(program)]) {
      expect(disagreement(compileProgram(copy), reference, new Random(14), 5)).toBeLessThan(1e-12);
    }
  });

  test('coefficients are reproduced bit for bit', () => {
    const values = [0.1, 1 / 3, -2 / 7, 5e-324, -1.7976931348623157e308, 123456789.123456789, 2 ** -1074 * 3, 1e21, -1e-7];
    const one = new Float64Array([1, 0]);
    for (const v of values) {
      const system = makeSystem(
        ['x'],
        [
          Polynomial.fromTerms(1, [
            { exps: [1], re: v, im: -v },
            { exps: [0], re: -v, im: v },
          ]),
        ],
      );
      const F = new Float64Array(2);
      const J = new Float64Array(2);
      compileSystem(system).evaluateWithJacobian(F, J, one);
      expect([J[0], J[1]]).toEqual([v, -v]);
      expect(compileSystem(system).evaluate(F, new Float64Array(2))).toEqual(new Float64Array([-v, v]));
    }
  });

  test('a coefficient that is not finite is refused with an explanation', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const system = makeSystem(['x'], [Polynomial.fromTerms(1, [{ exps: [2], re: 1, im: bad }])]);
      expect(() => compileSystem(system)).toThrow(InputError);
      expect(() => compileSystem(system)).toThrow(/not a finite number; every coefficient must be finite/);
    }
  });

  test('outputs without terms are zero, even in reused buffers', () => {
    const x = Polynomial.variable(2, 0);
    const system = makeSystem(['x', 'y'], [x.mul(x), Polynomial.zero(2)]);
    const [F, J] = [new Float64Array(4).fill(7), new Float64Array(8).fill(7)];
    compileSystem(system).evaluateWithJacobian(F, J, new Float64Array([3, 0, 5, 0]));
    expect(F).toEqual(new Float64Array([9, 0, 0, 0]));
    expect(J).toEqual(new Float64Array([6, 0, 0, 0, 0, 0, 0, 0]));
  });
});

describe('calls do not allocate', () => {
  const system = randomSystem(new Random(8), 6, 30, 4, 2);
  const compiled: CompiledSystem = compileSystem(system);
  const { nvars: n, neqs: m, nparams: q } = compiled;
  const rng = new Random(23);
  const [x, p] = [randomPoint(rng, n), randomPoint(rng, q)];
  const [F, J, Fp] = [new Float64Array(2 * m), new Float64Array(2 * m * n), new Float64Array(2 * m * q)];

  test('evaluate returns the output array it was given', () => {
    expect(compiled.evaluate(F, x, p)).toBe(F);
  });

  test('the heap does not grow over 1e5 calls', () => {
    const run = (count: number) => {
      for (let k = 0; k < count; k++) {
        compiled.evaluateWithJacobian(F, J, x, p);
        compiled.evaluateParameterJacobian(Fp, x, p);
      }
    };
    run(1e4);
    // Catches retained allocations (a 16-byte leak per call would add 3 MB to every round).
    // Short-lived garbage (the JIT's, or another file's in this process) can sit uncollected
    // through one round when the machine is busy, so the least growth of three rounds is
    // judged: a leak grows every round. That the generated code has no allocation sites at all
    // is checked on its source in security.test.ts.
    const growth: number[] = [];
    for (let round = 0; round < 3; round++) {
      const before = process.memoryUsage().heapUsed;
      run(1e5);
      growth.push(process.memoryUsage().heapUsed - before);
    }
    expect(Math.min(...growth)).toBeLessThan(1e6);
  });
});
