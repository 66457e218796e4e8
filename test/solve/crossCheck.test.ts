import { describe, expect, it } from 'vitest';
import { compileSystem } from '../../src/compile/compile.js';
import { fixParameters } from '../../src/compile/fixed.js';
import { readSystemFile } from '../../src/poly/read.js';
import { coefficientFamily, monodromyCrossCheck, withCrossCheck } from '../../src/solve/crossCheck.js';
import { distInf, normInf } from '../../src/numeric/complex.js';
import { solve } from '../../src/solve/solve.js';
import { Random } from '../../src/numeric/rng.js';
import { SYSTEMS_DIR } from '../systems.js';

const shared = (name: string): string => `${SYSTEMS_DIR}/${name}.phc`;

describe('the coefficient cross-check of a solve', () => {
  it('family: at its parameter point it is the system itself, the origin added to every support', () => {
    const system = readSystemFile(shared('katsura5'));
    const family = coefficientFamily(system);
    expect(family.system.variables).toEqual(system.variables);
    const terms = system.equations.reduce((s, f) => s + f.terms.length + (f.terms.some((t) => t.exps.every((e) => e === 0)) ? 0 : 1), 0);
    expect(family.system.parameters).toHaveLength(terms);
    const own = compileSystem(system);
    const fixed = fixParameters(compileSystem(family.system), family.parameters);
    const rng = new Random(3);
    const x = Float64Array.from({ length: 2 * system.variables.length }, () => rng.normal());
    const a = new Float64Array(2 * system.equations.length);
    const b = new Float64Array(2 * system.equations.length);
    own.evaluate(a, x);
    fixed.evaluate(b, x);
    for (let k = 0; k < a.length; k++) expect(b[k]).toBeCloseTo(a[k]!, 12);
  });

  // A solve that lost a solution. Failed paths are rare now (toric phases are recovered by
  // monodromy, paths stuck at a branch point are tracked around it: test/solve/
  // toricRecovery.test.ts, detour.test.ts), so the loss is made: cyclic6's complete result
  // (polyhedral, seed 21) with one solution taken out. The loops bring it back.
  it('recovers a solution the paths lost (cyclic6, one of 156 taken out)', { timeout: 60_000 }, async () => {
    const system = readSystemFile(shared('cyclic6'));
    const full = await solve(system, { seed: 21, start: 'polyhedral', workers: 2 });
    expect(full.counts.regular).toBe(156);
    const lost = full.solutions[17]!;
    const short = { ...full, solutions: full.solutions.filter((s) => s !== lost), counts: { ...full.counts, regular: 155 } };
    const check = await monodromyCrossCheck(
      coefficientFamily(system),
      short.solutions.map((s) => s.x),
      { seed: 21, workers: 2 },
    );
    expect(check!.found).toHaveLength(1);
    expect(distInf(check!.found[0]!, lost.x)).toBeLessThan(1e-8 * Math.max(1, normInf(lost.x)));
    const r = withCrossCheck(system, short, check!);
    expect(r.counts.regular).toBe(156);
    expect(r.solutions.filter((s) => s.paths.length === 0)).toHaveLength(1);
    expect(r.warnings.join(' ')).toMatch(/cross-check found 1 solution\(s\) that no path reached/);
  });
});
