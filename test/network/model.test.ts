import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Random } from '../../src/numeric/rng.js';
import { PolyMatrix } from '../../src/poly/matrix.js';
import { Polynomial } from '../../src/poly/polynomial.js';
import { linearNetwork, lossAt, weightIndex, type LinearNetwork, type Matrix } from '../../src/network/model.js';
import { loadNetworkSpec } from '../../src/network/spec.js';
import { SYSTEMS_DIR } from '../systems.js';

const SHARED = SYSTEMS_DIR;
const READER = join(import.meta.dirname, '../../src/poly/read.ts');

function randomPoint(n: number, rng: Random, imaginary: boolean): Float64Array {
  const x = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    x[2 * k] = rng.normal();
    x[2 * k + 1] = imaginary ? rng.normal() : 0;
  }
  return x;
}

/** ½‖W_L⋯W_1·X − Y‖² + ½Σλw² at real weights, straight from X and Y (O(m) work). */
function directLoss(network: LinearNetwork, w: Float64Array): number {
  const { dims, X, Y, lambda } = network;
  const m = X[0]!.length;
  const W = dims
    .slice(1)
    .map((rows, k) => Array.from({ length: rows }, (_, i) => Array.from({ length: dims[k]! }, (_, j) => w[2 * weightIndex(dims, k, i, j)]!)));
  let loss = 0;
  for (let t = 0; t < m; t++) {
    let v = X.map((row) => row[t]!);
    for (const Wk of W) v = Wk.map((row) => row.reduce((s, a, j) => s + a * v[j]!, 0));
    v.forEach((out, i) => (loss += 0.5 * (out - Y[i]![t]!) ** 2));
  }
  W.forEach((Wk, k) => Wk.forEach((row, i) => row.forEach((a, j) => (loss += 0.5 * lambda[k]![i]![j]! * a * a))));
  return loss;
}

/** The data term ½‖W_L⋯W_1·X − Y‖² built naively, X and Y entering the polynomial directly. */
function naiveDataTerm(dims: readonly number[], X: Matrix, Y: Matrix): Polynomial {
  const n = dims.slice(1).reduce((s, d, k) => s + d * dims[k]!, 0);
  let P = PolyMatrix.fromNumbers(n, X);
  dims.slice(1).forEach((rows, k) => {
    const Wk = PolyMatrix.fromFunction(rows, dims[k]!, (i, j) => Polynomial.variable(n, weightIndex(dims, k, i, j)));
    P = Wk.mul(P);
  });
  return P.sub(PolyMatrix.fromNumbers(n, Y)).frobeniusSquared().scale(0.5);
}

describe('linearNetwork', () => {
  it('names the weights W1[1,1], … in layer, row, column order', () => {
    const network = linearNetwork({ dims: [2, 3, 1] });
    expect(network.variables).toEqual(['W1[1,1]', 'W1[1,2]', 'W1[2,1]', 'W1[2,2]', 'W1[3,1]', 'W1[3,2]', 'W2[1,1]', 'W2[1,2]', 'W2[1,3]']);
    expect(network.system.variables).toEqual(network.variables);
    expect(weightIndex([2, 3, 1], 1, 0, 2)).toBe(8);
  });

  it('builds the same data term from the Gram matrices as from X and Y directly', () => {
    const network = linearNetwork({ dims: [2, 3, 2], points: 5, regularization: { kind: 'none' }, seed: 3 });
    expect(network.loss.equals(naiveDataTerm(network.dims, network.X, network.Y), 1e-10)).toBe(true);
  });

  it('adds the entrywise regularizer ½Σλw²', () => {
    const lambda = [[[1, 2]], [[3], [4]]];
    const network = linearNetwork({ dims: [2, 1, 2], points: 3, regularization: { kind: 'entrywise', lambda }, seed: 5 });
    const rng = new Random(9);
    for (let trial = 0; trial < 5; trial++) {
      const w = randomPoint(network.variables.length, rng, false);
      const [re, im] = lossAt(network, w);
      expect(re).toBeCloseTo(directLoss(network, w), 10);
      expect(im).toBe(0);
    }
    expect(network.lambda).toEqual(lambda);
  });

  it('costs the same for a million data points as for ten', () => {
    const small = linearNetwork({ dims: [3, 3, 3], points: 10, seed: 1 });
    const large = linearNetwork({ dims: [3, 3, 3], points: 1_000_000, seed: 1 });
    expect(large.loss.terms.length).toBe(small.loss.terms.length);
    expect(large.lambda).toEqual(small.lambda);
    const w = randomPoint(large.variables.length, new Random(2), false);
    // Both sides sum a million terms of size ~1; they agree to ~1e-12 relative, and 1e-9
    // leaves room for the different order of summation.
    const expected = directLoss(large, w);
    expect(Math.abs(lossAt(large, w)[0] - expected)).toBeLessThan(1e-9 * expected);
  }, 20_000);

  it('has a gradient that agrees with central finite differences of the loss at complex points', () => {
    const network = linearNetwork({ dims: [2, 3, 2], points: 4, seed: 8 });
    const n = network.variables.length;
    const rng = new Random(4);
    // The loss is analytic, so the central difference along a real step is its complex
    // derivative: truncation ~h²·L''' ≈ 1e-10 and rounding ~ε·|L|/h ≈ 1e-11·|L|; 1e-6
    // relative is far above both.
    const h = 1e-5;
    for (let trial = 0; trial < 3; trial++) {
      const x = randomPoint(n, rng, true);
      for (let k = 0; k < n; k++) {
        const plus = Float64Array.from(x);
        const minus = Float64Array.from(x);
        plus[2 * k] += h;
        minus[2 * k] -= h;
        const [pr, pi] = lossAt(network, plus);
        const [mr, mi] = lossAt(network, minus);
        const [gr, gi] = network.system.equations[k]!.evaluate(x);
        const scale = Math.max(1, Math.hypot(gr, gi));
        expect(Math.hypot((pr - mr) / (2 * h) - gr, (pi - mi) / (2 * h) - gi)).toBeLessThan(1e-6 * scale);
      }
    }
  });

  it('uses independent random streams for X, Y and λ, fixed by the seed', () => {
    const a = linearNetwork({ dims: [2, 2, 2], points: 3, seed: 7 });
    const b = linearNetwork({ dims: [2, 2, 2], points: 5, seed: 7 });
    expect(b.lambda).toEqual(a.lambda);
    expect(b.X.map((row) => row.slice(0, 3))).toEqual(a.X);
    expect(linearNetwork({ dims: [2, 2, 2], points: 3, seed: 8 }).X).not.toEqual(a.X);
    for (const row of a.lambda.flat()) for (const v of row) expect(v >= 0.5 && v < 1.5).toBe(true);
  });

  it('refuses bad options with a message naming the field', () => {
    expect(() => linearNetwork({ dims: [2] })).toThrow(InputError);
    expect(() => linearNetwork({ dims: [2, 0, 1] })).toThrow(/dims\[1\] must be a positive integer, got 0/);
    expect(() => linearNetwork({ dims: [2, 2], points: 0 })).toThrow(/points must be a positive integer, got 0/);
    expect(() => linearNetwork({ dims: [2, 2], X: [[1], [2]] })).toThrow(/Y is missing: give both X and Y/);
    expect(() => linearNetwork({ dims: [2, 2], X: [[1], [2]], Y: [[1]] })).toThrow(/Y has 1 rows but needs 2/);
    expect(() => linearNetwork({ dims: [1, 1], X: [[1, 2]], Y: [[1, 2]], points: 3 })).toThrow(/points is 3 but X has 2 columns/);
    expect(() => linearNetwork({ dims: [1, 1], regularization: { kind: 'weight-decay', lambda: NaN } })).toThrow(
      /regularization\.lambda must be a finite number ≥ 0, got NaN/,
    );
  });

  it('refuses a point of the wrong length', () => {
    const network = linearNetwork({ dims: [1, 1, 1] });
    expect(() => lossAt(network, new Float64Array(2))).toThrow(/has 4 numbers/);
  });
});

describe('isolation of the critical points', () => {
  it('holds for generic regularization and for weight decay on width-1 hidden layers', () => {
    const generic = linearNetwork({ dims: [2, 2, 2] });
    expect(generic.isolated).toBe(true);
    expect(generic.warning).toBeUndefined();
    // O(1) = {±1} is finite: one hidden neuron has no continuous rotation symmetry.
    expect(linearNetwork({ dims: [3, 1, 2], points: 3, regularization: { kind: 'weight-decay', lambda: 0.1 } }).isolated).toBe(true);
  });

  it('fails without regularization: rescaling symmetry', () => {
    const network = linearNetwork({ dims: [2, 2, 2], points: 3, regularization: { kind: 'none' } });
    expect(network.isolated).toBe(false);
    expect(network.warning).toMatch(
      /not isolated.*without regularization, scaling the incoming weights of a hidden neuron by t and its outgoing weights by 1\/t/,
    );
  });

  it('fails with equal λ’s on two hidden neurons: rotation symmetry', () => {
    const wd = linearNetwork({ dims: [2, 2, 2], points: 3, regularization: { kind: 'weight-decay', lambda: 0.1 } });
    expect(wd.isolated).toBe(false);
    expect(wd.warning).toMatch(/hidden neurons 1 and 2 of layer 1 have equal λ's .* rotating one into the other/);
    const lambda = [
      [
        [1, 2],
        [1, 2],
        [3, 4],
      ],
      [[5, 5, 6]],
    ];
    const entrywise = linearNetwork({ dims: [2, 3, 1], points: 3, regularization: { kind: 'entrywise', lambda } });
    expect(entrywise.warning).toMatch(/hidden neurons 1 and 2 of layer 1/);
    expect(entrywise.warning).not.toMatch(/neurons 1 and 3|neurons 2 and 3/);
  });

  it('fails when a hidden neuron is unregularized: its own rescaling', () => {
    const lambda = [
      [
        [0, 0],
        [1, 2],
      ],
      [
        [0, 3],
        [0, 4],
      ],
    ];
    const network = linearNetwork({ dims: [2, 2, 2], points: 3, regularization: { kind: 'entrywise', lambda } });
    expect(network.warning).toMatch(/hidden neuron 1 of layer 1 has λ = 0 on all its weights/);
  });

  it('fails when the data leave first-layer directions free', () => {
    const lambda = [[[0, 0, 0]], [[1]]];
    const network = linearNetwork({ dims: [3, 1, 1], points: 2, regularization: { kind: 'entrywise', lambda } });
    expect(network.warning).toMatch(/row 1 of W1 can move along directions that neither the data X/);
    const enough = linearNetwork({ dims: [3, 1, 1], points: 3, regularization: { kind: 'entrywise', lambda } });
    expect(enough.isolated).toBe(true);
  });
});

describe('agreement with the test PHCpack systems', () => {
  // Only some specs come with a .phc file (the x1y2 and XI ones do not).
  const specs = readdirSync(SHARED).filter((f) => f.startsWith('dln_') && f.endsWith('.json') && existsSync(join(SHARED, f.replace(/\.json$/, '.phc'))));

  // The .phc files name W_k[i,j] as wk_i_j; their equations are ∂L/∂w in our variable order.
  it.skipIf(!existsSync(READER))('gives the gradient system of each .json spec that its .phc file holds', async () => {
    const { readSystemFile } = (await import('../../src/poly/read.js')) as {
      readSystemFile: (path: string) => { variables: readonly string[]; equations: readonly Polynomial[] };
    };
    for (const file of specs) {
      const network = linearNetwork(loadNetworkSpec(join(SHARED, file)));
      const phc = readSystemFile(join(SHARED, file.replace(/\.json$/, '.phc')));
      const n = network.variables.length;
      expect(phc.equations.length, file).toBe(n);
      // Where each of the .phc file's variables sits among ours.
      const ours = phc.variables.map((name) => {
        const [, k, i, j] = /^w(\d+)_(\d+)_(\d+)$/.exec(name)!;
        return network.variables.indexOf(`W${k}[${i},${j}]`);
      });
      expect(
        [...ours].sort((a, b) => a - b),
        file,
      ).toEqual(network.variables.map((_, k) => k));
      phc.equations.forEach((eq, k) => {
        const renamed = Polynomial.fromTerms(
          n,
          eq.terms.map((t) => {
            const exps = new Array<number>(n).fill(0);
            t.exps.forEach((e, v) => (exps[ours[v]!] = e));
            return { exps, re: t.re, im: t.im };
          }),
        );
        expect(renamed.equals(network.system.equations[k]!, 1e-9), `${file}, equation ${k + 1}`).toBe(true);
      });
    }
  });
});
