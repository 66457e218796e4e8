import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/errors.js';
import { parseSystem } from '../../src/poly/parse.js';
import { Polynomial } from '../../src/poly/polynomial.js';
import { readSystemText } from '../../src/poly/read.js';

/** Variables x_k of an n-variable ring, and constants, for writing expected polynomials. */
function ring(n: number) {
  const v = (k: number) => Polynomial.variable(n, k);
  const c = (re: number, im = 0) => Polynomial.constant(n, re, im);
  return { v, c };
}

/** The single equation of a one-line system, with its variables. */
function one(text: string) {
  const s = parseSystem(text);
  expect(s.equations).toHaveLength(1);
  return { p: s.equations[0]!, variables: s.variables };
}

/** Expects a ParseError at line:column whose message quotes `piece`. */
function expectRefused(text: string, line: number, column: number, piece: string) {
  let error: unknown;
  try {
    parseSystem(text, 'sys.txt');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ParseError);
  const e = error as ParseError;
  expect(e.location).toEqual({ line, column });
  expect(e.message).toContain(`sys.txt:${line}:${column}:`);
  expect(e.message).toContain(piece);
}

describe('expansion of our text format', () => {
  it('expands (x+1)^2 into x^2 + 2x + 1', () => {
    const { v, c } = ring(1);
    const { p, variables } = one('(x+1)^2');
    expect(variables).toEqual(['x']);
    expect(p.equals(v(0).pow(2).add(v(0).scale(2)).add(c(1)), 0)).toBe(true);
  });

  it('expands (x+i*y)*(x-i*y) into x^2 + y^2, with i and I the imaginary unit', () => {
    const { v } = ring(2);
    const expected = v(0).pow(2).add(v(1).pow(2));
    expect(one('(x+i*y)*(x-i*y)').p.equals(expected, 0)).toBe(true);
    expect(one('(x+I*y)*(x-I*y)').p.equals(expected, 0)).toBe(true);
  });

  it('reads rationals, decimals, ** and exponents of numbers exactly', () => {
    const { v, c } = ring(1);
    expect(one('3/4*x').p.equals(v(0).scale(0.75), 0)).toBe(true);
    expect(one('x/(2+2)').p.equals(v(0).scale(0.25), 0)).toBe(true);
    expect(one('x**2 - 1.5').p.equals(v(0).pow(2).sub(c(1.5)), 0)).toBe(true);
    expect(one('1e-3*x + 2.5E+2').p.equals(v(0).scale(1e-3).add(c(250)), 0)).toBe(true);
    expect(one('10^-3*x').p.equals(v(0).scale(0.001), 0)).toBe(true);
    expect(one('x^(1+1)').p.equals(v(0).pow(2), 0)).toBe(true);
    expect(one('x/i').p.equals(v(0).scale(0, -1), 0)).toBe(true);
  });

  it('reads lhs = rhs as lhs - rhs', () => {
    const { v, c } = ring(2);
    expect(one('x = y').p.equals(v(0).sub(v(1)), 0)).toBe(true);
    expect(one('x^2 = 2*y + 1').p.equals(v(0).pow(2).sub(v(1).scale(2)).sub(c(1)), 0)).toBe(true);
  });

  it('respects precedence: -x^2, 2^3^2, unary minus in products', () => {
    const { v, c } = ring(1);
    expect(one('-x^2').p.equals(v(0).pow(2).neg(), 0)).toBe(true);
    expect(one('2^3^2 + 0*x').p.equals(c(512), 0)).toBe(true);
    expect(one('-(x - 1)*-(x + 1)').p.equals(v(0).pow(2).sub(c(1)), 0)).toBe(true);
  });

  it('orders variables by first appearance, treating e, E and pi as variables', () => {
    const s = parseSystem('y*e + pi\nE - x1_b');
    expect(s.variables).toEqual(['y', 'e', 'pi', 'E', 'x1_b']);
  });

  it('splits on ; and newlines, skips blank lines and # comments', () => {
    const s = parseSystem('# a circle and a line\n\nx^2 + y^2 - 1; x - y  # the diagonal\n\n');
    expect(s.equations).toHaveLength(2);
    expect(s.variables).toEqual(['x', 'y']);
  });

  it('fixes the variable order with variables: and puts parameters last', () => {
    const s = parseSystem('variables: y, x\nparameters: a\nx - a*y');
    expect(s.variables).toEqual(['y', 'x']);
    expect(s.parameters).toEqual(['a']);
    const { v } = ring(3);
    expect(s.equations[0]!.equals(v(1).sub(v(2).mul(v(0))), 0)).toBe(true);
  });

  it('takes undeclared symbols as variables when only parameters are declared', () => {
    const s = parseSystem('parameters: t\nt*x + y');
    expect(s.variables).toEqual(['x', 'y']);
    expect(s.parameters).toEqual(['t']);
  });

  it('reads Windows line endings', () => {
    const s = parseSystem('x^2 - 1\r\ny - 2\r\n');
    expect(s.equations).toHaveLength(2);
  });
});

describe('refused inputs name line, column and the offending piece', () => {
  it('function calls', () => {
    expectRefused('x + 1\ny + sin(x)', 2, 5, 'sin(x)');
    expectRefused('foo(x, y) - 1', 1, 1, 'foo(x, y)');
  });

  it('division by a variable or a non-constant', () => {
    expectRefused('x + 1/y', 1, 7, "'y'");
    expectRefused('x / (y + 1)', 1, 5, 'y + 1');
    expectRefused('x/(1-1)', 1, 3, 'division by zero');
  });

  it('powers that are not whole numbers >= 0', () => {
    expectRefused('y + x^1.5', 1, 7, 'x^1.5');
    expectRefused('x^-1', 1, 3, 'x^-1');
    expectRefused('x^y', 1, 3, 'x^y');
    expectRefused('x**0.5', 1, 4, 'x**0.5');
    expectRefused('x^i', 1, 3, 'complex');
  });

  it('unbalanced parentheses', () => {
    expectRefused('x*(y + 1', 1, 3, "'(' is never closed");
    expectRefused('x + 1)', 1, 6, "')' without a matching '('");
  });

  it('garbage characters and unsupported syntax', () => {
    expectRefused('x + $y', 1, 5, "'$'");
    expectRefused('x & y', 1, 3, "'&'");
    expectRefused('W1[1,2] + 1', 1, 3, 'W1_1_2');
    expectRefused('x mod y', 1, 3, "'mod'");
    expectRefused('x.y + 1', 1, 1, 'x.y');
    expectRefused('true*x', 1, 1, "'true'");
  });

  it('syntax errors from mathjs, mapped to line and column', () => {
    expectRefused('x + 1\nx + * y', 2, 5, "'*'");
    expectRefused('x +', 1, 4, 'the end');
  });

  it('equations with a bad =', () => {
    expectRefused('x = y = z', 1, 7, "more than one '='");
    expectRefused('x^2 = ', 1, 5, "nothing on the right of '='");
  });

  it('an empty system', () => {
    expectRefused('# nothing here\n\n', 1, 1, 'empty');
    expectRefused('', 1, 1, 'empty');
  });

  it('bad declarations and undeclared names', () => {
    expectRefused('variables: x, i\nx', 1, 15, "'i'");
    expectRefused('variables: x, x\nx', 1, 15, 'declared twice');
    expectRefused('variables: x\nparameters: x\nx', 2, 13, 'declared twice');
    expectRefused('variables: W[1]\nx', 1, 12, 'W[1]');
    expectRefused('variables: x\nx + z', 2, 5, "'z' is not declared");
  });

  it('a PHCpack-looking file is read as such by readSystemText', () => {
    expect(() => readSystemText('1\nx^2 - 1;\n', 'a.phc')).not.toThrow();
    expect(() => readSystemText('2\nx^2 - 1;\n', 'a.phc')).toThrow(/a\.phc:1:1: .*2 equations but only 1/);
  });
});

describe('speed', () => {
  it('expands a long sum without quadratic blow-up', () => {
    // 400 terms in 12 variables, like the largest shared network systems.
    const names = Array.from({ length: 12 }, (_, k) => `w${k}`);
    const terms = Array.from({ length: 400 }, (_, k) => `${k + 1}*${names[k % 12]}*${names[(k * 7) % 12]}^2*${names[(k * 5) % 12]}`);
    const line = terms.join(' + ');
    const s = parseSystem(Array.from({ length: 12 }, () => line).join('\n'));
    expect(s.equations).toHaveLength(12);
    expect(s.variables).toHaveLength(12);
  });
});
