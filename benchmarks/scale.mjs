/**
 * Monodromy at scale (issue "Monodromy at scale, proven complete …"): per network, seed and
 * completeness check, the points found, the paths tracked (loops, parameter homotopies and the
 * trace test), the loops, seconds, peak memory of the process, and whether the count is proven
 * complete. Each run is its own process (`node benchmarks/scale.mjs --one …`), so that its peak
 * memory is its own. Two seeds of a network must agree on the count.
 *
 *   npm run build && node benchmarks/scale.mjs [networks] [seeds] [checks] [workers]
 *   networks: dims:points,… (default 4,4,4:1 2,3,3,2:1 3,3,3:2, space-separated in one argument)
 *   seeds: default 1,2; checks: none,single,generic (default none,single); workers: default 2
 *   e.g. node benchmarks/scale.mjs "2,2,2:1 2,3,2:1 1,2,2,1:1" 1,2 none,single,generic
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { solveNetwork } from '../dist/src/network/solveNetwork.js';
import { networkResultToJSON } from '../dist/src/network/networkJson.js';
import { linearNetwork } from '../dist/src/network/model.js';
import { table } from './peers.mjs';

if (process.argv[2] === '--one') {
  const [dimsArg, points, seed, check, workers] = process.argv.slice(3);
  const dims = dimsArg.split(',').map(Number);
  const began = performance.now();
  const network = linearNetwork({ dims, points: Number(points), seed: Number(seed) });
  const r = await solveNetwork(network, {
    seed: Number(seed),
    method: 'monodromy',
    workers: Number(workers),
    ...(check === 'none' ? {} : { traceTest: check }),
  });
  const json = networkResultToJSON(r);
  const loops = r.components.reduce((s, c) => s + (c.sharesSolveOf ? 0 : (c.monodromy?.loops ?? 0)), 0);
  const trace = json.completeness.checks.find((c) => c.check === 'trace test on every solved component');
  const failedTrace = (trace?.components ?? []).filter((c) => c.proven === false).map((c) => `${c.key}: ${c.reason}`);
  process.stdout.write(
    JSON.stringify({
      points: r.summary.points,
      paths: r.pathsTracked,
      loops,
      failed: r.solve.counts.failed,
      seconds: (performance.now() - began) / 1000,
      peakMB: process.resourceUsage().maxRSS / 1024,
      proven: json.completeness.proven,
      why: json.completeness.proven ? '' : failedTrace.join('; ') || json.completeness.reason.slice(0, 80),
    }) + '\n',
  );
  process.exit(0);
}

const networks = (process.argv[2] ?? '4,4,4:1 2,3,3,2:1 3,3,3:2')
  .split(/\s+/)
  .filter(Boolean)
  .map((s) => s.split(':'));
const seeds = (process.argv[3] ?? '1,2').split(',');
const checks = (process.argv[4] ?? 'none,single').split(',');
const workers = process.argv[5] ?? '2';
const self = fileURLToPath(import.meta.url);
const rows = [];
for (const [dims, points] of networks) {
  for (const check of checks) {
    const counts = [];
    for (const seed of seeds) {
      const run = spawnSync(process.execPath, [self, '--one', dims, points, seed, check, workers], { encoding: 'utf8', maxBuffer: 1 << 26 });
      if (run.status !== 0) {
        rows.push([dims, points, seed, check, 'error', '', '', '', '', '', '', run.stderr.split('\n').find((l) => l.trim()) ?? '']);
        continue;
      }
      const r = JSON.parse(run.stdout.trim().split('\n').at(-1));
      counts.push(r.points);
      rows.push([
        dims,
        points,
        seed,
        check,
        String(r.points),
        String(r.paths),
        String(r.loops),
        String(r.failed),
        r.seconds.toFixed(1),
        r.peakMB.toFixed(0),
        r.proven ? 'yes' : 'no',
        r.why,
      ]);
      process.stderr.write(`${rows.at(-1).join('  ')}\n`);
    }
    if (new Set(counts).size > 1) process.stderr.write(`  seeds disagree on ${dims} (${points} points, ${check}): ${counts.join(' vs ')}\n`);
  }
}
console.log(`monodromy at scale, ${workers} workers (one process per run)`);
table(['dims', 'points', 'seed', 'trace test', 'found', 'paths', 'loops', 'failed', 'seconds', 'peak MB', 'proven', 'why not'], rows);
