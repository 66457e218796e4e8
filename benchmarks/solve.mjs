// Wall time of `critsolve solve` against PHCpack's blackbox solver (`phc -b`) on the same
// systems, with our total-degree and polyhedral start systems. Run:
//   npm run build && node benchmarks/solve.mjs [workers]   (PHCpack: apt-get install phcpack)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSystemFile, solve } from '../dist/src/index.js';
import { havePhc, phcBlackbox } from './peers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const systemsDir = path.resolve(here, '../systems');
const systems = ['katsura7', 'cyclic6', 'dln_2-2-2_m1_s11'];
const workers = Number(process.argv[2] ?? 1);
const seed = 1;

const rows = [];
const phc = havePhc();
const peer = new Map();
for (const [name, start] of systems.flatMap((name) => [
  [name, 'total-degree'],
  [name, 'polyhedral'],
])) {
  const file = path.join(systemsDir, `${name}.phc`);
  const system = readSystemFile(file);
  const began = performance.now();
  const result = await solve(system, { seed, workers, start, keepAllPaths: true });
  const seconds = (performance.now() - began) / 1000;
  const steps = result.paths.reduce((a, p) => a + p.acceptedSteps + p.rejectedSteps, 0);
  const tracked = result.paths.length;
  const row = {
    system: name,
    start,
    paths: result.counts.paths,
    regular: result.counts.regular,
    failed: result.counts.failed,
    seconds: seconds.toFixed(2),
    'paths/s': (result.counts.paths / seconds).toFixed(0),
    'steps/path': tracked === result.counts.paths ? (steps / tracked).toFixed(1) : 'n/a',
  };
  if (phc) {
    if (!peer.has(name)) peer.set(name, phcBlackbox(name, system, file));
    const p = peer.get(name);
    Object.assign(row, {
      'phc paths': p.paths,
      'phc regular': p.regular,
      'phc seconds': p.seconds.toFixed(2),
      'phc/ours': (p.seconds / seconds).toFixed(2),
    });
  }
  rows.push(row);
}
console.log(`critsolve solve (${workers} worker${workers === 1 ? '' : 's'}, seed ${seed}) vs PHCpack phc -b (polyhedral, 1 thread)`);
console.table(rows);
if (!phc) console.log('PHCpack not installed (apt-get install phcpack): peer columns omitted');
console.log('PHCpack tracks the (stable) mixed-volume number of paths (its polyhedral start system).');
