// Wall time of `critsolve solve` against PHCpack's blackbox solver (`phc -b`) on the same
// files. Run: npm run build && node benchmarks/solve.mjs [workers]   (PHCpack: apt-get install phcpack)
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSystemFile, solve } from '../dist/src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const systemsDir = path.resolve(here, '../../shared/systems');
const systems = ['katsura7', 'cyclic6', 'dln_2-2-2_m1_s11'];
const workers = Number(process.argv[2] ?? 1);
const seed = 1;

function hasPhc() {
  return spawnSync('phc', ['--version'], { encoding: 'utf8' }).error === undefined;
}

function runPhc(file) {
  const dir = mkdtempSync(path.join(tmpdir(), 'critsolve-phc-'));
  const input = path.join(dir, 'input');
  copyFileSync(file, input);
  const began = performance.now();
  execFileSync('phc', ['-b', input, path.join(dir, 'output')], { stdio: 'ignore' });
  const seconds = (performance.now() - began) / 1000;
  const out = readFileSync(path.join(dir, 'output'), 'utf8');
  // The blackbox reports the solutions with zero coordinates (its "stable continuation") and
  // those in the torus in separate sections: the count is their sum, and the paths tracked
  // are the stable mixed volume when there is one, else the mixed volume.
  const regular = [...out.matchAll(/Number of regular solutions\s*:\s*(\d+)/g)].reduce((a, m) => a + Number(m[1]), 0);
  const stable = /stable mixed volume\s*:\s*(\d+)/.exec(out)?.[1];
  const mixed = /mixed volume\s*:\s*(\d+)/.exec(out)?.[1];
  return { seconds, regular, paths: Number(stable ?? mixed ?? NaN) };
}

const rows = [];
const phc = hasPhc();
for (const name of systems) {
  const file = path.join(systemsDir, `${name}.phc`);
  const system = readSystemFile(file);
  const began = performance.now();
  const result = await solve(system, { seed, workers, keepAllPaths: true });
  const seconds = (performance.now() - began) / 1000;
  const steps = result.paths.reduce((a, p) => a + p.acceptedSteps + p.rejectedSteps, 0);
  const tracked = result.paths.length;
  const row = {
    system: name,
    paths: result.counts.paths,
    regular: result.counts.regular,
    failed: result.counts.failed,
    seconds: seconds.toFixed(2),
    'paths/s': (result.counts.paths / seconds).toFixed(0),
    'steps/path': tracked === result.counts.paths ? (steps / tracked).toFixed(1) : 'n/a',
  };
  if (phc) {
    const p = runPhc(file);
    Object.assign(row, {
      'phc paths': p.paths,
      'phc regular': p.regular,
      'phc seconds': p.seconds.toFixed(2),
      'phc/ours': (p.seconds / seconds).toFixed(2),
    });
  }
  rows.push(row);
}
console.log(`critsolve solve (total degree, ${workers} worker${workers === 1 ? '' : 's'}, seed ${seed}) vs PHCpack phc -b (polyhedral, 1 thread)`);
console.table(rows);
if (!phc) console.log('PHCpack not installed (apt-get install phcpack): peer columns omitted');
console.log('PHCpack tracks the mixed-volume number of paths (its polyhedral start system); critsolve tracks the total degree.');
