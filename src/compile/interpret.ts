/**
 * A plain interpreter of the sparse polynomials behind the CompiledSystem interface: F, each
 * ∂F_i/∂x_j and each ∂F_i/∂p_k evaluated term by term, nothing shared. It is the reference
 * the compiled evaluators are tested against and the baseline of the benchmark.
 */
import type { Polynomial } from '../poly/polynomial.js';
import type { System } from '../poly/system.js';
import type { CompiledSystem } from './types.js';

/** out = (f_0(xp), f_1(xp), …), by a direct loop over the terms; xp holds x then p. */
function evaluateAll(out: Float64Array, fs: readonly Polynomial[], xp: Float64Array): void {
  for (let i = 0; i < fs.length; i++) evaluateInto(out, i, fs[i]!, xp);
}

/** out[2·index], out[2·index+1] = f(xp). */
function evaluateInto(out: Float64Array, index: number, f: Polynomial, xp: Float64Array): void {
  let sr = 0;
  let si = 0;
  for (const t of f.terms) {
    let pr = t.re;
    let pi = t.im;
    for (let k = 0; k < t.exps.length; k++) {
      const xr = xp[2 * k]!;
      const xi = xp[2 * k + 1]!;
      for (let e = t.exps[k]!; e > 0; e--) {
        const r = pr * xr - pi * xi;
        pi = pr * xi + pi * xr;
        pr = r;
      }
    }
    sr += pr;
    si += pi;
  }
  out[2 * index] = sr;
  out[2 * index + 1] = si;
}

class InterpretedSystem implements CompiledSystem {
  readonly nvars: number;
  readonly neqs: number;
  readonly nparams: number;
  private readonly F: readonly Polynomial[];
  private readonly J: Polynomial[] = [];
  private readonly Fp: Polynomial[] = [];
  private readonly xp: Float64Array;

  constructor(system: System) {
    this.nvars = system.variables.length;
    this.nparams = system.parameters.length;
    this.neqs = system.equations.length;
    this.F = system.equations;
    for (const f of system.equations) {
      for (let j = 0; j < this.nvars; j++) this.J.push(f.diff(j));
      for (let k = 0; k < this.nparams; k++) this.Fp.push(f.diff(this.nvars + k));
    }
    this.xp = new Float64Array(2 * (this.nvars + this.nparams));
  }

  private load(x: Float64Array, p: Float64Array | undefined): Float64Array {
    const xp = this.xp;
    for (let k = 0; k < 2 * this.nvars; k++) xp[k] = x[k]!;
    if (this.nparams > 0) {
      if (p === undefined) throw new RangeError(`this system has ${this.nparams} parameters: pass p`);
      for (let k = 0; k < 2 * this.nparams; k++) xp[2 * this.nvars + k] = p[k]!;
    }
    return xp;
  }

  evaluate(out: Float64Array, x: Float64Array, p?: Float64Array): Float64Array {
    const xp = this.load(x, p);
    evaluateAll(out, this.F, xp);
    return out;
  }

  evaluateWithJacobian(outF: Float64Array, outJ: Float64Array, x: Float64Array, p?: Float64Array): void {
    const xp = this.load(x, p);
    evaluateAll(outF, this.F, xp);
    evaluateAll(outJ, this.J, xp);
  }

  evaluateParameterJacobian(outFp: Float64Array, x: Float64Array, p?: Float64Array): void {
    const xp = this.load(x, p);
    evaluateAll(outFp, this.Fp, xp);
  }
}

/** The interpreter of a system's polynomials, as a CompiledSystem. */
export function interpretSystem(system: System): CompiledSystem {
  return new InterpretedSystem(system);
}
