/** critsolve diagram from the command line: the chain's events, JSON and SVG written; bad input exits 2. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = resolve(import.meta.dirname, '../../dist/src/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'critsolve-diagram-'));
const critsolve = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('critsolve diagram', () => {
  it('finds the pitchfork of the 2-layer chain, and writes the JSON and the plot', () => {
    const spec = join(dir, 'chain.json');
    writeFileSync(spec, JSON.stringify({ dims: [1, 1, 1], X: [[1]], Y: [[1]], regularization: { kind: 'weight-decay', lambda: 0.1 } }));
    const out = join(dir, 'd.json');
    const plot = join(dir, 'd.svg');
    const stdout = execFileSync(
      process.execPath,
      [CLI, 'diagram', '--spec', spec, '--t-min', '0.2', '--t-max', '3', '--steps', '7', '--out', out, '--plot', plot, '--quiet'],
      { encoding: 'utf8' },
    );
    expect(stdout).toMatch(/pitchfork at t = 1\.0000000 .*3 real below, 1 above/);
    const d = JSON.parse(readFileSync(out, 'utf8'));
    expect(d.schema).toBe('critsolve/diagram@1');
    expect(d.points).toBe(5);
    expect(d.slices).toHaveLength(7);
    expect(readFileSync(plot, 'utf8')).toMatch(/^<svg[^]*pitchfork 1\.000000/);
  });

  it.each([
    [['diagram'], /needs a network: --dims/],
    [['diagram', '--dims', '1,1,1', '--t-min', '2', '--t-max', '1'], /0 < t-min < t-max, got t-min 2 and t-max 1/],
    [['diagram', '--dims', '1,1,1', '--t-min', '-1'], /--t-min must be a positive number, got "-1"/],
    [['diagram', '--dims', '1,1,1', '--sweep', 'foo'], /--sweep must be weight-decay or spec, got "foo"/],
    [['diagram', '--dims', '1,2,1'], /not isolated/],
  ])('refuses %j with exit 2', (args, message) => {
    const r = critsolve(...args);
    expect(r.stderr).toMatch(message);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
