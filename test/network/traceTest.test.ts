/**
 * Monodromy counts of networks proven complete by the trace test along a line in λ-space
 * (solve/lineTrace, --trace-test), against the complete methods' counts, and withheld
 * whenever the test does not pass.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linearNetwork } from '../../src/network/model.js';
import { solveNetwork } from '../../src/network/solveNetwork.js';
import { networkResultToJSON } from '../../src/network/networkJson.js';

const MAIN = join(import.meta.dirname, '../../dist/src/cli/main.js');

function critsolve(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN, 'network', ...args], { encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('network counts proven by the trace test', () => {
  it.each([
    [[2, 2, 2], 1, 1],
    [[2, 1, 2], 2, 1],
    [[2, 1, 2], 2, 3],
  ])(
    'dims %j, %i data point(s), seed %i: monodromy with the trace test (generic line) is proven complete, with the count of the polyhedral homotopy (complete)',
    async (dims, points, seed) => {
      const network = linearNetwork({ dims, points, seed });
      const exact = await solveNetwork(network, { seed, method: 'polyhedral', workers: 2 });
      expect(exact.complete).toBe(true);
      const r = await solveNetwork(network, { seed, method: 'monodromy', traceTest: 'generic', workers: 2 });
      expect(r.summary.points).toBe(exact.summary.points);
      expect(r.complete).toBe(true);
      expect(r.incomplete).toEqual([]);
      const json = networkResultToJSON(r);
      expect(json.completeness.proven).toBe(true);
      expect(json.completeness.method).toBe('trace test');
      expect(json.completeness.reason).toMatch(/trace test passed on each of .* solved component.*zero patterns are enumerated by construction/);
      const trace = json.completeness.checks.find((c) => c.check === 'trace test on every solved component')!;
      expect(trace.passed).toBe(true);
      for (const c of trace['components'] as { residual: number; line: string }[]) {
        expect(c.line).toBe('generic');
        expect(c.residual).toBeLessThan(1e-12);
      }
      // Loops stop after 3 stale ones when the certificate follows.
      for (const c of r.components!.filter((k) => k.monodromy && !k.sharesSolveOf && !k.empty)) expect(c.monodromy!.staleLoops).toBe(3);
    },
    120_000,
  );

  it('without --trace-test the same count is not proven, and says why', async () => {
    const network = linearNetwork({ dims: [2, 2, 2], points: 1, seed: 1 });
    const r = await solveNetwork(network, { seed: 1, method: 'monodromy', workers: 2 });
    expect(r.complete).toBe(false);
    expect(r.incomplete[0]).toMatch(/no trace test was asked for/);
    expect(networkResultToJSON(r).completeness.proven).toBe(false);
  }, 60_000);

  it('a line moving a single λ did not pass on 2-1-2 with two points (seed 1), though the set is complete: "proven" is withheld, with the residual', async () => {
    const network = linearNetwork({ dims: [2, 1, 2], points: 2, seed: 1 });
    const r = await solveNetwork(network, { seed: 1, method: 'monodromy', traceTest: 'single', workers: 2 });
    expect(r.summary.points).toBe(17);
    expect(r.complete).toBe(false);
    expect(r.incomplete[0]).toMatch(/the trace test did not pass on component 1 \(the trace residual .* stayed above 1e-10/);
    const json = networkResultToJSON(r);
    expect(json.completeness.proven).toBe(false);
    expect(json.completeness.checks.find((c) => c.check === 'trace test on every solved component')!.passed).toBe(false);
  }, 60_000);

  it('1-2-2-1 (seed 1, single line): points of the complete cut whose paths back to the network fail leave the count unproven, and say so', async () => {
    const network = linearNetwork({ dims: [1, 2, 2, 1], points: 1, seed: 1 });
    const r = await solveNetwork(network, { seed: 1, method: 'monodromy', traceTest: 'single', workers: 2 });
    expect(r.summary.points).toBe(129);
    expect(r.complete).toBe(false);
    expect(r.incomplete[0]).toMatch(/component 11\|11 \(\d+ point\(s\) of the complete cut did not come back to a regular solution at s = 0\)/);
    expect(networkResultToJSON(r).completeness.proven).toBe(false);
  }, 60_000);

  it('the command line: --trace-test prints "proven complete"; a bad line or a method without monodromy is refused with exit 2', () => {
    const ok = critsolve('--dims', '2,2,2', '--seed', '1', '--method', 'monodromy', '--trace-test', '--quiet', '--workers', '2');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      /critical points found by monodromy: 33, proven complete: the trace test passed on each of 2 solved components \(a random line in λ-space/,
    );
    const bad = critsolve('--dims', '2,2,2', '--trace-test', 'sideways');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--trace-test takes generic or single, got 'sideways'/);
    const wrong = critsolve('--dims', '2,2,2', '--method', 'total-degree', '--trace-test');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--trace-test proves a monodromy count; --method total-degree does not use monodromy/);
    const auto = critsolve('--dims', '2,2,2', '--seed', '1', '--trace-test');
    expect(auto.code).toBe(2);
    expect(auto.stderr).toMatch(/this network is solved by polyhedral \(what auto takes here\), whose count has its own checks/);
  }, 120_000);
});
