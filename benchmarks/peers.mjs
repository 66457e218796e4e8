/**
 * What the benchmarks share: the classic systems they generate (cyclic-n, noon-n), PHCpack
 * runs (`phc -m` for mixed volumes, `phc -b` for the blackbox solver) and a plain table.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSystemText } from '../dist/src/poly/read.js';
import { writePhc } from '../dist/src/poly/write.js';

/** cyclic-n: the elementary cyclic sums of degree 1..n−1, and x_1⋯x_n − 1. */
export function cyclic(n) {
  const x = (i) => `x${(i % n) + 1}`;
  const sums = Array.from({ length: n - 1 }, (_, k) =>
    Array.from({ length: n }, (_, i) => Array.from({ length: k + 1 }, (_, j) => x(i + j)).join('*')).join(' + '),
  );
  return readSystemText([...sums, `${Array.from({ length: n }, (_, i) => x(i)).join('*')} - 1`].join('\n'), `cyclic${n}`);
}

/**
 * katsura-n: n + 1 unknowns x0…xn; Σ_{l=−n..n} x_|l|·x_|m−l| = x_m for m = 0…n−1, and
 * x0 + 2·Σ_{l≥1} x_l = 1 (2^n solutions).
 */
export function katsura(n) {
  const x = (l) => (Math.abs(l) <= n ? `x${Math.abs(l)}` : '0');
  const eqs = Array.from({ length: n }, (_, m) => {
    const terms = [];
    for (let l = -n; l <= n; l++) if (Math.abs(m - l) <= n) terms.push(`${x(l)}*${x(m - l)}`);
    return `${terms.join(' + ')} - x${m}`;
  });
  eqs.push(`x0 + ${Array.from({ length: n }, (_, l) => `2*x${l + 1}`).join(' + ')} - 1`);
  return readSystemText(eqs.join('\n'), `katsura${n}`);
}

/** noon-n: x_i·Σ_{j≠i} x_j² − 1.1·x_i + 1. */
export function noon(n) {
  const eq = (i) => {
    const others = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i);
    return `x${i + 1}*(${others.map((j) => `x${j + 1}^2`).join(' + ')}) - 1.1*x${i + 1} + 1`;
  };
  return readSystemText(Array.from({ length: n }, (_, i) => eq(i)).join('\n'), `noon${n}`);
}

export function havePhc() {
  return spawnSync('phc', ['--version'], { encoding: 'utf8' }).status === 0;
}

const dir = mkdtempSync(join(tmpdir(), 'critsolve-peers-'));

/**
 * One `phc -m` run (menu driven; answers on stdin: 4 = MixedVol, 0 = no polyhedral
 * homotopy, y/n = stable mixed volume, n = no cell file): its volumes and wall time.
 */
export function phcMixedVolume(name, system, stable) {
  const input = join(dir, `${name}.phc`);
  const output = join(dir, `${name}.${stable ? 'stable' : 'plain'}.out`);
  writeFileSync(input, writePhc(system));
  const answers = `4\n0\n${stable ? 'y' : 'n'}\nn\n`;
  const began = performance.now();
  const r = spawnSync('phc', ['-m', input, output], { input: answers, encoding: 'utf8', cwd: dir, timeout: 3_600_000 });
  const wall = (performance.now() - began) / 1000;
  if (r.status !== 0) throw new Error(`phc -m failed on ${name} (exit ${r.status}): ${r.stdout.slice(-500)}`);
  const text = readFileSync(output, 'utf8');
  const grab = (re) => {
    const m = re.exec(text);
    return m ? BigInt(m[1]) : undefined;
  };
  return { mixed: grab(/common mixed volume : (\d+)/), stable: grab(/stable mixed volume : (\d+)/), seconds: wall };
}

/**
 * One `phc -b` run (1 thread) on a system: wall time, regular solutions and paths. The
 * blackbox reports the solutions with zero coordinates (its "stable continuation") and those
 * in the torus in separate sections: the count is their sum, and the paths tracked are the
 * stable mixed volume when there is one, else the mixed volume. With `file`, PHCpack reads
 * that file itself rather than our rewrite of the system.
 */
export function phcBlackbox(name, system, file) {
  const input = join(dir, `${name}.b.phc`);
  const output = join(dir, `${name}.b.out`);
  if (file) copyFileSync(file, input);
  else writeFileSync(input, writePhc(system));
  const began = performance.now();
  execFileSync('phc', ['-b', input, output], { stdio: 'ignore', cwd: dir });
  const seconds = (performance.now() - began) / 1000;
  const out = readFileSync(output, 'utf8');
  const regular = [...out.matchAll(/Number of regular solutions\s*:\s*(\d+)/g)].reduce((a, m) => a + Number(m[1]), 0);
  const stable = /stable mixed volume\s*:\s*(\d+)/.exec(out)?.[1];
  const mixed = /mixed volume\s*:\s*(\d+)/.exec(out)?.[1];
  return { seconds, regular, paths: Number(stable ?? mixed ?? NaN) };
}

/** Prints rows under a header, first column left-aligned, the others right-aligned. */
export function table(header, rows) {
  const cells = [header, ...rows].map((row) => row.map(String));
  const width = header.map((_, k) => Math.max(...cells.map((row) => row[k].length)));
  for (const [i, row] of cells.entries()) {
    console.log(row.map((c, k) => (k === 0 ? c.padEnd(width[k]) : c.padStart(width[k]))).join('  '));
    if (i === 0) console.log(width.map((w) => '-'.repeat(w)).join('  '));
  }
}
