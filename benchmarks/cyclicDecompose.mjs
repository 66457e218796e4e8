// The decomposition of cyclic n-roots (issue #15: cyclic8's 1-dimensional components, total
// degree 144, beside its 1,152 isolated solutions). Run:
//   npm run build && node benchmarks/cyclicDecompose.mjs [n] [top dimension]     (default 8 1)
// Prints the components as dimension/degree ("?" where the trace test did not pass), the
// isolated solutions, whether the decomposition is complete and why not, paths and seconds.
import { decompose, readSystemText } from '../dist/src/index.js';

const n = Number(process.argv[2] ?? 8);
const xs = Array.from({ length: n }, (_, i) => `x${i + 1}`);
const equations = Array.from({ length: n - 1 }, (_, k) => xs.map((_, i) => Array.from({ length: k + 1 }, (_, j) => xs[(i + j) % n]).join('*')).join(' + '));
const system = readSystemText([...equations, `${xs.join('*')} - 1`].join('\n'), `cyclic${n}`);
const t = performance.now();
const d = await decompose(system, {
  seed: 1,
  workers: 1,
  topDimension: Number(process.argv[3] ?? 1),
  onProgress: (s) => console.error(((performance.now() - t) / 1000).toFixed(0), s),
});
console.log(
  d.components.map((c) => `${c.dimension}/${c.degree}${c.complete ? '' : '?'}`).join(' '),
  'isolated',
  d.isolated.length,
  'regular',
  d.isolated.filter((s) => s.kind === 'regular').length,
  d.complete,
  d.reason,
  d.pathsTracked,
  ((performance.now() - t) / 1000).toFixed(0),
  's',
);
