/**
 * What the counts can be trusted for, on the shared systems (issue "Trustworthy counts …"):
 *  1. `regular` equals `certified` (Krawczyk) on every system of systems/, 3 seeds;
 *  2. cyclic6 by the polyhedral homotopy, seeds 1–40: 156 every time, no failed path, and
 *     what the coefficient cross-check (solve({ crossCheck })) adds where a path failed;
 *  3. dln_1-2-1-2 (a network exported by `critsolve network --dims 1,2,1,2 --seed 1`):
 *     total degree and polyhedral give the same count, with no failed path.
 *
 *   node benchmarks/trust.mjs [seeds for 1, default 1,2,3] [last cyclic6 seed, default 40]
 */
import { join } from 'node:path';
import { readSystemFile } from '../dist/src/poly/read.js';
import { solve } from '../dist/src/solve/solve.js';
import { certifyResult } from '../dist/src/certify/result.js';
import { linearNetwork } from '../dist/src/network/model.js';
import { table } from './peers.mjs';

const SHARED = new URL('../systems/', import.meta.url).pathname;
const seeds = (process.argv[2] ?? '1,2,3').split(',').map(Number);
const lastCyclicSeed = Number(process.argv[3] ?? 40);

// The total-degree start has 390,625 and 2.4·10⁸ paths for the two largest networks, and the
// mixed volume of dln_2-2-2-2 takes minutes: auto picks the polyhedral start where it is smaller.
const SYSTEMS = ['katsura5', 'katsura6', 'katsura7', 'cyclic5', 'cyclic6', 'noon3', 'noon4', 'dln_1-1-1_m1_s11', 'dln_2-2-2_m1_s11', 'dln_1-2-2-1_m1_s11'];

const rows = [];
let mismatches = 0;
for (const name of SYSTEMS) {
  const system = readSystemFile(join(SHARED, `${name}.phc`));
  for (const seed of seeds) {
    const r = await solve(system, { seed, workers: 2 });
    const c = certifyResult(system, r).counts;
    const same = r.counts.regular === c.certified && c.certified === c.certifiedDistinct;
    if (!same) mismatches++;
    rows.push([
      name,
      String(seed),
      r.startSystem,
      String(r.counts.regular),
      String(r.counts.illConditioned),
      String(r.counts.singular),
      String(r.counts.failed),
      String(c.certified),
      String(c.certifiedDistinct),
      same ? 'yes' : 'NO',
      r.seconds.toFixed(1),
    ]);
    process.stderr.write(`${rows.at(-1).join('  ')}\n`);
  }
}
console.log('1. regular = certified on systems/');
table(['system', 'seed', 'start', 'regular', 'ill-cond.', 'singular', 'failed', 'certified', 'distinct', 'equal', 'seconds'], rows);
console.log(`systems × seeds where regular ≠ certified: ${mismatches}\n`);

const cyclic6 = readSystemFile(join(SHARED, 'cyclic6.phc'));
const short = [];
const recovered = [];
let steps = 0;
let paths = 0;
let inconclusive = 0;
const began = performance.now();
for (let seed = 1; seed <= lastCyclicSeed; seed++) {
  const r = await solve(cyclic6, { seed, start: 'polyhedral', workers: 2, keepAllPaths: true, crossCheck: true });
  for (const p of r.paths) steps += p.acceptedSteps + p.rejectedSteps;
  paths += r.paths.length;
  const added = r.crossCheck?.found.length ?? 0;
  if (r.crossCheck && r.crossCheck.failedPaths > 0) inconclusive++;
  if (r.counts.regular - added !== 156 || r.counts.failed > 0)
    short.push(`seed ${seed}: the paths found ${r.counts.regular - added}, ${r.counts.failed} failed`);
  if (added > 0) recovered.push(`seed ${seed}: ${added}`);
  if (r.counts.regular !== 156) recovered.push(`seed ${seed}: ${r.counts.regular} after the cross-check`);
}
console.log(
  `2. cyclic6, polyhedral, seeds 1–${lastCyclicSeed}: the paths found all 156 with no failed path in ${lastCyclicSeed - short.length} runs${short.length ? ` (${short.join('; ')})` : ''}; ` +
    `the cross-check added ${recovered.length ? recovered.join(', ') : 'nothing'}, and had loop paths that did not come back in ${inconclusive} runs; ` +
    `mean steps per path ${(steps / paths).toFixed(1)}; ${((performance.now() - began) / 1000).toFixed(1)} s with the cross-checks\n`,
);

const d1212 = linearNetwork({ dims: [1, 2, 1, 2], points: 1, seed: 1 }).system;
const byStart = [];
for (const start of ['total-degree', 'polyhedral']) {
  const r = await solve(d1212, { seed: 1, start, workers: 2, keepAllPaths: true });
  const s = r.paths.reduce((a, p) => a + p.acceptedSteps + p.rejectedSteps, 0);
  byStart.push([start, String(r.counts.paths), String(r.counts.regular), String(r.counts.failed), (s / r.paths.length).toFixed(1), r.seconds.toFixed(1)]);
}
console.log('3. dln_1-2-1-2 (dims 1,2,1,2, seed 1)');
table(['start', 'paths', 'regular', 'failed', 'steps/path', 'seconds'], byStart);
