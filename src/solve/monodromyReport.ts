/**
 * A monodromy run as the result JSON of GUIDE §2 (schema critsolve/result@1), for systems
 * with declared parameters: the solutions at the random complex parameter point p0 the run
 * chose, with p0 itself, and what stopped the loops.
 */
import { isReal, normInf, toPairs } from '../numeric/complex.js';
import { REGULAR_TOLERANCE } from './collect.js';
import type { MonodromyResult } from './monodromy.js';

export function monodromyToResultJSON(r: MonodromyResult): Record<string, unknown> {
  return {
    schema: 'critsolve/result@1',
    seed: r.seed,
    method: 'monodromy',
    variables: r.variables,
    parameters: Object.fromEntries(r.parameterNames.map((name, k) => [name, [r.parameters[2 * k]!, r.parameters[2 * k + 1]!]])),
    counts: {
      paths: r.pathsTracked,
      regular: r.solutions.length,
      singular: 0,
      illConditioned: 0,
      atInfinity: 0,
      failed: r.failedPaths,
      real: r.solutions.filter((x) => isReal(x, REGULAR_TOLERANCE)).length,
    },
    complete: r.trace?.passes === true,
    warnings: [monodromyCaveat(r)],
    monodromy: { loops: r.loops, staleLoops: r.staleLoops, pathsTracked: r.pathsTracked, stoppedBy: r.stoppedBy, orbits: r.orbits, workers: r.workers, ...(r.trace ? { trace: r.trace } : {}) },
    solutions: r.solutions.map((x, k) => ({
      x: toPairs(x),
      kind: 'regular',
      multiplicity: 1,
      real: isReal(x, REGULAR_TOLERANCE),
      residual: r.residuals[k],
      condition: r.conditions[k],
      norm: normInf(x),
    })),
    seconds: r.seconds,
  };
}

function monodromyCaveat(r: MonodromyResult): string {
  const why = r.stoppedBy === 'stale-loops' ? `after ${r.staleLoops} loops in a row found nothing new` : `by ${r.stoppedBy}`;
  const found = `found by monodromy at random complex parameters, stopped ${why}`;
  if (!r.trace) return `${found}: not proven complete (no trace test)`;
  const residual = r.trace.residual.toExponential(1);
  if (r.trace.passes) return `${found}; the trace test passed (residual ${residual}): complete`;
  const why2 = r.trace.failedPaths > 0 ? `${r.trace.failedPaths} of its paths failed` : `residual ${residual} above ${r.trace.tolerance.toExponential(0)}: solutions are missing`;
  return `${found}; the trace test failed (${why2})`;
}

export function formatMonodromySummary(r: MonodromyResult): string {
  return [
    `solutions ${r.solutions.length} at random complex parameters  loops ${r.loops}  paths ${r.pathsTracked}  failed ${r.failedPaths}  seconds ${r.seconds.toFixed(2)}`,
    `seed ${r.seed}, method monodromy; ${monodromyCaveat(r)}`,
  ].join('\n');
}
