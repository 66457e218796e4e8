/** critsolve descent from the command line: bad input exits 2 with the problem named. (The run itself is tested in test/dynamics.) */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = resolve(import.meta.dirname, '../../dist/src/cli/main.js');
const critsolve = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('critsolve descent', () => {
  it.each([
    [['descent'], /needs a network: --dims/],
    [['descent', '--dims', '2,2,2', '--step', '0'], /--step must be a positive number, got "0"/],
    [['descent', '--dims', '2,2,2', '--scale', 'x'], /--scale must be a positive number, got "x"/],
    [['descent', '--dims', '2,2', '--spec', 'a.json'], /either --dims or --spec, not both/],
  ])('refuses %j with exit 2', (args, message) => {
    const r = critsolve(...args);
    expect(r.stderr).toMatch(message);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
