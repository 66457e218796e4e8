import { describe, expect, test } from 'vitest';
import { buildProgram, compileProgram, compileSystem } from '../../src/compile/compile.js';
import { generateSource, literal } from '../../src/compile/codegen.js';
import { interpretSystem } from '../../src/compile/interpret.js';
import { InputError } from '../../src/errors.js';
import { Random } from '../../src/numeric/rng.js';
import { disagreement, randomSystem } from './fixtures.js';

const hostile = [
  'x);process.exit(1);//',
  "it's",
  'say "hi"',
  'back\\slash\\',
  '__proto__',
  'constructor',
  '${globalThis.process.exit(3)}',
  '`tick`',
  'λ_ünï😀',
  '*/ throw 1; /*',
  '\u2028line\u2029sep',
];

/** Identifiers the generated code may contain: its parameters, locals r<k>/i<k>, and `const`. */
const allowedIdentifier = /^(?:x|p|t|A|B|const|[ri]\d+)$/;

function allSource(source: ReturnType<typeof generateSource>): string {
  return [...source.evaluate, ...source.jacobian, ...source.parameters].join('\n');
}

describe('generated source', () => {
  const system = randomSystem(new Random(9), hostile.length, 12, 3, 2, hostile);
  const source = allSource(generateSource(buildProgram(system)));

  test('hostile names compile and evaluate like the interpreter', () => {
    expect(system.variables).toEqual(hostile);
    expect(disagreement(compileSystem(system), interpretSystem(system), new Random(15), 5)).toBeLessThan(1e-12);
  });

  test('contains no text of the input', () => {
    for (const name of hostile) expect(source.includes(name)).toBe(false);
  });

  test('is made only of numbers, indices, locals and arithmetic', () => {
    // No quotes, parentheses, braces, slashes or backslashes: no strings, no calls, no object or
    // array literals, no comments. So it can neither reach anything outside nor allocate.
    expect(source).toMatch(/^[A-Za-z0-9_ .,;=+\-*[\]\n]*$/);
    const tokens = source.match(/[A-Za-z_]\w*|\d+(?:\.\d*)?(?:e[+-]?\d+)?/g) ?? [];
    const words = tokens.filter((token) => /^[A-Za-z_]/.test(token));
    expect(words.length).toBeGreaterThan(0);
    for (const word of words) expect(word).toMatch(allowedIdentifier);
  });
});

describe('literals', () => {
  test('round-trip exactly, including −0 and subnormals', () => {
    for (const v of [0, -0, 0.1, 1 / 3, 5e-324, -2.2250738585072014e-308, 1.7976931348623157e308, 1e21, -1e-7, 2 ** 53 + 2]) {
      expect(Object.is(Number(literal(v)), v)).toBe(true);
    }
    expect(literal(-0)).toBe('-0');
  });

  test('refuse what is not a finite number', () => {
    for (const bad of [NaN, Infinity, -Infinity, '1', '1);process.exit(1)', {}] as unknown[]) {
      expect(() => literal(bad as number)).toThrow(InputError);
    }
    expect(() => literal(NaN)).toThrow(/cannot compile the coefficient NaN: coefficients must be finite numbers/);
  });
});

describe('tampered programs are refused', () => {
  const system = randomSystem(new Random(10), 3, 6, 3, 1);
  const program = () => JSON.parse(JSON.stringify(buildProgram(system)));

  const cases: [string, (p: any) => void, RegExp][] = [
    ['a string instead of a coefficient', (p) => (p.F.re[0] = '1;process.exit(1)'), /F\.re holds 1;process\.exit\(1\), not a finite number/],
    ['a NaN coefficient', (p) => (p.J.im[0] = NaN), /J\.im holds NaN/],
    ['a string index', (p) => (p.F.node[0] = '0]; process.exit(1); //'), /F\.node holds/],
    ['a node out of range', (p) => (p.F.node[0] = 10_000), /F refers to node 10000/],
    ['a fractional node', (p) => (p.J.node[0] = 0.5), /J refers to node 0\.5/],
    ['a product that refers to a later node', (p) => (p.products[0] = p.products.length + 10), /product 0 refers to node/],
    ['a negative count', (p) => (p.nvars = -1), /nvars must be a non-negative integer/],
    ['missing outputs', (p) => delete p.Fp, /Fp must be an object/],
    ['a wrong number of outputs', (p) => p.F.start.pop(), /F\.start must have 4 entries/],
    ['decreasing starts', (p) => (p.F.start[1] = p.F.start[2] + 1), /non-decreasing/],
  ];
  for (const [what, tamper, message] of cases) {
    test(what, () => {
      const p = program();
      tamper(p);
      expect(() => compileProgram(p)).toThrow(InputError);
      expect(() => compileProgram(p)).toThrow(message);
    });
  }

  test('something that is not an object', () => {
    for (const v of [null, 3, 'program', undefined]) expect(() => compileProgram(v)).toThrow(/not a valid compiled program: expected an object/);
  });
});
