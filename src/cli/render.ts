/**
 * The report text the commands print: a network's critical points (isolated, by monodromy, or
 * a decomposition), an instances run and a study's table. Every table is numeric/table's.
 */
import { renderSummary } from '../network/classify.js';
import type { CriticalSet } from '../network/criticalSets.js';
import type { InstancesResult, Spread } from '../network/instances.js';
import type { LinearNetwork, LinearNetworkOptions, Regularization } from '../network/model.js';
import { describeStops, describeTraces, everyTracePassed, plural, type MonodromyComponent, type NetworkResult } from '../network/solveNetwork.js';
import { formatSampling, type Sampling } from '../numeric/distributions.js';
import { formatTable } from '../numeric/table.js';
import { formatSummary } from '../solve/result.js';
import { agreementVerdict, type ArchitectureRow } from '../study/table.js';

function describeRegularization(r: Regularization = { kind: 'generic' }, sampling?: Sampling): string {
  switch (r.kind) {
    case 'generic':
      return sampling ? `generic λ's; sampling ${formatSampling(sampling)}` : "generic λ's (each uniform in [0.5, 1.5))";
    case 'none':
      return 'no regularization';
    case 'weight-decay':
      return `weight decay, λ = ${r.lambda} for every weight`;
    case 'entrywise':
      return "entrywise λ's from the spec";
  }
}

/** The first line of a network run: its architecture, data and λ's, and the seed. */
export function describeNetwork(network: LinearNetwork, options: LinearNetworkOptions, seed: number, label: string): string {
  const points = network.X[0]?.length ?? 0;
  return (
    `network ${network.dims.join('-')}: ${network.variables.length} weights, ${points} data point${points === 1 ? '' : 's'}, ` +
    `${describeRegularization(options.regularization, options.sampling)}; seed ${seed}; ${label}`
  );
}

/** How many threads tracked monodromy loops: short runs never start the pool. */
export function loopThreads(components: readonly MonodromyComponent[]): string {
  const threads = Math.max(1, ...components.map((c) => c.monodromy?.workers ?? 1));
  return threads === 1 ? 'the main thread' : `${threads} worker threads`;
}

/** The components of a decomposed critical set, one row each. */
function renderCriticalSets(sets: readonly CriticalSet[]): string {
  const header = ['component', 'dim', 'degree', 'loss', 'real point', 'index', 'nullity', 'ranks (layers; product)', 'trace test'];
  const rows = sets.map((c, k) => [
    String(k + 1),
    String(c.dimension),
    String(c.degree),
    formatLoss(c.loss),
    c.real ? `yes${c.real.certified ? ' (certified)' : ''}` : `none on ${c.realSlices} real slices`,
    c.real ? String(c.real.index) : '-',
    c.real ? String(c.real.nullity) : '-',
    `${c.layerRanks.join(',')}; ${c.productRank}`,
    c.witness.unresolved
      ? 'not run (singular points)'
      : `${c.witness.complete ? 'passed' : 'FAILED'} (${Number.isFinite(c.witness.traceResidual) ? c.witness.traceResidual.toExponential(0) : 'n/a'})`,
  ]);
  return [
    formatTable(header, rows, { left: (col) => col >= 3 }),
    'index and nullity: of the Hessian at the real point (Morse–Bott index; the nullity is the dimension where the component has multiplicity one)',
  ].join('\n');
}

/** A loss as a real number when it is one, else re + im·i. */
function formatLoss([re, im]: readonly [number, number]): string {
  const r = Math.abs(re) < 5e-13 ? 0 : re;
  return Math.abs(im) <= 1e-9 * Math.max(1, Math.abs(re))
    ? `${Number(r.toPrecision(6))}`
    : `${Number(re.toPrecision(6))}${im < 0 ? '−' : '+'}${Number(Math.abs(im).toPrecision(6))}i`;
}

/** The origin W = 0 among the isolated points, in words (its type decides whether it is a trap for descent). */
function describeOrigin(r: NetworkResult): string | undefined {
  const k = r.points.findIndex((c) => c.zeroPattern.zeroWeights.length === r.network.variables.length);
  if (k < 0) return undefined;
  const c = r.points[k]!;
  const what =
    c.type === 'minimum'
      ? 'a strict local minimum'
      : c.type === 'saddle'
        ? `a saddle (Morse index ${c.index})`
        : c.type === 'degenerate'
          ? `degenerate (a zero Hessian eigenvalue; ${c.index} negative)`
          : 'not real';
  return `the origin W = 0: loss ${formatLoss(c.loss)}, ${what}`;
}

export function reportDecomposition(r: NetworkResult, sets: readonly CriticalSet[]): string {
  const isolated = r.summary.points;
  const heading = r.complete
    ? `critical set: ${plural(sets.length, 'component')} of positive dimension and ${plural(isolated, 'isolated point')}, a complete decomposition (every path accounted for, junk removed by membership tests, every component passed the linear trace test)`
    : `critical set: ${plural(sets.length, 'component')} of positive dimension and ${plural(isolated, 'isolated point')} found — NOT a complete decomposition: ${r.incomplete.join('; ')}`;
  const origin = describeOrigin(r);
  const real = sets.flatMap((c, k) => (c.real ? [{ k, loss: c.real.loss, index: c.real.index }] : [])).sort((a, b) => a.loss - b.loss);
  const lowest = real[0]
    ? [`lowest loss at a real point of a component: ${formatLoss([real[0].loss, 0])} (component ${real[0].k + 1}, Morse–Bott index ${real[0].index})`]
    : [];
  return [
    heading,
    '',
    sets.length > 0 ? renderCriticalSets(sets) : 'no component of positive dimension',
    ...lowest,
    '',
    'isolated points:',
    renderSummary(r.summary, { isolatedOnly: sets.length > 0 }),
    ...(origin ? [origin] : []),
    '',
    formatSummary(r.solve, { completeness: false }),
  ].join('\n');
}

/** The report on stdout: whether the counts are complete, the table, the solve summary. */
export function networkReport(r: NetworkResult): string {
  if (r.criticalSets) return reportDecomposition(r, r.criticalSets);
  const { regular, singular } = r.solve.counts;
  const split = singular > 0 ? ` (${regular} regular, ${singular} singular endpoints)` : '';
  const lines = [renderSummary(r.summary), '', formatSummary(r.solve, { completeness: false })];
  if (r.components) {
    const passed = everyTracePassed(r.components);
    const failedTraces = r.components.filter((c) => c.trace && !c.trace.proven && !c.sharesSolveOf);
    const own = passed
      ? undefined
      : failedTraces.length > 0
        ? `the trace test did not pass on ${failedTraces.map((c) => `component ${c.key}: ${c.trace!.reason}`).join('; ')}`
        : 'no trace test was asked for: --trace-test';
    // The trace-test check's own reason is what `own` states.
    const others = r.solve.completeness.checks.filter((c) => !c.passed && c.kind !== 'trace-test').flatMap((c) => c.reasons);
    const heading = r.complete
      ? `critical points found by monodromy: ${r.summary.points}, proven complete: ${describeTraces(r.components)} (${describeStops(r.components)})`
      : `critical points found by monodromy: ${r.summary.points}${split} (${describeStops(r.components)}); not proven complete${own ? ` (${own})${others.length > 0 ? ` — also: ${others.join('; ')}` : ''}` : `: ${others.join('; ')}`}`;
    lines.push(`monodromy: ${r.pathsTracked} paths tracked in loops and parameter homotopies; loops tracked in ${loopThreads(r.components)}`);
    return [heading, '', ...lines].join('\n');
  }
  const heading = r.complete
    ? `critical points: ${r.summary.points}, a complete count (every path tracked, every point isolated and nonsingular, and ${plural(r.solve.crossCheck?.loops ?? 0, 'monodromy loop')} led to no other)`
    : `critical points found: ${r.summary.points}${split} — NOT a complete count of isolated critical points: ${r.incomplete.join('; ')}`;
  return [heading, '', ...lines].join('\n');
}

const formatSpread = (name: string, s: Spread): string => `${name} per instance: min ${s.min}, mean ${s.mean.toFixed(2)}, max ${s.max}`;

/** One row per instance, the aggregate and histogram. */
function renderInstances(r: InstancesResult): string {
  const header = ['instance', 'seed', 'points', 'complex', 'real', 'minima', 'saddles', 'by index', 'degenerate', 'real by pattern', 'notes'];
  const rows = r.instances.map((t, i) => {
    const s = t.summary;
    const byIndex =
      Object.entries(s.saddlesByIndex)
        .map(([k, v]) => `${k}:${v}`)
        .join(' ') || '-';
    const realPatterns = Object.entries(s.byPattern)
      .filter(([, c]) => c.points > c.complex)
      .sort(([a], [b]) => a.localeCompare(b));
    const byPattern = realPatterns.map(([k, c]) => `${k}:${c.points - c.complex}`).join(' ') || '-';
    const { failed, singular, atInfinity } = t.solve.counts;
    const notes = [failed && `${failed} failed`, singular && `${singular} singular`, atInfinity && `${atInfinity} diverged`].filter(Boolean).join(', ') || '-';
    return [
      String(i + 1),
      String(t.networkSeed),
      ...[s.points, s.complex, s.real, s.minima, s.saddles].map(String),
      byIndex,
      String(s.degenerate),
      byPattern,
      notes,
    ];
  });
  const left = new Set([7, 9, 10]);
  const { real } = r.aggregate;
  const most = Math.max(...Object.values(real.histogram));
  const histogram = Object.entries(real.histogram).map(
    ([count, k]) => `  ${count.padStart(4)} real: ${'#'.repeat(Math.max(1, Math.round((40 * k) / most)))} ${k}`,
  );
  return [
    formatTable(header, rows, { left: (col) => left.has(col) }),
    '',
    formatSpread('real critical points', real),
    formatSpread('minima', r.aggregate.minima),
    formatSpread('saddles', r.aggregate.saddles),
    formatSpread('complex (non-real) points', r.aggregate.complex),
    'histogram of real critical points (instances per count):',
    ...histogram,
    "pattern: one digit per hidden neuron (1 on, 0 off), layers separated by |; 'real by pattern' counts the real points",
  ].join('\n');
}

/** The instances report: the source solve, what a resumed run held, one row per instance, the aggregate and histogram. */
export function instancesReport(r: InstancesResult, run: { instances: number; resume?: string | undefined }): string {
  const heading =
    `source: ${r.sourceCount} complex critical points at a random complex (X, Y, λ), found by monodromy (${describeStops(r.components)}); ` +
    `not proven complete (the trace test does not run on --instances yet), so neither are the counts below`;
  const resumedLine = r.resumed
    ? [
        `resumed from ${run.resume}: it held ${r.resumed.components} component solve${r.resumed.components === 1 ? '' : 's'} and ${r.resumed.trackings} tracking${r.resumed.trackings === 1 ? '' : 's'} of a component to an instance (${r.resumedInstances} of the ${run.instances} instances whole)`,
      ]
    : [];
  const tracked = `tracked to ${r.instances.length} instances; ${r.pathsTracked} paths in all (monodromy loops, in ${loopThreads(r.components)}, and parameter homotopies), ${r.seconds.toFixed(2)} seconds`;
  return [heading, ...resumedLine, tracked, '', renderInstances(r)].join('\n');
}

/** The study's table, one row per architecture. */
export function studyTable(rows: readonly ArchitectureRow[]): string {
  const header = ['architecture', 'N', 'CBB', 'BKK', 'stable', 'B_C', 'N_C', 'N_C*', 'N_R min/mean/max', 'published', 'counts agree'];
  const body = rows.map((r) => [
    r.label,
    String(r.N),
    r.bounds?.bezout ?? '-',
    r.bounds?.mixedVolume ?? '-',
    r.bounds?.stableMixedVolume ?? '-',
    r.B_C === undefined ? '-' : String(r.B_C),
    r.N_C === undefined ? (r.done ? '0' : 'not run') : String(r.N_C),
    r.N_Cstar === undefined ? '-' : String(r.N_Cstar),
    r.N_R ? `${r.N_R.min}/${r.N_R.mean.toFixed(2)}/${r.N_R.max}` : '-',
    r.published
      ? [
          r.published.BKK !== undefined && `BKK ${r.published.BKK}`,
          r.published.N_C !== undefined && `N_C ${r.published.N_C}`,
          r.published.N_Cstar !== undefined && `N_C* ${r.published.N_Cstar}`,
          r.published.max_N_R !== undefined && `max N_R ${r.published.max_N_R}`,
          r.published.mode_N_R && `mode ${r.published.mode_N_R.value} (${r.published.mode_N_R.instances})`,
        ]
          .filter(Boolean)
          .join(', ')
      : '-',
    agreementVerdict(r) ?? '-',
  ]);
  return formatTable(header, body, { left: (c) => c === 0 || c >= 9, rule: false });
}
