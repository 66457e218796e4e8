/**
 * critsolve descent from the command line: bad input exits 2 with the problem named; a run on
 * the critical points of a result file (critsolve network --out), and Saxe's times in the
 * summary. (The numbers themselves are tested in test/dynamics.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = resolve(import.meta.dirname, '../../dist/src/cli/main.js');
const critsolve = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('critsolve descent', () => {
  it.each([
    [['descent'], /needs a network: --dims/],
    [['descent', '--dims', '2,2,2', '--step', '0'], /--step must be a positive number, got "0"/],
    [['descent', '--dims', '2,2,2', '--scale', 'x'], /--scale must be a positive number, got "x"/],
    [['descent', '--dims', '2,2', '--spec', 'a.json'], /either --dims or --spec, not both/],
    [['descent', '--dims', '2,2,2', '--init', 'orthogonal'], /--init must be random or decoupled, got 'orthogonal'/],
    [['descent', '--critical', 'missing.json'], /cannot read the result file 'missing.json': no such file/],
    [['descent', '--spec', 'a.json', '--regularization', 'none'], /--regularization goes with --dims/],
  ])('refuses %j with exit 2', (args, message) => {
    const r = critsolve(...args);
    expect(r.stderr).toMatch(message);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('critsolve descent on a result file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'critsolve-descent-'));
  const spec = join(dir, 'net.json');
  const result = join(dir, 'result.json');
  writeFileSync(spec, JSON.stringify({ dims: [1, 1, 1], X: [[1]], Y: [[2]], regularization: { kind: 'none' } }));

  it("matches the plateaus to the file's points and components, and prints the half-learning times", () => {
    const n = critsolve('network', '--spec', spec, '--seed', '1', '--out', result);
    expect(n.status).toBe(0);
    const r = critsolve('descent', '--critical', result, '--scale', '0.01', '--init', 'decoupled', '--out', join(dir, 'd.json'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/matched to the 2 real critical points and components found/);
    expect(r.stdout).toMatch(/#1: 2\.00000, index 1, rank 0, 0\n/);
    expect(r.stdout).toMatch(/component #1: 0\.00000, index 0, rank 1, dimension 1, layer ranks 1,1\n/);
    // One mode, s = 2, from u₀ = 1e-4: ln((2 − 1e-4)/1e-4)/4 = 2.4759.
    expect(r.stdout).toMatch(/mode s = 2\.0000: measured [\d.]+, Saxe 2\.4759/);
    const d = JSON.parse(readFileSync(join(dir, 'd.json'), 'utf8'));
    expect(d.init).toBe('decoupled');
    expect(d.halfLearning.applies).toBe(true);
  });

  it('refuses --critical with a network of its own', () => {
    const r = critsolve('descent', '--critical', result, '--dims', '2,2,2');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--critical reads the network from the result file; leave out --dims/);
  });
});
