/**
 * The polyhedral homotopy against PHCpack on cyclic-7 (mixed volume 924) and noon-5 (233):
 * the time to compute the mixed volume (ours: one mixedVolume call in this process, after a
 * warm-up; PHCpack: one `phc -m` process with MixedVol) and the time to solve by the
 * polyhedral homotopy (ours: `solve` with start 'polyhedral', mixed cells included, 1 and 2
 * workers; PHCpack: one `phc -b` process, 1 thread), with the solutions each found.
 *
 *   npm run build && node benchmarks/polyhedral.mjs [seed]
 */
import { loadavg } from 'node:os';
import { mixedVolume } from '../dist/src/bounds/mixedVolume.js';
import { solve } from '../dist/src/solve/solve.js';
import { cyclic, havePhc, noon, phcBlackbox, phcMixedVolume, table } from './peers.mjs';

const seed = Number(process.argv[2] ?? 1);
const systems = [
  ['cyclic7', cyclic(7)],
  ['noon5', noon(5)],
];
const phc = havePhc();
if (!phc) console.error('phc not found: PHCpack columns left empty (apt-get install phcpack)');
mixedVolume(cyclic(5));
await solve(cyclic(5), { seed, start: 'polyhedral', workers: 1 });

const rows = [];
for (const [name, system] of systems) {
  let began = performance.now();
  const mv = mixedVolume(system);
  const mvSeconds = (performance.now() - began) / 1000;
  const peerMv = phc ? phcMixedVolume(name, system, false) : undefined;
  const peerSolve = phc ? phcBlackbox(name, system) : undefined;
  for (const workers of [1, 2]) {
    began = performance.now();
    const r = await solve(system, { seed, start: 'polyhedral', workers });
    const seconds = (performance.now() - began) / 1000;
    rows.push([
      name,
      String(mv),
      mvSeconds.toFixed(3),
      peerMv ? `${peerMv.mixed}` : '',
      peerMv ? peerMv.seconds.toFixed(3) : '',
      workers,
      r.counts.paths,
      `${r.counts.regular}/${r.counts.failed}`,
      seconds.toFixed(2),
      peerSolve ? `${peerSolve.paths}` : '',
      peerSolve ? `${peerSolve.regular}` : '',
      peerSolve ? peerSolve.seconds.toFixed(2) : '',
    ]);
  }
}
table(['system', 'MV', 'MV s', 'phc -m MV', 'phc -m s', 'workers', 'paths', 'regular/failed', 'solve s', 'phc -b paths', 'phc -b regular', 'phc -b s'], rows);
console.log(`\nseed ${seed}; load average ${loadavg()[0].toFixed(2)}. Our solve time includes the mixed cells of the supports with the origin added.`);
