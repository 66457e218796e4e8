/**
 * PHCpack's input format: the first line holds the number of equations, optionally followed
 * by the number of variables; each equation ends with `;` and may span lines; anything after
 * the last equation is ignored (PHCpack's own output files append solutions there). Variables
 * are ordered by first appearance, as PHCpack orders them. Equations use the same notation
 * as our text format (see parse.ts), minus `=`, comments and declarations.
 */
import { ParseError } from '../errors.js';
import { buildSystem, readExpression, SourceText, type EquationText, type Span } from './expression.js';
import type { System } from './system.js';

const COUNT_LINE = /^\s*(\d+)(?:\s+(\d+))?\s*$/;

/** True when the first non-empty line is a count (one or two whole numbers): PHCpack's format. */
export function looksLikePhc(text: string): boolean {
  const first = text.split('\n').find((line) => line.trim() !== '');
  return first !== undefined && COUNT_LINE.test(first);
}

/** Parses a system in PHCpack's input format. */
export function parsePhc(text: string, source = 'input'): System {
  const src = new SourceText(text, source);
  const count = readCountLine(src);
  const equations: EquationText[] = [];
  let pos = count.end;
  while (equations.length < count.equations) {
    const semicolon = text.indexOf(';', pos);
    if (semicolon < 0) throw tooFewEquations(src, count, equations.length, { start: pos, end: text.length });
    const span = { start: pos, end: semicolon };
    if (text.slice(pos, semicolon).trim() === '') {
      throw src.error(`equation ${equations.length + 1} is empty: nothing before this ';'`, semicolon);
    }
    equations.push({ lhs: span });
    pos = semicolon + 1;
  }
  const system = buildSystem(src, equations, { parameters: [] });
  refuseExtraEquation(src, count, system, pos);
  if (count.variables !== undefined && count.variables !== system.variables.length) {
    throw src.error(
      `the first line says ${count.variables} variables but the equations use ${system.variables.length} (${system.variables.join(', ')})`,
      count.at,
    );
  }
  return system;
}

interface CountLine {
  readonly equations: number;
  readonly variables: number | undefined;
  /** Offset of the count itself, and of the end of its line. */
  readonly at: number;
  readonly end: number;
}

function readCountLine(src: SourceText): CountLine {
  let start = 0;
  for (const line of src.text.split('\n')) {
    if (line.trim() !== '') {
      const at = start + line.search(/\S/);
      const m = COUNT_LINE.exec(line);
      if (!m) {
        throw src.error(`expected the number of equations on the first line (PHCpack format), found '${line.trim().slice(0, 40)}'`, at);
      }
      const equations = Number(m[1]);
      if (equations === 0) throw src.error('the first line says 0 equations: the system is empty', at);
      return { equations, variables: m[2] === undefined ? undefined : Number(m[2]), at, end: start + line.length };
    }
    start += line.length + 1;
  }
  throw src.error('no equations found: the file is empty', 0);
}

function tooFewEquations(src: SourceText, count: CountLine, found: number, rest: Span): ParseError {
  const trailing = src.quote(rest);
  const hint = trailing === '' ? '' : `; is a ';' missing after '${trailing}'?`;
  return src.error(`the first line says ${count.equations} equations but only ${found} end with ';'${hint} (fix the count on the first line)`, count.at);
}

/**
 * Text after the last counted equation is ignored, but when it reads as one more equation in
 * the same variables the count is almost surely wrong; solving the wrong system silently would
 * be worse than asking.
 */
function refuseExtraEquation(src: SourceText, count: CountLine, system: System, pos: number): void {
  const semicolon = src.text.indexOf(';', pos);
  if (semicolon < 0) return;
  const span = { start: pos, end: semicolon };
  if (src.quote(span) === '') return;
  let symbols: readonly string[];
  try {
    symbols = readExpression(src, span).symbols.map((o) => o.name);
  } catch (e) {
    if (e instanceof ParseError) return;
    throw e;
  }
  const known = new Set(system.variables);
  if (symbols.length > 0 && symbols.every((name) => known.has(name))) {
    throw src.error(
      `the first line says ${count.equations} equations but another one follows: '${src.quote(span)}' (fix the count on the first line)`,
      span.start + src.text.slice(span.start, span.end).search(/\S/),
    );
  }
}
