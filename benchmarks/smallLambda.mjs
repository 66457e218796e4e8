/**
 * Trustworthy counts as the regularization goes to zero (issue "Trustworthy counts …"): the
 * 2-2-2 network with X = I₂, Y = [[1.5, 0.5], [0.5, 1.5]] and λ = t·Λ₀
 * (systems/dln_2-2-2_XI_t0.01.json is t = 0.01), solved by every method for
 * several seeds. Singular's exact Gröbner basis gives 225 critical points (vdim of the
 * gradient ideal, dimension 0) at each t below. A row passes when the count is 225, or when
 * it falls short and the output says it may be incomplete: never a false "complete".
 *
 *   node benchmarks/smallLambda.mjs [t,…] [method,…] [seed,…]
 *   e.g. node benchmarks/smallLambda.mjs 1,0.1,0.01,0.001 auto,total-degree,polyhedral,monodromy 1,2,3
 */
import { linearNetwork } from '../dist/src/network/model.js';
import { solveNetwork } from '../dist/src/network/solveNetwork.js';
import { table } from './peers.mjs';

const EXACT = 225;
const LAMBDA0 = [
  [
    [0.5856491671436244, 0.7368105065960997],
    [1.3012744652063968, 1.0821620360643678],
  ],
  [
    [0.5941286422403992, 0.9331269402364738],
    [0.979051298140834, 0.6597389146370786],
  ],
];

const list = (arg, fallback) => (arg ?? fallback).split(',');
const ts = list(process.argv[2], '1,0.1,0.01,0.001').map(Number);
const methods = list(process.argv[3], 'auto,total-degree,polyhedral,monodromy');
const seeds = list(process.argv[4], '1,2,3').map(Number);

const network = (t) =>
  linearNetwork({
    dims: [2, 2, 2],
    X: [
      [1, 0],
      [0, 1],
    ],
    Y: [
      [1.5, 0.5],
      [0.5, 1.5],
    ],
    regularization: { kind: 'entrywise', lambda: LAMBDA0.map((m) => m.map((row) => row.map((v) => t * v))) },
  });

const rows = [];
let falseComplete = 0;
for (const t of ts) {
  for (const method of methods) {
    for (const seed of seeds) {
      const began = performance.now();
      const r = await solveNetwork(network(t), { method, seed, workers: 2 });
      const seconds = (performance.now() - began) / 1000;
      const c = r.solve.counts;
      const found = r.summary.points;
      const verdict = r.complete ? (found === EXACT ? 'complete, right' : 'FALSE COMPLETE') : found === EXACT ? 'right, not claimed' : 'short, says so';
      if (r.complete && found !== EXACT) falseComplete++;
      const x = r.solve.crossCheck;
      rows.push([
        String(t),
        `${method}${method === 'auto' ? ` (${r.method})` : ''}`,
        String(seed),
        String(found),
        String(c.illConditioned),
        String(c.failed),
        x ? `${x.found.length} new, ${x.failedPaths} failed` : '-',
        verdict,
        seconds.toFixed(1),
      ]);
      process.stderr.write(`${rows.at(-1).join('  ')}\n`);
    }
  }
}
table(['t', 'method', 'seed', 'points', 'ill-cond.', 'failed', 'cross-check', 'verdict', 'seconds'], rows);
console.log(`exact count ${EXACT} (Singular); false "complete" claims: ${falseComplete}`);
process.exitCode = falseComplete > 0 ? 1 : 0;
