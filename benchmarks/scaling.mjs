// How much a second thread adds on this machine, kernel by kernel, without piscina or the
// tracker: the compiled evaluation of F + J, complex LU, a latency-bound sqrt loop and an
// allocation loop, each run in 1 thread and then in 2 threads doing twice the work.
// Run: npm run build && node benchmarks/scaling.mjs
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProgram, compileProgram, ComplexLU, readSystemFile } from '../dist/src/index.js';

const KERNELS = ['evaluate F+J', 'LU factor+solve', 'sqrt loop', 'allocation'];

if (isMainThread) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const program = buildProgram(readSystemFile(path.resolve(here, '../systems/dln_2-2-2_m1_s11.phc')));
  const run = (threads, kernel) =>
    new Promise((resolve) => {
      const began = performance.now();
      let done = 0;
      for (let k = 0; k < threads; k++) {
        new Worker(new URL(import.meta.url), { workerData: { program, kernel } }).on('exit', () => {
          if (++done === threads) resolve((performance.now() - began) / 1000);
        });
      }
    });
  const rows = [];
  for (const kernel of KERNELS) {
    const one = await run(1, kernel);
    const two = await run(2, kernel);
    rows.push({ kernel, '1 thread s': one.toFixed(2), '2 threads (2× work) s': two.toFixed(2), scaling: ((2 * one) / two).toFixed(2) });
  }
  console.table(rows);
} else {
  const { kernel } = workerData;
  const F = compileProgram(workerData.program);
  const x = new Float64Array(16).map((_, k) => Math.sin(k));
  const f = new Float64Array(16);
  const J = new Float64Array(128);
  const lu = new ComplexLU(8);
  const b = new Float64Array(16);
  let sink = 0;
  if (kernel === 'evaluate F+J') for (let i = 0; i < 3e6; i++) ((x[0] = i * 1e-9), F.evaluateWithJacobian(f, J, x));
  if (kernel === 'LU factor+solve') {
    F.evaluateWithJacobian(f, J, x);
    for (let i = 0; i < 3e6; i++) ((J[0] = 1 + i * 1e-9), lu.factor(J), lu.solve(b, f));
  }
  if (kernel === 'sqrt loop') for (let i = 0; i < 4e8; i++) sink += Math.sqrt(i);
  if (kernel === 'allocation') for (let i = 0; i < 3e6; i++) sink += new Float64Array(16).length + new Float64Array(16).length;
  if (sink < 0) console.log(sink);
}
