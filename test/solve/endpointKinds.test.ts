import { describe, expect, it } from 'vitest';
import { readSystemText } from '../../src/poly/read.js';
import { solve } from '../../src/solve/solve.js';
import { ILL_CONDITIONED } from '../../src/solve/collect.js';

// x + y = 2, x + (1 + ε)y = 2 + ε: one isolated solution (1, 1), with condition about 4/ε.
const nearlySingular = (eps: string): string => `x + y - 2; x + (1 + ${eps})*y - 2 - ${eps}; `;

describe('endpoint kinds', () => {
  it('a solution with condition above ILL_CONDITIONED is refined in double-double, and regular only because Newton converges quadratically there', async () => {
    const r = await solve(readSystemText(nearlySingular('1e-12'), 'near.txt'), { seed: 1, workers: 1 });
    expect(r.counts).toMatchObject({ regular: 1, illConditioned: 0, singular: 0, failed: 0 });
    expect(r.solutions[0]!.kind).toBe('regular');
    expect(r.solutions[0]!.condition).toBeGreaterThan(ILL_CONDITIONED);
    // (1, 1) to double-double accuracy, rounded: exact.
    expect(Array.from(r.solutions[0]!.x)).toEqual([1, 0, 1, 0]);
    expect(r.warnings.join(' ')).toMatch(/1 endpoint\(s\) beyond double precision .* refined in double-double/);
  });

  it('the same system with a well-conditioned solution counts it as regular', async () => {
    const r = await solve(readSystemText(nearlySingular('1e-3'), 'near.txt'), { seed: 1, workers: 1 });
    expect(r.counts).toMatchObject({ regular: 1, illConditioned: 0, singular: 0, failed: 0 });
    expect(r.warnings).toEqual([]);
  });
});
