/**
 * Our text format for systems: one polynomial per line, or several separated by `;`;
 * `lhs = rhs` means lhs − rhs; `#` starts a comment; `^` or `**` for powers; optional
 * `variables: x, y` (fixes their order; otherwise the order of first appearance, as in PHCpack)
 * and `parameters: a, b` lines (parameters come after the variables in every polynomial). The
 * expressions themselves are read by src/poly/expression.ts.
 */
import { buildSystem, IMAGINARY_UNITS, MATHJS_WORDS, SourceText, type EquationText, type Occurrence } from './expression.js';
import type { System } from './system.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DECLARATION = /^\s*(variables|parameters)\s*:/;
/** An `=` that is not part of `==`, `<=`, `>=` or `!=` (those are refused later as characters). */
const EQUALS = /(?<![=<>!])=(?!=)/g;

/** Parses a system in our text format (see the file comment). */
export function parseSystem(text: string, source = 'input'): System {
  const src = new SourceText(text, source);
  const equations: EquationText[] = [];
  let variables: Occurrence[] | undefined;
  const parameters: Occurrence[] = [];
  const declaredAt = new Map<string, number>();
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const hash = line.indexOf('#');
    const body = hash < 0 ? line : line.slice(0, hash);
    const decl = DECLARATION.exec(body);
    if (decl) {
      const names = declaredNames(src, lineStart + decl[0].length, body.slice(decl[0].length), declaredAt);
      if (decl[1] === 'variables') (variables ??= []).push(...names);
      else parameters.push(...names);
    } else {
      equations.push(...splitEquations(src, lineStart, body));
    }
    lineStart += line.length + 1;
  }
  if (equations.length === 0) throw src.error('no equations found: the system is empty', 0);
  return buildSystem(src, equations, { variables, parameters });
}

/** The names of a declaration line, checked to be usable and declared once. */
function declaredNames(src: SourceText, offset: number, list: string, declaredAt: Map<string, number>): Occurrence[] {
  const names: Occurrence[] = [];
  for (const m of list.matchAll(/[^\s,]+/g)) {
    const name = m[0];
    const at = offset + m.index;
    if (!NAME.test(name)) {
      throw src.error(`'${name}' is not a valid name: use letters, digits and underscores, starting with a letter (W1[1,2] can be W1_1_2)`, at);
    }
    if (IMAGINARY_UNITS.has(name) || MATHJS_WORDS.has(name)) {
      const meaning = IMAGINARY_UNITS.has(name) ? 'the imaginary unit' : 'a mathjs keyword';
      throw src.error(`'${name}' cannot be a name: it is reserved (${meaning})`, at);
    }
    const before = declaredAt.get(name);
    if (before !== undefined) {
      const { line, column } = src.locate(before);
      throw src.error(`'${name}' is declared twice (first at ${line}:${column})`, at);
    }
    declaredAt.set(name, at);
    names.push({ name, at });
  }
  return names;
}

/** The `;`-separated equations of one line, each possibly written `lhs = rhs`. */
function splitEquations(src: SourceText, lineStart: number, body: string): EquationText[] {
  const equations: EquationText[] = [];
  let start = 0;
  for (const piece of body.split(';')) {
    const end = start + piece.length;
    if (piece.trim() !== '') {
      const equals = [...piece.matchAll(EQUALS)].map((m) => lineStart + start + m.index);
      const whole = { start: lineStart + start, end: lineStart + end };
      if (equals.length > 1) throw src.error(`more than one '=' in '${src.quote(whole)}'`, equals[1]!);
      const eq = equals[0];
      if (eq === undefined) equations.push({ lhs: whole });
      else {
        const lhs = { start: whole.start, end: eq };
        const rhs = { start: eq + 1, end: whole.end };
        if (src.quote(lhs) === '') throw src.error(`nothing on the left of '=' in '${src.quote(whole)}'`, eq);
        if (src.quote(rhs) === '') throw src.error(`nothing on the right of '=' in '${src.quote(whole)}'`, eq);
        equations.push({ lhs, rhs });
      }
    }
    start = end + 1;
  }
  return equations;
}
