/**
 * A network's critical points, their orbits under the neuron sign flips completed. Flipping
 * the sign of a hidden neuron's incoming and outgoing weights leaves the loss unchanged (the
 * product W_L⋯W_1 and every λ·w² stay the same), so it maps critical points to critical points
 * of the same loss, Morse index and zero pattern. The image of a point found is exact (its
 * coordinates negated), so a point whose image no path reached (a far point that double
 * precision lost on the way, say) is added, with no path, once Newton in double-double
 * confirms it.
 */
import { buildProgram } from '../compile/compile.js';
import { DDEvaluator } from '../compile/ddEvaluate.js';
import type { DDSystem } from '../compile/types.js';
import { isReal } from '../numeric/complex.js';
import { Random, STREAMS } from '../numeric/rng.js';
import { ILL_CONDITIONED, REGULAR_TOLERANCE } from '../solve/collect.js';
import { buildResult, type Solution, type SolveResult } from '../solve/result.js';
import { SolutionSet } from '../solve/solutionSet.js';
import { refineDD } from '../track/ddRefine.js';
import { neuronSignFlips } from './families.js';
import type { LinearNetwork } from './model.js';

/** How far Newton may move an image of a refined point: it should not move it at all. */
const IMAGE_MOVE = 1e-8;

/** The result with every image of a regular point under the sign flips that it lacked, and a warning saying how many. */
export function withSignFlipImages(network: LinearNetwork, r: SolveResult): SolveResult {
  const flips = neuronSignFlips(network.dims);
  if (!network.isolated || flips.length === 0 || r.partial) return r;
  const set = new SolutionSet(network.variables.length, new Random(r.seed, STREAMS.grouping), REGULAR_TOLERANCE);
  for (const s of r.solutions) set.insert(s.x, REGULAR_TOLERANCE);
  let dd: DDSystem | undefined;
  const added: Solution[] = [];
  const queue = r.solutions.filter((s) => s.kind === 'regular').map((s) => s.x);
  while (queue.length > 0) {
    const x = queue.pop()!;
    for (const flip of flips) {
      const y = flip(x);
      if (set.find(y, REGULAR_TOLERANCE) >= 0) continue;
      dd ??= new DDEvaluator(buildProgram(network.system));
      const m = refineDD(dd, y);
      if (!m.converged || !(m.moved <= IMAGE_MOVE)) continue;
      set.insert(m.x, REGULAR_TOLERANCE);
      queue.push(m.x);
      added.push({
        x: m.x,
        kind: 'regular',
        multiplicity: 1,
        real: isReal(m.x, REGULAR_TOLERANCE),
        residual: m.residual,
        condition: m.condition,
        windingNumber: 1,
        paths: [],
        ...(m.condition > ILL_CONDITIONED ? { precision: 'double-double' as const } : {}),
      });
    }
  }
  if (added.length === 0) return r;
  const counts = { ...r.counts, regular: r.counts.regular + added.length, real: r.counts.real + added.filter((s) => s.real).length };
  const warning = `${added.length} critical point(s) are images of found ones under the neuron sign flips (which leave the loss unchanged) that no path reached; they are added (with no path)`;
  return buildResult({ ...r, counts, solutions: [...r.solutions, ...added], warnings: [...r.warnings, warning] });
}
