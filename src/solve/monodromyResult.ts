/**
 * A monodromy run (solve/monodromy) as a solve result, the one result model of every method:
 * its solutions at the random complex parameter point p0 it chose, with p0 itself, what
 * stopped the loops, and a count proven complete only by a passed trace test.
 */
import { isReal } from '../numeric/complex.js';
import { REGULAR_TOLERANCE } from './collect.js';
import type { MonodromyResult } from './monodromy.js';
import { monodromyCompleteness, type Completeness } from './completeness.js';
import { buildResult, type SolveResult } from './result.js';

export function monodromySolveResult(r: MonodromyResult): SolveResult {
  const standing = monodromyCompleteness(r.trace);
  const solutions = r.solutions.map((x, k) => ({
    x,
    kind: 'regular' as const,
    multiplicity: 1,
    real: isReal(x, REGULAR_TOLERANCE),
    residual: r.residuals[k]!,
    condition: r.conditions[k]!,
    windingNumber: 1,
    paths: [],
  }));
  return buildResult(
    {
      seed: r.seed,
      variables: r.variables,
      method: 'monodromy',
      counts: {
        paths: r.pathsTracked,
        regular: solutions.length,
        singular: 0,
        illConditioned: 0,
        atInfinity: 0,
        failed: r.failedPaths,
        real: solutions.filter((s) => s.real).length,
      },
      solutions,
      paths: [],
      retracked: [],
      warnings: [monodromyCaveat(r, standing)],
      partial: r.stoppedBy === 'aborted',
      parameters: { names: r.parameterNames, values: r.parameters },
      monodromy: {
        loops: r.loops,
        staleLoops: r.staleLoops,
        pathsTracked: r.pathsTracked,
        stoppedBy: r.stoppedBy,
        orbits: r.orbits,
        workers: r.workers,
        ...(r.trace ? { trace: { passes: r.trace.passes, residual: r.trace.residual, tolerance: r.trace.tolerance, failedPaths: r.trace.failedPaths } } : {}),
      },
      seconds: r.seconds,
    },
    standing,
  );
}

/** Where monodromy's solutions come from and what stopped it, with the trace test's verdict (solve/completeness). */
function monodromyCaveat(r: MonodromyResult, standing: Completeness): string {
  const why = r.stoppedBy === 'stale-loops' ? `after ${r.staleLoops} loops in a row found nothing new` : `by ${r.stoppedBy}`;
  const found = `found by monodromy at random complex parameters, stopped ${why}`;
  const trace = standing.checks[0]!;
  if (!r.trace) return `${found}: not proven complete (${trace.detail})`;
  return standing.proven ? `${found}; ${trace.detail}: complete` : `${found}; ${trace.detail}`;
}

export function formatMonodromySummary(r: MonodromyResult): string {
  return [
    `solutions ${r.solutions.length} at random complex parameters  loops ${r.loops}  paths ${r.pathsTracked}  failed ${r.failedPaths}  seconds ${r.seconds.toFixed(2)}`,
    `seed ${r.seed}, method monodromy; ${monodromyCaveat(r, monodromyCompleteness(r.trace))}`,
  ].join('\n');
}
