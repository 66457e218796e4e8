// Monodromy on deep-linear-network gradient systems, single-threaded (the worker pool is a
// separate piece). Run: npm run build && node benchmarks/monodromy.mjs [seed]
// Prints, per network: the count found at the network's real λ's, monodromy loops (summed over
// the components), paths tracked (loops plus the final parameter homotopies), and seconds.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { networkMonodromy } from '../dist/src/network/parametrize.js';
import { loadNetworkSpec } from '../dist/src/network/spec.js';

const systems = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/systems');
const seed = Number(process.argv[2] ?? 1);
const cases = [
  { name: 'dln 2-2-2-2, 1 point (spec s11)', options: loadNetworkSpec(path.join(systems, 'dln_2-2-2-2_m1_s11.json')), known: 641 },
  { name: 'dln 2-2-2-2, 1 point, target 641', options: loadNetworkSpec(path.join(systems, 'dln_2-2-2-2_m1_s11.json')), known: 641, targetCount: 641 },
  { name: 'dln 2-2-2, 2 points (seed 0)', options: { dims: [2, 2, 2], points: 2, seed: 0 } },
  { name: 'dln 2-2-2, 1 point (spec s11)', options: loadNetworkSpec(path.join(systems, 'dln_2-2-2_m1_s11.json')), known: 33 },
  { name: 'dln 1-2-2-1, 1 point (spec s11)', options: loadNetworkSpec(path.join(systems, 'dln_1-2-2-1_m1_s11.json')), known: 129 },
];

const rows = [['system', 'found', 'known', 'stopped by (all-on)', 'loops', 'paths', 'seconds', 'paths/s']];
for (const c of cases) {
  const r = await networkMonodromy(c.options, { seed, ...(c.targetCount ? { targetCount: c.targetCount } : {}) });
  const runs = r.components.flatMap((k) => (k.monodromy ? [k.monodromy] : []));
  const loops = runs.reduce((s, m) => s + m.loops, 0);
  rows.push([
    c.name,
    String(r.counts.regular),
    c.known === undefined ? '?' : String(c.known),
    runs[runs.length - 1]?.stoppedBy ?? '-',
    String(loops),
    String(r.pathsTracked),
    r.seconds.toFixed(1),
    (r.pathsTracked / r.seconds).toFixed(0),
  ]);
}
const widths = rows[0].map((_, j) => Math.max(...rows.map((row) => row[j].length)));
for (const [i, row] of rows.entries()) {
  console.log(row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log(`seed ${seed}; single thread; PHCpack/HomotopyContinuation.jl monodromy not installed here for comparison`);
