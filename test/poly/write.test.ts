import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseSystem } from '../../src/poly/parse.js';
import { parsePhc } from '../../src/poly/phc.js';
import { Polynomial } from '../../src/poly/polynomial.js';
import { readSystemFile } from '../../src/poly/read.js';
import { makeSystem, type System } from '../../src/poly/system.js';
import { writeBertini, writeJulia, writePhc, writeText } from '../../src/poly/write.js';
import { SYSTEMS_DIR } from '../systems.js';

const shared = SYSTEMS_DIR;
const testSystems = readdirSync(shared).filter((f) => f.endsWith('.phc'));

/** The equations of s with variables (then parameters) permuted into the order of `names`. */
function inOrder(s: System, names: readonly string[]): Polynomial[] {
  const all = [...s.variables, ...s.parameters];
  const where = names.map((name) => all.indexOf(name));
  expect(where.every((k) => k >= 0)).toBe(true);
  return s.equations.map((p) =>
    Polynomial.fromTerms(
      names.length,
      p.terms.map((t) => ({ exps: where.map((k) => t.exps[k]!), re: t.re, im: t.im })),
    ),
  );
}

/** Exact equality (tolerance 0): printed coefficients must read back as the same doubles. */
function expectSameSystem(actual: System, expected: System) {
  expect([...actual.variables].sort()).toEqual([...expected.variables].sort());
  expect(actual.parameters).toEqual(expected.parameters);
  const a = inOrder(actual, [...expected.variables, ...expected.parameters]);
  expect(a).toHaveLength(expected.equations.length);
  a.forEach((p, k) => expect(p.equals(expected.equations[k]!, 0), `equation ${k + 1}`).toBe(true));
}

/** Our parser reads the equations of a Bertini file: `fk = poly;` lines, with I the imaginary unit. */
function rereadBertini(out: string, s: System): System {
  const equations = [...out.matchAll(/^\w+ = (.*);$/gm)].map((m) => m[1]!);
  return parseSystem(declarations(s) + equations.join('\n'));
}

/** Our parser reads the equations of a Julia script once `im` is written `i`. */
function rereadJulia(out: string, s: System): System {
  const body = /F = System\(\[\n([\s\S]*?)\n\]/.exec(out)![1]!;
  const equations = body.split('\n').map((line) =>
    line
      .trim()
      .replace(/,$/, '')
      .replace(/\bim\b/g, 'i'),
  );
  return parseSystem(declarations(s) + equations.join('\n'));
}

function declarations(s: System): string {
  return `variables: ${s.variables.join(', ')}\n` + (s.parameters.length > 0 ? `parameters: ${s.parameters.join(', ')}\n` : '');
}

const awkward = parseSystem(
  [
    'variables: x, y, z',
    'parameters: a, b',
    '(x + i*y)*(x - 2.5*I*z) - 1/3 + a*x',
    '0.1*x^3 - 1e-20*y + 1e21*z^2 - b',
    '(1.5 - 2*i)*x*y*z - 7*i*y - (0.2 + 0.7*i)',
    'x - x',
  ].join('\n'),
);
/** The same kind of coefficients without parameters, for PHCpack. */
const plain = parseSystem(['(x + i*y)*(x - 2.5*I*z) - 1/3', '0.1*x^3 - 1e-20*y + 1e21*z^2', '(1.5 - 2*i)*x*y*z - 7*i*y - (0.2 + 0.7*i)'].join('\n'));

describe('round trips', () => {
  it('our text format: parse, write, parse gives the same system exactly', () => {
    expectSameSystem(parseSystem(writeText(awkward)), awkward);
    for (const file of testSystems) {
      const s = readSystemFile(path.join(shared, file));
      expectSameSystem(parseSystem(writeText(s)), s);
    }
  });

  it('PHCpack: write, read gives the same system exactly (variables may be reordered)', () => {
    expectSameSystem(parsePhc(writePhc(plain)), plain);
    for (const file of testSystems) {
      const s = readSystemFile(path.join(shared, file));
      expectSameSystem(parsePhc(writePhc(s)), s);
    }
  });

  it('Bertini: the equation lines read back as the same polynomials', () => {
    expectSameSystem(rereadBertini(writeBertini(awkward), awkward), awkward);
    const katsura = readSystemFile(path.join(shared, 'katsura5.phc'));
    expectSameSystem(rereadBertini(writeBertini(katsura), katsura), katsura);
  });

  it('Julia: the equation lines read back as the same polynomials', () => {
    expectSameSystem(rereadJulia(writeJulia(awkward), awkward), awkward);
    const dln = readSystemFile(path.join(shared, 'dln_2-2-2_m1_s11.phc'));
    expectSameSystem(rereadJulia(writeJulia(dln), dln), dln);
  });
});

describe('the output of each writer', () => {
  const circle = parseSystem('x^2 + y^2 - 1\nx - 2*y');

  it('PHCpack: the count, one equation per ;, and i for the imaginary unit', () => {
    expect(writePhc(circle)).toBe('2\n x^2 + y^2 - 1;\n x - 2*y;\n');
    expect(writePhc(parseSystem('x - i*y + (1 - 2*i)\n y'))).toBe('2\n x - i*y + (1 - 2*i);\n y;\n');
    expect(writePhc(parseSystem('x*y - 1'))).toBe('1 2\n x*y - 1;\n');
  });

  it('PHCpack: wraps long equations at term boundaries', () => {
    const long = parseSystem(Array.from({ length: 40 }, (_, k) => `${k + 1}*x^${k}`).join(' + '));
    const out = writePhc(long);
    expect(out.split('\n').every((line) => line.length <= 80)).toBe(true);
    expectSameSystem(parsePhc(out), long);
  });

  it('PHCpack: refuses parameters, saying why', () => {
    expect(() => writePhc(awkward)).toThrow(InputError);
    expect(() => writePhc(awkward)).toThrow(/no parameters.*\(a, b\)/);
  });

  it('Bertini: variable_group, parameter, function declarations and I', () => {
    const out = writeBertini(awkward);
    expect(out).toContain('CONFIG\nParameterHomotopy: 1;\nEND;\nINPUT\nvariable_group x, y, z;\nparameter a, b;\nfunction f1, f2, f3, f4;\n');
    expect(out).toContain('f3 = (1.5 - 2*I)*x*y*z - 7*I*y - (0.2 + 0.7*I);');
    expect(out).toContain('f4 = 0;');
    expect(out.trimEnd().endsWith('END;')).toBe(true);
    expect(writeBertini(circle)).not.toContain('ParameterHomotopy');
  });

  it('Julia: @var, System with variables and parameters, im, and a solve call', () => {
    const out = writeJulia(awkward);
    expect(out).toContain('using HomotopyContinuation\n');
    expect(out).toContain('@var x y z\n@var a b\nF = System([\n');
    expect(out).toContain('    (1.5 - 2*im)*x*y*z - 7*im*y - (0.2 + 0.7*im),\n');
    expect(out).toContain(']; variables = [x, y, z], parameters = [a, b])\n');
    expect(out).toContain('result = solve(F; target_parameters = randn(ComplexF64, 2))');
    expect(writeJulia(circle)).toContain(']; variables = [x, y])\nresult = solve(F)\n');
  });

  it('prints coefficients exactly: shortest round-trip decimals with a point before any exponent', () => {
    const out = writeText(awkward);
    expect(out).toContain('0.1*x^3');
    expect(out).toContain('- 0.3333333333333333');
    expect(out).toContain('1.0e+21*z^2');
    expect(out).toContain('- 1.0e-20*y');
  });
});

describe('names that are not identifiers in the target syntax', () => {
  const x = (k: number) => Polynomial.variable(5, k);
  const s = makeSystem(['W1[1,2]', 'W1_1_2', 'e', 'im', 'I'], [x(0).mul(x(1)).sub(x(2)), x(3).add(x(4)).sub(x(0)), x(2).mul(x(3)), x(4), x(1)]);

  it('are renamed consistently, and the renaming is written in a comment', () => {
    const text = writeText(s);
    expect(text).toContain('# renamed to be valid names here:\n#  W1[1,2] is written W1_1_2_2\n#  I is written I_\n');
    const back = parseSystem(text);
    expect(back.variables).toEqual(['W1_1_2_2', 'W1_1_2', 'e', 'im', 'I_']);
    back.equations.forEach((p, k) => expect(p.equals(s.equations[k]!, 0)).toBe(true));
  });

  it('in PHCpack, Bertini and Julia each rename what they reserve', () => {
    const phc = writePhc(s);
    expect(phc).toContain('e is written e_');
    expect(phc).toContain('I is written I_');
    expect([...parsePhc(phc).variables].sort()).toEqual(['I_', 'W1_1_2', 'W1_1_2_2', 'e_', 'im'].sort());
    const bertini = writeBertini(s);
    expect(bertini).toContain('%  e is written e_');
    expect(bertini).toContain('variable_group W1_1_2_2, W1_1_2, e_, im, I_;');
    const julia = writeJulia(s);
    expect(julia).toContain('#  im is written im_');
    expect(julia).toContain('@var W1_1_2_2 W1_1_2 e_ im_ I');
  });

  it('Bertini function names avoid variable names', () => {
    const f = makeSystem(['f1', 'f2'], [Polynomial.variable(2, 0), Polynomial.variable(2, 1)]);
    expect(writeBertini(f)).toContain('function f1_, f2_;\nf1_ = f1;\nf2_ = f2;\n');
  });
});
