/**
 * critsolve descent: gradient descent from a small random initialization, its plateaus, each
 * matched to the critical point it passes near (found first by monodromy); JSON
 * (critsolve/descent@1) and an SVG plot.
 */
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { InputError } from '../errors.js';
import { gradientDescent, gradientFlow, type DescentResult, type FlowResult } from '../dynamics/descent.js';
import { landmarksFromFile, landmarksOf, type Landmark } from '../dynamics/landmarks.js';
import { INITIALIZATIONS, type Initialization } from '../dynamics/saxe.js';
import { linearNetwork, type LinearNetworkOptions, type Regularization } from '../network/model.js';
import { solveNetwork } from '../network/solveNetwork.js';
import { loadNetworkSpec } from '../network/spec.js';
import { parseDims, parseInteger, parsePositive as positive, parseRegularization, writeJson } from './options.js';

interface DescentCliOptions {
  dims?: number[];
  spec?: string;
  points?: number;
  dataSeed?: number;
  lambdaScale: number;
  step: number;
  iterations: number;
  scale: number;
  seed: number;
  out?: string;
  plot?: string;
  quiet?: boolean;
  flow?: boolean;
  time: number;
  init: Initialization;
  regularization?: Regularization;
  critical?: string;
  solve: boolean;
}

function parseInit(value: string): Initialization {
  if (!(INITIALIZATIONS as readonly string[]).includes(value)) throw new InputError(`--init must be ${INITIALIZATIONS.join(' or ')}, got '${value}'`);
  return value as Initialization;
}

function networkOptions(opts: DescentCliOptions, fromFile?: LinearNetworkOptions): LinearNetworkOptions {
  if (fromFile) {
    const extra = [
      opts.dims && '--dims',
      opts.spec && '--spec',
      opts.lambdaScale !== 1 && '--lambda-scale',
      opts.regularization && '--regularization',
      opts.points !== undefined && '--points',
    ].filter(Boolean);
    if (extra.length > 0)
      throw new InputError(
        `--critical reads the network from the result file; leave out ${extra.join(', ')} (the critical points belong to that network only)`,
      );
    return fromFile;
  }
  if (opts.dims && opts.spec) throw new InputError('give either --dims or --spec, not both');
  if (!opts.dims && !opts.spec) throw new InputError('descent needs a network: --dims (e.g. --dims 2,2,2), --spec FILE, or --critical RESULT.json');
  if (opts.spec && opts.regularization) throw new InputError('--regularization goes with --dims; a spec file states its own regularization');
  const base: LinearNetworkOptions = opts.spec
    ? loadNetworkSpec(opts.spec)
    : { dims: opts.dims!, points: opts.points ?? 1, seed: opts.dataSeed ?? opts.seed, ...(opts.regularization ? { regularization: opts.regularization } : {}) };
  if (opts.lambdaScale === 1) return base;
  const network = linearNetwork(base);
  return {
    ...base,
    X: network.X,
    Y: network.Y,
    regularization: { kind: 'entrywise', lambda: network.lambda.map((m) => m.map((row) => row.map((v) => v * opts.lambdaScale))) },
  };
}

function summary(d: DescentResult | FlowResult, points: readonly Landmark[] | undefined): string {
  const flow = d.schema === 'critsolve/flow@1';
  const head = flow
    ? `gradient flow ${d.dims.join('-')} (Dormand–Prince, adaptive): initialization scale ${d.scale}, seed ${d.seed}; ${d.steps} steps (${d.rejected} rejected) to time ${d.time.toPrecision(5)}, ${d.converged ? 'converged' : 'not converged (raise --time)'}`
    : `descent ${d.dims.join('-')}: step ${d.step}, initialization scale ${d.scale}, seed ${d.seed}; ${d.iterations} iterations, ${d.converged ? 'converged' : 'not converged (raise --iterations)'}`;
  const lines = [
    `${head}; final loss ${d.final.loss.toPrecision(7)}, ‖∇L‖ ${d.final.gradient.toExponential(1)}`,
    points === undefined
      ? 'plateaus (not matched: --no-solve):'
      : `plateaus, matched to the ${points.length} real critical points and components found (by product singular values and loss):`,
    `${flow ? 'times           ' : 'iterations      '}  loss        singular values     matched point: loss, Morse index, rank, pattern`,
  ];
  const when = (k: number): string => (flow ? (d as FlowResult).curve[k]![0]!.toPrecision(4) : String(k));
  for (const p of d.plateaus) {
    const m = p.match;
    lines.push(
      `${`${when(p.from)}–${when(p.to)}`.padEnd(16)}  ${p.loss.toPrecision(6).padStart(10)}  ${p.singularValues
        .map((v) => v.toPrecision(3))
        .join(', ')
        .padEnd(
          18,
        )}  ${m ? `${m.kind === 'component' ? 'component ' : ''}#${m.point + 1}: ${(Math.abs(m.loss) < 1e-12 ? 0 : m.loss).toPrecision(6)}, index ${m.index ?? 'degenerate'}, rank ${m.rank}, ${m.pattern}${m.distance > 0.01 ? ` (distance ${m.distance.toPrecision(2)}: not close)` : ''}` : '-'}`,
    );
  }
  const h = d.halfLearning;
  if (h) {
    lines.push(
      h.applies
        ? `half-learning times (${flow ? 'time' : 'iteration × η'}) against Saxe's law for the decoupled initialization:`
        : `half-learning times: Saxe's law does not apply here (${h.reason}); measured only:`,
    );
    for (const m of h.modes) {
      const err = m.measured === null ? '' : `  (${(100 * (m.measured / m.predicted - 1)).toFixed(1)} %)`;
      lines.push(
        `  mode s = ${m.s.toPrecision(5)}: measured ${m.measured === null ? 'not reached' : m.measured.toPrecision(5)}${h.applies ? `, Saxe ${m.predicted.toPrecision(5)}${err}` : ''}`,
      );
    }
  }
  return lines.join('\n') + '\n';
}

async function run(opts: DescentCliOptions): Promise<void> {
  const read = opts.critical ? landmarksFromFile(opts.critical) : undefined;
  const network = linearNetwork(networkOptions(opts, read?.network));
  let critical: readonly Landmark[] | undefined = read?.landmarks;
  if (!critical && opts.solve) {
    const method = network.isolated ? 'monodromy' : 'decompose';
    if (!opts.quiet)
      process.stderr.write(
        `descent: solving for the critical points (${method}${network.isolated ? '' : ': they are not isolated, so the components are found; this takes a while'})…\n`,
      );
    const onStage = opts.quiet ? undefined : (stage: string): void => void process.stderr.write(`descent: ${stage}\n`);
    critical = landmarksOf(await solveNetwork(network, { seed: opts.seed, method, ...(onStage && method === 'decompose' ? { onStage } : {}) }));
  }
  const d = opts.flow
    ? gradientFlow(network, { scale: opts.scale, seed: opts.seed, time: opts.time, init: opts.init }, critical)
    : gradientDescent(
        network,
        {
          step: opts.step,
          iterations: opts.iterations,
          scale: opts.scale,
          seed: opts.seed,
          init: opts.init,
          every: Math.max(1, Math.floor(opts.iterations / 4000)),
        },
        critical,
      );
  process.stdout.write(summary(d, critical));
  if (opts.out) {
    writeJson(opts.out, d);
    process.stdout.write(`descent written to ${opts.out}\n`);
  }
  if (opts.plot) {
    const { descentPlot } = await import('../report/plots.js');
    const last = d.plateaus.at(-1)?.from ?? d.curve.length - 1;
    const upto = d.schema === 'critsolve/flow@1' ? 1.2 * d.curve[last]![0]! + 5 : Math.min(d.iterations, Math.ceil(1.2 * last) + 100);
    const shown = d.curve.filter((c) => c[0]! <= upto);
    const svg = await descentPlot(
      d.schema === 'critsolve/flow@1'
        ? `gradient flow on ${d.dims.join('-')}: ε = ${d.scale} (x axis: time)`
        : `gradient descent on ${d.dims.join('-')}: η = ${d.step}, ε = ${d.scale}`,
      shown.map((c) => ({ iteration: c[0]!, loss: c[1]! })),
      shown.flatMap((c) => c.slice(3).map((value, k) => ({ iteration: c[0]!, value, which: `σ${k + 1}` }))),
      d.plateaus.flatMap((p) =>
        p.match ? [{ loss: p.match.loss, label: `index ${p.match.index ?? '?'}, rank ${p.match.rank}: ${p.match.loss.toPrecision(4)}` }] : [],
      ),
    );
    writeFileSync(opts.plot, svg);
    process.stdout.write(`plot written to ${opts.plot}\n`);
  }
}

export function descentCommand(): Command {
  return new Command('descent')
    .description('gradient descent from a small random initialization: the loss curve, its plateaus, and the critical point each plateau passes near')
    .option('--dims <widths>', "layer widths d_0,…,d_L (random data and generic λ's from --data-seed)", parseDims)
    .option('--spec <file>', "a network spec file (docs/CONTRACTS.md): X, Y and the λ's")
    .option('--points <m>', 'random data points (with --dims)', parseInteger('points', 1))
    .option('--regularization <kind>', 'with --dims: generic (default), none, or weight-decay=L', parseRegularization)
    .option(
      '--critical <result.json>',
      "match plateaus to the critical points and components of this result file (critsolve network --out), instead of solving; the network is the file's",
    )
    .option('--no-solve', 'do not solve for the critical points: plateaus are found but not matched')
    .option(
      '--init <kind>',
      "initialization: random (every weight ε·N(0,1)) or decoupled (the layers in the singular bases of YXᵀ; Saxe's half-learning times are then checked)",
      parseInit,
      'random',
    )
    .option('--data-seed <s>', 'seed of the random data (default: --seed)', parseInteger('data seed', 0))
    .option('--lambda-scale <s>', "multiply every λ by s (e.g. 10 turns the spec's 0.01·Λ₀ into 0.1·Λ₀)", positive('--lambda-scale'), 1)
    .option('--step <eta>', 'step η', positive('--step'), 0.05)
    .option('--iterations <n>', 'at most this many steps', parseInteger('iterations', 1, 100_000_000), 20_000)
    .option('--scale <eps>', 'initialization: every weight ε·N(0,1)', positive('--scale'), 1e-4)
    .option('--seed <s>', 'seed of the initialization and the solve', parseInteger('seed', 0), 1)
    .option('--flow', 'gradient flow by an adaptive ODE integrator (Dormand–Prince 5(4)) instead of descent')
    .option('--time <t>', 'with --flow: integrate up to this time', positive('--time'), 2000)
    .option('--out <file>', 'write the run as JSON (critsolve/descent@1, or critsolve/flow@1 with --flow)')
    .option('--plot <file>', 'write the plot as SVG')
    .option('--quiet', 'no progress on stderr')
    .action(run);
}
