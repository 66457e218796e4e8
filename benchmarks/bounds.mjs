/**
 * Mixed volumes: our mixed-cell enumeration against PHCpack's MixedVol (`phc -m`, lifting
 * strategy 4), on cyclic-7 (mixed volume 924) and noon-5 (the n = 5 member of
 * x_i·Σ_{j≠i} x_j² − 1.1·x_i + 1 = 0, mixed volume 233 = 3^5 − 2·5). Each row times one
 * bound: for us one call of mixedVolume or stableMixedVolume (in this process, so after a
 * warm-up call on a small system), for PHCpack the wall time of one `phc -m` process, which
 * reads the system, computes the cells and writes its output file (the stable run computes
 * both volumes). `phc -m` is menu driven; the answers go to its stdin: 4 (MixedVol), 0 (no
 * polyhedral homotopy), y/n (stable mixed volume), n (no cell file). The gradient system of
 * the 2-2-2 network (systems/) joins them, and with --big that of 2-2-2-2 (minutes).
 *
 *   npm run build && node benchmarks/bounds.mjs [--big]
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mixedVolume, stableMixedVolume } from '../dist/src/bounds/mixedVolume.js';
import { readSystemFile } from '../dist/src/poly/read.js';
import { cyclic, havePhc, noon, phcMixedVolume, table } from './peers.mjs';

const shared = fileURLToPath(new URL('../systems/', import.meta.url));

function seconds(fn) {
  const began = performance.now();
  const value = fn();
  return { value, seconds: (performance.now() - began) / 1000 };
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
console.log(`\nPHCpack: phc -m, MixedVol (wall time of the process; the stable run computes both volumes). Load average ${loadavg()[0].toFixed(2)}.`);
