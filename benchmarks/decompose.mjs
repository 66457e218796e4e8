// The numerical irreducible decomposition of network critical sets (no regularization, weight
// decay), against PHCpack's blackbox decomposition `phc -B` (cascade, junk filter, monodromy
// factorization) on the same exported gradient system. Run:
//   npm run build && node benchmarks/decompose.mjs [names…]        (PHCpack: apt-get install phcpack)
// Per network: our components (dimension/degree), isolated points, whether the decomposition is
// complete, paths and seconds; PHCpack's factors and isolated points and seconds; and whether
// the two agree. Default: the agreement cases and the timing cases of issue #15.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decompose, linearNetwork, writePhc } from '../dist/src/index.js';
import { havePhc, table } from './peers.mjs';

const wd = (lambda) => ({ kind: 'weight-decay', lambda });
const cases = {
  // agreement with phc -B on networks beyond the Singular oracles of the tests
  '2-1-1 none': { dims: [2, 1, 1], X: [[1], [2]], Y: [[3]], regularization: { kind: 'none' } },
  '2-1-2 wd 0.1': { dims: [2, 1, 2], X: [[1], [2]], Y: [[3], [-1]], regularization: wd(0.1) },
  '1-1-1-1 none': { dims: [1, 1, 1, 1], X: [[1]], Y: [[2]], regularization: { kind: 'none' } },
  '1-2-1 wd 0.3, y = 3': { dims: [1, 2, 1], X: [[1]], Y: [[3]], regularization: wd(0.3) },
  // the timing cases of issue #15
  '2-2-2 m1 none': { dims: [2, 2, 2], points: 1, seed: 3, regularization: { kind: 'none' } },
  '2-2-2 m1 wd 0.1': { dims: [2, 2, 2], points: 1, seed: 3, regularization: wd(0.1) },
  '1-2-2-1 m1 wd 0.1': { dims: [1, 2, 2, 1], points: 1, seed: 3, regularization: wd(0.1) },
};
const names = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(cases);
const dir = mkdtempSync(path.join(tmpdir(), 'critsolve-decompose-'));
const phc = havePhc();

/** phc -B's factor degrees per dimension and its isolated points, from its output file. */
function phcDecomposition(file, n) {
  const out = `${file}.out`;
  const began = performance.now();
  // phc -B asks for the top dimension on stdin.
  const r = spawnSync('phc', ['-B', file, out], { input: `${n - 1}\n`, encoding: 'utf8', timeout: 3_600_000 });
  const seconds = (performance.now() - began) / 1000;
  if (r.status !== 0) return { error: `phc exited ${r.status}`, seconds };
  const text = readFileSync(out, 'utf8');
  const block = text.slice(text.lastIndexOf('degrees of factors'));
  const components = [];
  for (const m of block.matchAll(/^\s*(\d+) \|[^|]*\| ([\d ]+)$/gm)) for (const d of m[2].trim().split(/\s+/)) components.push(`${m[1]}/${d}`);
  // Isolated points: the last count of the dimension-0 row of the filter table (k -> … -> m).
  const filter = text.slice(text.lastIndexOf('solutions after filter'));
  const zero = /^\s*0 \|[^|]*\| ([\d >-]+)$/m.exec(filter)?.[1];
  const isolated =
    zero === undefined
      ? 0
      : Number(
          zero
            .trim()
            .split(/\s*->\s*/)
            .pop(),
        );
  return { components: components.sort(), isolated, seconds };
}

const header = ['network', 'n', 'ours: components', 'isolated', 'complete', 'paths', 's', 'phc -B: components', 'isolated', 's', 'agree'];
const rows = [];
for (const name of names) {
  const network = linearNetwork(cases[name]);
  const n = network.variables.length;
  const began = performance.now();
  const d = await decompose(network.system, { seed: 1, workers: 1 });
  const seconds = (performance.now() - began) / 1000;
  const ours = d.components.map((c) => `${c.dimension}/${c.degree}`).sort();
  const row = [name, n, ours.join(' ') || '-', d.isolated.length, d.complete ? 'yes' : 'NO', d.pathsTracked, seconds.toFixed(2)];
  if (phc) {
    const file = path.join(dir, `${name.replace(/[^\w]+/g, '_')}.phc`);
    writeFileSync(file, writePhc(network.system));
    const p = phcDecomposition(file, n);
    if (p.error) row.push(p.error, '-', p.seconds.toFixed(2), '-');
    else
      row.push(
        p.components.join(' ') || '-',
        p.isolated,
        p.seconds.toFixed(2),
        p.components.join() === ours.join() && p.isolated === d.isolated.length ? 'yes' : 'NO',
      );
  } else row.push('phc not installed', '-', '-', '-');
  rows.push(row.map(String));
  console.error(`${name}: done`);
}
table(header, rows);
console.log('components as dimension/degree; seed 1, one thread each; PHCpack asked for top dimension n − 1');
