/**
 * The `critsolve bounds` command, run as users run it (the built CLI in a child process), and
 * the comparison report the solve commands print.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bigintToJSON, formatBoundsComparison } from '../../src/bounds/report.js';
import { SYSTEMS_DIR } from '../systems.js';

const MAIN = join(import.meta.dirname, '../../dist/src/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'critsolve-bounds-'));

function critsolve(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN, 'bounds', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
});

describe('critsolve bounds', () => {
  it('prints every bound of a system file and writes critsolve/bounds@1', () => {
    const out = join(dir, 'katsura6.json');
    const r = critsolve(join(SYSTEMS_DIR, 'katsura6.phc'), '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/7 equations in 7 variables/);
    expect(r.stdout).toMatch(/^Bézout\s+64$/m);
    expect(r.stdout).toMatch(/^mixed volume \(roots in \(C\*\)ⁿ\)\s+54$/m);
    expect(r.stdout).toMatch(/^stable mixed volume \(roots in Cⁿ\)\s+64$/m);
    expect(r.stderr).toMatch(/--no-mixed-volume skips it/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json).toMatchObject({ schema: 'critsolve/bounds@1', bezout: 64, mixedVolume: 54, stableMixedVolume: 64 });
    expect(json.variables).toHaveLength(7);
    expect(json.multihomogeneous.bound).toBe(64);
    expect(json.multihomogeneous.partition.flat().sort()).toEqual([...json.variables].sort());
    expect(json.seconds).toBeGreaterThan(0);
  });

  it('takes a network by --dims or --spec; the layer partition gives 1921 for 2-2-2', () => {
    const out = join(dir, 'dims.json');
    const r = critsolve('--dims', '2,2,2', '--seed', '4', '--no-mixed-volume', '--quiet', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/network 2-2-2, 1 data point/);
    expect(r.stdout).toMatch(/^mixed volume .* skipped$/m);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json).toMatchObject({ bezout: 6561, mixedVolume: null, stableMixedVolume: null, seed: 4 });
    expect(json.multihomogeneous).toEqual({
      partition: [
        ['W1[1,1]', 'W1[1,2]', 'W1[2,1]', 'W1[2,2]'],
        ['W2[1,1]', 'W2[1,2]', 'W2[2,1]', 'W2[2,2]'],
      ],
      bound: 1921,
    });
    const spec = critsolve('--spec', join(SYSTEMS_DIR, 'dln_2-2-2_m1_s11.json'), '--quiet');
    expect(spec.code).toBe(0);
    expect(spec.stdout).toMatch(/\}\s+1921$/m);
  });

  it.each([
    [[], /no system: give a FILE/],
    [['a.phc', '--dims', '2,2'], /give one system: a FILE, --dims or --spec, not the file a\.phc and --dims/],
    [['--dims', '2,2', '--spec', 's.json'], /not --dims and --spec/],
    [['--dims', '2,0,2'], /--dims must be two or more positive integers .* got '2,0,2'/],
    [['--dims', '3'], /--dims must be two or more positive integers/],
    [['--spec', 's.json', '--points', '3'], /--points only goes with --dims: the spec file gives the data/],
    [['a.phc', '--seed', '1'], /--seed only goes with --dims: a system file has no random data/],
    [['--dims', '2,2', '--points', '0'], /--points must be an integer from 1/],
    [[join(dir, 'missing.phc')], /cannot read the system file .* no such file/],
  ])('refuses bad input with exit code 2: %j', (args, message) => {
    const r = critsolve(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/ at /);
  });

  it('refuses a system that is not square', () => {
    const file = join(dir, 'rect.txt');
    writeFileSync(file, 'x + y - 1\n');
    const r = critsolve(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not square: 1 equation in 2 variables/);
  });
});

describe('bounds report', () => {
  const bounds = { bezout: 6561n, multihomogeneous: { partition: [['a', 'b'], ['c']], bound: 1921n }, mixedVolume: 30n, stableMixedVolume: 33n };

  it('puts the count found next to each bound', () => {
    const text = formatBoundsComparison(bounds, 33);
    expect(text).toMatch(/^33 solutions found/);
    expect(text).toMatch(/Bézout\s+6561\s+0\.50 % of the bound/);
    expect(text).toMatch(/multihomogeneous \{a b\} \{c\}\s+1921\s+1\.7 % of the bound/);
    expect(text).toMatch(/mixed volume .*\s+30\s+some solutions have a zero coordinate/);
    expect(text).toMatch(/stable mixed volume .*\s+33\s+attained/);
    expect(formatBoundsComparison(bounds, 34)).toMatch(/stable mixed volume .*EXCEEDED/);
    expect(formatBoundsComparison({ bezout: 4n, multihomogeneous: { partition: [['x']], bound: 4n } }, 1)).toMatch(/mixed volume .*skipped/);
  });

  it('writes numbers beyond 2^53 as decimal strings', () => {
    expect(bigintToJSON(2n ** 53n - 1n)).toBe(9007199254740991);
    expect(bigintToJSON(2n ** 53n)).toBe('9007199254740992');
  });
});
