/**
 * Mixed volumes: our mixed-cell enumeration against PHCpack's MixedVol (`phc -m`, lifting
 * strategy 4), on cyclic-7 (mixed volume 924) and noon-5 (the n = 5 member of
 * x_i·Σ_{j≠i} x_j² − 1.1·x_i + 1 = 0, mixed volume 233 = 3^5 − 2·5). Each row times one
 * bound: for us one call of mixedVolume or stableMixedVolume (in this process, so after a
 * warm-up call on a small system), for PHCpack the wall time of one `phc -m` process, which
 * reads the system, computes the cells and writes its output file (the stable run computes
 * both volumes). `phc -m` is menu driven; the answers go to its stdin: 4 (MixedVol), 0 (no
 * polyhedral homotopy), y/n (stable mixed volume), n (no cell file). The gradient system of
 * the 2-2-2 network (../shared/systems) joins them, and with --big that of 2-2-2-2 (minutes).
 *
 *   npm run build && node benchmarks/bounds.mjs [--big]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { mixedVolume, stableMixedVolume } from '../dist/src/bounds/mixedVolume.js';
import { fileURLToPath } from 'node:url';
import { readSystemFile, readSystemText } from '../dist/src/poly/read.js';
import { writePhc } from '../dist/src/poly/write.js';

const shared = fileURLToPath(new URL('../../shared/systems/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'critsolve-bounds-bench-'));

/** cyclic-n: the elementary cyclic sums of degree 1..n−1, and x_1⋯x_n − 1. */
function cyclic(n) {
  const x = (i) => `x${(i % n) + 1}`;
  const sums = Array.from({ length: n - 1 }, (_, k) =>
    Array.from({ length: n }, (_, i) => Array.from({ length: k + 1 }, (_, j) => x(i + j)).join('*')).join(' + '),
  );
  return readSystemText([...sums, `${Array.from({ length: n }, (_, i) => x(i)).join('*')} - 1`].join('\n'), `cyclic${n}`);
}

/** noon-n: x_i·Σ_{j≠i} x_j² − 1.1·x_i + 1. */
function noon(n) {
  const eq = (i) => {
    const others = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i);
    return `x${i + 1}*(${others.map((j) => `x${j + 1}^2`).join(' + ')}) - 1.1*x${i + 1} + 1`;
  };
  return readSystemText(Array.from({ length: n }, (_, i) => eq(i)).join('\n'), `noon${n}`);
}

function seconds(fn) {
  const began = performance.now();
  const value = fn();
  return { value, seconds: (performance.now() - began) / 1000 };
}

function havePhc() {
  return spawnSync('phc', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** One `phc -m` run; returns its mixed volumes and the wall time of the process. */
function phcMixedVolume(name, system, stable) {
  const input = join(dir, `${name}.phc`);
  const output = join(dir, `${name}.${stable ? 'stable' : 'plain'}.out`);
  writeFileSync(input, writePhc(system));
  const answers = `4\n0\n${stable ? 'y' : 'n'}\nn\n`;
  const began = performance.now();
  const r = spawnSync('phc', ['-m', input, output], { input: answers, encoding: 'utf8', cwd: dir, timeout: 3_600_000 });
  const wall = (performance.now() - began) / 1000;
  if (r.status !== 0) throw new Error(`phc -m failed on ${name} (exit ${r.status}): ${r.stdout.slice(-500)}`);
  const text = readFileSync(output, 'utf8');
  const grab = (re) => {
    const m = re.exec(text);
    return m ? BigInt(m[1]) : undefined;
  };
  return { mixed: grab(/common mixed volume : (\d+)/), stable: grab(/stable mixed volume : (\d+)/), seconds: wall };
}

function table(header, rows) {
  const cells = [header, ...rows].map((row) => row.map(String));
  const width = header.map((_, k) => Math.max(...cells.map((row) => row[k].length)));
  for (const [i, row] of cells.entries()) {
    console.log(row.map((c, k) => (k === 0 ? c.padEnd(width[k]) : c.padStart(width[k]))).join('  '));
    if (i === 0) console.log(width.map((w) => '-'.repeat(w)).join('  '));
  }
}

const systems = [
  ['cyclic7', cyclic(7), 924n],
  ['noon5', noon(5), 233n],
  ['dln_2-2-2_m1_s11', readSystemFile(join(shared, 'dln_2-2-2_m1_s11.phc')), 1024n],
  ...(process.argv.includes('--big') ? [['dln_2-2-2-2_m1_s11', readSystemFile(join(shared, 'dln_2-2-2-2_m1_s11.phc')), undefined]] : []),
];
const phc = havePhc();
if (!phc) console.error('phc not found: PHCpack columns left empty (apt-get install phcpack)');
// Warm up the JIT, so that the first row is not charged for compiling.
mixedVolume(cyclic(5));
stableMixedVolume(cyclic(5));

const rows = [];
for (const [name, system, expected] of systems) {
  for (const stable of [false, true]) {
    const ours = seconds(() => (stable ? stableMixedVolume(system) : mixedVolume(system)));
    if (!stable && expected !== undefined && ours.value !== expected) console.error(`${name}: our mixed volume ${ours.value}, expected ${expected}`);
    const peer = phc ? phcMixedVolume(name, system, stable) : undefined;
    rows.push([
      name,
      stable ? 'stable mixed volume' : 'mixed volume',
      ours.value,
      ours.seconds.toFixed(3),
      peer ? ((stable ? peer.stable : peer.mixed) ?? '?') : '',
      peer ? peer.seconds.toFixed(3) : '',
    ]);
  }
}
table(['system', 'bound', 'ours', 'ours s', 'PHCpack', 'PHCpack s'], rows);
console.log(`\nPHCpack: phc -m, MixedVol (wall time of the process; the stable run computes both volumes). Load average ${loadavg()[0].toFixed(2)}. Inputs in ${dir}.`);
