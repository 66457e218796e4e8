/**
 * Witness sets for a peer (#15): each dimension's witness set written in PHCpack's embedding,
 * read back by PHCpack's own monodromy breakup (`phc -f`, option 2), which must group the
 * points into the same irreducible components as ours, and certify them by linear traces.
 * Skips where phc is missing (apt-get install phcpack; .ci/run does it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decompose } from '../../src/decompose/decompose.js';
import { embedWitnessSet, writePhcWitnessSets } from '../../src/decompose/export.js';
import { linearNetwork } from '../../src/network/model.js';
import { readSystemText } from '../../src/poly/read.js';
import type { System } from '../../src/poly/system.js';

const hasPhc = spawnSync('phc', ['--version'], { encoding: 'utf8' }).error === undefined;
if (!hasPhc) console.warn('PHCpack witness-set checks skipped: phc is not installed (apt-get install -y phcpack; .ci/run does it)');
const dir = mkdtempSync(join(tmpdir(), 'critsolve-witness-'));

/** PHCpack's final factorization of a witness file: the groups of point numbers (1-based). */
function phcFactors(file: string): { groups: number[][]; certified: boolean } {
  const out = `${file}.factors`;
  const r = spawnSync('phc', ['-f'], { input: `2\n${file}\n${out}\n1\n0\n0\n`, encoding: 'utf8', cwd: dir, timeout: 120_000 });
  expect(r.status).toBe(0);
  const text = readFileSync(out, 'utf8');
  const last = text.slice(text.lastIndexOf('Current factorization'));
  const groups = [...last.matchAll(/The witness points ([\d ]+) define a factor\./g)].map((m) => m[1]!.trim().split(/\s+/).map(Number));
  return { groups, certified: /The factorization is certified\./.test(last) };
}

async function agreesWithPhc(system: System, name: string, seed: number): Promise<number[][]> {
  const d = await decompose(system, { seed, workers: 1 });
  expect(d.complete).toBe(true);
  const written = writePhcWitnessSets(system, d.components, join(dir, name), (file, text) => writeFileSync(file, text));
  const shapes: number[][] = [];
  for (const w of written) {
    const ours = [...new Set(w.components)].map((k) => w.components.flatMap((c, i) => (c === k ? [i + 1] : [])));
    const theirs = phcFactors(w.file);
    expect(theirs.certified).toBe(true);
    const sorted = (g: number[][]) => g.map((x) => [...x].sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
    expect(sorted(theirs.groups)).toEqual(sorted(ours));
    shapes.push(ours.map((g) => g.length).sort());
  }
  return shapes;
}

describe("witness sets in PHCpack's format", () => {
  it('the embedding: every witness point, with zz = 0, solves the embedded system', async () => {
    const system = readSystemText('x*y; x*z', 'planeLine.txt');
    const d = await decompose(system, { seed: 1, workers: 1 });
    for (const c of d.components) {
      const e = embedWitnessSet(system, c);
      expect(e.system.variables).toEqual(['x', 'y', 'z', ...Array.from({ length: c.dimension }, (_, j) => `zz${j + 1}`)]);
      expect(e.system.equations).toHaveLength(3 + c.dimension);
      for (const x of e.points) for (const f of e.system.equations) expect(Math.hypot(...f.evaluate(x))).toBeLessThan(1e-9);
    }
  });

  it.skipIf(!hasPhc)(
    'phc -f groups our witness points as we do: 1-1-1 and 1-2-1 networks (no regularization, weight decay), the twisted cubic and two lines',
    async () => {
      const net = (dims: number[], regularization: { kind: 'none' } | { kind: 'weight-decay'; lambda: number }) =>
        linearNetwork({ dims, X: [[1]], Y: [[2]], regularization }).system;
      expect(await agreesWithPhc(net([1, 1, 1], { kind: 'none' }), 'n111', 1)).toEqual([[2]]);
      expect(await agreesWithPhc(net([1, 2, 1], { kind: 'weight-decay', lambda: 0.1 }), 'w121', 1)).toEqual([[2, 2]]);
      expect(await agreesWithPhc(readSystemText('(y - x^2)*(x - 2); (z - x^3)*(x - 2); (z - x*y)*y', 'cubic.txt'), 'cubic', 2)).toEqual([[1, 1, 3]]);
    },
  );
});
