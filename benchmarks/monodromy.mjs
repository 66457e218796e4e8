// Monodromy on deep-linear-network gradient systems, with 1 and 2 worker threads.
// Run: npm run build && node benchmarks/monodromy.mjs [seed] [repeats]
// Per network and worker count: the count found at the network's real λ's, monodromy loops
// (summed over the components), paths tracked (loops plus the final parameter homotopies),
// the threads that tracked loops, and seconds: the minimum and every run. The configurations
// alternate (1, 2, 1, 2, …) so that load from other processes spreads over both. Loops, paths
// and counts must not depend on the number of workers: the last column says whether they did.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { networkMonodromy } from '../dist/src/network/networkMonodromy.js';
import { loadNetworkSpec } from '../dist/src/network/spec.js';
import { table } from './peers.mjs';

const systems = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../systems');
const seed = Number(process.argv[2] ?? 1);
const repeats = Number(process.argv[3] ?? 2);
const workerCounts = [1, 2];
const s11 = loadNetworkSpec(path.join(systems, 'dln_2-2-2-2_m1_s11.json'));
const cases = [
  { name: 'dln 2-2-2-2, 1 point (spec s11)', options: s11, known: 641 },
  { name: 'dln 2-2-2-2, 1 point, target 641', options: s11, known: 641, targetCount: 641 },
  { name: 'dln 2-2-2, 2 points (seed 0)', options: { dims: [2, 2, 2], points: 2, seed: 0 }, known: 225 },
];

const rows = [['system', 'workers', 'found', 'known', 'stopped by (all-on)', 'loops', 'paths', 'threads', 'min s', 'all runs (s)', 'same as 1 worker']];
for (const c of cases) {
  const runs = new Map(workerCounts.map((w) => [w, []]));
  for (let r = 0; r < repeats; r++) {
    for (const workers of workerCounts) {
      const result = await networkMonodromy(c.options, { seed, workers, ...(c.targetCount ? { targetCount: c.targetCount } : {}) });
      runs.get(workers).push(result);
    }
  }
  const fingerprint = (r) => {
    const ms = r.components.flatMap((k) => (k.monodromy ? [k.monodromy] : []));
    return JSON.stringify([r.counts, r.pathsTracked, ms.map((m) => [m.loops, m.pathsTracked, m.solutions.map((x) => Array.from(x))])]);
  };
  const reference = fingerprint(runs.get(1)[0]);
  for (const workers of workerCounts) {
    const all = runs.get(workers);
    const r = all[0];
    const ms = r.components.flatMap((k) => (k.monodromy ? [k.monodromy] : []));
    rows.push([
      c.name,
      String(workers),
      String(r.counts.regular),
      String(c.known),
      ms[ms.length - 1]?.stoppedBy ?? '-',
      String(ms.reduce((s, m) => s + m.loops, 0)),
      String(r.pathsTracked),
      String(Math.max(...ms.map((m) => m.workers))),
      Math.min(...all.map((x) => x.seconds)).toFixed(1),
      all.map((x) => x.seconds.toFixed(1)).join(', '),
      all.every((x) => fingerprint(x) === reference) ? 'yes' : 'NO',
    ]);
  }
}
table(rows[0], rows.slice(1));
console.log(`seed ${seed}; ${repeats} runs per configuration, alternating; PHCpack/HomotopyContinuation.jl monodromy not installed here for comparison`);
