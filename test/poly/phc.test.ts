import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, ParseError } from '../../src/errors.js';
import { parsePhc } from '../../src/poly/phc.js';
import { Polynomial } from '../../src/poly/polynomial.js';
import { readSystemFile, readSystemText } from '../../src/poly/read.js';
import { SYSTEMS_DIR } from '../systems.js';

const shared = SYSTEMS_DIR;

/** Variables and equations of every shared system (INDEX.md lists them; all are square). */
const expected: Record<string, number> = {
  'katsura5.phc': 6,
  'katsura6.phc': 7,
  'katsura7.phc': 8,
  'cyclic5.phc': 5,
  'cyclic6.phc': 6,
  'noon3.phc': 3,
  'noon4.phc': 4,
  'dln_1-1-1_m1_s11.phc': 2,
  'dln_2-2-2_m1_s11.phc': 8,
  'dln_1-2-2-1_m1_s11.phc': 8,
  'dln_2-2-2-2_m1_s11.phc': 12,
};

/** Expects a ParseError at line:column whose message quotes `piece`. */
function expectRefused(text: string, line: number, column: number, piece: string) {
  let error: unknown;
  try {
    parsePhc(text, 'sys.phc');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ParseError);
  const e = error as ParseError;
  expect(e.location).toEqual({ line, column });
  expect(e.message).toContain(`sys.phc:${line}:${column}:`);
  expect(e.message).toContain(piece);
}

describe('the test PHCpack systems', () => {
  it('are all listed here', () => {
    expect(
      readdirSync(shared)
        .filter((f) => f.endsWith('.phc'))
        .sort(),
    ).toEqual(Object.keys(expected).sort());
  });

  for (const [file, n] of Object.entries(expected)) {
    it(`reads ${file}: ${n} variables and ${n} equations`, () => {
      const s = readSystemFile(path.join(shared, file));
      expect(s.variables).toHaveLength(n);
      expect(s.equations).toHaveLength(n);
      expect(s.parameters).toEqual([]);
      expect(s.equations.every((p) => !p.isZero())).toBe(true);
    });
  }

  it('reads katsura5 with variables in order of appearance and the right coefficients', () => {
    const s = readSystemFile(path.join(shared, 'katsura5.phc'));
    expect(s.variables).toEqual(['x', 'y', 'z', 't', 'u', 'v']);
    // Last equation: 2x + 2y + 2z + 2t + 2u + v - 1.
    const v = (k: number) => Polynomial.variable(6, k);
    let last = v(5).sub(Polynomial.constant(6, 1));
    for (let k = 0; k < 5; k++) last = last.add(v(k).scale(2));
    expect(s.equations[5]!.equals(last, 0)).toBe(true);
  });

  it('reads equations spanning lines (cyclic6) and decimals (noon3)', () => {
    const cyclic = readSystemFile(path.join(shared, 'cyclic6.phc'));
    expect(cyclic.equations.map((p) => p.terms.length)).toEqual([6, 6, 6, 6, 6, 2]);
    const noon = readSystemFile(path.join(shared, 'noon3.phc'));
    const x = (k: number) => Polynomial.variable(3, k);
    const first = x(0)
      .mul(x(1).pow(2))
      .add(x(0).mul(x(2).pow(2)))
      .sub(x(0).scale(1.1))
      .add(Polynomial.constant(3, 1));
    expect(noon.equations[0]!.equals(first, 0)).toBe(true);
  });

  it('reads the largest network system term for term', () => {
    const file = path.join(shared, 'dln_2-2-2-2_m1_s11.phc');
    const s = readSystemFile(file);
    // Every written term is a distinct monomial, so none combine: the counts must match.
    const written = readFileSync(file, 'utf8')
      .split(';')
      .slice(0, 12)
      .map((eq) => eq.split(/ [+-] /).length);
    expect(s.equations.map((p) => p.terms.length)).toEqual(written);
    expect(s.variables).toContain('w3_2_2');
  });
});

describe('the PHCpack format', () => {
  it('ignores what follows the last equation, and accepts a count of variables', () => {
    const s = parsePhc('2 2\nx^2 + y^2 - 1;\nx - y;\n\nTHE SOLUTIONS :\n2 2\n=====');
    expect(s.variables).toEqual(['x', 'y']);
    expect(s.equations).toHaveLength(2);
  });

  it('reads i as the imaginary unit and ** as power', () => {
    const s = parsePhc('1\n x**2 + 2*i*x;');
    const x = Polynomial.variable(1, 0);
    expect(s.equations[0]!.equals(x.pow(2).add(x.scale(0, 2)), 0)).toBe(true);
  });

  it('is detected from a count on the first non-empty line', () => {
    expect(readSystemText('\n  2 \n x - 1;\n y - 2;').variables).toEqual(['x', 'y']);
    expect(readSystemText('x - 1\ny - 2').variables).toEqual(['x', 'y']);
  });

  it('refuses a count that disagrees with the equations', () => {
    expectRefused('3\n x - 1;\n y - 2;\n', 1, 1, 'says 3 equations but only 2');
    expectRefused('2\n x - 1;\n y - 2\n', 1, 1, "missing after 'y - 2'");
    expectRefused('1\n x*y - 1;\n x - y;\n', 3, 2, "another one follows: 'x - y'");
    expectRefused('  2 3\n x - 1;\n y - 2;\n', 1, 3, 'says 3 variables but the equations use 2');
    expectRefused('0\n', 1, 1, 'empty');
  });

  it('refuses bad equations with their line, column and text', () => {
    expectRefused('2\n x - 1;\n y + sin(x);\n', 3, 6, 'sin(x)');
    expectRefused('1\n x^2\n  + y/x;\n', 3, 7, "division by 'x'");
    expectRefused('2\n x - 1;;\n', 2, 8, 'empty');
    expectRefused('1\n x = 1;\n', 2, 4, "unexpected character '='");
    expectRefused('one\n x;', 1, 1, "'one'");
  });

  it('refuses a file that does not exist, naming its path', () => {
    const missing = path.join(mkdtempSync(path.join(tmpdir(), 'critsolve-')), 'nope.phc');
    expect(() => readSystemFile(missing)).toThrow(InputError);
    expect(() => readSystemFile(missing)).toThrow(`'${missing}': no such file`);
  });
});
