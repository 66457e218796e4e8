import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYSTEMS_DIR } from '../systems.js';

// Runs the built CLI (npm ci builds it; after editing src/, run `npm run build`).
const MAIN = join(import.meta.dirname, '../../dist/src/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'critsolve-solve-'));

function critsolve(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN, 'solve', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const circle = join(dir, 'circle.txt');
writeFileSync(circle, 'variables: x, y\nparameters: a, b\nx^2 + y^2 - a\nx*y - b\n');

describe('critsolve solve', () => {
  it('solves a PHCpack file, writes the result JSON and certifies it', () => {
    const out = join(dir, 'katsura5.json');
    const r = critsolve(join(SYSTEMS_DIR, 'katsura5.phc'), '--seed', '3', '--quiet', '--certify', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/paths 32 {2}regular 32/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json).toMatchObject({ schema: 'critsolve/result@1', seed: 3, counts: { regular: 32, failed: 0, certified: 32 } });
    expect(json.solutions[0].certificate.certified).toBe(true);
  });

  it('solves by the polyhedral homotopy and shows the count next to every root-count bound', () => {
    const out = join(dir, 'cyclic5.json');
    const r = critsolve(join(SYSTEMS_DIR, 'cyclic5.phc'), '--seed', '2', '--start', 'polyhedral', '--quiet', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/paths 70 {2}regular 70/);
    expect(r.stdout).toMatch(/start system polyhedral/);
    expect(r.stdout).toMatch(/Bézout +120 +58\.3 % of the bound/);
    expect(r.stdout).toMatch(/mixed volume \(roots in \(C\*\)ⁿ\) +70 +attained/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json).toMatchObject({
      startSystem: 'polyhedral',
      counts: { paths: 70, regular: 70 },
      bounds: { bezout: 120, mixedVolume: 70, stableMixedVolume: 70 },
    });
  });

  // cyclic6 by the polyhedral homotopy, seed 21: path 39 stalls in double (test/solve/detour.test.ts).
  it('--precision adaptive (the default) says which paths took steps in double-double; --precision double takes none', () => {
    const file = join(SYSTEMS_DIR, 'cyclic6.phc');
    const wide = join(dir, 'cyclic6-adaptive.json');
    const a = critsolve(file, '--seed', '21', '--start', 'polyhedral', '--quiet', '--no-bounds', '--paths', '--out', wide);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/paths 156 {2}regular 156/);
    expect(a.stdout).toMatch(/double-double: \d+ path\(s\), [\d.]+% of \d+ steps/);
    const json = JSON.parse(readFileSync(wide, 'utf8'));
    expect(json.precision.doubleDoublePaths).toBeGreaterThan(0);
    expect(json.paths.find((p: { index: number }) => p.index === 39).ddSteps).toBeGreaterThan(0);
    const narrow = join(dir, 'cyclic6-double.json');
    const d = critsolve(file, '--seed', '21', '--start', 'polyhedral', '--quiet', '--no-bounds', '--paths', '--precision', 'double', '--out', narrow);
    expect(d.code).toBe(0);
    expect(d.stdout).toMatch(/paths 156 {2}regular 156/);
    expect(d.stdout).not.toMatch(/double-double:/);
    const plain = JSON.parse(readFileSync(narrow, 'utf8'));
    expect(plain.precision).toMatchObject({ doubleDoublePaths: 0, doubleDoubleSteps: 0 });
    expect(plain.paths.every((p: { ddSteps: number }) => p.ddSteps === 0)).toBe(true);
    const bad = critsolve(file, '--precision', 'quad');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--precision.*'quad' is invalid.*adaptive, double/);
  });

  it('refuses an unknown start system, exit 2', () => {
    const r = critsolve(join(SYSTEMS_DIR, 'cyclic5.phc'), '--start', 'linear');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--start.*'linear' is invalid.*total-degree, multihomogeneous, polyhedral/);
  });

  it('--method decompose: witness sets of the plane x = 0 and the line y = z = 0 of xy = xz = 0 (Singular: ⟨x⟩, ⟨y, z⟩), components[] in the JSON', () => {
    const file = join(dir, 'planeLine.txt');
    writeFileSync(file, 'x*y\nx*z\n');
    const out = join(dir, 'planeLine.json');
    const r = critsolve(file, '--method', 'decompose', '--seed', '1', '--quiet', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^dimension 2 {2}degree 1 {2}trace test passed/m);
    expect(r.stdout).toMatch(/^dimension 1 {2}degree 1 {2}trace test passed/m);
    expect(r.stdout).toMatch(/^a complete decomposition/m);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json).toMatchObject({ schema: 'critsolve/result@1', method: 'decompose', completeness: { proven: true }, solutions: [] });
    expect(json.components.map((c: { dimension: number; degree: number }) => [c.dimension, c.degree])).toEqual([
      [2, 1],
      [1, 1],
    ]);
    expect(json.components[0].witness.points).toHaveLength(1);
  });

  it('--method decompose takes more equations than unknowns: xy = 1, x = y, x + y = 2 has the one point (1, 1)', () => {
    const file = join(dir, 'over.txt');
    writeFileSync(file, 'x*y - 1\nx - y\nx + y - 2\n');
    const r = critsolve(file, '--method', 'decompose', '--seed', '2', '--quiet');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^isolated solutions 1 \(1 regular\)/m);
    expect(r.stdout).not.toMatch(/^dimension/m);
  });

  it('solves a system with parameters by monodromy, at random complex parameters, and says it is not proven complete', () => {
    const out = join(dir, 'circle.json');
    const r = critsolve(circle, '--seed', '1', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/solutions 4 at random complex parameters/);
    expect(r.stdout).toMatch(/not proven complete/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json).toMatchObject({
      schema: 'critsolve/result@1',
      method: 'monodromy',
      startSystem: 'monodromy',
      counts: { regular: 4 },
      completeness: { proven: false, method: 'monodromy' },
    });
    expect(json.solutions[0]).toMatchObject({ kind: 'regular', multiplicity: 1 });
    expect(Object.keys(json.parameters)).toEqual(['a', 'b']);
  });

  it('solve --method monodromy --workers N: the same solutions for 1 and 2 workers', () => {
    const outs = ['1', '2'].map((w) => {
      const out = join(dir, `circle-${w}.json`);
      expect(critsolve(circle, '--method', 'monodromy', '--seed', '4', '--workers', w, '--out', out).code).toBe(0);
      // Everything but the time taken and the threads that tracked (1 until the pool starts).
      const {
        seconds: _,
        monodromy: { workers: __, ...monodromy },
        ...json
      } = JSON.parse(readFileSync(out, 'utf8'));
      return { ...json, monodromy };
    });
    expect(outs[0].counts.regular).toBe(4);
    expect(outs[1]).toEqual(outs[0]);
  });

  it.each([
    [['--method', 'total-degree'], /declares parameters \(a, b\); give them values, or solve it with --method monodromy/],
    [['--certify'], /--certify does not apply to --method monodromy/],
  ])('refuses %j on a system with parameters, exit 2', (args, message) => {
    const r = critsolve(circle, ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it.each([
    [['--method', 'monodromy'], /needs a system with parameters/],
    [['--target-count', '3'], /--target-count goes with --method monodromy/],
    [['--seed', 'x'], /--seed must be an integer/],
  ])('refuses %j on a system without parameters, exit 2', (args, message) => {
    const r = critsolve(join(SYSTEMS_DIR, 'katsura5.phc'), ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('names a missing file, exit 2, no stack trace', () => {
    const r = critsolve(join(dir, 'nope.txt'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read the system file .*nope\.txt.*no such file/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('Ctrl-C (a real SIGINT) stops cleanly with exit code 130 and prints the command that resumes, which finishes the run', async () => {
    const checkpoint = join(dir, 'cyclic6.checkpoint.ndjson');
    const args = [
      join(SYSTEMS_DIR, 'cyclic6.phc'),
      '--start',
      'total-degree',
      '--seed',
      '1',
      '--workers',
      '1',
      '--no-bounds',
      '--quiet',
      '--checkpoint',
      checkpoint,
    ];
    const child = spawn(process.execPath, [MAIN, 'solve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // Interrupt once some paths are in the checkpoint (its header and a batch), long before the 720 are done.
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (!existsSync(checkpoint) || readFileSync(checkpoint, 'utf8').split('\n').length < 3) return;
        clearInterval(poll);
        child.kill('SIGINT');
        resolve();
      }, 5);
      child.on('exit', () => {
        clearInterval(poll);
        reject(new Error('the solve finished before it could be interrupted'));
      });
    });
    expect(await exited).toBe(130);
    expect(stdout).toMatch(/^paths \d+ {2}regular/m);
    expect(stderr).toMatch(/critsolve: stopping after the batches in flight \(Ctrl-C again to quit at once\)/);
    const resume = /interrupted after (\d+) paths: the result above is partial; resume with:\n {2}critsolve (solve .*)\n/.exec(stderr);
    expect(resume).not.toBeNull();
    expect(Number(resume![1])).toBeLessThan(720);
    const resumed = spawnSync(process.execPath, [MAIN, ...resume![2]!.split(' ')], { encoding: 'utf8', timeout: 120_000 });
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).toMatch(/^paths 720 {2}regular 156 /m);
  }, 120_000);
});
