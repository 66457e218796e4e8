/**
 * Matrices of polynomials, so that a loss like ½‖W2·W1·X − Y‖² + ½Σλw² is built by matrix
 * algebra. Entries are stored row-major.
 */
import { Polynomial } from './polynomial.js';

export class PolyMatrix {
  constructor(
    readonly rows: number,
    readonly cols: number,
    readonly entries: readonly Polynomial[],
  ) {
    if (entries.length !== rows * cols) throw new RangeError(`${rows}×${cols} matrix needs ${rows * cols} entries, got ${entries.length}`);
  }

  static fromFunction(rows: number, cols: number, f: (i: number, j: number) => Polynomial): PolyMatrix {
    const entries: Polynomial[] = [];
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) entries.push(f(i, j));
    return new PolyMatrix(rows, cols, entries);
  }

  /** A constant matrix from real numbers (rows of numbers). */
  static fromNumbers(nvars: number, values: readonly (readonly number[])[]): PolyMatrix {
    const rows = values.length;
    const cols = rows === 0 ? 0 : values[0]!.length;
    return PolyMatrix.fromFunction(rows, cols, (i, j) => Polynomial.constant(nvars, values[i]![j]!));
  }

  get(i: number, j: number): Polynomial {
    return this.entries[i * this.cols + j]!;
  }

  private sameShape(other: PolyMatrix, op: string): void {
    if (other.rows !== this.rows || other.cols !== this.cols) {
      throw new RangeError(`${op}: ${this.rows}×${this.cols} and ${other.rows}×${other.cols} differ in shape`);
    }
  }

  add(other: PolyMatrix): PolyMatrix {
    this.sameShape(other, 'add');
    return new PolyMatrix(
      this.rows,
      this.cols,
      this.entries.map((p, k) => p.add(other.entries[k]!)),
    );
  }

  sub(other: PolyMatrix): PolyMatrix {
    this.sameShape(other, 'sub');
    return new PolyMatrix(
      this.rows,
      this.cols,
      this.entries.map((p, k) => p.sub(other.entries[k]!)),
    );
  }

  scale(re: number, im = 0): PolyMatrix {
    return new PolyMatrix(
      this.rows,
      this.cols,
      this.entries.map((p) => p.scale(re, im)),
    );
  }

  mul(other: PolyMatrix): PolyMatrix {
    if (this.cols !== other.rows) throw new RangeError(`mul: ${this.rows}×${this.cols} times ${other.rows}×${other.cols}`);
    return PolyMatrix.fromFunction(this.rows, other.cols, (i, j) => {
      let s = this.get(i, 0).mul(other.get(0, j));
      for (let k = 1; k < this.cols; k++) s = s.add(this.get(i, k).mul(other.get(k, j)));
      return s;
    });
  }

  transpose(): PolyMatrix {
    return PolyMatrix.fromFunction(this.cols, this.rows, (i, j) => this.get(j, i));
  }

  /** Entrywise (Hadamard) product. */
  hadamard(other: PolyMatrix): PolyMatrix {
    this.sameShape(other, 'hadamard');
    return new PolyMatrix(
      this.rows,
      this.cols,
      this.entries.map((p, k) => p.mul(other.entries[k]!)),
    );
  }

  /** Trace of a square matrix. */
  trace(): Polynomial {
    if (this.rows !== this.cols) throw new RangeError('trace of a non-square matrix');
    let s = this.get(0, 0);
    for (let k = 1; k < this.rows; k++) s = s.add(this.get(k, k));
    return s;
  }

  /**
   * Squared Frobenius norm Σ a_ij² as a polynomial (no conjugation: over the complex numbers
   * the loss stays a polynomial, and on real points it is the usual norm).
   */
  frobeniusSquared(): Polynomial {
    let s = Polynomial.zero(this.entries[0]?.nvars ?? 0);
    for (const p of this.entries) s = s.add(p.mul(p));
    return s;
  }

  /** Sum of all entries. */
  sum(): Polynomial {
    let s = Polynomial.zero(this.entries[0]?.nvars ?? 0);
    for (const p of this.entries) s = s.add(p);
    return s;
  }
}
