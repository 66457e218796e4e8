/**
 * critsolve study: many architectures × instances into a SQLite store, resumable; status,
 * export (CSV, JSON) and an HTML report with plots read the store.
 */
import { existsSync, writeFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { Command } from 'commander';
import { InputError } from '../errors.js';
import { DEFAULT_SAMPLING, formatSampling, parseSampling, SAMPLING_PRESETS, type Sampling } from '../numeric/distributions.js';
import { describePresets, studyPreset, STUDY_PRESETS } from '../study/presets.js';
import { archLabel, runStudy, type StudyProgress } from '../study/run.js';
import { DEFAULT_BOUNDS_SECONDS, DEFAULT_INSTANCES, loadStudyFile, studyFromValue, studyToValue, type Study } from '../study/spec.js';
import { StudyStore } from '../study/store.js';
import { studyCsv, studyJson, studyRows } from '../study/table.js';
import { interruptible, Interrupted } from './interrupt.js';
import { parseDims, parseInteger } from './options.js';
import { queueProgress } from './progress.js';
import { studyTable } from './render.js';

/** Studies default to a fixed seed: the same command makes the same table. */
const DEFAULT_STUDY_SEED = 1;
const DEFAULT_STORE = 'study.sqlite';

interface RunOptions {
  preset?: string;
  dims?: number[][];
  points?: number;
  instances?: number;
  sampling?: Sampling;
  seed?: number;
  store: string;
  workers?: number;
  boundsSeconds?: number;
  quiet?: boolean;
  queue?: string;
  unitRange?: [number, number];
}

/** --unit-range A-B: architectures A to B, 1-based and inclusive, as `critsolve study status` numbers them. */
function parseUnitRange(value: string): [number, number] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(value.trim());
  const from = m ? Number(m[1]) : NaN;
  const to = m ? Number(m[2] ?? m[1]) : NaN;
  if (!m || from < 1 || to < from)
    throw new InputError(`--unit-range must be A-B with 1 ≤ A ≤ B (architectures, numbered from 1 as in critsolve study status), got '${value}'`);
  return [from, to];
}

/** The study asked for: a file, a preset or --dims, with the flags that override its settings. */
function chooseStudy(file: string | undefined, opts: RunOptions): Study {
  const given = [file !== undefined && 'a study file', opts.preset !== undefined && '--preset', opts.dims !== undefined && '--dims'].filter(Boolean);
  if (given.length !== 1) {
    throw new InputError(
      given.length === 0
        ? `say what to study: a study file (JSON or YAML), --preset NAME (${STUDY_PRESETS.join(', ')}) or --dims 1,1,1 2,2,2 …`
        : `give one of ${given.join(', ')}, not several`,
    );
  }
  if (opts.points !== undefined && opts.dims === undefined)
    throw new InputError('--points goes with --dims; a study file or preset gives the data points of each architecture');
  const seed = opts.seed ?? DEFAULT_STUDY_SEED;
  const base =
    file !== undefined
      ? loadStudyFile(file, { seed })
      : opts.preset !== undefined
        ? studyPreset(opts.preset, seed)
        : studyFromValue({ architectures: opts.dims!.map((dims) => ({ dims, points: opts.points ?? 1 })) }, '--dims', {
            name: `dims ${opts.dims!.map((d) => d.join('-')).join(' ')}`,
            seed,
          });
  return {
    ...base,
    ...(opts.instances !== undefined ? { instances: opts.instances } : {}),
    ...(opts.sampling !== undefined ? { sampling: opts.sampling } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(opts.boundsSeconds !== undefined ? { boundsSeconds: opts.boundsSeconds } : {}),
  };
}

/** One bar over every instance of the study; without a terminal, a line per architecture. */
function studyBar(study: Study, quiet: boolean): { update(p: StudyProgress): void; stop(): void } {
  if (quiet) return { update: () => {}, stop: () => {} };
  const tty = process.stderr.isTTY === true;
  const bar = tty
    ? new cliProgress.SingleBar(
        { stream: process.stderr, format: 'study {bar} {value}/{total} instances | {arch} {phase}', hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let started = false;
  return {
    update(p) {
      const a = study.architectures[p.arch]!;
      const phase = p.phase === 'solve' ? (p.monodromy ? `monodromy: ${p.monodromy.solutions} solutions, ${p.monodromy.loops} loops` : 'solving') : p.phase;
      if (bar) {
        if (!started) bar.start(p.total, p.done, { arch: archLabel(a), phase });
        started = true;
        bar.update(p.done, { arch: archLabel(a), phase });
      } else if (p.phase !== 'solve' || !p.monodromy) {
        process.stderr.write(`study: ${p.done}/${p.total} instances; architecture ${p.arch + 1}/${study.architectures.length} ${archLabel(a)}: ${phase}\n`);
      }
    },
    stop: () => bar?.stop(),
  };
}

async function run(file: string | undefined, opts: RunOptions): Promise<void> {
  const study = chooseStudy(file, opts);
  if (opts.unitRange && opts.unitRange[1] > study.architectures.length)
    throw new InputError(
      `--unit-range ${opts.unitRange.join('-')}: the study has ${study.architectures.length} architecture${study.architectures.length === 1 ? '' : 's'}`,
    );
  if (opts.unitRange && opts.queue !== undefined)
    throw new InputError('--unit-range runs part of a study here; --queue runs all of it on the workers: give one of them');
  if (opts.queue !== undefined && opts.workers !== undefined)
    throw new InputError('--workers sets the threads of a local run; with --queue, give each critsolve worker its own --workers');
  // Reach the queue before the store is made: a wrong URL leaves nothing behind.
  if (opts.queue !== undefined) await (await import('../queue/redis.js')).checkRedis(opts.queue);
  const store = StudyStore.openFor(opts.store, study);
  const before = store.progress();
  process.stdout.write(
    `study ${study.name}: ${study.architectures.length} architecture${study.architectures.length === 1 ? '' : 's'} × ${study.instances} instances, sampling ${formatSampling(study.sampling)}, seed ${study.seed}; store ${opts.store}` +
      (before.architectures > 0 ? ` (resumed: ${before.architectures} architectures already stored)` : '') +
      '\n',
  );
  const interrupt = interruptible('stopping after the work in flight');
  const bar = studyBar(study, opts.quiet === true);
  const began = performance.now();
  try {
    let r: { solved: number; skipped: number; partial: boolean };
    if (opts.queue !== undefined) {
      const { runStudyOnQueue } = await import('../queue/studyOnQueue.js');
      const waiting = queueProgress(`study on ${opts.queue}`, opts.quiet === true);
      r = await runStudyOnQueue(store, { url: opts.queue, signal: interrupt.signal, onProgress: (p) => waiting.update(p) });
      waiting.finish();
      if (r.partial)
        throw new Interrupted(
          `interrupted: ${store.progress().architectures} of ${study.architectures.length} architectures are stored in ${opts.store}; the workers go on with the rest, and the same command collects them`,
        );
    } else
      r = await runStudy(store, {
        signal: interrupt.signal,
        onProgress: (p) => bar.update(p),
        ...(opts.workers === undefined ? {} : { workers: opts.workers }),
        ...(opts.unitRange ? { only: [opts.unitRange[0] - 1, opts.unitRange[1] - 1] as const } : {}),
      });
    bar.stop();
    if (r.partial) {
      const p = store.progress();
      throw new Interrupted(
        `interrupted: ${p.architectures} of ${study.architectures.length} architectures are stored in ${opts.store}, and the one in flight kept its finished work in ${opts.store}.work/; run the same command again to resume`,
      );
    }
    process.stdout.write(
      `${studyTable(studyRows(store))}\n${r.solved} architecture${r.solved === 1 ? '' : 's'} solved, ${r.skipped} already stored, in ${((performance.now() - began) / 1000).toFixed(1)} s; export with: critsolve study export --store ${opts.store} --format csv\n`,
    );
  } finally {
    bar.stop();
    interrupt.dispose();
    store.close();
  }
}

function merge(sources: string[], opts: { store: string }): void {
  const first = StudyStore.open(sources[0]!);
  let target: StudyStore;
  try {
    target = existsSync(opts.store) ? StudyStore.open(opts.store) : StudyStore.openFor(opts.store, first.study);
  } catch (error) {
    first.close();
    throw error;
  }
  let copied = 0;
  try {
    for (const [k, file] of sources.entries()) {
      const source = k === 0 ? first : StudyStore.open(file);
      try {
        copied += target.mergeFrom(source);
      } finally {
        source.close();
      }
    }
    const p = target.progress();
    process.stdout.write(
      `merged ${copied} architecture${copied === 1 ? '' : 's'} from ${sources.length} store${sources.length === 1 ? '' : 's'} into ${opts.store}: ${p.architectures}/${target.study.architectures.length} architectures stored${p.architectures < target.study.architectures.length ? ' (run the missing tasks, then merge again)' : ''}\n`,
    );
  } finally {
    target.close();
  }
}

async function slurm(file: string | undefined, opts: RunOptions & { perTask: number; cpus: number; out: string }): Promise<void> {
  const study = chooseStudy(file, opts);
  const { slurmScript } = await import('../queue/slurm.js');
  const studyFile = `${opts.out}.study.json`;
  writeOut(studyFile, JSON.stringify(studyToValue(study), null, 1) + '\n');
  writeOut(
    opts.out,
    slurmScript({
      name: study.name,
      studyFile,
      scriptFile: opts.out,
      store: opts.store,
      architectures: study.architectures.length,
      perTask: opts.perTask,
      cpus: opts.cpus,
    }),
  );
  const tasks = Math.ceil(study.architectures.length / opts.perTask);
  process.stdout.write(
    `wrote ${opts.out} (${tasks} array task${tasks === 1 ? '' : 's'}, then a merge into ${opts.store}) and ${studyFile}; submit with: bash ${opts.out}\n`,
  );
}

function status(opts: { store: string }): void {
  const store = StudyStore.open(opts.store);
  try {
    const { study } = store;
    const p = store.progress();
    const lines = study.architectures.map((a, k) => {
      const s = store.state(k);
      return `  ${String(k + 1).padStart(3)}  ${archLabel(a).padEnd(14)} ${s.done ? `done, ${store.instances(k).length} instances in ${s.seconds?.toFixed(1) ?? '?'} s` : s.bounds ? 'bounds stored, instances not yet' : 'not started'}`;
    });
    process.stdout.write(
      `study ${study.name} in ${opts.store}: ${p.architectures}/${study.architectures.length} architectures, ${p.instances}/${study.architectures.length * study.instances} instances stored\n${lines.join('\n')}\n`,
    );
  } finally {
    store.close();
  }
}

function writeOut(out: string | undefined, text: string): void {
  if (out === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(out, text);
  } catch (err) {
    throw new InputError(`cannot write ${out}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

function exportStore(opts: { store: string; format: string; out?: string }): void {
  if (opts.format !== 'csv' && opts.format !== 'json') throw new InputError(`--format must be csv or json, got '${opts.format}'`);
  const store = StudyStore.open(opts.store);
  try {
    writeOut(opts.out, opts.format === 'csv' ? studyCsv(studyRows(store)) : JSON.stringify(studyJson(store), null, 1) + '\n');
  } finally {
    store.close();
  }
}

async function report(opts: { store: string; out: string }): Promise<void> {
  const store = StudyStore.open(opts.store);
  try {
    // vega is loaded only for the report: the other commands start without it.
    const { studyReport } = await import('../report/html.js');
    writeOut(opts.out, await studyReport(store));
    process.stdout.write(`report written to ${opts.out}\n`);
  } finally {
    store.close();
  }
}

/** The options that choose a study and its settings, shared by study run and study slurm-script. */
function studyChoice(c: Command): Command {
  return c
    .argument('[file]', 'a study file (JSON or YAML): architectures, instances, sampling, seed')
    .option('--preset <name>', `a named study: ${describePresets()}`)
    .option('--dims <list...>', 'architectures as layer widths, e.g. --dims 1,1,1 2,2,2', (v: string, prev: number[][] = []) => [
      ...prev,
      ...v.split(/\s+/).filter(Boolean).map(parseDims),
    ])
    .option('--points <m>', 'data points per instance (with --dims; default 1)', parseInteger('points', 1))
    .option('--instances <n>', `random instances per architecture (default ${DEFAULT_INSTANCES}, or the file's)`, parseInteger('instances', 1, 1_000_000))
    .option(
      '--sampling <how>',
      `how X, Y and λ are drawn: a preset (${Object.keys(SAMPLING_PRESETS).join(', ')}) or X=normal(0,1),Y=normal(0,1),lambda=uniform(0,1) (default ${formatSampling(DEFAULT_SAMPLING)})`,
      (v: string) => parseSampling(v),
    )
    .option('--seed <n>', `seed of the solves; instance i has data seed seed + i (default ${DEFAULT_STUDY_SEED})`, parseInteger('seed', 0, 2 ** 31 - 1))
    .option('--bounds-seconds <s>', `time limit of each mixed volume (default ${DEFAULT_BOUNDS_SECONDS})`, (v: string) => {
      const s = Number(v);
      if (!(s > 0)) throw new InputError(`--bounds-seconds must be a number > 0, got '${v}'`);
      return s;
    });
}

const storeOption = (c: Command): Command => c.option('--store <file>', "the study's SQLite store", DEFAULT_STORE);

export function studyCommand(): Command {
  const study = new Command('study').description(
    'many architectures × random instances: a resumable study in a SQLite store, its table, and a report with plots',
  );
  const runCommand = studyChoice(new Command('run').description('run a study (the default subcommand); rerun the same command to resume an interrupted one'))
    .option('--workers <n>', 'worker threads (default: one per CPU)', parseInteger('workers', 1, 1024))
    .option(
      '--queue <url>',
      'run the architectures as units on this Redis queue (redis://host:port), taken by any number of `critsolve worker --queue URL` processes; results come back to --store',
    )
    .option(
      '--unit-range <a-b>',
      'run only architectures A to B (numbered from 1): one task of an array job (see study slurm-script; study merge gathers the stores)',
      parseUnitRange,
    )
    .option('--quiet', 'no progress on stderr')
    .action((file: string | undefined, opts: RunOptions) => run(file, opts));
  study.addCommand(storeOption(runCommand).exitOverride(), { isDefault: true });
  study.addCommand(
    new Command('merge')
      .description("gather the architectures of several stores of one study (an array job's tasks) into --store")
      .requiredOption('--store <file>', 'the store to merge into (made if missing)')
      .argument('<stores...>', 'the stores to merge from')
      .action(merge)
      .exitOverride(),
  );
  study.addCommand(
    studyChoice(
      new Command('slurm-script').description(
        "write an sbatch array script that runs the study's architectures as array tasks (--unit-range), and a merge step; for clusters without Redis",
      ),
    )
      .option('--store <file>', "the study's SQLite store the merge fills", DEFAULT_STORE)
      .option('--per-task <n>', 'architectures per array task', parseInteger('per-task', 1), 1)
      .option('--cpus <n>', 'CPUs per task (its tracking threads)', parseInteger('cpus', 1, 1024), 1)
      .option('--out <file>', 'the script (the study is written beside it, as FILE.study.json)', 'critsolve-study.sbatch')
      .action(slurm)
      .exitOverride(),
  );
  study.addCommand(storeOption(new Command('status').description('what the store holds')).action(status).exitOverride());
  study.addCommand(
    storeOption(new Command('export').description('the table as CSV (one row per architecture) or JSON (with every instance)'))
      .option('--format <format>', 'csv or json', 'csv')
      .option('--out <file>', 'write to FILE instead of stdout')
      .action(exportStore)
      .exitOverride(),
  );
  study.addCommand(
    storeOption(new Command('report').description('a self-contained HTML report with plots'))
      .option('--out <file>', 'the HTML file', 'report.html')
      .action(report)
      .exitOverride(),
  );
  return study;
}
