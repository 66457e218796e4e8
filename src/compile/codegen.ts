/**
 * JavaScript generated from a Program, instantiated with `new Function`.
 *
 * Safety is structural: the source is assembled from fixed fragments, integers printed by
 * `int` and finite numbers printed by `literal`, and both refuse anything that is not a
 * number. No name, string or other text of the input can reach the generated source, whatever
 * the system or the program object holds.
 *
 * Each entry point (F; F with J; ∂F/∂p) computes only the nodes its outputs need. Values live
 * in locals r<k>, i<k> (node k). Long programs are split into chunks, each its own function,
 * because V8 stops optimizing functions past a bytecode size; nodes needed by a later chunk
 * pass through a scratch array t.
 */
import { InputError } from '../errors.js';
import { ONE, nodeCount, type Program, type SumTable } from './program.js';
import { DDEvaluator } from './ddEvaluate.js';
import type { CompiledSystem, DDSystem } from './types.js';

/**
 * Products and terms per generated function. V8 does not optimize functions whose bytecode
 * exceeds 60 KB (--max-optimized-bytecode-size), and an unoptimized chunk runs ~20× slower;
 * 300 keeps chunks far below that, and quick to optimize, at the price of a few more loads
 * and stores through t (measured on the 18-variable network gradient: 1500 never optimized,
 * 100–300 ran at the same speed).
 */
const CHUNK_COST = 300;
/** Terms per assignment, so that no single expression grows without bound. */
const TERMS_PER_STATEMENT = 64;

/** The generated bodies, one array of chunk bodies per entry point. */
export interface GeneratedSource {
  readonly evaluate: string[];
  readonly jacobian: string[];
  readonly parameters: string[];
}

/** A chunk: reads inputs x, p and scratch t, writes outputs A (and B). */
type Chunk = (x: Float64Array, p: Float64Array | undefined, t: Float64Array, A: Float64Array, B: Float64Array | undefined) => void;

/** Prints a non-negative integer index; the only way an integer enters the source. */
function int(k: number): string {
  if (typeof k !== 'number' || !Number.isSafeInteger(k) || k < 0) throw new InputError(`compiled program: ${String(k)} is not an index`);
  return String(k);
}

/** Prints a finite number so that it parses back to the same double; the only way a coefficient enters the source. */
export function literal(v: number): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new InputError(`cannot compile the coefficient ${String(v)}: coefficients must be finite numbers`);
  }
  // Number#toString is the shortest string that round-trips (ECMA-262 Number::toString).
  return Object.is(v, -0) ? '-0' : String(v);
}

type Step =
  | { readonly kind: 'product'; readonly node: number }
  | { readonly kind: 'output'; readonly target: number; readonly table: SumTable; readonly index: number; readonly from: number; readonly to: number };

export function generateSource(program: Program): GeneratedSource {
  return {
    evaluate: entrySource(program, [program.F]),
    jacobian: entrySource(program, [program.F, program.J]),
    parameters: entrySource(program, [program.Fp]),
  };
}

/** The chunk bodies of one entry point whose outputs are the given tables (targets A, B). */
function entrySource(program: Program, tables: readonly SumTable[]): string[] {
  const ninputs = program.nvars + program.nparams;
  const steps = planSteps(program, tables);

  // Chunk of each step, and the last chunk that reads each node.
  const chunkOf = new Int32Array(steps.length);
  const lastUse = new Int32Array(nodeCount(program)).fill(-1);
  let chunk = 0;
  let cost = 0;
  steps.forEach((step, s) => {
    const stepCost = step.kind === 'product' ? 1 : step.to - step.from;
    if (cost > 0 && cost + stepCost > CHUNK_COST) {
      chunk++;
      cost = 0;
    }
    cost += stepCost;
    chunkOf[s] = chunk;
    const use = (k: number): void => {
      if (k !== ONE) lastUse[k] = chunk;
    };
    if (step.kind === 'product') {
      use(program.products[2 * (step.node - ninputs)]!);
      use(program.products[2 * (step.node - ninputs) + 1]!);
    } else {
      for (let q = step.from; q < step.to; q++) use(step.table.node[q]!);
    }
  });

  const bodies: string[] = [];
  // available[k] === c when node k is a local of chunk c.
  const available = new Int32Array(nodeCount(program)).fill(-1);
  let lines: string[] = [];
  const ref = (k: number, c: number): void => {
    if (k === ONE || available[k] === c) return;
    available[k] = c;
    const [array, at] = k < program.nvars ? ['x', 2 * k] : k < ninputs ? ['p', 2 * (k - program.nvars)] : ['t', 2 * k];
    lines.push(`const r${int(k)} = ${array}[${int(at)}], i${int(k)} = ${array}[${int(at + 1)}];`);
  };
  steps.forEach((step, s) => {
    const c = chunkOf[s]!;
    if (s > 0 && c !== chunkOf[s - 1]) {
      bodies.push(lines.join('\n'));
      lines = [];
    }
    if (step.kind === 'product') {
      const k = step.node;
      const a = program.products[2 * (k - ninputs)]!;
      const b = program.products[2 * (k - ninputs) + 1]!;
      ref(a, c);
      ref(b, c);
      const [ra, ia, rb, ib] = [`r${int(a)}`, `i${int(a)}`, `r${int(b)}`, `i${int(b)}`];
      lines.push(`const r${int(k)} = ${ra} * ${rb} - ${ia} * ${ib}, i${int(k)} = ${ra} * ${ib} + ${ia} * ${rb};`);
      available[k] = c;
      if (lastUse[k]! > c) lines.push(`t[${int(2 * k)}] = r${int(k)}; t[${int(2 * k + 1)}] = i${int(k)};`);
    } else {
      for (let q = step.from; q < step.to; q++) ref(step.table.node[q]!, c);
      const target = step.target === 0 ? 'A' : 'B';
      const op = step.from === step.table.start[step.index] ? '=' : '+=';
      const [re, im] = sumExpressions(step.table, step.from, step.to);
      lines.push(`${target}[${int(2 * step.index)}] ${op} ${re}; ${target}[${int(2 * step.index + 1)}] ${op} ${im};`);
    }
  });
  if (lines.length > 0) bodies.push(lines.join('\n'));
  return bodies;
}

/** The products the outputs need, in order, then the output statements. */
function planSteps(program: Program, tables: readonly SumTable[]): Step[] {
  const ninputs = program.nvars + program.nparams;
  const needed = new Uint8Array(nodeCount(program));
  for (const table of tables) for (const k of table.node) if (k !== ONE) needed[k] = 1;
  for (let k = needed.length - 1; k >= ninputs; k--) {
    if (!needed[k]) continue;
    needed[program.products[2 * (k - ninputs)]!] = 1;
    needed[program.products[2 * (k - ninputs) + 1]!] = 1;
  }
  const steps: Step[] = [];
  for (let k = ninputs; k < needed.length; k++) if (needed[k]) steps.push({ kind: 'product', node: k });
  tables.forEach((table, target) => {
    for (let index = 0; index + 1 < table.start.length; index++) {
      for (let from = table.start[index]!; from < table.start[index + 1]!; from += TERMS_PER_STATEMENT) {
        const to = Math.min(from + TERMS_PER_STATEMENT, table.start[index + 1]!);
        steps.push({ kind: 'output', target, table, index, from, to });
      }
    }
  });
  return steps;
}

/** Real and imaginary parts of Σ c·node over the terms from .. to-1. */
function sumExpressions(table: SumTable, from: number, to: number): [string, string] {
  const re: string[] = [];
  const im: string[] = [];
  for (let q = from; q < to; q++) {
    const k = table.node[q]!;
    const cr = table.re[q]!;
    const ci = table.im[q]!;
    if (k === ONE) {
      re.push(literal(cr));
      im.push(literal(ci));
      continue;
    }
    const [r, i] = [`r${int(k)}`, `i${int(k)}`];
    if (ci === 0) {
      re.push(cr === 1 ? r : `${literal(cr)} * ${r}`);
      im.push(cr === 1 ? i : `${literal(cr)} * ${i}`);
    } else if (cr === 0) {
      re.push(`${literal(-ci)} * ${i}`);
      im.push(`${literal(ci)} * ${r}`);
    } else {
      re.push(`${literal(cr)} * ${r} + ${literal(-ci)} * ${i}`);
      im.push(`${literal(cr)} * ${i} + ${literal(ci)} * ${r}`);
    }
  }
  return [re.join(' + '), im.join(' + ')];
}

/** One entry point: its chunks, and whether its targets need zeroing for outputs without terms. */
class Entry {
  private readonly chunks: Chunk[];

  constructor(
    bodies: readonly string[],
    private readonly t: Float64Array,
    private readonly zeroA: number,
    private readonly zeroB: number,
  ) {
    this.chunks = bodies.map((body) => new Function('x', 'p', 't', 'A', 'B', `'use strict';\n${body}`) as Chunk);
  }

  run(x: Float64Array, p: Float64Array | undefined, A: Float64Array, B?: Float64Array): void {
    if (this.zeroA > 0) A.fill(0, 0, this.zeroA);
    if (this.zeroB > 0) B!.fill(0, 0, this.zeroB);
    const chunks = this.chunks;
    for (let c = 0; c < chunks.length; c++) chunks[c]!(x, p, this.t, A, B);
  }
}

/** Length to zero before running when some output of the table has no terms, else 0. */
function zeroLength(table: SumTable): number {
  const outputs = table.start.length - 1;
  for (let i = 0; i < outputs; i++) if (table.start[i] === table.start[i + 1]) return 2 * outputs;
  return 0;
}

class GeneratedSystem implements CompiledSystem {
  readonly nvars: number;
  readonly neqs: number;
  readonly nparams: number;
  private readonly f: Entry;
  private readonly fj: Entry;
  private readonly fp: Entry;
  private dd: DDEvaluator | undefined;

  constructor(
    private readonly program: Program,
    source: GeneratedSource,
  ) {
    this.nvars = program.nvars;
    this.neqs = program.neqs;
    this.nparams = program.nparams;
    const t = new Float64Array(2 * nodeCount(program));
    this.f = new Entry(source.evaluate, t, zeroLength(program.F), 0);
    this.fj = new Entry(source.jacobian, t, zeroLength(program.F), zeroLength(program.J));
    this.fp = new Entry(source.parameters, t, zeroLength(program.Fp), 0);
  }

  doubleDouble(): DDSystem {
    return (this.dd ??= new DDEvaluator(this.program));
  }

  private check(x: Float64Array, p: Float64Array | undefined): void {
    if (x.length < 2 * this.nvars) throw new RangeError(`x has length ${x.length}; expected 2·${this.nvars} (interleaved re, im)`);
    if (this.nparams > 0 && (p === undefined || p.length < 2 * this.nparams)) {
      throw new RangeError(`this system has ${this.nparams} parameters: pass p of length 2·${this.nparams}`);
    }
  }

  private checkOut(out: Float64Array, entries: number, what: string): void {
    if (out.length < 2 * entries) throw new RangeError(`${what} has length ${out.length}; expected 2·${entries}`);
  }

  evaluate(out: Float64Array, x: Float64Array, p?: Float64Array): Float64Array {
    this.check(x, p);
    this.checkOut(out, this.neqs, 'F');
    this.f.run(x, p, out);
    return out;
  }

  evaluateWithJacobian(outF: Float64Array, outJ: Float64Array, x: Float64Array, p?: Float64Array): void {
    this.check(x, p);
    this.checkOut(outF, this.neqs, 'F');
    this.checkOut(outJ, this.neqs * this.nvars, 'J');
    this.fj.run(x, p, outF, outJ);
  }

  evaluateParameterJacobian(outFp: Float64Array, x: Float64Array, p?: Float64Array): void {
    this.check(x, p);
    this.checkOut(outFp, this.neqs * this.nparams, 'Fp');
    this.fp.run(x, p, outFp);
  }
}

/** Generates and instantiates the evaluators of a (validated) program. */
export function instantiate(program: Program): CompiledSystem {
  return new GeneratedSystem(program, generateSource(program));
}
