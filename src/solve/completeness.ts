/**
 * A count's standing, for every method: a list of typed checks, each passed or not with what it
 * saw, and a count proven complete only when every check passed. Each method's list is built
 * here, once; the reason in words, the JSON's `completeness.checks` and the CLI's headings all
 * read that list, so they cannot disagree.
 */

/** The counts the checks read (a result's Counts). */
interface Counts {
  readonly paths: number;
  readonly failed: number;
  readonly atInfinity: number;
  readonly singular: number;
  readonly illConditioned: number;
}

/** What a monodromy cross-check saw (a result's CrossCheck). */
interface CrossCheck {
  readonly loops: number;
  readonly pathsTracked: number;
  readonly failedPaths: number;
  readonly found: readonly unknown[];
  readonly seed: number;
  readonly seconds: number;
}

/** A trace test of a monodromy count (a result's MonodromySummary['trace']). */
interface TraceSummary {
  readonly passes: boolean;
  readonly residual: number;
  readonly tolerance: number;
  readonly failedPaths: number;
}

/**
 * `isolated`: the points are isolated (a network's), else no finite count is complete.
 * `paths-accounted`: every path tracked, none failed. `no-singular`: no singular or
 * ill-conditioned endpoint. `cross-check`: monodromy loops from the points found led to no
 * other. `trace-test`: the trace test passed. `patterns-enumerated`: a network's zero patterns
 * are all solved, by construction. `junk-removed`: every membership test of a decomposition
 * ran to its end.
 */
export type CheckKind = 'isolated' | 'paths-accounted' | 'no-singular' | 'cross-check' | 'trace-test' | 'patterns-enumerated' | 'junk-removed';

export interface Check {
  readonly kind: CheckKind;
  /** Its name in the JSON (`check`), kept as the JSON has always named it. */
  readonly label: string;
  readonly passed: boolean;
  /** What it saw, in words. */
  readonly detail: string;
  /**
   * Why the count is not proven, when the check failed; empty when another check's words
   * already say it (a singular endpoint of a set that is not isolated).
   */
  readonly reasons: readonly string[];
  /** What it saw, as numbers, for the JSON. */
  readonly seen?: Readonly<Record<string, unknown>>;
  /** Stated only when no other check failed: a check that could not run because the count was already unproven. */
  readonly secondary?: boolean;
}

/** A count's standing (docs/CONTRACTS.md): proven only when every check passed. */
export interface Completeness {
  readonly proven: boolean;
  /** What the proof rests on: 'trace test', the start system's paths and cross-check, ... */
  readonly method: string;
  /** What proved the count, or why it is not proven. */
  readonly reason: string;
  readonly checks: readonly Check[];
}

/** One check in the JSON: its name, kind, verdict and words, and what it saw. */
export interface CheckJSON {
  check: string;
  kind: CheckKind;
  passed: boolean;
  detail: string;
  [seen: string]: unknown;
}

export interface CompletenessJSON {
  proven: boolean;
  method: string;
  reason: string;
  checks: CheckJSON[];
}

/** A check from the reasons it fails for: passed when there are none. */
export function check(kind: CheckKind, label: string, reasons: readonly string[], passedDetail: string, seen?: Record<string, unknown>): Check {
  return { kind, label, passed: reasons.length === 0, detail: reasons.length === 0 ? passedDetail : reasons.join('; '), reasons, ...(seen ? { seen } : {}) };
}

/**
 * Why the checks do not prove the count, one statement each, in the checks' order: a secondary
 * check's only when no other check failed.
 */
export function unprovenReasons(checks: readonly Check[], except?: CheckKind): string[] {
  const failed = checks.filter((c) => !c.passed && c.kind !== except);
  const primary = failed.filter((c) => !c.secondary);
  return (primary.length > 0 ? primary : failed).flatMap((c) => c.reasons);
}

/** The standing the checks give: `proof` is what the count rests on when every one passed. */
export function judge(checks: readonly Check[], how: { method: string; proof: string; unprovenMethod?: string }): Completeness {
  const proven = checks.length > 0 && checks.every((c) => c.passed);
  return {
    proven,
    method: proven ? how.method : (how.unprovenMethod ?? how.method),
    reason: proven ? how.proof : unprovenReasons(checks).join('; '),
    checks,
  };
}

export function completenessToJSON(c: Completeness): CompletenessJSON {
  return {
    proven: c.proven,
    method: c.method,
    reason: c.reason,
    checks: c.checks.map((k) => ({ check: k.label, kind: k.kind, passed: k.passed, detail: k.detail, ...k.seen })),
  };
}

const PATHS = 'every path accounted for';
const ENDPOINTS = 'no singular or ill-conditioned endpoint';
const CROSS_CHECK = 'monodromy cross-check';

/** What the cross-check saw, for the JSON. */
const crossCheckSeen = (x: CrossCheck): Record<string, unknown> => ({
  loops: x.loops,
  pathsTracked: x.pathsTracked,
  failedPaths: x.failedPaths,
  newPoints: x.found.length,
  seed: x.seed,
  seconds: x.seconds,
});

/**
 * A start system's count (total degree, multihomogeneous, polyhedral): proven when every path
 * was tracked and accounted for (none failed, no endpoint too ill-conditioned to classify) and
 * the monodromy cross-check found nothing the paths missed (paths judged to diverge are judged
 * on numerical evidence: the cross-check is what tests it).
 */
export function homotopyCompleteness(r: {
  readonly startSystem?: string;
  readonly counts: Counts;
  readonly partial: boolean;
  readonly startPaths?: number;
  readonly crossCheck?: CrossCheck;
}): Completeness {
  const c = r.counts;
  const x = r.crossCheck;
  const paths = [
    ...(r.partial ? ['the run was stopped before every path was tracked'] : []),
    ...(r.startPaths !== undefined && c.paths < r.startPaths && !r.partial ? [`only ${c.paths} of ${r.startPaths} paths were tracked`] : []),
    ...(c.failed > 0 ? [`${c.failed} path(s) failed`] : []),
  ];
  const endpoints = [
    ...(c.illConditioned > 0 ? [`${c.illConditioned} endpoint(s) are too ill-conditioned to classify`] : []),
    ...(c.singular > 0 ? [`${c.singular} singular endpoint(s), which may be multiple points or lie on positive-dimensional sets`] : []),
  ];
  const cross = !x
    ? ['no monodromy cross-check ran (solve --cross-check), so no check tests the paths judged to diverge']
    : x.found.length > 0
      ? [`the monodromy cross-check found ${x.found.length} solution(s) the paths missed`]
      : x.failedPaths > 0
        ? [`the monodromy cross-check had ${x.failedPaths} failed loop path(s)`]
        : [];
  const checks = [
    check('paths-accounted', PATHS, paths, PATHS, { paths: c.paths, failed: c.failed, atInfinity: c.atInfinity }),
    check('no-singular', ENDPOINTS, endpoints, ENDPOINTS, { singular: c.singular, illConditioned: c.illConditioned }),
    check('cross-check', CROSS_CHECK, cross, `${x?.loops} monodromy loops led to no other solution`, x ? crossCheckSeen(x) : { ran: false }),
  ];
  return judge(checks, {
    method: `${r.startSystem} paths and monodromy cross-check`,
    unprovenMethod: `${r.startSystem} paths`,
    proof: `every path accounted for, and ${x?.loops} monodromy loops led to no other solution`,
  });
}

/** A monodromy count: monodromy stops on evidence, not on a proof, so only a passed trace test proves it. */
export function monodromyCompleteness(t: TraceSummary | undefined): Completeness {
  const residual = t?.residual.toExponential(1);
  const seen = t ? { residual: t.residual, tolerance: t.tolerance, failedPaths: t.failedPaths } : { ran: false };
  if (t?.passes) {
    const detail = `the trace test passed (residual ${residual})`;
    return judge([{ kind: 'trace-test', label: 'trace test', passed: true, detail, reasons: [], seen }], { method: 'trace test', proof: detail });
  }
  const detail = !t
    ? 'no trace test'
    : `the trace test failed (${t.failedPaths > 0 ? `${t.failedPaths} of its paths failed` : `residual ${residual} above ${t.tolerance.toExponential(0)}: solutions are missing`})`;
  const reason = t
    ? 'the trace test failed: solutions are missing'
    : 'monodromy stops on evidence (loops that found nothing new), not on a proof; no trace test ran';
  return judge([{ kind: 'trace-test', label: 'trace test', passed: false, detail, reasons: [reason], seen }], { method: 'monodromy', proof: '' });
}

/** What a decomposition found missing, one statement each, by the check it fails. */
export interface DecompositionGap {
  readonly kind: 'paths-accounted' | 'junk-removed' | 'trace-test';
  readonly reason: string;
}

/**
 * A numerical irreducible decomposition: complete when every path at every dimension was
 * accounted for, every membership test ran to its end, and every component passed the linear
 * trace test.
 */
export function decompositionCompleteness(gaps: readonly DecompositionGap[], seen: { paths: number; failed: number; components: number }): Completeness {
  const of = (kind: DecompositionGap['kind']): string[] => gaps.filter((g) => g.kind === kind).map((g) => g.reason);
  const checks = [
    check(
      'paths-accounted',
      'every path of every witness superset accounted for',
      of('paths-accounted'),
      'every path of every witness superset accounted for',
      {
        paths: seen.paths,
        failed: seen.failed,
      },
    ),
    check('junk-removed', 'every membership test ran to its end', of('junk-removed'), 'junk removed by membership tests'),
    check('trace-test', 'every component passed the linear trace test', of('trace-test'), 'every component passed the linear trace test', {
      components: seen.components,
    }),
  ];
  return judge(checks, {
    method: 'decompose',
    proof: 'every path at every dimension accounted for, junk removed by membership tests, and every component passed the linear trace test',
  });
}

/** A network's count, as the path methods and monodromy see it: what a network's checks read. */
export interface NetworkCountFacts {
  readonly isolated: boolean;
  readonly counts: Counts;
  readonly partial: boolean;
  /** Only a range of the paths was tracked. */
  readonly range: boolean;
  /** The condition number above which an endpoint is ill-conditioned (solve/collect's ILL_CONDITIONED). */
  readonly conditionLimit: number;
}

/** The checks every network count has: its points isolated, every path accounted for, no singular endpoint. */
function networkCountChecks(f: NetworkCountFacts): Check[] {
  const c = f.counts;
  const paths = [
    ...(f.partial ? ['the run was stopped before every path was tracked'] : []),
    ...(f.range ? ['only a range of the paths was tracked'] : []),
    ...(c.failed > 0 ? [`${c.failed} path(s) failed, so critical points may be missing`] : []),
  ];
  const limit = f.conditionLimit.toExponential(0).replace('+', '');
  const ill = `${c.illConditioned} endpoint(s) are ill-conditioned (condition above ${limit}): counted apart from the regular points, and points near them may be missing or merged`;
  const singular = `${c.singular} endpoint(s) are singular: counted once each, though they may be multiple points or lie on positive-dimensional sets`;
  const endpoints = check('no-singular', ENDPOINTS, [...(c.illConditioned > 0 ? [ill] : []), ...(c.singular > 0 ? [singular] : [])], ENDPOINTS, {
    singular: c.singular,
    illConditioned: c.illConditioned,
  });
  const notIsolated = 'the critical points are not isolated, so no finite count is complete';
  return [
    check('isolated', 'the critical points are isolated', f.isolated ? [] : [notIsolated], 'the critical points are isolated'),
    check('paths-accounted', PATHS, paths, PATHS, { paths: c.paths, failed: c.failed, atInfinity: c.atInfinity }),
    // Points that are not isolated are singular: the isolation check says so, not this one.
    f.isolated ? endpoints : { ...endpoints, reasons: endpoints.reasons.filter((r) => r !== singular) },
  ];
}

/**
 * A network solved by total degree or the polyhedral homotopy: complete when its points are
 * isolated, every path was tracked and none failed, no endpoint is singular or ill-conditioned,
 * and the monodromy cross-check found no point the paths had missed. A cross-check that did not
 * run is a reason only when nothing else is (it is not run for a count already unproven).
 * `images`: points found only as images of others under a symmetry, which the paths missed:
 * like points the loops bring back, they show that paths judged to diverge lost points.
 */
export function networkPathsCompleteness(
  method: string,
  f: NetworkCountFacts,
  x: CrossCheck | undefined,
  notRun: { turnedOff: boolean },
  shortfall: string | undefined,
  images = 0,
): Completeness {
  const missed =
    images > 0 ? [`${images} point(s) were found only as images of others under the neuron sign flips: the paths missed them, so more may be missing`] : [];
  const cross: Check = x
    ? check('cross-check', CROSS_CHECK, [...(shortfall ? [shortfall] : []), ...missed], 'every loop path came back to a point already found', crossCheckSeen(x))
    : {
        ...check(
          'cross-check',
          CROSS_CHECK,
          [
            notRun.turnedOff
              ? 'the monodromy cross-check was turned off, so nothing checks that no path was misjudged to diverge'
              : 'no monodromy cross-check was run (no regular point could start its loops), so the count is not checked',
            ...missed,
          ],
          '',
          { ran: false },
        ),
        // Points the paths missed are a reason of their own, stated whatever else failed.
        secondary: missed.length === 0,
      };
  return judge([...networkCountChecks(f), cross], {
    method,
    proof: 'every path accounted for, no singular or ill-conditioned endpoint, and every path of the monodromy cross-check came back to a point already found',
  });
}

/** Monodromy's trace tests over a network's components, in the words of network/solveNetwork. */
export interface ComponentTraces {
  /** A trace test was asked for, and passed on every component monodromy solved. */
  readonly passed: boolean;
  /** Why not, when not (how the runs stopped, and which test failed). */
  readonly failure: string;
  /** What they proved, when they passed. */
  readonly proof: string;
  readonly seen: Record<string, unknown>;
}

/**
 * A network solved by monodromy over its components: proven only by a trace test on every
 * component, and the count's own checks. `method`: what the proof rests on, the trace test
 * (instances, which run none, say monodromy).
 */
export function networkMonodromyCompleteness(method: 'trace test' | 'monodromy', f: NetworkCountFacts, traces: ComponentTraces): Completeness {
  const trace: Check = {
    kind: 'trace-test',
    label: 'trace test on every solved component',
    passed: traces.passed,
    detail: traces.passed ? traces.proof : traces.failure,
    reasons: traces.passed ? [] : [traces.failure],
    seen: traces.seen,
  };
  const patterns = check('patterns-enumerated', 'zero patterns enumerated by construction', [], 'the zero patterns are enumerated by construction');
  const [isolated, counted, endpoints] = networkCountChecks(f);
  // The trace test proves the count at the components' generic λ's, where each of those points
  // is finite; a path carrying one to the network's λ's that is judged to diverge either lost a
  // far point (as double precision does at small λ) or met λ's that are not generic. Either way
  // the count there is not proven.
  const n = f.counts.atInfinity;
  const diverged =
    n > 0
      ? [
          `${n} of the ${f.counts.paths} paths that carry the components' solutions to the network's λ's were judged to diverge, though the points are finite at the generic λ's where the trace test proved the count, so points may be missing (or these λ's are not generic)`,
        ]
      : [];
  const reasons = [...counted!.reasons, ...diverged];
  // The JSON has always listed the paths check without the paths count, for monodromy.
  const { paths: _paths, ...pathsSeen } = counted!.seen!;
  const paths: Check = {
    ...counted!,
    passed: reasons.length === 0,
    detail: reasons.length === 0 ? counted!.detail : reasons.join('; '),
    reasons,
    seen: pathsSeen,
  };
  return judge([trace, patterns, isolated!, paths, endpoints!], { method, proof: traces.proof });
}
