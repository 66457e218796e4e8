/**
 * Reading polynomials written in ordinary notation: the expressions of both file formats
 * (our text format, src/poly/parse.ts, and PHCpack's, src/poly/phc.ts).
 *
 * mathjs tokenizes and applies precedence; we walk its syntax tree ourselves and expand it
 * into a Polynomial (mathjs's `simplify` is far too slow for systems with hundreds of terms),
 * refusing anything that is not a polynomial. mathjs nodes carry no source positions, so a
 * walk in source order re-finds every node in the text: each error names line and column.
 *
 * Every symbol is a variable (or a declared parameter) except the imaginary unit `i` or `I`.
 * mathjs's constants `e`, `E`, `pi` are NOT special here: PHCpack files name unknowns freely,
 * and a name silently turning into 2.718… would be a far worse surprise than writing 2.718.
 */
import { createRequire } from 'node:module';
import type { MathNode } from 'mathjs/number';
import { ParseError, type SourceLocation } from '../errors.js';
import { Polynomial, type Term } from './polynomial.js';
import { makeSystem, type System } from './system.js';

/**
 * mathjs, loaded on the first parse: it takes most of a second to load, and most commands
 * (network, study, diagram, descent and every refusal of bad options) never parse a system.
 */
type MathJs = typeof import('mathjs/number');
let mathjs: MathJs | undefined;
const math = (): MathJs => (mathjs ??= createRequire(import.meta.url)('mathjs/number') as MathJs);
const isConstantNode = (n: unknown): n is import('mathjs/number').ConstantNode => math().isConstantNode(n);
const isFunctionNode = (n: unknown): n is import('mathjs/number').FunctionNode => math().isFunctionNode(n);
const isOperatorNode = (n: unknown): n is import('mathjs/number').OperatorNode => math().isOperatorNode(n);
const isParenthesisNode = (n: unknown): n is import('mathjs/number').ParenthesisNode => math().isParenthesisNode(n);
const isSymbolNode = (n: unknown): n is import('mathjs/number').SymbolNode => math().isSymbolNode(n);
const parseMath = (text: string): MathNode => math().parse(text);

/** A half-open range [start, end) of character offsets into the source text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** One equation as written: a polynomial, or `lhs = rhs` meaning lhs − rhs. */
export interface EquationText {
  readonly lhs: Span;
  readonly rhs?: Span;
}

/** A name and the offset where it occurs. */
export interface Occurrence {
  readonly name: string;
  readonly at: number;
}

/** Declared names; without declared variables they are taken in order of first appearance. */
export interface Declarations {
  readonly variables?: readonly Occurrence[];
  readonly parameters: readonly Occurrence[];
}

/** Names of the imaginary unit, never variables. */
export const IMAGINARY_UNITS: ReadonlySet<string> = new Set(['i', 'I']);

/** Words that mathjs reads as operators or literals, so they cannot name a variable. */
export const MATHJS_WORDS: ReadonlySet<string> = new Set([
  'mod',
  'to',
  'in',
  'and',
  'or',
  'xor',
  'not',
  'true',
  'false',
  'null',
  'undefined',
  'NaN',
  'Infinity',
]);

/** The source text with its name, turning offsets into 1-based lines and columns. */
export class SourceText {
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly text: string,
    readonly source: string,
  ) {
    for (let k = 0; k < text.length; k++) if (text[k] === '\n') this.lineStarts.push(k + 1);
  }

  locate(offset: number): SourceLocation {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }

  error(problem: string, offset: number): ParseError {
    return new ParseError(problem, this.locate(offset), this.source);
  }

  /** The text of a span on one line, shortened, for quoting in a message. */
  quote(span: Span): string {
    const s = this.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  }
}

/** Characters a polynomial may contain; anything else is refused before mathjs sees it. */
const POLYNOMIAL_CHAR = /[A-Za-z0-9_\s+\-*/^().,]/;
/** Number literals as mathjs reads them, to step over them in the text. */
const NUMBER_LITERAL = /0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z]+/y;
const SPACE = /\s+/y;
const BINARY_OPERATORS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '^']);
const UNARY_OPERATORS: ReadonlySet<string> = new Set(['+', '-']);

/** A polynomial expression read by mathjs and checked, with where each node sits. */
export interface ParsedExpression {
  readonly root: MathNode;
  readonly spans: ReadonlyMap<MathNode, Span>;
  /** Symbols other than the imaginary unit, in source order. */
  readonly symbols: readonly Occurrence[];
}

/** Refuses characters and parentheses that cannot be right, with their exact position. */
function checkCharacters(src: SourceText, span: Span): void {
  const open: number[] = [];
  for (let k = span.start; k < span.end; k++) {
    const ch = src.text[k]!;
    if (ch === '(') open.push(k);
    else if (ch === ')' && open.pop() === undefined) {
      throw src.error(`unbalanced parentheses: ')' without a matching '(' in '${src.quote(span)}'`, k);
    } else if (!POLYNOMIAL_CHAR.test(ch)) {
      const c = String.fromCodePoint(src.text.codePointAt(k)!);
      const hint = c === '[' || c === ']' ? ' (names like W1[1,2] are not supported: write W1_1_2)' : '';
      throw src.error(`unexpected character '${c}' in '${src.quote(span)}'${hint}`, k);
    }
  }
  if (open.length > 0) {
    throw src.error(`unbalanced parentheses: '(' is never closed in '${src.quote(span)}'`, open[open.length - 1]!);
  }
}

/** Parses one polynomial expression with mathjs and checks that it is made of polynomial parts. */
export function readExpression(src: SourceText, span: Span): ParsedExpression {
  checkCharacters(src, span);
  // `**` becomes `^ ` and line breaks become spaces: same length, so offsets still match.
  const text = src.text
    .slice(span.start, span.end)
    .replace(/\*\*/g, '^ ')
    .replace(/[\r\n]/g, ' ');
  if (text.trim() === '') throw src.error('empty polynomial', span.start);
  let root: MathNode;
  try {
    root = parseMath(text);
  } catch (e) {
    throw syntaxError(src, span, e);
  }
  const walk = new SourceWalk(src, text, span.start);
  walk.visit(root);
  return { root, spans: walk.spans, symbols: walk.symbols };
}

function syntaxError(src: SourceText, span: Span, e: unknown): ParseError {
  const message = e instanceof Error ? e.message : String(e);
  const char = (e as { char?: unknown }).char;
  const at = typeof char === 'number' ? Math.min(Math.max(span.start + char - 1, span.start), span.end) : span.start;
  const rest = src.text.slice(at, span.end).trim();
  const piece = rest === '' ? 'the end' : `'${rest.split(/\s+/)[0]!.slice(0, 20)}'`;
  const problem = message.replace(/\s*\(char \d+\)\s*$/, '');
  return src.error(`syntax error at ${piece} of '${src.quote(span)}': ${problem}`, at);
}

/**
 * Walks a mathjs tree in source order alongside its text, recording each node's span and
 * refusing what is not a polynomial at the exact place it is written.
 */
class SourceWalk {
  readonly spans = new Map<MathNode, Span>();
  readonly symbols: Occurrence[] = [];
  private pos = 0;

  constructor(
    private readonly src: SourceText,
    private readonly text: string,
    private readonly base: number,
  ) {}

  visit(node: MathNode): void {
    this.skipSpace();
    const start = this.pos;
    if (isConstantNode(node)) this.constant(node.value);
    else if (isSymbolNode(node)) {
      if (!IMAGINARY_UNITS.has(node.name)) this.symbols.push({ name: node.name, at: this.base + this.pos });
      this.expect(node.name);
    } else if (isParenthesisNode(node)) {
      this.expect('(');
      this.visit(node.content);
      this.expect(')');
    } else if (isOperatorNode(node)) this.operator(node.op, node.args, node.implicit);
    else if (isFunctionNode(node)) throw this.functionCall(node.fn.name);
    else throw this.fail(`'${node.toString()}' is not allowed in a polynomial (use + - * / ^ ** and parentheses)`);
    this.spans.set(node, { start: this.base + start, end: this.base + this.pos });
  }

  private constant(value: unknown): void {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw this.fail(`'${this.match(WORD) ?? String(value)}' is not a finite number`);
    }
    this.pos += this.match(NUMBER_LITERAL)?.length ?? 0;
  }

  /** What a sticky pattern matches at the current position (no copying of the text). */
  private match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.pos;
    return pattern.exec(this.text)?.[0];
  }

  private operator(op: string, args: readonly MathNode[], implicit: boolean): void {
    if (args.length === 1) {
      if (!UNARY_OPERATORS.has(op)) throw this.fail(`the operator '${op}' is not allowed in a polynomial`);
      this.expect(op);
      this.visit(args[0]!);
      return;
    }
    this.visit(args[0]!);
    for (const arg of args.slice(1)) {
      if (!implicit) {
        this.skipSpace();
        if (!BINARY_OPERATORS.has(op)) throw this.fail(`the operator '${op}' is not allowed in a polynomial (use + - * / ^ **)`);
        this.expect(op);
      }
      this.visit(arg);
    }
  }

  private functionCall(name: string): ParseError {
    let end = this.text.indexOf('(', this.pos);
    for (let depth = 0; end < this.text.length; end++) {
      if (this.text[end] === '(') depth++;
      else if (this.text[end] === ')' && --depth === 0) break;
    }
    const call = this.src.quote({ start: this.base + this.pos, end: this.base + end + 1 });
    return this.fail(`'${call}' is a function call, which a polynomial cannot contain (to multiply, write '${name}*(...)')`);
  }

  private skipSpace(): void {
    this.pos += this.match(SPACE)?.length ?? 0;
  }

  /** Steps over expected text; if our reading of mathjs ever differs, positions stay approximate. */
  private expect(s: string): void {
    this.skipSpace();
    if (this.text.startsWith(s, this.pos)) this.pos += s.length;
  }

  private fail(problem: string): ParseError {
    return this.src.error(problem, this.base + this.pos);
  }
}

/** Expands a checked expression into a Polynomial in the given names. */
class Expander {
  constructor(
    private readonly src: SourceText,
    private readonly expr: ParsedExpression,
    private readonly index: ReadonlyMap<string, number>,
    private readonly nvars: number,
  ) {}

  expand(node: MathNode): Polynomial {
    if (isParenthesisNode(node)) return this.expand(node.content);
    if (isConstantNode(node)) return Polynomial.constant(this.nvars, node.value as number);
    if (isSymbolNode(node)) {
      if (IMAGINARY_UNITS.has(node.name)) return Polynomial.constant(this.nvars, 0, 1);
      return Polynomial.variable(this.nvars, this.index.get(node.name)!);
    }
    if (!isOperatorNode(node)) throw new Error(`unchecked ${node.type} reached the expander`);
    if (isAdditive(node)) return this.sum(node);
    const [a, b] = node.args as [MathNode, MathNode];
    if (node.fn === 'divide') return this.divide(node, a, b);
    if (node.fn === 'pow') return this.power(node, a, b);
    return this.expand(a).mul(this.expand(b));
  }

  /** Long sums are common (hundreds of terms): gather them all, then combine once. */
  private sum(node: MathNode): Polynomial {
    const terms: Term[] = [];
    const stack: Array<[MathNode, number]> = [[node, 1]];
    while (stack.length > 0) {
      const [n, sign] = stack.pop()!;
      if (isParenthesisNode(n)) stack.push([n.content, sign]);
      else if (isOperatorNode(n) && isAdditive(n)) {
        const [a, b] = n.args;
        if (b === undefined) stack.push([a!, n.fn === 'unaryMinus' ? -sign : sign]);
        else stack.push([b, n.fn === 'subtract' ? -sign : sign], [a!, sign]);
      } else {
        for (const t of this.expand(n).terms) terms.push({ exps: t.exps, re: sign * t.re, im: sign * t.im });
      }
    }
    return Polynomial.fromTerms(this.nvars, terms);
  }

  private divide(node: MathNode, a: MathNode, b: MathNode): Polynomial {
    const d = this.expand(b).constantValue();
    if (!d) {
      throw this.fail(`division by '${this.quote(b)}', which is not constant: a polynomial can only be divided by a number`, b);
    }
    const [c, s] = d;
    const m = c * c + s * s;
    if (m === 0) throw this.fail(`division by zero in '${this.quote(node)}'`, b);
    // Dividing a real coefficient directly keeps 3/4 exactly 0.75 (no rounded reciprocal).
    const terms = this.expand(a).terms.map((t) =>
      s === 0 ? { exps: t.exps, re: t.re / c, im: t.im / c } : { exps: t.exps, re: (t.re * c + t.im * s) / m, im: (t.im * c - t.re * s) / m },
    );
    return Polynomial.fromTerms(this.nvars, terms);
  }

  private power(node: MathNode, a: MathNode, b: MathNode): Polynomial {
    const base = this.expand(a);
    const e = this.expand(b).constantValue();
    if (!e) throw this.fail(`the exponent in '${this.quote(node)}' is not constant: a polynomial has whole-number powers only`, b);
    const [k, kIm] = e;
    if (kIm !== 0) throw this.fail(`the exponent in '${this.quote(node)}' is complex: a polynomial has whole-number powers only`, b);
    const c = base.constantValue();
    if (c) return this.constantPower(node, c, k);
    if (!Number.isInteger(k) || k < 0) {
      throw this.fail(`the exponent ${k} in '${this.quote(node)}' is not a whole number >= 0, so this is not a polynomial`, b);
    }
    return base.pow(k);
  }

  /** Powers of numbers may be anything finite: 10^-3 is a fine way to write a coefficient. */
  private constantPower(node: MathNode, [re, im]: [number, number], k: number): Polynomial {
    let value: [number, number] | undefined;
    if (im === 0 && (re > 0 || Number.isInteger(k))) value = [Math.pow(re, k), 0];
    else if (Number.isInteger(k)) {
      const m = re * re + im * im;
      const [br, bi] = k < 0 ? [re / m, -im / m] : [re, im];
      value = Polynomial.constant(this.nvars, br, bi).pow(Math.abs(k)).constantValue();
    }
    if (!value || !Number.isFinite(value[0]) || !Number.isFinite(value[1])) {
      throw this.fail(`'${this.quote(node)}' is not a finite number`, node);
    }
    return Polynomial.constant(this.nvars, value[0], value[1]);
  }

  private quote(node: MathNode): string {
    return this.src.quote(this.expr.spans.get(node)!);
  }

  private fail(problem: string, node: MathNode): ParseError {
    return this.src.error(problem, this.expr.spans.get(node)!.start);
  }
}

function isAdditive(node: { fn: string }): boolean {
  return node.fn === 'add' || node.fn === 'subtract' || node.fn === 'unaryMinus' || node.fn === 'unaryPlus';
}

/** The variable order: as declared, else by first appearance; parameters are never variables. */
function nameTable(src: SourceText, used: readonly Occurrence[], declared: Declarations): { variables: string[]; parameters: string[] } {
  const parameters = declared.parameters.map((o) => o.name);
  if (declared.variables) {
    const variables = declared.variables.map((o) => o.name);
    const known = new Set([...variables, ...parameters]);
    const unknown = used.find((o) => !known.has(o.name));
    if (unknown) {
      throw src.error(`'${unknown.name}' is not declared: add it to the 'variables:' or the 'parameters:' line`, unknown.at);
    }
    return { variables, parameters };
  }
  const seen = new Set(parameters);
  const variables: string[] = [];
  for (const o of used) {
    if (!seen.has(o.name)) variables.push(o.name);
    seen.add(o.name);
  }
  return { variables, parameters };
}

/** Reads every equation, names the variables and expands: the common end of both formats. */
export function buildSystem(src: SourceText, equations: readonly EquationText[], declared: Declarations): System {
  const parsed = equations.map((eq) => ({
    lhs: readExpression(src, eq.lhs),
    rhs: eq.rhs && readExpression(src, eq.rhs),
  }));
  const used = parsed.flatMap(({ lhs, rhs }) => [...lhs.symbols, ...(rhs?.symbols ?? [])]);
  const { variables, parameters } = nameTable(src, used, declared);
  const index = new Map([...variables, ...parameters].map((name, k) => [name, k]));
  const expand = (expr: ParsedExpression) => new Expander(src, expr, index, index.size).expand(expr.root);
  const polynomials = parsed.map(({ lhs, rhs }) => (rhs ? expand(lhs).sub(expand(rhs)) : expand(lhs)));
  return makeSystem(variables, polynomials, parameters);
}
