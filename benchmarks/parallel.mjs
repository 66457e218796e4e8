/**
 * Parallel tracking: wall time with 1 and 2 workers on a system with thousands of paths
 * (the speed-up), and the peak resident memory of runs of 10,000 and 100,000 paths of one
 * system with cheap paths, and of a short and a full run of a system whose paths nearly all
 * diverge (memory should grow with the solutions kept, not with the paths tracked). Each memory run is a child process, so that its high-water mark is its own.
 * CPU seconds count every thread of the process; the load average says how busy the machine
 * was. Wall-time speed-ups need idle cores; "on idle cores" is the speed-up the CPU seconds
 * predict when every worker has a core of its own (workers × CPU(1 worker) / CPU(w workers)).
 *
 *   npm run build && node benchmarks/parallel.mjs           # the full tables (several minutes)
 *   npm run build && node benchmarks/parallel.mjs --quick   # smaller runs, to check the script
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSystemFile, readSystemText } from '../dist/src/poly/read.js';
import { solve } from '../dist/src/solve/solve.js';
import { table } from './peers.mjs';

const quick = process.argv.includes('--quick');
const shared = fileURLToPath(new URL('../systems/', import.meta.url));

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** x_i^18 + 0.3·x_{i+1}^3 − x_{i+2} − c_i, i = 0..3: 18^4 = 104,976 paths, all regular and short. */
function cheapSystem() {
  const n = 4;
  const eq = (i) => `x${i}^18 + 0.3*x${(i + 1) % n}^3 - x${(i + 2) % n} - ${1 + i / 10}`;
  return readSystemText(Array.from({ length: n }, (_, i) => eq(i)).join('\n'), 'cheap4x18');
}

async function timed(system, options) {
  const wall = performance.now();
  const cpu = cpuSeconds();
  const r = await solve(system, { seed: 1, start: 'total-degree', ...options });
  return { r, seconds: (performance.now() - wall) / 1000, cpu: cpuSeconds() - cpu };
}

/** PHCpack's blackbox solver on the same file, when phc is installed (it always uses one core here). */
function phcSeconds(file) {
  try {
    execFileSync('which', ['phc'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'critsolve-phc-'));
  const wall = performance.now();
  const run = spawnSync('phc', ['-b', file, join(dir, 'out')], { stdio: 'ignore', timeout: 600_000 });
  return run.status === 0 ? (performance.now() - wall) / 1000 : undefined;
}

async function speedup() {
  const file = `${shared}dln_2-2-2_m1_s11.phc`;
  const system = readSystemFile(file);
  const paths = quick ? 1500 : 6561;
  const rows = [];
  let serial;
  let serialCpu;
  let counts;
  for (const workers of [1, 2]) {
    const { r, seconds, cpu } = await timed(system, { workers, range: [0, paths] });
    serial ??= seconds;
    serialCpu ??= cpu;
    if (counts && JSON.stringify(counts) !== JSON.stringify(r.counts)) throw new Error('counts differ between worker counts');
    counts = r.counts;
    rows.push([
      'dln_2-2-2_m1_s11',
      paths,
      workers,
      seconds.toFixed(1),
      cpu.toFixed(1),
      (paths / seconds).toFixed(0),
      (serial / seconds).toFixed(2),
      ((workers * serialCpu) / cpu).toFixed(2),
    ]);
  }
  if (!quick) {
    const phc = phcSeconds(file);
    if (phc !== undefined) rows.push(['dln_2-2-2_m1_s11 (phc -b)', paths, 1, phc.toFixed(1), '', (paths / phc).toFixed(0), '', '']);
  }
  console.log(
    `\nSpeed-up (load average at start ${loadavg()[0].toFixed(1)}); regular ${counts.regular}, at infinity ${counts.atInfinity}, failed ${counts.failed}`,
  );
  table(['system', 'paths', 'workers', 'seconds', 'CPU s', 'paths/s', 'speed-up', 'on idle cores'], rows);
}

const memorySystems = {
  cheap4x18: () => cheapSystem(),
  'dln_2-2-2_m1_s11': () => readSystemFile(`${shared}dln_2-2-2_m1_s11.phc`),
};

/** In a child process: one run, reporting its peak RSS. */
async function memoryChild(name, paths) {
  const { r, seconds } = await timed(memorySystems[name](), { workers: 2, range: [0, paths] });
  process.stdout.write(JSON.stringify({ seconds, kept: r.paths.length, solutions: r.solutions.length, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
}

/**
 * cheap4x18: every path ends at a regular solution, so memory grows with the solutions the
 * result holds. dln_2-2-2: nearly every path goes to infinity, so memory should not grow.
 */
function memory() {
  const runs = [
    ['cheap4x18', quick ? 2000 : 10000],
    ['cheap4x18', quick ? 20000 : 100000],
    ['dln_2-2-2_m1_s11', quick ? 300 : 1000],
    ['dln_2-2-2_m1_s11', quick ? 1500 : 6561],
  ];
  const rows = [];
  for (const [name, paths] of runs) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--memory-child', name, String(paths)], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (child.status !== 0) throw new Error(`memory run of ${paths} paths failed: ${child.stderr}`);
    const m = JSON.parse(child.stdout);
    rows.push([name, paths, m.seconds.toFixed(1), (paths / m.seconds).toFixed(0), m.solutions, m.kept, m.maxRssMB.toFixed(0)]);
  }
  console.log(`\nPeak memory, 2 workers (load average at start ${loadavg()[0].toFixed(1)})`);
  table(['system', 'paths', 'seconds', 'paths/s', 'solutions', 'records kept', 'peak RSS MB'], rows);
}

const child = process.argv.indexOf('--memory-child');
if (child >= 0) await memoryChild(process.argv[child + 1], Number(process.argv[child + 2]));
else {
  await speedup();
  memory();
}
