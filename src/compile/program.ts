/**
 * Straight-line programs for F, ∂F/∂x and ∂F/∂p of a polynomial system.
 *
 * Every monomial that occurs in F or in one of its first derivatives becomes a node, and a
 * node is the product of an earlier node and an input: the derivatives of a monomial are its
 * neighbours one degree down, so building monomials by ascending degree reuses almost every
 * intermediate product, and each distinct monomial costs one complex multiplication. The
 * outputs are then sums of coefficient × node.
 *
 * A Program is plain data (numbers in arrays, no strings, no functions): it can be sent to a
 * worker thread or stored as JSON and compiled again there. Because it may come from outside,
 * `validateProgram` checks its shape before anything is generated from it.
 */
import { InputError } from '../errors.js';
import type { Polynomial } from '../poly/polynomial.js';
import type { System } from '../poly/system.js';

/** The constant monomial 1, as a node reference. */
export const ONE = -1;

/**
 * One sum Σ c·node per output, in compressed-row form: the terms of output i are
 * start[i] .. start[i+1]-1. A node of ONE is the constant term.
 */
export interface SumTable {
  readonly start: number[];
  readonly node: number[];
  readonly re: number[];
  readonly im: number[];
}

export interface Program {
  readonly nvars: number;
  readonly nparams: number;
  readonly neqs: number;
  /**
   * Nodes 0 .. nvars-1 are the variables, then nparams parameters. Node ninputs + j is the
   * product of nodes products[2j] and products[2j+1], both earlier nodes (buildProgram makes
   * the second one an input).
   */
  readonly products: number[];
  /** F_i, one output per equation. */
  readonly F: SumTable;
  /** ∂F_i/∂x_j at output i·nvars + j. */
  readonly J: SumTable;
  /** ∂F_i/∂p_k at output i·nparams + k. */
  readonly Fp: SumTable;
}

/** Builds the program of a system: shared monomials for F, its Jacobian and its parameter derivatives. */
export function buildProgram(system: System): Program {
  const nvars = system.variables.length;
  const nparams = system.parameters.length;
  const ninputs = nvars + nparams;
  const neqs = system.equations.length;
  for (const [i, f] of system.equations.entries()) {
    if (f.nvars !== ninputs) throw new RangeError(`equation ${i + 1} has ${f.nvars} variables, expected ${ninputs}`);
  }

  const F: Polynomial[] = [...system.equations];
  const J: Polynomial[] = [];
  const Fp: Polynomial[] = [];
  for (const f of system.equations) {
    for (let j = 0; j < nvars; j++) J.push(f.diff(j));
    for (let k = 0; k < nparams; k++) Fp.push(f.diff(nvars + k));
  }

  const monomials = new MonomialTable(ninputs);
  const all = [...F, ...J, ...Fp];
  const wanted = all.flatMap((f) => f.terms.map((t) => t.exps));
  wanted.sort((a, b) => totalDegree(a) - totalDegree(b));
  for (const exps of wanted) monomials.nodeOf(exps);

  const table = (polys: readonly Polynomial[]): SumTable => {
    const start = [0];
    const node: number[] = [];
    const re: number[] = [];
    const im: number[] = [];
    for (const [i, f] of polys.entries()) {
      for (const t of f.terms) {
        if (!Number.isFinite(t.re) || !Number.isFinite(t.im)) {
          throw new InputError(`output ${i + 1} has the coefficient ${t.re} + ${t.im}i, which is not a finite number; every coefficient must be finite`);
        }
        node.push(monomials.nodeOf(t.exps));
        re.push(t.re);
        im.push(t.im);
      }
      start.push(node.length);
    }
    return { start, node, re, im };
  };

  return { nvars, nparams, neqs, products: monomials.products, F: table(F), J: table(J), Fp: table(Fp) };
}

function totalDegree(exps: readonly number[]): number {
  let d = 0;
  for (const e of exps) d += e;
  return d;
}

/** Assigns a node to each monomial, creating the products that build it. */
class MonomialTable {
  readonly products: number[] = [];
  private readonly nodes = new Map<string, number>();

  constructor(private readonly ninputs: number) {}

  nodeOf(exps: readonly number[]): number {
    const degree = totalDegree(exps);
    if (degree === 0) return ONE;
    if (degree === 1) return exps.indexOf(1);
    const key = exps.join(',');
    const known = this.nodes.get(key);
    if (known !== undefined) return known;

    // m = (m / x_k) · x_k, preferring a k for which m / x_k already exists.
    let chosen = -1;
    for (let k = 0; k < exps.length; k++) {
      if (exps[k]! === 0) continue;
      chosen = k;
      if (this.nodes.has(lowered(exps, k).join(','))) break;
    }
    const rest = this.nodeOf(lowered(exps, chosen));
    const node = this.ninputs + (this.products.length >> 1);
    this.products.push(rest, chosen);
    this.nodes.set(key, node);
    return node;
  }
}

function lowered(exps: readonly number[], k: number): number[] {
  const out = [...exps];
  out[k]! -= 1;
  return out;
}

/** Number of nodes (inputs and products) of a program. */
export function nodeCount(program: Program): number {
  return program.nvars + program.nparams + (program.products.length >> 1);
}

/**
 * Checks that a value has the shape of a Program, with every index in range and every
 * coefficient a finite number, and returns it typed. Refuses anything else with an InputError.
 */
export function validateProgram(value: unknown): Program {
  const fail = (what: string): never => {
    throw new InputError(`not a valid compiled program: ${what}`);
  };
  if (typeof value !== 'object' || value === null) return fail('expected an object');
  const v = value as Record<string, unknown>;
  const count = (name: string): number => {
    const n = v[name];
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) return fail(`${name} must be a non-negative integer`);
    return n;
  };
  const nvars = count('nvars');
  const nparams = count('nparams');
  const neqs = count('neqs');
  const ninputs = nvars + nparams;

  const products = numbers(v.products, 'products', fail);
  if (products.length % 2 !== 0) fail('products must hold pairs');
  for (let j = 0; j < products.length; j++) {
    const ref = products[j]!;
    if (!Number.isSafeInteger(ref) || ref < 0 || ref >= ninputs + (j >> 1)) fail(`product ${j >> 1} refers to node ${ref}`);
  }
  const nodes = ninputs + (products.length >> 1);
  const F = sumTable(v.F, 'F', neqs, nodes, fail);
  const J = sumTable(v.J, 'J', neqs * nvars, nodes, fail);
  const Fp = sumTable(v.Fp, 'Fp', neqs * nparams, nodes, fail);
  return { nvars, nparams, neqs, products, F, J, Fp };
}

function numbers(value: unknown, name: string, fail: (what: string) => never): number[] {
  if (!Array.isArray(value)) return fail(`${name} must be an array of numbers`);
  for (const x of value) if (typeof x !== 'number' || !Number.isFinite(x)) fail(`${name} holds ${String(x)}, not a finite number`);
  return value as number[];
}

function sumTable(value: unknown, name: string, outputs: number, nodes: number, fail: (what: string) => never): SumTable {
  if (typeof value !== 'object' || value === null) return fail(`${name} must be an object`);
  const v = value as Record<string, unknown>;
  const start = numbers(v.start, `${name}.start`, fail);
  const node = numbers(v.node, `${name}.node`, fail);
  const re = numbers(v.re, `${name}.re`, fail);
  const im = numbers(v.im, `${name}.im`, fail);
  if (start.length !== outputs + 1) fail(`${name}.start must have ${outputs + 1} entries`);
  if (re.length !== node.length || im.length !== node.length) fail(`${name}.node, .re and .im differ in length`);
  if (start[0] !== 0 || start[outputs] !== node.length) fail(`${name}.start must run from 0 to the number of terms`);
  for (let i = 0; i < outputs; i++) {
    if (!Number.isSafeInteger(start[i + 1]) || start[i + 1]! < start[i]!) fail(`${name}.start must be non-decreasing integers`);
  }
  for (const ref of node) {
    if (!Number.isSafeInteger(ref) || ref < ONE || ref >= nodes) fail(`${name} refers to node ${ref}`);
  }
  return { start, node, re, im };
}
