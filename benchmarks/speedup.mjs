// Speed-up of `solve` with 2 workers over 1 on dln_2-2-2_m1_s11 (6,561 total-degree paths),
// repeated and alternated, because wall times on a shared virtual machine vary from run to
// run. Each run is a fresh Node process, as a `critsolve solve` run is: in one long-lived
// process the main thread (which tracks when there is one worker) has already compiled the
// evaluators of every earlier run, and its call sites into them slow down, which the worker
// threads (new for every run) do not suffer. Wall time is measured inside the child, from
// before `solve` to its end (module loading excluded).
// Run: npm run build && node benchmarks/speedup.mjs [repetitions]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const childAt = process.argv.indexOf('--child');
if (childAt >= 0) {
  const { readSystemFile, solve } = await import('../dist/src/index.js');
  const system = readSystemFile(path.resolve(here, '../systems/dln_2-2-2_m1_s11.phc'));
  const workers = Number(process.argv[childAt + 1]);
  const began = performance.now();
  const result = await solve(system, { seed: 1, workers, start: 'total-degree' });
  if (result.counts.regular !== 33 || result.counts.failed !== 0) throw new Error(`unexpected counts ${JSON.stringify(result.counts)}`);
  process.stdout.write(String((performance.now() - began) / 1000));
} else {
  const repetitions = Number(process.argv[2] ?? 3);
  const times = { 1: [], 2: [] };
  for (let r = 0; r < repetitions; r++) {
    for (const workers of [1, 2]) {
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', String(workers)], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`run with ${workers} worker(s) failed: ${child.stderr}`);
      times[workers].push(Number(child.stdout));
    }
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  // Noise on a shared machine only adds time, so the fastest run is the most faithful figure.
  const best = (xs) => Math.min(...xs);
  const rows = [1, 2].map((w) => ({
    workers: w,
    runs: times[w].map((t) => t.toFixed(1)).join(' '),
    'median s': median(times[w]).toFixed(2),
    'best s': best(times[w]).toFixed(2),
  }));
  console.table(rows);
  console.log(
    `speed-up of best runs: ${(best(times[1]) / best(times[2])).toFixed(2)}; of medians: ${(median(times[1]) / median(times[2])).toFixed(2)}; per repetition: ${times[1]
      .map((t, k) => (t / times[2][k]).toFixed(2))
      .join(' ')}`,
  );
}
