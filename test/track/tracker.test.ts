import { describe, expect, it } from 'vitest';
import { readSystemText } from '../../src/poly/read.js';
import { solve } from '../../src/solve/solve.js';
import { CAUSE_WORDS, PATH_CAUSES } from '../../src/track/pathResult.js';

// xy = 1, εx + y² = 1: εx³ − x² + 1 = 0 has two roots near x = ±1 and one near x = 1/ε, a
// finite solution of norm 1/ε that a path reaches only after growing like 1/s for
// log10(1/ε) decades of s. The tracker before this check called it at infinity from ε = 1e-5
// on (both start systems, every seed).
describe('far finite solutions are not called at infinity', () => {
  const cases = ['1e-2', '1e-3', '1e-4', '1e-5'].flatMap((eps) =>
    (['total-degree', 'polyhedral'] as const).flatMap((start) => [1, 2, 3].map((seed) => [eps, start, seed] as const)),
  );
  it.each(cases)('ε = %s, %s start, seed %i: all 3 solutions, the far one included', async (eps, start, seed) => {
    const r = await solve(readSystemText(`x*y - 1; ${eps}*x + y^2 - 1`, 'far.txt'), { seed, start, workers: 1 });
    expect(r.counts.failed).toBe(0);
    expect(r.counts.regular).toBe(3);
    const far = r.solutions.filter((s) => Math.hypot(s.x[0]!, s.x[1]!) > 0.5 / Number(eps));
    expect(far).toHaveLength(1);
    // Badly scaled (x ≈ 1/ε, y ≈ ε): from ε = 1e-5 its unscaled condition passes 1e10, beyond
    // what double alone vouches for; Newton in double-double confirms it, so it is regular.
    expect(far[0]!.kind).toBe('regular');
  });
});

// Every path that is not a solution says why twice: a cause code, and the reason in words that
// begin with the cause's words. Total degree on this system sends 3 of its 4 paths to infinity.
describe('a path that is not a solution carries its cause', () => {
  it.each([1, 2, 3])('seed %i: every at-infinity and failed path has a cause, and its reason derives from it', async (seed) => {
    const r = await solve(readSystemText('x*y - 1; x^2 + y - 2', 'causes.txt'), { seed, start: 'total-degree', workers: 1, keepAllPaths: true });
    const ended = r.paths.filter((p) => p.code === 'at_infinity' || p.code === 'failed');
    expect(ended.length).toBe(r.counts.atInfinity + r.counts.failed);
    expect(r.counts.atInfinity).toBeGreaterThan(0);
    for (const p of ended) {
      expect(PATH_CAUSES).toContain(p.cause);
      expect(p.reason!.startsWith(CAUSE_WORDS[p.cause!])).toBe(true);
    }
    for (const p of r.paths.filter((q) => q.code === 'success')) expect(p.cause).toBeUndefined();
  });
});
