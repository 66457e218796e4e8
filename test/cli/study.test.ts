/**
 * The `critsolve study` command as users run it (the built CLI in a child process): bad study
 * files refused with the field named, a study killed with SIGKILL and resumed to the same
 * export byte for byte, and an instance re-created alone from its recorded seed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const MAIN = join(import.meta.dirname, '../../dist/src/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'critsolve-study-'));

function critsolve(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function studyFile(name: string, value: unknown, yaml?: string): string {
  const file = join(dir, name);
  writeFileSync(file, yaml ?? JSON.stringify(value));
  return file;
}

describe('critsolve study: bad input', () => {
  const refused = (file: string, message: RegExp): void => {
    const r = critsolve('study', 'run', file, '--store', join(dir, 'never.sqlite'), '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'never.sqlite'))).toBe(false);
  };

  it('refuses unknown keys, naming them and where they are', () => {
    refused(
      studyFile('unknown.json', { architectures: [{ dims: [1, 1, 1] }], instance: 5 }),
      /invalid study .*unknown\.json: \(top level\): unknown key "instance" \(allowed: name, architectures, instances, sampling, seed, boundsSeconds\)/,
    );
    refused(
      studyFile('unknown-arch.json', { architectures: [{ dims: [1, 1, 1], width: 2 }] }),
      /architectures\[0\]: unknown key "width" \(allowed: dims, points, published\)/,
    );
  });

  it('refuses an architecture with a zero width, naming the entry', () => {
    refused(
      studyFile('zero.json', { architectures: [{ dims: [1, 1, 1] }, { dims: [2, 0, 2] }] }),
      /architectures\[1\]\.dims\[1\]: a layer width must be at least 1/,
    );
  });

  it('refuses sampling parameters out of range, in JSON and in YAML', () => {
    refused(
      studyFile('sd.json', { architectures: [{ dims: [1, 1, 1] }], sampling: { X: 'normal(0,-1)' } }),
      /sampling\.X: the standard deviation σ of normal\(μ, σ\) must be a finite number > 0, got -1/,
    );
    refused(
      studyFile('lambda.yaml', undefined, 'architectures:\n  - dims: [1, 1, 1]\nsampling:\n  lambda: uniform(-0.5, 1)\n'),
      /sampling\.lambda: λ must be ≥ 0/,
    );
    refused(studyFile('bad.yaml', undefined, 'architectures: [\n'), /is not valid YAML/);
  });

  it('refuses a store of another study, and an unknown preset', () => {
    const store = join(dir, 'other.sqlite');
    expect(critsolve('study', '--dims', '1,1,1', '--instances', '2', '--store', store, '--quiet').code).toBe(0);
    const r = critsolve('study', '--dims', '1,1,1', '--instances', '3', '--store', store, '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds another study .*1 architecture × 2 instances.*not this one .*1 architecture × 3 instances/);
    const t = critsolve('study', '--preset', 'bharadwaj-hosten-table-9', '--store', join(dir, 'never.sqlite'));
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/unknown --preset bharadwaj-hosten-table-9; the presets are .*bharadwaj-hosten-table-3\.1/);
    expect(critsolve('study', 'export', '--store', join(dir, 'missing.sqlite')).stderr).toMatch(/no study store at .*missing\.sqlite/);
  });
});

describe('critsolve study: resumable, reproducible', () => {
  const args = ['--dims', '1,1,1', '2,2,2', '2,1,2', '--instances', '30', '--sampling', 'bharadwaj-hosten', '--seed', '4', '--quiet'];

  it('resumes a study killed with SIGKILL mid-architecture to the same export, byte for byte', async () => {
    const whole = join(dir, 'whole.sqlite');
    expect(critsolve('study', 'run', ...args, '--store', whole).code).toBe(0);

    const store = join(dir, 'killed.sqlite');
    const child = spawn(process.execPath, [MAIN, 'study', 'run', ...args, '--store', store], { stdio: 'ignore' });
    const checkpoint = `${store}.work/arch-1.ndjson`;
    // Kill once architecture 0 is stored and architecture 1 has kept some work in its checkpoint.
    const killedAt = await new Promise<string>((resolve, reject) => {
      const poll = setInterval(() => {
        try {
          if (!existsSync(store) || !existsSync(checkpoint) || readFileSync(checkpoint, 'utf8').split('\n').length < 3) return;
          const db = new Database(store, { readonly: true, fileMustExist: true });
          const done = (db.prepare('SELECT COUNT(*) AS n FROM architectures WHERE done = 1').get() as { n: number }).n;
          db.close();
          if (done !== 1) return;
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve(`${done} architecture stored`);
        } catch {
          // the store is being created: poll again
        }
      }, 5);
      child.on('exit', () => {
        clearInterval(poll);
        reject(new Error('the study finished before it could be killed'));
      });
    });
    await new Promise((resolve) => child.on('exit', resolve));
    expect(child.signalCode).toBe('SIGKILL');
    expect(killedAt).toBe('1 architecture stored');

    const resumed = critsolve('study', 'run', ...args, '--store', store);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/resumed: 1 architectures already stored/);
    expect(resumed.stdout).toMatch(/2 architectures solved, 1 already stored/);
    expect(existsSync(checkpoint)).toBe(false);
    for (const format of ['csv', 'json']) {
      const a = critsolve('study', 'export', '--store', whole, '--format', format);
      const b = critsolve('study', 'export', '--store', store, '--format', format);
      expect(a.code).toBe(0);
      expect(b.stdout).toBe(a.stdout);
    }
    // A finished study run again solves nothing and changes nothing.
    expect(critsolve('study', 'run', ...args, '--store', store).stdout).toMatch(/0 architectures solved, 3 already stored/);
  });

  it('records the seed that re-creates an instance alone, as `critsolve network` solves it', () => {
    const store = join(dir, 'whole.sqlite');
    const json = JSON.parse(critsolve('study', 'export', '--store', store, '--format', 'json').stdout) as {
      sampling: string;
      architectures: {
        dims: number[];
        N_C: number;
        instanceRows: { instance: number; seed: number; points: number; real: number; minima: number; nonzero: number }[];
      }[];
    };
    const arch = json.architectures[2]!;
    expect(arch.dims).toEqual([2, 1, 2]);
    const row = arch.instanceRows[17]!;
    expect(row.seed).toBe(4 + 17);
    // The study's instance by monodromy and parameter homotopy; here the same network alone, by total degree.
    const out = join(dir, 'alone.json');
    const r = critsolve(
      'network',
      '--dims',
      '2,1,2',
      '--sampling',
      json.sampling,
      '--data-seed',
      String(row.seed),
      '--method',
      'total-degree',
      '--seed',
      '9',
      '--out',
      out,
      '--quiet',
    );
    expect(r.code).toBe(0);
    const alone = JSON.parse(readFileSync(out, 'utf8')) as { summary: { points: number; real: number; minima: number } };
    expect([alone.summary.points, alone.summary.real, alone.summary.minima]).toEqual([row.points, row.real, row.minima]);
  });

  it('writes a CSV with the paper’s column names first', () => {
    const csv = critsolve('study', 'export', '--store', join(dir, 'whole.sqlite'), '--format', 'csv').stdout.split('\n');
    expect(csv[0]!.startsWith('H,m,d,dx,dy,N,CBB,BKK,B_C,N_C,N_Cstar,min_N_R,mean_N_R,max_N_R,')).toBe(true);
    // 2-2-2 on one data point: 8 weights, Bézout 3^8, B_C = (1 + 4·2)^2.
    expect(csv.find((l) => l.includes(',2-2-2,'))).toMatch(/^1,1,2,2,2,8,6561,1024,81,/);
  });
});
