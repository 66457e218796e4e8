/**
 * critsolve bounds: every root-count bound of a system — Bézout, the best multihomogeneous
 * Bézout number with its partition, the mixed volume and the stable mixed volume. The system
 * is a file, a network given by --dims (random data and λ's from --seed), or a network spec.
 * The mixed volumes are computed last, with a notice on stderr: on big systems they take
 * minutes, and --no-mixed-volume skips them.
 */
import { Command } from 'commander';
import { bestMultihomogeneousBound } from '../bounds/bezout.js';
import { mixedVolume, stableMixedVolume } from '../bounds/mixedVolume.js';
import { boundsToJSON, formatBounds, type BoundsReport } from '../bounds/report.js';
import { InputError } from '../errors.js';
import { linearNetwork } from '../network/model.js';
import { loadNetworkSpec } from '../network/spec.js';
import { readSystemFile } from '../poly/read.js';
import { assertSquare, bezoutNumber, type System } from '../poly/system.js';
import { parseDims, parseInteger, writeJson } from './options.js';

interface BoundsCliOptions {
  dims?: number[];
  points?: number;
  seed?: number;
  dataSeed?: number;
  spec?: string;
  out?: string;
  /** commander's negation of --no-mixed-volume. */
  mixedVolume: boolean;
  quiet?: boolean;
}

/** Default seed of the random data and λ's with --dims; the bounds are the same for almost every seed. */
const DEFAULT_SEED = 1;

/** The system the user named, and a line saying what it is. */
function chooseSystem(file: string | undefined, opts: BoundsCliOptions): { system: System; label: string; seed?: number } {
  const given = [file !== undefined && `the file ${file}`, opts.dims && '--dims', opts.spec && '--spec'].filter(Boolean);
  if (given.length > 1) throw new InputError(`give one system: a FILE, --dims or --spec, not ${given.join(' and ')}`);
  if (given.length === 0) throw new InputError('no system: give a FILE (our text format or PHCpack input), --dims 2,2,2 or --spec FILE');
  const networkOnly = [opts.points !== undefined && '--points', opts.seed !== undefined && '--seed', opts.dataSeed !== undefined && '--data-seed'].filter(
    Boolean,
  );
  if (opts.seed !== undefined && opts.dataSeed !== undefined && opts.seed !== opts.dataSeed) {
    throw new InputError(
      `--seed ${opts.seed} and --data-seed ${opts.dataSeed} disagree: bounds draw no solver choices, so both name the seed of the data; give one`,
    );
  }
  if (!opts.dims && networkOnly.length > 0) {
    throw new InputError(
      `${networkOnly.join(' and ')} only ${networkOnly.length > 1 ? 'go' : 'goes'} with --dims: ${opts.spec ? "the spec file gives the data and the λ's" : 'a system file has no random data'}`,
    );
  }
  if (file !== undefined) return { system: readSystemFile(file), label: file };
  if (opts.spec) return { system: linearNetwork(loadNetworkSpec(opts.spec)).system, label: `the network of ${opts.spec}` };
  const dims = opts.dims!;
  const points = opts.points ?? 1;
  const seed = opts.dataSeed ?? opts.seed ?? DEFAULT_SEED;
  const label = `the network ${dims.join('-')}, ${points} data point${points === 1 ? '' : 's'}, generic λ's (seed ${seed})`;
  return { system: linearNetwork({ dims, points, regularization: { kind: 'generic' }, seed }).system, label, seed };
}

/** Runs fn, saying on stderr what it computes and, when done, how long it took. */
function timed<T>(say: (s: string) => void, what: string, fn: () => T): T {
  const began = performance.now();
  say(`critsolve: ${what}…`);
  const value = fn();
  say(` ${((performance.now() - began) / 1000).toFixed(2)} s\n`);
  return value;
}

export function boundsCommand(): Command {
  return new Command('bounds')
    .description('every root-count bound of a square system: Bézout, multihomogeneous Bézout, mixed volume, stable mixed volume')
    .argument('[file]', 'the system: our text format or PHCpack input format')
    .option('--dims <d0,d1,...>', 'instead of a file: the gradient system of a deep linear network with these layer widths', parseDims)
    .option('--points <m>', 'with --dims: number of random data points (default 1)', parseInteger('points', 1))
    .option(
      '--seed <n>',
      `with --dims: seed of the random data and λ's (default ${DEFAULT_SEED}); the same as --data-seed here, as bounds draw no solver choices`,
      parseInteger('seed', 0, 2 ** 31 - 1),
    )
    .option(
      '--data-seed <n>',
      `with --dims: seed of the random data and λ's, as for critsolve network (default ${DEFAULT_SEED})`,
      parseInteger('data-seed', 0, 2 ** 31 - 1),
    )
    .option('--spec <file>', 'instead of a file: the gradient system of the network in this spec (JSON)')
    .option('--out <file>', 'write the bounds as JSON (schema critsolve/bounds@1)')
    .option('--no-mixed-volume', 'skip the mixed volumes (minutes on big systems, e.g. a 2-2-2-2 network)')
    .option('--quiet', 'nothing on stderr')
    .action((file: string | undefined, opts: BoundsCliOptions) => {
      const began = performance.now();
      const { system, label, seed } = chooseSystem(file, opts);
      assertSquare(system);
      const say = opts.quiet ? () => {} : (s: string) => void process.stderr.write(s);
      const multihomogeneous = timed(say, 'best multihomogeneous partition', () => bestMultihomogeneousBound(system));
      let bounds: BoundsReport = { bezout: bezoutNumber(system), multihomogeneous };
      if (opts.mixedVolume) {
        say('critsolve: mixed volumes by mixed cells; on big systems this takes minutes (--no-mixed-volume skips it)\n');
        bounds = {
          ...bounds,
          mixedVolume: timed(say, 'mixed volume', () => mixedVolume(system)),
          stableMixedVolume: timed(say, 'stable mixed volume', () => stableMixedVolume(system)),
        };
      }
      const seconds = (performance.now() - began) / 1000;
      if (opts.out) writeJson(opts.out, { ...boundsToJSON(bounds, system.variables, seconds), ...(seed === undefined ? {} : { seed }) });
      const n = system.variables.length;
      process.stdout.write(`${label}: ${n} equation${n === 1 ? '' : 's'} in ${n} variable${n === 1 ? '' : 's'}\n${formatBounds(bounds)}\n`);
    });
}
