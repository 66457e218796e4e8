/**
 * Solve once, track many: `networkInstances` on one architecture, for 1 and 2 workers.
 * Prints the source solve, the endpoints delivered per second (one per source solution and
 * instance: what `--instances` reports) and the paths actually tracked per second (one per
 * sign orbit, re-tracks included), classification included.
 *
 *   npm run build && node benchmarks/instances.mjs [instances, default 1000] [dims, default 2,2,2]
 */
import { networkInstances } from '../dist/src/network/instances.js';

const instances = Number(process.argv[2] ?? 1000);
const dims = (process.argv[3] ?? '2,2,2').split(',').map(Number);
console.log(`networkInstances, dims ${dims.join(',')}, 1 data point, ${instances} instances, seed 1`);
console.log('workers  source solve  points  endpoints  tracked paths  seconds after source  endpoints/s  tracked paths/s');
for (const workers of [1, 2]) {
  const began = performance.now();
  const r = await networkInstances({ dims, points: 1, instances, seed: 1, monodromy: { workers } });
  const total = (performance.now() - began) / 1000;
  const source = r.components.reduce((s, c) => s + (c.sharesSolveOf ? 0 : (c.monodromy?.seconds ?? 0)), 0);
  const loopPaths = r.components.reduce((s, c) => s + (c.sharesSolveOf ? 0 : (c.monodromy?.pathsTracked ?? 0)), 0);
  const endpoints = r.instances.length * r.sourceCount;
  const tracked = r.pathsTracked - loopPaths;
  const after = total - source;
  console.log(
    [
      String(workers).padEnd(7),
      `${source.toFixed(1)} s`.padStart(12),
      String(r.sourceCount).padStart(6),
      String(endpoints).padStart(10),
      String(tracked).padStart(14),
      `${after.toFixed(1)} s`.padStart(21),
      (endpoints / after).toFixed(0).padStart(12),
      (tracked / after).toFixed(0).padStart(16),
    ].join('  '),
  );
}
