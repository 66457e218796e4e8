/**
 * A parametrized system with its parameters fixed: F(·; p) as a CompiledSystem with no
 * parameters, for code that knows only F(x) (the tracker's endpoint refiner, Newton checks).
 */
import { toDD } from '../numeric/ddArray.js';
import type { CompiledSystem, DDSystem } from './types.js';

export class FixedParameters implements CompiledSystem {
  readonly nvars: number;
  readonly neqs: number;
  readonly nparams = 0;
  /** The parameter values, interleaved (re, im); a copy, so the caller may reuse its array. */
  readonly p: Float64Array;

  constructor(
    readonly system: CompiledSystem,
    p: Float64Array,
  ) {
    if (p.length !== 2 * system.nparams) {
      throw new RangeError(`the system has ${system.nparams} parameters, so p needs ${2 * system.nparams} numbers (re, im each), got ${p.length}`);
    }
    this.nvars = system.nvars;
    this.neqs = system.neqs;
    this.p = new Float64Array(p);
  }

  evaluate(out: Float64Array, x: Float64Array): Float64Array {
    return this.system.evaluate(out, x, this.p);
  }

  evaluateWithJacobian(outF: Float64Array, outJ: Float64Array, x: Float64Array): void {
    this.system.evaluateWithJacobian(outF, outJ, x, this.p);
  }

  /** There are no parameters left: ∂F/∂p is empty. */
  evaluateParameterJacobian(): void {}

  doubleDouble(): DDSystem | undefined {
    const inner = this.system.doubleDouble?.();
    if (!inner) return undefined;
    const p = toDD(this.p);
    return {
      nvars: this.nvars,
      neqs: this.neqs,
      nparams: 0,
      evaluate: (outF, x) => inner.evaluate(outF, x, p),
      evaluateWithJacobian: (outF, outJ, x) => inner.evaluateWithJacobian(outF, outJ, x, p),
      evaluateParameterJacobian: () => {},
    };
  }
}

/** F(·; p) as a system without parameters. */
export function fixParameters(system: CompiledSystem, p: Float64Array): CompiledSystem {
  return new FixedParameters(system, p);
}
