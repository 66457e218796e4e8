/**
 * F and ∂F/∂x of a Program in double-double: the same straight-line program as the generated
 * double evaluators (one complex product per node, then sums of coefficient × node), run by a
 * loop over its arrays with the arithmetic of numeric/ddArray.ts. It serves the steps and the
 * Newton corrections that double precision cannot resolve (condition near 1/ε), where its cost
 * (some 20× a double evaluation) is paid on few steps only.
 *
 * Vectors are complex double-double, four doubles per entry (re.hi, re.lo, im.hi, im.lo): x
 * of 4n, p of 4q, F of 4m, J row-major m×n at 4(i·n + j). Coefficients are the program's
 * doubles, exact as they stand, so this evaluates the very system the double evaluators do.
 */
import { cddAddScaled, cddMulInto, cddSet } from '../numeric/ddArray.js';
import { ONE, nodeCount, type Program, type SumTable } from './program.js';
import type { DDSystem } from './types.js';

export class DDEvaluator implements DDSystem {
  readonly nvars: number;
  readonly neqs: number;
  readonly nparams: number;
  private readonly ninputs: number;
  /** The value of every node, four doubles each. */
  private readonly nodes: Float64Array;
  /** The constant node 1, for the constant terms. */
  private readonly one = cddSet(new Float64Array(4), 0, 1, 0);

  constructor(private readonly program: Program) {
    this.nvars = program.nvars;
    this.neqs = program.neqs;
    this.nparams = program.nparams;
    this.ninputs = program.nvars + program.nparams;
    this.nodes = new Float64Array(4 * nodeCount(program));
  }

  /** outF = F(x; p). */
  evaluate(outF: Float64Array, x: Float64Array, p?: Float64Array): Float64Array {
    this.products(x, p);
    this.sums(outF, this.program.F);
    return outF;
  }

  /** outF = F(x; p) and outJ = ∂F/∂x (x; p). */
  evaluateWithJacobian(outF: Float64Array, outJ: Float64Array, x: Float64Array, p?: Float64Array): void {
    this.products(x, p);
    this.sums(outF, this.program.F);
    this.sums(outJ, this.program.J);
  }

  /** outFp = ∂F/∂p (x; p). */
  evaluateParameterJacobian(outFp: Float64Array, x: Float64Array, p?: Float64Array): void {
    this.products(x, p);
    this.sums(outFp, this.program.Fp);
  }

  /** Every node's value: the inputs, then each product of two earlier nodes. */
  private products(x: Float64Array, p: Float64Array | undefined): void {
    const nodes = this.nodes;
    for (let k = 0; k < 4 * this.nvars; k++) nodes[k] = x[k]!;
    if (this.nparams > 0) {
      if (p === undefined) throw new RangeError(`this system has ${this.nparams} parameters: pass p`);
      for (let k = 0; k < 4 * this.nparams; k++) nodes[4 * this.nvars + k] = p[k]!;
    }
    const products = this.program.products;
    for (let j = 0; 2 * j < products.length; j++) cddMulInto(nodes, 4 * (this.ninputs + j), nodes, 4 * products[2 * j]!, nodes, 4 * products[2 * j + 1]!);
  }

  /** out_i = Σ c·node over output i's terms. */
  private sums(out: Float64Array, table: SumTable): void {
    const { start, node, re, im } = table;
    for (let i = 0; i + 1 < start.length; i++) {
      cddSet(out, 4 * i, 0, 0);
      for (let t = start[i]!; t < start[i + 1]!; t++) {
        const k = node[t]!;
        if (k === ONE) cddAddScaled(out, 4 * i, re[t]!, im[t]!, this.one, 0);
        else cddAddScaled(out, 4 * i, re[t]!, im[t]!, this.nodes, 4 * k);
      }
    }
  }
}
