import { describe, expect, it } from 'vitest';
import { mixedSubdivision } from '../../src/bounds/mixedVolume.js';
import { liftScale } from '../../src/bounds/supports.js';
import { compileSystem } from '../../src/compile/compile.js';
import { augmentedSupports, polyhedralData, polyhedralFamily, PolyhedralStart, ToricHomotopy } from '../../src/homotopy/polyhedral.js';
import { normInf } from '../../src/numeric/complex.js';
import { Random } from '../../src/numeric/rng.js';
import { parseSystem } from '../../src/poly/parse.js';
import { testSystem } from '../systems.js';

function setUp(text: string, seed: number) {
  const system = parseSystem(text);
  const subdivision = mixedSubdivision(augmentedSupports(system), { seed });
  const data = polyhedralData(system, subdivision, liftScale, new Random(seed, 7));
  return { system, subdivision, data };
}

describe('polyhedral start data', () => {
  it('adds the origin to supports that lack it, once', () => {
    const system = parseSystem('x^2 + x*y; y^2 - 1');
    const supports = augmentedSupports(system).map((s) => s.map((a) => a.join(',')).sort());
    expect(supports).toEqual([
      ['0,0', '1,1', '2,0'],
      ['0,0', '0,2'],
    ]);
  });

  it('lays out the target coefficients per term, 0 for an added origin', () => {
    const { data } = setUp('2*x^2 + 3*x*y; y^2 - 1', 1);
    const family = compileSystem(polyhedralFamily(data));
    const x = Float64Array.from([0.3, -0.2, 1.1, 0.4]);
    const direct = compileSystem(parseSystem('2*x^2 + 3*x*y; y^2 - 1')).evaluate(new Float64Array(4), x);
    const viaFamily = family.evaluate(new Float64Array(4), x, Float64Array.from(data.target));
    for (let k = 0; k < 4; k++) expect(viaFamily[k]).toBeCloseTo(direct[k]!, 14);
  });

  it('numbers the paths cell by cell, as many as the mixed volume', () => {
    const { subdivision, data } = setUp('x^3*y + x + y^2 - 2; x*y^2 - 3*y + 1', 3);
    const start = new PolyhedralStart(data);
    expect(BigInt(start.pathCount)).toBe(subdivision.volume);
    let index = 0;
    data.cells.forEach((cell, k) => {
      for (let j = 0; j < cell.volume; j++) expect(start.locate(index++)).toEqual([k, j]);
    });
    expect(() => start.locate(start.pathCount)).toThrow(RangeError);
  });

  it('starts every toric homotopy at a point where the off-cell terms are negligible', () => {
    const system = testSystem('cyclic5');
    const subdivision = mixedSubdivision(augmentedSupports(system), { seed: 4 });
    const data = polyhedralData(system, subdivision, liftScale, new Random(4, 1));
    const start = new PolyhedralStart(data);
    const toric = new ToricHomotopy(compileSystem(polyhedralFamily(data)), data);
    const h = new Float64Array(2 * data.n);
    for (let index = 0; index < start.pathCount; index++) {
      const y = start.startSolution(new Float64Array(2 * data.n), index);
      toric.setCell(start.cell(start.locate(index)[0]));
      toric.evaluate(h, y, 0, 0);
      // Off-cell terms are scaled by at most 1e-10 at t = 0; the cell's terms cancel exactly.
      expect(normInf(h)).toBeLessThan(1e-8 * Math.max(1, normInf(y)) ** 5);
    }
  });
});
