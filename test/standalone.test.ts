/**
 * The repository stands alone: no file it ships, tests or documents reads outside it (a
 * sibling folder such as ../shared, or a machine's absolute path). The systems the tests,
 * README and benchmarks use live in systems/, each listed in systems/INDEX.md with its count.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.(ts|mjs|js|json|md|yml|yaml)$/.test(name) || name === 'run' ? [full] : [];
  });
}

const roots = ['src', 'workers', 'test', 'benchmarks', 'docs', 'systems', '.ci'];
const top = ['README.md', 'ARCHITECTURE.md', 'package.json', 'vitest.config.ts', 'tsconfig.json'];
const checked = [...roots.flatMap((d) => files(path.join(root, d))), ...top.map((f) => path.join(root, f))];

/** A path that leaves the repository: up past its root into a sibling, or a machine's own folders. */
const outside = [/\.\.\/shared\b/, /(['"`(\s])\/(work|home|root|Users|tmp\/critsolve)\//];

describe('the repository stands alone', () => {
  it('no file reads ../shared or an absolute path of a machine', () => {
    const hits: string[] = [];
    for (const file of checked) {
      if (file === path.join(root, 'test', 'standalone.test.ts')) continue; // its own patterns
      if (file.endsWith('RESULTS.md')) continue; // measurements, with the commands of their day
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (outside.some((re) => re.test(line))) hits.push(`${path.relative(root, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(hits).toEqual([]);
  });

  it('every file of systems/ is listed in systems/INDEX.md, and every file INDEX.md names is there', () => {
    const dir = path.join(root, 'systems');
    const present = readdirSync(dir).filter((f) => f !== 'INDEX.md');
    const index = readFileSync(path.join(dir, 'INDEX.md'), 'utf8');
    const unlisted = present.filter((f) => !index.includes(f.replace(/\.(phc|json)$/, '')));
    expect(unlisted).toEqual([]);
    const named = [...index.matchAll(/\b([\w.-]+\.(?:phc|json))\b/g)].map((m) => m[1]!);
    expect(named.filter((f) => !present.includes(f))).toEqual([]);
  });

  it('the contracts users rely on are documented in the project', () => {
    const contracts = readFileSync(path.join(root, 'docs', 'CONTRACTS.md'), 'utf8');
    for (const heading of ['Command line', 'Result JSON', 'Network spec']) expect(contracts).toContain(`## ${heading}`);
    expect(contracts).toContain('critsolve/result@1');
  });
});
