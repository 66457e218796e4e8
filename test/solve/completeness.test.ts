import { describe, expect, it } from 'vitest';
import {
  check,
  completenessToJSON,
  decompositionCompleteness,
  homotopyCompleteness,
  judge,
  monodromyCompleteness,
  networkMonodromyCompleteness,
  networkPathsCompleteness,
  unprovenReasons,
  type Check,
  type CheckKind,
  type ComponentTraces,
  type NetworkCountFacts,
} from '../../src/solve/completeness.js';
import { buildResult, formatSummary, resultToJSON } from '../../src/solve/result.js';

const counts = { paths: 4, regular: 2, singular: 0, illConditioned: 0, atInfinity: 2, failed: 0, real: 2 };
const loops = { loops: 12, pathsTracked: 48, failedPaths: 0, found: [], seed: 1, seconds: 0.1 };
const passedOf = (checks: readonly Check[]): Record<string, boolean> => Object.fromEntries(checks.map((c) => [c.kind, c.passed]));

describe('a count is proven only when every check passed', () => {
  it('judge: proven with every check passed, the proof as its reason; one failed check withholds it, its reasons the reason', () => {
    const ok = check('paths-accounted', 'paths', [], 'every path accounted for');
    const bad = check('no-singular', 'endpoints', ['1 singular endpoint', '2 ill-conditioned'], '');
    expect(judge([ok], { method: 'm', proof: 'all good' })).toMatchObject({ proven: true, method: 'm', reason: 'all good' });
    expect(judge([ok, bad], { method: 'm', proof: 'all good', unprovenMethod: 'n' })).toMatchObject({
      proven: false,
      method: 'n',
      reason: '1 singular endpoint; 2 ill-conditioned',
    });
    expect(bad.detail).toBe('1 singular endpoint; 2 ill-conditioned');
    expect(judge([], { method: 'm', proof: 'nothing checked' }).proven).toBe(false);
  });

  it('a secondary check is stated only when no other check failed, and still withholds "complete"', () => {
    const secondary: Check = { ...check('cross-check', 'x', ['no cross-check ran'], ''), secondary: true };
    const paths = check('paths-accounted', 'paths', ['1 path(s) failed'], '');
    expect(unprovenReasons([paths, secondary])).toEqual(['1 path(s) failed']);
    expect(judge([check('paths-accounted', 'paths', [], 'ok'), secondary], { method: 'm', proof: '' })).toMatchObject({
      proven: false,
      reason: 'no cross-check ran',
    });
    expect(unprovenReasons([paths, secondary], 'paths-accounted')).toEqual(['no cross-check ran']);
  });

  it('the JSON lists every check: its name, kind, verdict, words and what it saw', () => {
    const c = judge([check('paths-accounted', 'every path accounted for', [], 'every path accounted for', { paths: 4, failed: 0 })], {
      method: 'm',
      proof: 'p',
    });
    expect(completenessToJSON(c)).toEqual({
      proven: true,
      method: 'm',
      reason: 'p',
      checks: [{ check: 'every path accounted for', kind: 'paths-accounted', passed: true, detail: 'every path accounted for', paths: 4, failed: 0 }],
    });
  });
});

describe("a start system's count", () => {
  const base = { startSystem: 'total-degree', counts, partial: false, startPaths: 4, crossCheck: loops };

  it('is proven with every path accounted for, no singular endpoint, and a passed cross-check', () => {
    const c = homotopyCompleteness(base);
    expect(c.checks.map((k) => k.kind)).toEqual(['paths-accounted', 'no-singular', 'cross-check']);
    expect(c).toMatchObject({ proven: true, method: 'total-degree paths and monodromy cross-check' });
    expect(c.reason).toBe('every path accounted for, and 12 monodromy loops led to no other solution');
  });

  it.each<[string, Partial<typeof base>, CheckKind, RegExp]>([
    ['stopped', { partial: true }, 'paths-accounted', /the run was stopped/],
    ['a range', { counts: { ...counts, paths: 2 } }, 'paths-accounted', /only 2 of 4 paths were tracked/],
    ['a failed path', { counts: { ...counts, failed: 1 } }, 'paths-accounted', /1 path\(s\) failed/],
    ['a singular endpoint', { counts: { ...counts, singular: 1 } }, 'no-singular', /1 singular endpoint/],
    ['an ill-conditioned endpoint', { counts: { ...counts, illConditioned: 1 } }, 'no-singular', /too ill-conditioned/],
    ['no cross-check', { crossCheck: undefined }, 'cross-check', /no monodromy cross-check ran/],
    ['a cross-check that found more', { crossCheck: { ...loops, found: [1] } }, 'cross-check', /found 1 solution\(s\) the paths missed/],
    ['a cross-check with failed loop paths', { crossCheck: { ...loops, failedPaths: 2 } }, 'cross-check', /had 2 failed loop path/],
  ])('%s fails its check and withholds "complete"', (_, change, kind, reason) => {
    const c = homotopyCompleteness({ ...base, ...change });
    expect(c.proven).toBe(false);
    expect(c.method).toBe('total-degree paths');
    expect(c.reason).toMatch(reason);
    expect(c.checks.filter((k) => !k.passed).map((k) => k.kind)).toEqual([kind]);
  });
});

describe('a monodromy count', () => {
  it('is proven only by a passed trace test', () => {
    const passed = monodromyCompleteness({ passes: true, residual: 1e-14, tolerance: 1e-8, failedPaths: 0 });
    expect(passed).toMatchObject({ proven: true, method: 'trace test', reason: 'the trace test passed (residual 1.0e-14)' });
    const failed = monodromyCompleteness({ passes: false, residual: 1e-3, tolerance: 1e-8, failedPaths: 0 });
    expect(failed).toMatchObject({ proven: false, method: 'monodromy', reason: 'the trace test failed: solutions are missing' });
    expect(failed.checks[0]!.detail).toBe('the trace test failed (residual 1.0e-3 above 1e-8: solutions are missing)');
    const none = monodromyCompleteness(undefined);
    expect(none).toMatchObject({ proven: false, reason: expect.stringMatching(/no trace test ran/) });
    expect(none.checks.map((k) => [k.kind, k.passed])).toEqual([['trace-test', false]]);
  });
});

describe('a decomposition', () => {
  const seen = { paths: 10, failed: 0, components: 2 };

  it('is complete with no gap, and each gap fails its own check', () => {
    const c = decompositionCompleteness([], seen);
    expect(c.proven).toBe(true);
    expect(c.checks.map((k) => k.kind)).toEqual(['paths-accounted', 'junk-removed', 'trace-test']);
    for (const kind of ['paths-accounted', 'junk-removed', 'trace-test'] as const) {
      const gap = decompositionCompleteness([{ kind, reason: `a ${kind} gap` }], seen);
      expect(gap.proven).toBe(false);
      expect(passedOf(gap.checks)[kind]).toBe(false);
      expect(gap.reason).toBe(`a ${kind} gap`);
    }
  });
});

describe("a network's count", () => {
  const facts: NetworkCountFacts = { isolated: true, counts, partial: false, range: false, conditionLimit: 1e10 };
  const traces = (passed: boolean): ComponentTraces => ({
    passed,
    failure: 'found by monodromy, not proven',
    proof: 'every trace passed',
    seen: { ran: passed },
  });

  it('by paths: proven with isolated points, every path, no singular endpoint and a passed cross-check', () => {
    const c = networkPathsCompleteness('total-degree', facts, loops, { turnedOff: false }, undefined);
    expect(c.checks.map((k) => k.kind)).toEqual(['isolated', 'paths-accounted', 'no-singular', 'cross-check']);
    expect(c.proven).toBe(true);
  });

  it('by paths: points found only as symmetry images withhold "proven", even with a passed cross-check, and say so', () => {
    const c = networkPathsCompleteness('total-degree', facts, loops, { turnedOff: false }, undefined, 4);
    expect(c.proven).toBe(false);
    expect(c.checks.find((k) => k.kind === 'cross-check')!.passed).toBe(false);
    expect(c.reason).toMatch(/^4 point\(s\) were found only as images of others under the neuron sign flips/);
    const off = networkPathsCompleteness('total-degree', facts, undefined, { turnedOff: true }, undefined, 4);
    expect(off.reason).toMatch(/4 point\(s\) were found only as images/);
  });

  it.each<[string, Partial<NetworkCountFacts>, CheckKind, RegExp]>([
    ['points not isolated', { isolated: false }, 'isolated', /not isolated/],
    ['stopped', { partial: true }, 'paths-accounted', /the run was stopped/],
    ['a range', { range: true }, 'paths-accounted', /only a range of the paths/],
    ['a failed path', { counts: { ...counts, failed: 1 } }, 'paths-accounted', /1 path\(s\) failed, so critical points may be missing/],
    ['an ill-conditioned endpoint', { counts: { ...counts, illConditioned: 1 } }, 'no-singular', /condition above 1e10/],
    ['a singular endpoint', { counts: { ...counts, singular: 1 } }, 'no-singular', /1 endpoint\(s\) are singular/],
  ])('by paths, %s fails its check and withholds "complete"', (_, change, kind, reason) => {
    const c = networkPathsCompleteness('total-degree', { ...facts, ...change }, loops, { turnedOff: false }, undefined);
    expect(c.proven).toBe(false);
    expect(passedOf(c.checks)[kind]).toBe(false);
    expect(c.reason).toMatch(reason);
  });

  it('a singular endpoint of points that are not isolated fails its check, but only isolation is stated', () => {
    const c = networkPathsCompleteness(
      'total-degree',
      { ...facts, isolated: false, counts: { ...counts, singular: 3 } },
      undefined,
      { turnedOff: false },
      undefined,
    );
    expect(passedOf(c.checks)).toMatchObject({ isolated: false, 'no-singular': false, 'cross-check': false });
    expect(c.reason).toBe('the critical points are not isolated, so no finite count is complete');
  });

  it('by paths, a cross-check that did not run withholds "complete", and is stated only when nothing else is', () => {
    const off = networkPathsCompleteness('polyhedral', facts, undefined, { turnedOff: true }, undefined);
    expect(off).toMatchObject({ proven: false, reason: expect.stringMatching(/cross-check was turned off/) });
    const none = networkPathsCompleteness('polyhedral', facts, undefined, { turnedOff: false }, undefined);
    expect(none.reason).toMatch(/no monodromy cross-check was run/);
    const short = networkPathsCompleteness('polyhedral', facts, { ...loops, found: [1] }, { turnedOff: false }, 'the cross-check found 1');
    expect(short).toMatchObject({ proven: false, reason: 'the cross-check found 1' });
  });

  it('by monodromy: proven only by the trace test on every component, with the count checks passed', () => {
    // Monodromy carries each point to the network's λ's: none of those paths diverges here.
    const monodromyFacts = { ...facts, counts: { ...counts, paths: 2, atInfinity: 0 } };
    const proven = networkMonodromyCompleteness('trace test', monodromyFacts, traces(true));
    expect(proven.checks.map((k) => k.kind)).toEqual(['trace-test', 'patterns-enumerated', 'isolated', 'paths-accounted', 'no-singular']);
    expect(proven).toMatchObject({ proven: true, method: 'trace test', reason: 'every trace passed' });
    expect(networkMonodromyCompleteness('trace test', monodromyFacts, traces(false))).toMatchObject({
      proven: false,
      reason: 'found by monodromy, not proven',
    });
    const diverged = networkMonodromyCompleteness(
      'trace test',
      { ...monodromyFacts, counts: { ...monodromyFacts.counts, paths: 4, atInfinity: 2 } },
      traces(true),
    );
    expect(diverged.proven).toBe(false);
    expect(diverged.reason).toMatch(/^2 of the 4 paths that carry the components' solutions to the network's λ's were judged to diverge/);
    const failed = networkMonodromyCompleteness('trace test', { ...monodromyFacts, counts: { ...monodromyFacts.counts, failed: 2 } }, traces(true));
    expect(failed).toMatchObject({ proven: false, reason: '2 path(s) failed, so critical points may be missing' });
    expect(unprovenReasons(networkMonodromyCompleteness('monodromy', { ...monodromyFacts, partial: true }, traces(false)).checks, 'trace-test')).toEqual([
      'the run was stopped before every path was tracked',
    ]);
  });
});

describe('buildResult: the one builder of a result', () => {
  const parts = {
    seed: 1,
    variables: ['x'],
    method: 'homotopy' as const,
    startSystem: 'total-degree' as const,
    counts,
    solutions: [],
    paths: [],
    retracked: [],
    warnings: [],
    partial: false,
    startPaths: 4,
    seconds: 0,
  };

  it("judges a start system's count, and judges it again when a result is spread into new parts", () => {
    const plain = buildResult(parts);
    expect(plain.completeness).toMatchObject({ proven: false, reason: expect.stringMatching(/no monodromy cross-check ran/) });
    const checked = buildResult({ ...plain, crossCheck: loops });
    expect(checked.completeness.proven).toBe(true);
  });

  it('takes the standing of a method that judges its own, and names a start system only when one ran', () => {
    const standing = monodromyCompleteness(undefined);
    const { startSystem: _, ...rest } = parts;
    const r = buildResult({ ...rest, method: 'monodromy' }, standing);
    expect(r.completeness).toBe(standing);
    expect(r.startSystem).toBeUndefined();
    // The JSON keeps what old readers read: the method's name where no start system ran.
    expect(resultToJSON(r)).toMatchObject({ method: 'monodromy', startSystem: 'monodromy', completeness: { proven: false, checks: [{ kind: 'trace-test' }] } });
    expect(formatSummary(r, { completeness: false })).toMatch(/^seed 1, method monodromy$/m);
    expect(formatSummary(buildResult(parts), { completeness: false })).toMatch(/^seed 1, start system total-degree$/m);
    expect(() => buildResult({ ...rest, method: 'decompose' })).toThrow(/judged by its method's own checks/);
  });
});
