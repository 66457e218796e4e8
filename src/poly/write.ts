/**
 * Writing a system for other solvers: PHCpack, Bertini, HomotopyContinuation.jl, and in our
 * own text format. Coefficients are printed as the shortest decimal that reads back as the
 * same double, so nothing is lost on the way. Names that are not identifiers in the target
 * syntax (W1[1,2]) or that it reserves are renamed the same way everywhere (W1_1_2), and the
 * output lists every renaming in a comment.
 */
import { InputError } from '../errors.js';
import { MATHJS_WORDS } from './expression.js';
import type { Polynomial } from './polynomial.js';
import type { System } from './system.js';

/** What distinguishes one target syntax from another, for polynomials. */
interface Dialect {
  readonly imaginaryUnit: string;
  /** Names the syntax gives another meaning; a variable so named is renamed. */
  readonly reserved: ReadonlySet<string>;
}

const PHC: Dialect = { imaginaryUnit: 'i', reserved: new Set(['i', 'I', 'e', 'E']) };
const BERTINI: Dialect = {
  imaginaryUnit: 'I',
  reserved: new Set([
    'i',
    'I',
    'e',
    'E',
    'Pi',
    'sin',
    'cos',
    'tan',
    'exp',
    'log',
    'sqrt',
    'END',
    'CONFIG',
    'INPUT',
    'function',
    'variable',
    'variable_group',
    'hom_variable_group',
    'pathvariable',
    'parameter',
    'constant',
    'subfunction',
    'random',
    'random_real',
  ]),
};
const JULIA: Dialect = {
  imaginaryUnit: 'im',
  reserved: new Set([
    'im',
    'pi',
    'e',
    'F',
    'result',
    'System',
    'solve',
    'randn',
    'ComplexF64',
    'baremodule',
    'begin',
    'break',
    'catch',
    'const',
    'continue',
    'do',
    'else',
    'elseif',
    'end',
    'export',
    'false',
    'finally',
    'for',
    'function',
    'global',
    'if',
    'import',
    'let',
    'local',
    'macro',
    'module',
    'quote',
    'return',
    'struct',
    'true',
    'try',
    'using',
    'while',
    'abstract',
    'mutable',
    'primitive',
    'type',
    'where',
    'in',
    'isa',
    'outer',
  ]),
};
const TEXT: Dialect = { imaginaryUnit: 'i', reserved: new Set(['i', 'I', ...MATHJS_WORDS]) };

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * One identifier per name, in order: valid names are kept, others become letters, digits and
 * underscores (W1[1,2] → W1_1_2), made unique and kept clear of reserved words.
 */
function identifiersFor(names: readonly string[], reserved: ReadonlySet<string>): string[] {
  const ok = (name: string) => IDENTIFIER.test(name) && !reserved.has(name);
  const used = new Set(names.filter(ok));
  return names.map((name) => {
    if (ok(name)) return name;
    let id = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
    if (!/^[A-Za-z]/.test(id)) id = `v${id}`;
    if (reserved.has(id)) id = `${id}_`;
    let unique = id;
    for (let k = 2; used.has(unique); k++) unique = `${id}_${k}`;
    used.add(unique);
    return unique;
  });
}

/** Shortest round-trip decimal, always with a digit before the exponent's `e` and a point. */
function formatReal(x: number): string {
  let s = String(x);
  if (!s.includes('e') && Number.isInteger(x) && Math.abs(x) >= 1e15) s = x.toExponential();
  return s.replace(/^(-?\d+)e/, '$1.0e');
}

function formatCoefficient(re: number, im: number, unit: string): string {
  if (im === 0) return formatReal(re);
  if (re === 0) return im === 1 ? unit : `${formatReal(im)}*${unit}`;
  return `(${formatReal(re)} ${im < 0 ? '-' : '+'} ${formatReal(Math.abs(im))}*${unit})`;
}

/** The terms of p, each with its sign in front: ['x^2', '- 3*y', '+ (1 + 2*i)*x*y', ...]. */
function formatTerms(p: Polynomial, names: readonly string[], unit: string): string[] {
  if (p.isZero()) return ['0'];
  return p.terms.map((t, k) => {
    const monomial = t.exps.flatMap((e, v) => (e === 0 ? [] : [e === 1 ? names[v]! : `${names[v]!}^${e}`])).join('*');
    // The sign goes outside, so terms read `- 3*x` and `- (1 + 2*i)*x`, never `+ -3*x`.
    const negative = t.re < 0 || (t.re === 0 && t.im < 0);
    const coefficient = negative ? formatCoefficient(-t.re, -t.im, unit) : formatCoefficient(t.re, t.im, unit);
    const body = monomial === '' ? coefficient : coefficient === '1' ? monomial : `${coefficient}*${monomial}`;
    const sign = negative ? '-' : '+';
    return k === 0 ? (negative ? `-${body}` : body) : `${sign} ${body}`;
  });
}

function formatPolynomial(p: Polynomial, names: readonly string[], dialect: Dialect): string {
  return formatTerms(p, names, dialect.imaginaryUnit).join(' ');
}

/** All names of the system (variables, then parameters) as identifiers of the dialect. */
function namesFor(system: System, dialect: Dialect): string[] {
  return identifiersFor([...system.variables, ...system.parameters], dialect.reserved);
}

/** Comment lines listing the renamings, each prefixed as the syntax wants comments. */
function renamingComment(system: System, names: readonly string[], prefix: string): string[] {
  const original = [...system.variables, ...system.parameters];
  const renamed = original.flatMap((name, k) => (name === names[k] ? [] : [`${prefix}  ${name} is written ${names[k]!}`]));
  return renamed.length === 0 ? [] : [`${prefix} renamed to be valid names here:`, ...renamed];
}

/** Breaks a long equation at term boundaries; PHCpack allows an equation to span lines. */
function wrapTerms(terms: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const term of terms) {
    if (line !== '' && line.length + 1 + term.length > width) {
      lines.push(line);
      line = term;
    } else line = line === '' ? term : `${line} ${term}`;
  }
  lines.push(line);
  return lines;
}

/**
 * PHCpack's input format. PHCpack has no parameters, so a system with parameters is refused:
 * substitute values first. Renamings are listed after the equations, where PHCpack reads
 * nothing. PHCpack learns variables from the equations, so a variable in none is lost.
 */
export function writePhc(system: System): string {
  if (system.parameters.length > 0) {
    throw new InputError(
      `PHCpack's input format has no parameters, and this system has ${system.parameters.length} (${system.parameters.join(', ')}): substitute their values before writing it for PHCpack`,
    );
  }
  const names = namesFor(system, PHC);
  const n = system.variables.length;
  const m = system.equations.length;
  const lines = [m === n ? `${m}` : `${m} ${n}`];
  for (const p of system.equations) {
    const wrapped = wrapTerms(formatTerms(p, names, PHC.imaginaryUnit), 78);
    wrapped[wrapped.length - 1] += ';';
    lines.push(...wrapped.map((l) => ` ${l}`));
  }
  const renamed = renamingComment(system, names, '');
  return [...lines, ...(renamed.length > 0 ? ['', ...renamed] : [])].join('\n') + '\n';
}

/**
 * Bertini's input file. Parameters are declared with `parameter`, and ParameterHomotopy is
 * set to 1 (solve at random complex parameter values), Bertini's first step for such systems.
 */
export function writeBertini(system: System): string {
  const names = namesFor(system, BERTINI);
  const variables = names.slice(0, system.variables.length);
  const parameters = names.slice(system.variables.length);
  const functions = identifiersFor(
    system.equations.map((_, k) => `f${k + 1}`),
    new Set([...BERTINI.reserved, ...names]),
  );
  const lines = ['% Bertini input written by critsolve', ...renamingComment(system, names, '%'), 'CONFIG'];
  if (parameters.length > 0) lines.push('ParameterHomotopy: 1;');
  lines.push('END;', 'INPUT', `variable_group ${variables.join(', ')};`);
  if (parameters.length > 0) lines.push(`parameter ${parameters.join(', ')};`);
  lines.push(`function ${functions.join(', ')};`);
  system.equations.forEach((p, k) => lines.push(`${functions[k]!} = ${formatPolynomial(p, names, BERTINI)};`));
  lines.push('END;');
  return lines.join('\n') + '\n';
}

/**
 * A HomotopyContinuation.jl script. With parameters, it solves at random complex parameter
 * values (a generic instance, the usual start for a parameter homotopy); replace them by yours.
 */
export function writeJulia(system: System): string {
  const names = namesFor(system, JULIA);
  const variables = names.slice(0, system.variables.length);
  const parameters = names.slice(system.variables.length);
  const lines = ['# HomotopyContinuation.jl script written by critsolve', ...renamingComment(system, names, '#')];
  lines.push('using HomotopyContinuation', '', `@var ${variables.join(' ')}`);
  if (parameters.length > 0) lines.push(`@var ${parameters.join(' ')}`);
  lines.push('F = System([');
  for (const p of system.equations) lines.push(`    ${formatPolynomial(p, names, JULIA)},`);
  const declared =
    parameters.length > 0 ? `; variables = [${variables.join(', ')}], parameters = [${parameters.join(', ')}]` : `; variables = [${variables.join(', ')}]`;
  lines.push(`]${declared})`);
  if (parameters.length > 0) {
    lines.push(`# generic complex values for ${parameters.join(', ')}: replace them by the values you want`);
    lines.push(`result = solve(F; target_parameters = randn(ComplexF64, ${parameters.length}))`);
  } else lines.push('result = solve(F)');
  lines.push('println(result)');
  return lines.join('\n') + '\n';
}

/** Our own text format (parse.ts), with `variables:` so the order survives a round trip. */
export function writeText(system: System): string {
  const names = namesFor(system, TEXT);
  const variables = names.slice(0, system.variables.length);
  const parameters = names.slice(system.variables.length);
  const lines = ['# written by critsolve', ...renamingComment(system, names, '#'), `variables: ${variables.join(', ')}`];
  if (parameters.length > 0) lines.push(`parameters: ${parameters.join(', ')}`);
  for (const p of system.equations) lines.push(formatPolynomial(p, names, TEXT));
  return lines.join('\n') + '\n';
}

/**
 * A solution list in PHCpack's format (the "THE SOLUTIONS :" section that follows a system in
 * an input file): every point with t = 0, multiplicity 1, and its coordinates under the names
 * writePhc gives the system's variables. Points are interleaved (re, im).
 */
export function writePhcSolutions(system: System, points: readonly Float64Array[]): string {
  const names = namesFor(system, PHC).slice(0, system.variables.length);
  const num = (v: number): string =>
    (v < 0 || Object.is(v, -0) ? '' : ' ') +
    v
      .toExponential(14)
      .replace(/e([+-])(\d)$/, 'E$10$2')
      .replace('e', 'E');
  const lines = ['THE SOLUTIONS :', `${points.length} ${names.length}`, '==========================================================================='];
  points.forEach((x, k) => {
    lines.push(`solution ${k + 1} :`, 't :  0.00000000000000E+00   0.00000000000000E+00', 'm : 1', 'the solution for t :');
    names.forEach((name, j) => lines.push(` ${name} : ${num(x[2 * j]!)}  ${num(x[2 * j + 1]!)}`));
    lines.push('== err :  0.000E+00 = rco :  1.000E+00 = res :  0.000E+00 ==');
  });
  return lines.join('\n') + '\n';
}
