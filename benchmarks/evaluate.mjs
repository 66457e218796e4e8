/**
 * Evaluations per second of F and its Jacobian together: the generated code against the
 * plain interpreter of the sparse polynomials. Each measurement warms up first (V8 optimizes
 * the generated chunks only after they run hot for a while), then runs for about a second,
 * cycling over a few random complex points. Time is this process's CPU time, not wall time,
 * so that other work on a shared machine does not skew the comparison.
 *
 *   npm run build && node benchmarks/evaluate.mjs
 */
import { fileURLToPath } from 'node:url';
import { compileSystem } from '../dist/src/compile/compile.js';
import { interpretSystem } from '../dist/src/compile/interpret.js';
import { linearNetwork } from '../dist/src/network/model.js';
import { Random } from '../dist/src/numeric/rng.js';
import { readSystemFile } from '../dist/src/poly/read.js';

const SECONDS = 1;
const WARMUP_SECONDS = 1;
const POINTS = 16;

const shared = fileURLToPath(new URL('../systems/', import.meta.url));
const systems = [
  ['dln 3,3,3 (gradient)', linearNetwork({ dims: [3, 3, 3], seed: 1 }).system],
  ['katsura7', readSystemFile(`${shared}katsura7.phc`)],
  ['cyclic6', readSystemFile(`${shared}cyclic6.phc`)],
];

const cpuMilliseconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Calls of evaluateWithJacobian per second, over `seconds` of CPU time. */
function rate(evaluator, points, seconds) {
  const { nvars: n, neqs: m } = evaluator;
  const F = new Float64Array(2 * m);
  const J = new Float64Array(2 * m * n);
  let calls = 0;
  let batch = 16;
  const start = cpuMilliseconds();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    for (let k = 0; k < batch; k++) evaluator.evaluateWithJacobian(F, J, points[(calls + k) % POINTS]);
    calls += batch;
    elapsed = cpuMilliseconds() - start;
    if (elapsed < 20) batch *= 2;
  }
  return (calls / elapsed) * 1000;
}

function measure(evaluator, points) {
  rate(evaluator, points, WARMUP_SECONDS);
  return rate(evaluator, points, SECONDS);
}

const rows = [['system', 'variables', 'terms of F', 'compiled evals/s', 'interpreted evals/s', 'ratio']];
for (const [name, system] of systems) {
  const rng = new Random(7);
  const n = system.variables.length;
  const points = Array.from({ length: POINTS }, () => Float64Array.from({ length: 2 * n }, () => rng.normal() * Math.SQRT1_2));
  const terms = system.equations.reduce((s, f) => s + f.terms.length, 0);
  const compiled = measure(compileSystem(system), points);
  const interpreted = measure(interpretSystem(system), points);
  rows.push([name, String(n), String(terms), compiled.toExponential(3), interpreted.toExponential(3), `${(compiled / interpreted).toFixed(1)}×`]);
}

const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const [i, row] of rows.entries()) {
  console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
