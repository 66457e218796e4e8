/**
 * The `critsolve network` command, run as users run it: the built CLI (`npm run build`,
 * which `npm ci` runs through `prepare`) in a child process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { linearNetwork } from '../../src/network/model.js';
import { SYSTEMS_DIR } from '../systems.js';

const MAIN = join(import.meta.dirname, '../../dist/src/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'critsolve-network-'));

function critsolve(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN, 'network', ...args], { encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface NetworkJson {
  schema: string;
  seed: number;
  variables: string[];
  counts: { paths: number; regular: number; singular: number; failed: number; real: number };
  solutions: {
    x: [number, number][];
    real: boolean;
    loss: [number, number];
    type: string;
    index?: number;
    rank: number;
    zeroPattern: string;
  }[];
  summary: {
    complete: boolean;
    points: number;
    minima: number;
    saddles: number;
    complex: number;
    patterns: Record<string, number>;
    saddlesByIndex: Record<string, number>;
  };
  network: { dims: number[]; points: number; isolated: boolean; warning: string | null; regularization: { kind: string } };
}

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
});

describe('critsolve network', () => {
  it('runs the built-in example with no options: the table and the solve summary', () => {
    const r = critsolve('--quiet');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/network 2-2-1: 6 weights, 1 data point/);
    expect(r.stdout).toMatch(/critical points: 9, a complete count/);
    expect(r.stdout).toMatch(/^total\s+9\s/m);
    expect(r.stdout).toMatch(/global minimum: loss/);
    expect(r.stdout).toMatch(/paths 81 {2}regular 9/);
    expect(r.stdout).toMatch(/start system polyhedral/);
  }, 300_000);

  it("--data-seed keeps the network while --seed changes the solver: the same data, λ's and count; one seed alone draws both", () => {
    const files = ['a', 'b', 'c'].map((k) => join(dir, `data-seed-${k}.json`));
    expect(critsolve('--dims', '2,2,1', '--data-seed', '5', '--seed', '1', '--out', files[0]!, '--quiet').code).toBe(0);
    const r = critsolve('--dims', '2,2,1', '--data-seed', '5', '--seed', '2', '--out', files[1]!, '--quiet');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/seed 2; random data and λ's from data seed 5/);
    expect(critsolve('--dims', '2,2,1', '--seed', '5', '--out', files[2]!, '--quiet').code).toBe(0);
    const [a, b, c] = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as NetworkJson & { network: { X: number[][]; dataSeed: number } });
    expect(b!.network).toEqual(a!.network);
    expect(c!.network).toEqual(a!.network);
    expect(a!.network.dataSeed).toBe(5);
    expect([a!.seed, b!.seed, c!.seed]).toEqual([1, 2, 5]);
    expect(b!.counts.regular).toBe(a!.counts.regular);
    expect(a!.counts.regular).toBe(9);
    // The data are the library's for that data seed, and another data seed is another network.
    expect(a!.network.X).toEqual(linearNetwork({ dims: [2, 2, 1], points: 1, seed: 5 }).X);
    expect(linearNetwork({ dims: [2, 2, 1], points: 1, seed: 6 }).X).not.toEqual(a!.network.X);
  }, 300_000);

  it('writes the result JSON of GUIDE §2: loss, zeroPattern and index per solution, summary.patterns', () => {
    const out = join(dir, 'r.json');
    const r = critsolve('--dims', '1,2,1', '--seed', '5', '--out', out, '--quiet');
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as NetworkJson;
    expect(json.schema).toBe('critsolve/result@1');
    expect(json.seed).toBe(5);
    expect(json.variables).toEqual(['W1[1,1]', 'W1[2,1]', 'W2[1,1]', 'W2[1,2]']);
    expect(json.counts.regular).toBe(9);
    expect(json.solutions).toHaveLength(9);
    for (const s of json.solutions) {
      expect(s.x).toHaveLength(4);
      expect(s.loss).toHaveLength(2);
      expect(s.zeroPattern).toMatch(/^[01]{2}$/);
      if (s.real) {
        expect(Number.isInteger(s.index)).toBe(true);
        expect(s.loss[1]).toBe(0);
        expect(s.type).toBe(s.index === 0 ? 'minimum' : 'saddle');
      } else {
        expect(s.index).toBeUndefined();
        expect(s.type).toBe('complex');
      }
    }
    const patterns = json.summary.patterns;
    expect(Object.values(patterns).reduce((a, b) => a + b, 0)).toBe(9);
    // Generic λ's allow one active neuron at a time: the origin and 4 points per neuron.
    expect(patterns).toEqual({ '00': 1, '10': 4, '01': 4 });
    expect(json.summary).toMatchObject({ complete: true, points: 9 });
    expect(json.network).toMatchObject({ dims: [1, 2, 1], points: 1, isolated: true, warning: null });
  }, 300_000);

  it("the JSON's network block is a spec that rebuilds the same network: the same critical values", () => {
    const first = join(dir, 'first.json');
    expect(critsolve('--dims', '2,1,2', '--seed', '3', '--out', first, '--quiet').code).toBe(0);
    const a = JSON.parse(readFileSync(first, 'utf8')) as NetworkJson;
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify(a.network));
    const second = join(dir, 'second.json');
    const r = critsolve('--spec', spec, '--seed', '8', '--out', second, '--quiet');
    expect(r.code).toBe(0);
    const b = JSON.parse(readFileSync(second, 'utf8')) as NetworkJson;
    const losses = (j: NetworkJson): number[] => j.solutions.map((s) => s.loss[0]).sort((x, y) => x - y);
    expect(b.counts.regular).toBe(a.counts.regular);
    losses(b).forEach((v, k) => expect(v).toBeCloseTo(losses(a)[k]!, 8));
  }, 300_000);

  it('decomposes a critical set that is not isolated: the component table, the origin in words, components[] in the JSON', () => {
    const spec = join(dir, 'wd121.json');
    writeFileSync(spec, JSON.stringify({ dims: [1, 2, 1], X: [[1]], Y: [[2]], regularization: { kind: 'weight-decay', lambda: 0.1 } }));
    const out = join(dir, 'wd121-result.json');
    const r = critsolve('--spec', spec, '--seed', '1', '--out', out, '--quiet');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/note: so the critical set is decomposed into its components/);
    expect(r.stdout).toMatch(/critical set: 2 components of positive dimension and 1 isolated point, a complete decomposition/);
    expect(r.stdout).toMatch(/^\s+\d\s+1\s+2\s+0\.195\s+yes \(certified\)\s+0\s+1\s/m);
    expect(r.stdout).toMatch(/^\s+\d\s+1\s+2\s+-0\.205\s+none on \d+ real slices/m);
    expect(r.stdout).toMatch(/the origin W = 0: loss 2, a saddle \(Morse index 2\)/);
    const json = JSON.parse(readFileSync(out, 'utf8')) as NetworkJson & {
      components: { dimension: number; degree: number }[];
      completeness: { proven: boolean };
    };
    expect(json.components.map((c) => [c.dimension, c.degree])).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(json.completeness.proven).toBe(true);
    expect(json.solutions).toHaveLength(1);
  }, 300_000);

  it('warns when a path method solves points that are not isolated, and never calls the count complete', () => {
    const out = join(dir, 'none.json');
    const r = critsolve('--dims', '1,1,1', '--regularization', 'none', '--method', 'total-degree', '--seed', '0', '--out', out, '--quiet');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/the critical points are not isolated/);
    expect(r.stderr).toMatch(/NOT complete counts/);
    expect(r.stdout).toMatch(/NOT a complete count of isolated critical points/);
    expect(r.stdout).not.toMatch(/a complete count \(/);
    const json = JSON.parse(readFileSync(out, 'utf8')) as NetworkJson;
    expect(json.summary.complete).toBe(false);
    expect(json.network.isolated).toBe(false);
    expect(json.network.warning).toMatch(/not isolated/);
  }, 300_000);

  it('--export writes the gradient system and does not solve', () => {
    const file = join(dir, 'dln.phc');
    const r = critsolve('--dims', '2,2,2', '--seed', '0', '--export', 'phc', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/wrote the gradient system \(8 equations in 8 unknowns\).*not solving/);
    expect(r.stdout).not.toMatch(/paths/);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines[0]).toBe('8');
    expect(lines.filter((l) => l.trimEnd().endsWith(';'))).toHaveLength(8);
  });

  it('--method monodromy on dln_2-2-2_m1_s11 finds its 33 points, with the total-degree table, and says it is not proven complete', () => {
    const out = join(dir, 'monodromy.json');
    const r = critsolve('--spec', join(SYSTEMS_DIR, 'dln_2-2-2_m1_s11.json'), '--method', 'monodromy', '--seed', '1', '--out', out, '--quiet');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /critical points found by monodromy: 33 \(each of 2 components stopped after 20 loops in a row without new solutions; 1 component of a shape already solved, whose solutions it shares; \d+ loops in all\); not proven complete/,
    );
    expect(r.stdout).not.toMatch(/a complete count/);
    // The table of a total-degree solve of the same spec (6,561 paths, every one tracked).
    for (const row of [
      /^11\s+16\s+16\s+0\s+0\s+0$/m,
      /^01\s+8\s+6\s+2\s+0\s+0$/m,
      /^10\s+8\s+6\s+0\s+2\s+0$/m,
      /^00\s+1\s+0\s+0\s+1\s+0$/m,
      /^total\s+33\s+28\s+2\s+3\s+0$/m,
    ]) {
      expect(r.stdout).toMatch(row);
    }
    const json = JSON.parse(readFileSync(out, 'utf8')) as NetworkJson & {
      method: string;
      monodromy: { loops: number; pathsTracked: number; components: { key: string; stoppedBy?: string; sharesSolveOf?: string }[] };
    };
    expect(json.method).toBe('monodromy');
    expect(json.counts.regular).toBe(33);
    expect(json.summary).toMatchObject({ complete: false, points: 33, patterns: { '00': 1, '01': 8, '10': 8, '11': 16 } });
    expect(json.monodromy.pathsTracked).toBeGreaterThan(33);
    expect(json.monodromy.components.map((c) => [c.key, c.stoppedBy ?? c.sharesSolveOf ?? null]).sort()).toEqual([
      ['00', null],
      ['01', '10'],
      ['10', 'stale-loops'],
      ['11', 'stale-loops'],
    ]);
    for (const s of json.solutions) expect(s.index === undefined).toBe(!s.real);
  }, 300_000);

  it('--method auto takes monodromy where total degree is hopeless: dln_2-2-2-2_m1_s11 (244,140,625 paths), 641 points', () => {
    const r = critsolve('--spec', join(SYSTEMS_DIR, 'dln_2-2-2-2_m1_s11.json'), '--seed', '1', '--quiet');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/critical points found by monodromy: 641 \(/);
    expect(r.stdout).toMatch(/^total\s+641\s/m);
    expect(r.stdout).toMatch(/paths 641 {2}regular 641 .* failed 0/);
  }, 300_000);

  it('--instances: per-instance counts, the aggregate, and instance 2 is the network of --seed 2, as a total-degree solve finds it', () => {
    const out = join(dir, 'instances.json');
    const r = critsolve('--dims', '2,2,1', '--instances', '4', '--seed', '1', '--out', out, '--quiet');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/4 instances, the networks of --seed 1 … 4: their data X, Y and λ's vary/);
    expect(r.stdout).toMatch(/not proven complete/);
    expect(r.stdout).toMatch(/^instance\s+seed\s+points\s+complex\s+real\s+minima\s+saddles/m);
    expect(r.stdout).toMatch(/^real critical points per instance: min \d+, mean [\d.]+, max \d+$/m);
    expect(r.stdout).toMatch(/^histogram of real critical points/m);
    const json = JSON.parse(readFileSync(out, 'utf8')) as {
      schema: string;
      instances: (NetworkJson & { instance: number; networkSeed: number })[];
      aggregate: { real: { min: number; max: number; histogram: Record<string, number> } };
    };
    expect(json.schema).toBe('critsolve/instances@1');
    expect(json.instances.map((t) => [t.instance, t.networkSeed, t.counts.regular])).toEqual([
      [1, 1, 9],
      [2, 2, 9],
      [3, 3, 9],
      [4, 4, 9],
    ]);
    expect(Object.values(json.aggregate.real.histogram).reduce((a, b) => a + b, 0)).toBe(4);
    for (const seed of [1, 2]) {
      const file = join(dir, `direct${seed}.json`);
      expect(critsolve('--dims', '2,2,1', '--seed', String(seed), '--method', 'total-degree', '--out', file, '--quiet').code).toBe(0);
      const direct = JSON.parse(readFileSync(file, 'utf8')) as NetworkJson;
      const tracked = json.instances[seed - 1]!;
      expect(direct.summary.complete).toBe(true);
      expect(tracked.summary).toMatchObject({
        points: direct.summary.points,
        minima: direct.summary.minima,
        saddles: direct.summary.saddles,
        saddlesByIndex: direct.summary.saddlesByIndex,
        patterns: direct.summary.patterns,
      });
      expect(tracked.network).toEqual(direct.network);
    }
    // --out keeps a checkpoint while it runs, and removes it once the result is written.
    expect(existsSync(join(dir, 'instances.checkpoint.ndjson'))).toBe(false);
    // Two instances checkpointed, then resumed to four: the same instances as the run above.
    const checkpoint = join(dir, 'two.ndjson');
    expect(critsolve('--dims', '2,2,1', '--instances', '2', '--seed', '1', '--checkpoint', checkpoint, '--quiet').code).toBe(0);
    const resumedOut = join(dir, 'resumed.json');
    const resumed = critsolve('--dims', '2,2,1', '--instances', '4', '--resume', checkpoint, '--out', resumedOut, '--quiet');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/seed 1\n/);
    expect(resumed.stdout).toMatch(
      /resumed from .*two\.ndjson: it held 1 component solve and 4 trackings of a component to an instance \(2 of the 4 instances whole\)/,
    );
    const again = JSON.parse(readFileSync(resumedOut, 'utf8')) as typeof json;
    expect(again.instances.map((t) => t.summary)).toEqual(json.instances.map((t) => t.summary));
    expect(existsSync(checkpoint)).toBe(true);
  }, 300_000);

  it.each([
    [['--dims', '2,x'], /--dims must be two or more positive integers separated by commas .* got '2,x'/],
    [['--dims', '2'], /--dims must be two or more positive integers/],
    [['--dims', '2,0,2'], /--dims must be two or more positive integers/],
    [['--dims', '2,2', '--points', '0'], /--points must be an integer from 1/],
    [['--dims', '2,2', '--regularization', 'foo'], /--regularization must be generic, none or weight-decay=L .* got 'foo'/],
    [['--dims', '2,2', '--regularization', 'weight-decay=-1'], /weight-decay=L needs L to be a finite number ≥ 0.* got '-1'/],
    [['--dims', '2,2', '--regularization', 'weight-decay='], /weight-decay=L needs L to be a finite number ≥ 0/],
    [['--dims', '2,2', '--spec', 'x.json'], /give either --dims or --spec, not both/],
    [['--points', '3'], /--points need a network: give --dims \(e\.g\. --dims 2,2,2\) or --spec FILE/],
    [['--regularization', 'none'], /--regularization need a network: give --dims/],
    [['--spec', 'x.json', '--points', '2'], /--points can only go with --dims/],
    [['--spec', join(dir, 'missing.json')], /cannot read the network spec .*missing\.json': no such file/],
    [['--instances', '0'], /--instances must be an integer from 1/],
    [['--instances', 'many'], /--instances must be an integer from 1/],
    [['--instances', '3', '--spec', 'x.json'], /--instances draws random networks of one architecture, so it cannot go with --spec/],
    [['--instances', '3'], /--instances needs --dims/],
    [['--instances', '3', '--dims', '2,2,1', '--regularization', 'none'], /--instances draws generic λ's for every instance.*leave out --regularization/],
    [
      ['--instances', '3', '--dims', '2,2,1', '--method', 'total-degree'],
      /cannot go with --method total-degree; to solve instances by total degree, run each --seed on its own/,
    ],
    [['--instances', '3', '--dims', '2,2,1', '--export', 'phc', 'f.phc'], /--export writes the system of one network; it cannot go with --instances/],
    [['--method', 'newton'], /--method must be one of auto, total-degree, polyhedral, monodromy, decompose; got 'newton'/],
    [['--export', 'mathematica', 'f.m'], /--export format must be one of phc, bertini, julia, text; got 'mathematica'/],
    [['--export', 'phc'], /--export needs a format and a file name/],
    [['--seed', '-1'], /--seed must be an integer from 0/],
    [['--data-seed', 'x'], /--data-seed must be an integer from 0/],
    [['--spec', 'x.json', '--data-seed', '2'], /--data-seed can only go with --dims: with --spec, the spec file gives the data/],
    [['--workers', '0'], /--workers must be an integer from 1/],
    [['--dims', '2,2,1', '--checkpoint', 'f.ndjson'], /--checkpoint goes with --instances/],
    [['--dims', '2,2,1', '--instances', '2', '--resume', join(dir, 'missing.ndjson')], /cannot open the checkpoint .*missing\.ndjson: no such file/],
  ])('refuses %j with exit 2 and a clear message', (args, message) => {
    const r = critsolve(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).toBe('');
  });
});
