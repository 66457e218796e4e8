/**
 * A decomposition as what every method gives: its isolated points as a SolveResult (built by
 * buildResult with its standing), its JSON (schema critsolve/result@1 extended by
 * components[]), and its few lines of text.
 */
import { toPairs } from '../numeric/complex.js';
import { buildResult, resultToJSON, type ComplexJSON, type ResultJSON, type SolveResult } from '../solve/result.js';
import type { Decomposition, WitnessComponent } from './decompose.js';

/** A witness set in the result JSON: its points on the slice A·x = c of R·F = 0, every number as [re, im]. */
export interface WitnessComponentJSON {
  dimension: number;
  degree: number;
  traceResidual: number | null;
  complete: boolean;
  unresolved?: boolean;
  witness: { points: ComplexJSON[][]; slice: { A: ComplexJSON[]; c: ComplexJSON[] }; randomization: ComplexJSON[] };
}

export function witnessComponentToJSON(c: WitnessComponent): WitnessComponentJSON {
  return {
    dimension: c.dimension,
    degree: c.degree,
    traceResidual: Number.isFinite(c.traceResidual) ? c.traceResidual : null,
    complete: c.complete,
    ...(c.unresolved ? { unresolved: true } : {}),
    witness: { points: c.points.map((x) => toPairs(x)), slice: { A: toPairs(c.slicing.A), c: toPairs(c.slicing.c) }, randomization: toPairs(c.slicing.R) },
  };
}

/**
 * The decomposition as a solve result: its isolated points, counted as any method's, and its
 * standing. `partial` when a signal stopped it (the JSON of `solve --method decompose` has
 * always said false).
 */
export function decompositionResult(d: Decomposition, partial = false): SolveResult {
  const kind = (k: string): number => d.isolated.filter((s) => s.kind === k).length;
  return buildResult(
    {
      seed: d.seed,
      variables: d.variables,
      method: 'decompose',
      counts: {
        paths: d.pathsTracked,
        regular: kind('regular'),
        singular: kind('singular'),
        illConditioned: kind('ill-conditioned'),
        atInfinity: 0,
        failed: d.failedPaths,
        real: d.isolated.filter((s) => s.kind === 'regular' && s.real).length,
      },
      solutions: d.isolated,
      paths: [],
      retracked: [],
      warnings: d.warnings,
      partial,
      seconds: d.seconds,
    },
    d.completeness,
  );
}

/** The decomposition as the result JSON (schema critsolve/result@1, extended by components[]). */
export function decompositionToJSON(d: Decomposition): ResultJSON & { components: WitnessComponentJSON[] } {
  const { solutions, seconds, ...head } = resultToJSON(decompositionResult(d));
  return { ...head, components: d.components.map(witnessComponentToJSON), solutions, seconds };
}

/** The decomposition in a few lines: one per component, then the isolated points and the standing. */
export function formatDecomposition(d: Decomposition): string {
  const lines = d.components.map(
    (c) =>
      `dimension ${c.dimension}  degree ${c.degree}  ${c.unresolved ? 'unresolved (singular witness points)' : `trace test ${c.complete ? 'passed' : 'FAILED'} (${Number.isFinite(c.traceResidual) ? c.traceResidual.toExponential(1) : 'n/a'})`}`,
  );
  const regular = d.isolated.filter((s) => s.kind === 'regular').length;
  lines.push(`isolated solutions ${d.isolated.length} (${regular} regular)  paths ${d.pathsTracked}  failed ${d.failedPaths}  seconds ${d.seconds.toFixed(2)}`);
  lines.push(`seed ${d.seed}, method decompose`);
  for (const w of d.warnings) lines.push(`warning: ${w}`);
  lines.push(d.complete ? `a complete decomposition: ${d.reason}` : `NOT a complete decomposition: ${d.reason}`);
  return lines.join('\n');
}
