/**
 * critsolve diagram: the real critical points against the regularization strength, λ = t·Λ₀,
 * tracked by parameter homotopy from one complete solve; JSON (schema critsolve/diagram@1)
 * and an SVG plot.
 */
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { InputError } from '../errors.js';
import { lambdaDiagram, type DiagramResult } from '../dynamics/diagram.js';
import { loadNetworkSpec } from '../network/spec.js';
import type { LinearNetworkOptions } from '../network/model.js';
import { parseDims, parseInteger, parsePositive as positive, writeJson } from './options.js';

interface DiagramCliOptions {
  dims?: number[];
  spec?: string;
  points?: number;
  dataSeed?: number;
  sweep: string;
  tMin: number;
  tMax: number;
  steps: number;
  seed: number;
  out?: string;
  plot?: string;
  quiet?: boolean;
}

function networkOf(opts: DiagramCliOptions): { network: LinearNetworkOptions; lambda0?: LinearNetworkOptions['regularization'] } {
  if (opts.dims && opts.spec) throw new InputError('give either --dims or --spec, not both');
  if (opts.spec) {
    const options = loadNetworkSpec(opts.spec);
    return { network: options, lambda0: options.regularization };
  }
  if (!opts.dims) throw new InputError('diagram needs a network: --dims (e.g. --dims 1,1,1) or --spec FILE');
  return { network: { dims: opts.dims, points: opts.points ?? 1, seed: opts.dataSeed ?? opts.seed } };
}

function summary(d: DiagramResult): string {
  const lines = [
    `diagram ${d.dims.join('-')}: ${d.points} critical points at t = ${d.slices[0]!.t}, ${d.slices.length} grid points, tracked by parameter homotopy; seed ${d.seed}`,
  ];
  lines.push('t              real  global minimum (loss, ‖W_L⋯W_1‖)  origin');
  for (const s of d.slices)
    lines.push(
      `${s.t.toPrecision(6).padEnd(13)}  ${String(s.real).padStart(4)}  ${s.globalMinimum.loss.toPrecision(7).padStart(14)}, ${s.globalMinimum.productNorm.toPrecision(4).padEnd(16)}  ${s.origin}`,
    );
  lines.push(d.events.length === 0 ? 'events: none in the range' : 'events:');
  for (const e of d.events)
    lines.push(
      `  ${e.kind} at t = ${e.t.toPrecision(8)} (bracket ${e.bracket[0].toPrecision(10)} – ${e.bracket[1].toPrecision(10)}): ${e.realBelow} real below, ${e.realAbove} above; branches ${e.branches.join(', ')}${e.normJump === undefined ? '' : e.normJump > 1e-3 ? `; the minimizer's product norm jumps by ${e.normJump.toPrecision(4)} (first order)` : '; continuous (the minimizer moves into the new one)'}`,
    );
  if (d.lostPaths > 0 || d.warnings.length > 0) lines.push(...d.warnings.map((w) => `warning: ${w}`));
  return lines.join('\n') + '\n';
}

async function run(opts: DiagramCliOptions): Promise<void> {
  const { network, lambda0 } = networkOf(opts);
  let lambda;
  if (opts.sweep === 'weight-decay') lambda = undefined;
  else if (opts.sweep === 'spec') {
    if (lambda0?.kind !== 'entrywise') throw new InputError("--sweep spec needs a spec file whose regularization is entrywise (its λ's are Λ₀)");
    lambda = lambda0.lambda;
  } else throw new InputError(`--sweep must be weight-decay or spec, got "${opts.sweep}"`);
  const d = await lambdaDiagram({
    network,
    ...(lambda ? { lambda0: lambda } : {}),
    tMin: opts.tMin,
    tMax: opts.tMax,
    steps: opts.steps,
    seed: opts.seed,
    ...(opts.quiet ? {} : { onProgress: (k: number, n: number) => process.stderr.write(`diagram: ${k}/${n} grid points\r${k === n ? '\n' : ''}`) }),
  });
  process.stdout.write(summary(d));
  if (opts.out) {
    writeJson(opts.out, d);
    process.stdout.write(`diagram written to ${opts.out}\n`);
  }
  if (opts.plot) {
    const { diagramPlot } = await import('../report/plots.js');
    const points = d.slices.flatMap((s) =>
      s.branches.flatMap((b, branch) =>
        b.real ? [{ t: s.t, loss: b.loss, index: b.degenerate || b.index === undefined ? 'degenerate' : String(b.index), branch }] : [],
      ),
    );
    // The real count at the grid points and on both sides of every event.
    const counts = [
      ...d.slices.map((s) => ({ t: s.t, real: s.real })),
      ...d.events.flatMap((e) => [
        { t: e.bracket[0], real: e.realBelow },
        { t: e.bracket[1], real: e.realAbove },
      ]),
    ].sort((a, b) => a.t - b.t);
    const svg = await diagramPlot(`critical points of ${d.dims.join('-')} against t`, points, counts, d.events);
    writeFileSync(opts.plot, svg);
    process.stdout.write(`plot written to ${opts.plot}\n`);
  }
}

export function diagramCommand(): Command {
  return new Command('diagram')
    .description(
      'real critical points against the regularization strength λ = t·Λ₀: branches, folds, pitchforks and changes of the global minimum, from one complete solve tracked by parameter homotopy',
    )
    .option('--dims <widths>', 'layer widths d_0,…,d_L (random data from --data-seed)', parseDims)
    .option('--spec <file>', "a network spec file (docs/CONTRACTS.md): its X and Y, and with --sweep spec its λ's as Λ₀")
    .option('--points <m>', 'random data points (with --dims)', parseInteger('points', 1))
    .option('--data-seed <s>', 'seed of the random data (default: --seed)', parseInteger('data seed', 0))
    .option('--sweep <kind>', 'weight-decay (Λ₀ all ones: isolated points need width-1 hidden layers) or spec (Λ₀ from --spec)', 'weight-decay')
    .option('--t-min <t>', 'smallest t', positive('--t-min'), 0.1)
    .option('--t-max <t>', 'largest t', positive('--t-max'), 3)
    .option('--steps <n>', 'grid points, log-spaced', parseInteger('steps', 2, 10_000), 25)
    .option('--seed <s>', 'seed of the solve and the homotopies', parseInteger('seed', 0), 1)
    .option('--out <file>', 'write the diagram as JSON (critsolve/diagram@1)')
    .option('--plot <file>', 'write the plot as SVG')
    .option('--quiet', 'no progress on stderr')
    .action(run);
}
