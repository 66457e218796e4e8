/**
 * The tracker itself: steps per path, failures and wall time against PHCpack's blackbox
 * solver on the same systems (issue "Trustworthy counts …", item 4), and the rate of the
 * parameter homotopies that `network --instances` tracks from one monodromy solve.
 *
 *   npm run build && node benchmarks/tracker.mjs [workers, default 2] [instances dims, default 2,2,2]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSystemFile } from '../dist/src/poly/read.js';
import { solve } from '../dist/src/solve/solve.js';
import { networkInstances } from '../dist/src/network/instances.js';
import { cyclic, havePhc, katsura, phcBlackbox, table } from './peers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = (name) => path.resolve(here, '../systems', `${name}.phc`);
const workers = Number(process.argv[2] ?? 2);
const instanceDims = (process.argv[3] ?? '2,2,2').split(',').map(Number);

const cases = [
  ['katsura7', readSystemFile(shared('katsura7')), 'total-degree', shared('katsura7')],
  ['katsura8', katsura(8), 'total-degree'],
  ['cyclic7', cyclic(7), 'polyhedral'],
  ['dln_2-2-2_m1_s11', readSystemFile(shared('dln_2-2-2_m1_s11')), 'total-degree', shared('dln_2-2-2_m1_s11')],
  ['dln_2-2-2_m1_s11', readSystemFile(shared('dln_2-2-2_m1_s11')), 'polyhedral', shared('dln_2-2-2_m1_s11')],
];

const phc = havePhc();
const peer = new Map();
const rows = [];
for (const [name, system, start, file] of cases) {
  const began = performance.now();
  const r = await solve(system, { seed: 1, workers, start, keepAllPaths: true });
  const seconds = (performance.now() - began) / 1000;
  const n = r.paths.length;
  const accepted = r.paths.reduce((a, p) => a + p.acceptedSteps, 0) / n;
  const rejected = r.paths.reduce((a, p) => a + p.rejectedSteps, 0) / n;
  // Smooth paths: those that end at a regular solution (diverging ones run an endgame to s = 1e-14 or so).
  const smooth = r.paths.filter((p) => p.code === 'success');
  const smoothSteps = smooth.reduce((a, p) => a + p.acceptedSteps + p.rejectedSteps, 0) / Math.max(1, smooth.length);
  if (phc && !peer.has(name)) peer.set(name, phcBlackbox(name, system, file));
  const p = peer.get(name);
  rows.push([
    name,
    start,
    String(r.counts.paths),
    String(r.counts.regular),
    accepted.toFixed(1),
    rejected.toFixed(1),
    smoothSteps.toFixed(1),
    String(r.counts.failed),
    seconds.toFixed(2),
    p ? String(p.regular) : '-',
    p ? p.seconds.toFixed(2) : '-',
    p ? (p.seconds / seconds).toFixed(2) : '-',
  ]);
  process.stderr.write(`${rows.at(-1).join('  ')}\n`);
}
console.log(`critsolve (seed 1, ${workers} workers) and PHCpack phc -b on the same systems`);
table(
  [
    'system',
    'start',
    'paths',
    'regular',
    'accepted/path',
    'rejected/path',
    'steps/regular path',
    'failed',
    'seconds',
    'phc regular',
    'phc seconds',
    'phc / ours',
  ],
  rows,
);

const began = performance.now();
const inst = await networkInstances({ dims: instanceDims, points: 1, instances: 100, seed: 1, monodromy: { workers } });
const total = (performance.now() - began) / 1000;
const sourceSeconds = inst.components.reduce((s, c) => s + (c.sharesSolveOf ? 0 : (c.monodromy?.seconds ?? 0)), 0);
const paths = inst.instances.length * inst.sourceCount;
const trackedPaths = inst.pathsTracked - inst.components.reduce((s, c) => s + (c.sharesSolveOf ? 0 : (c.monodromy?.pathsTracked ?? 0)), 0);
console.log(
  `\n--instances 100 on dims ${instanceDims.join(',')}: source solve ${sourceSeconds.toFixed(1)} s (${inst.sourceCount} points), then ${paths} parameter-homotopy endpoints ` +
    `(${trackedPaths} paths tracked, one per sign orbit; the rest are their images) in ${(total - sourceSeconds).toFixed(1)} s: ${(paths / (total - sourceSeconds)).toFixed(0)} endpoints/s, ${(trackedPaths / (total - sourceSeconds)).toFixed(0)} tracked paths/s (classification included)`,
);
