/**
 * Sparse multivariate polynomials with complex double coefficients. Variables are indexed
 * 0..nvars-1; their names live in the System that holds the polynomials. Polynomials are
 * immutable: every operation returns a new one, with like terms combined and exact zeros
 * dropped, and terms sorted so that equal polynomials have equal term lists.
 */
import { cabs } from '../numeric/complex.js';
export interface Term {
  readonly exps: readonly number[];
  readonly re: number;
  readonly im: number;
}

const keyOf = (exps: readonly number[]): string => exps.join(',');

/** Graded reverse-lexicographic-free order: by total degree descending, then lexicographic descending. */
function compareExps(a: readonly number[], b: readonly number[]): number {
  let da = 0;
  let db = 0;
  for (let k = 0; k < a.length; k++) {
    da += a[k]!;
    db += b[k]!;
  }
  if (da !== db) return db - da;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return b[k]! - a[k]!;
  return 0;
}

/** Accumulates terms by exponent; the one place where like terms are combined. */
class TermAccumulator {
  private readonly map = new Map<string, { exps: number[]; re: number; im: number }>();

  add(exps: number[], re: number, im: number): void {
    if (re === 0 && im === 0) return;
    const key = keyOf(exps);
    const t = this.map.get(key);
    if (t) {
      t.re += re;
      t.im += im;
    } else {
      this.map.set(key, { exps, re, im });
    }
  }

  toPolynomial(nvars: number): Polynomial {
    const terms: Term[] = [];
    for (const t of this.map.values()) if (t.re !== 0 || t.im !== 0) terms.push(t);
    terms.sort((a, b) => compareExps(a.exps, b.exps));
    return Polynomial.fromSortedTerms(nvars, terms);
  }
}

export class Polynomial {
  private constructor(
    readonly nvars: number,
    readonly terms: readonly Term[],
  ) {}

  /** Internal: terms already combined, non-zero and sorted. */
  static fromSortedTerms(nvars: number, terms: Term[]): Polynomial {
    return new Polynomial(nvars, terms);
  }

  /** Builds a polynomial from arbitrary terms (like terms are combined). */
  static fromTerms(nvars: number, terms: Iterable<Term>): Polynomial {
    const acc = new TermAccumulator();
    for (const t of terms) {
      if (t.exps.length !== nvars) throw new RangeError(`term has ${t.exps.length} exponents, expected ${nvars}`);
      acc.add([...t.exps], t.re, t.im);
    }
    return acc.toPolynomial(nvars);
  }

  static zero(nvars: number): Polynomial {
    return new Polynomial(nvars, []);
  }

  static constant(nvars: number, re: number, im = 0): Polynomial {
    if (re === 0 && im === 0) return Polynomial.zero(nvars);
    return new Polynomial(nvars, [{ exps: new Array<number>(nvars).fill(0), re, im }]);
  }

  /** The polynomial x_k. */
  static variable(nvars: number, k: number): Polynomial {
    if (k < 0 || k >= nvars) throw new RangeError(`variable index ${k} outside 0..${nvars - 1}`);
    const exps = new Array<number>(nvars).fill(0);
    exps[k] = 1;
    return new Polynomial(nvars, [{ exps, re: 1, im: 0 }]);
  }

  isZero(): boolean {
    return this.terms.length === 0;
  }

  /** The constant term as [re, im] if the polynomial is constant, else undefined. */
  constantValue(): [number, number] | undefined {
    if (this.terms.length === 0) return [0, 0];
    if (this.terms.length === 1 && this.terms[0]!.exps.every((e) => e === 0)) return [this.terms[0]!.re, this.terms[0]!.im];
    return undefined;
  }

  private check(other: Polynomial): void {
    if (other.nvars !== this.nvars) throw new RangeError(`polynomials in ${this.nvars} and ${other.nvars} variables`);
  }

  add(other: Polynomial): Polynomial {
    this.check(other);
    const acc = new TermAccumulator();
    for (const t of this.terms) acc.add([...t.exps], t.re, t.im);
    for (const t of other.terms) acc.add([...t.exps], t.re, t.im);
    return acc.toPolynomial(this.nvars);
  }

  sub(other: Polynomial): Polynomial {
    return this.add(other.neg());
  }

  neg(): Polynomial {
    return this.scale(-1, 0);
  }

  /** Multiplies by the complex scalar re + i·im. */
  scale(re: number, im = 0): Polynomial {
    if (re === 0 && im === 0) return Polynomial.zero(this.nvars);
    return new Polynomial(
      this.nvars,
      this.terms.map((t) => ({ exps: t.exps, re: t.re * re - t.im * im, im: t.re * im + t.im * re })),
    );
  }

  mul(other: Polynomial): Polynomial {
    this.check(other);
    const acc = new TermAccumulator();
    const n = this.nvars;
    for (const a of this.terms) {
      for (const b of other.terms) {
        const exps = new Array<number>(n);
        for (let k = 0; k < n; k++) exps[k] = a.exps[k]! + b.exps[k]!;
        acc.add(exps, a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
      }
    }
    return acc.toPolynomial(n);
  }

  /** Non-negative integer power, by repeated squaring. */
  pow(e: number): Polynomial {
    if (!Number.isInteger(e) || e < 0) throw new RangeError(`power must be a non-negative integer, got ${e}`);
    let result = Polynomial.constant(this.nvars, 1);
    let base: Polynomial = this;
    let k = e;
    while (k > 0) {
      if (k & 1) result = result.mul(base);
      k >>= 1;
      if (k > 0) base = base.mul(base);
    }
    return result;
  }

  /** Partial derivative with respect to x_k. */
  diff(k: number): Polynomial {
    const acc = new TermAccumulator();
    for (const t of this.terms) {
      const e = t.exps[k]!;
      if (e === 0) continue;
      const exps = [...t.exps];
      exps[k] = e - 1;
      acc.add(exps, t.re * e, t.im * e);
    }
    return acc.toPolynomial(this.nvars);
  }

  /** Total degree (-Infinity for the zero polynomial, as is customary). */
  degree(): number {
    let d = -Infinity;
    for (const t of this.terms) {
      let s = 0;
      for (const e of t.exps) s += e;
      if (s > d) d = s;
    }
    return d;
  }

  /** Degree in the group of variables given by their indices. */
  degreeIn(group: readonly number[]): number {
    let d = -Infinity;
    for (const t of this.terms) {
      let s = 0;
      for (const k of group) s += t.exps[k]!;
      if (s > d) d = s;
    }
    return d;
  }

  /** True when every coefficient differs by at most tol (absolute, in modulus). */
  equals(other: Polynomial, tol = 0): boolean {
    if (other.nvars !== this.nvars) return false;
    const diff = this.sub(other);
    return diff.terms.every((t) => cabs(t.re, t.im) <= tol);
  }

  /** Plain interpreter: evaluates at a complex point given as interleaved (re, im). */
  evaluate(x: Float64Array | readonly number[]): [number, number] {
    let sr = 0;
    let si = 0;
    for (const t of this.terms) {
      let pr = t.re;
      let pi = t.im;
      for (let k = 0; k < this.nvars; k++) {
        const e = t.exps[k]!;
        const xr = x[2 * k]!;
        const xi = x[2 * k + 1]!;
        for (let j = 0; j < e; j++) {
          const r = pr * xr - pi * xi;
          pi = pr * xi + pi * xr;
          pr = r;
        }
      }
      sr += pr;
      si += pi;
    }
    return [sr, si];
  }

  /** The same polynomial seen in more variables (new ones appended, unused). */
  extend(nvars: number): Polynomial {
    if (nvars < this.nvars) throw new RangeError('extend cannot drop variables');
    const pad = new Array<number>(nvars - this.nvars).fill(0);
    return new Polynomial(
      nvars,
      this.terms.map((t) => ({ exps: [...t.exps, ...pad], re: t.re, im: t.im })),
    );
  }

  /** Set of variable indices that appear. */
  support(): number[] {
    const used = new Set<number>();
    for (const t of this.terms) t.exps.forEach((e, k) => e > 0 && used.add(k));
    return [...used].sort((a, b) => a - b);
  }
}
