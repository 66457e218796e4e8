/**
 * critsolve study slurm-script (#14), for clusters without Redis: the sbatch array script's
 * content, and its units run here as SLURM would run them (one array task each, every task
 * into a store of its own), merged into one store whose export is the local run's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'critsolve-slurm-'));
const STUDY = ['--dims', '1,1,1', '2,2,2', '2,1,2', '--instances', '30', '--sampling', 'bharadwaj-hosten', '--seed', '4'];
const critsolve = (...args: string[]) => spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', timeout: 300_000 });

describe('critsolve study slurm-script', () => {
  it('writes an array script of one task per architecture and a merge; its tasks, run here, merge to the local export', () => {
    const script = join(dir, 'study.sbatch');
    const store = join(dir, 'cluster.sqlite');
    const w = critsolve('study', 'slurm-script', ...STUDY, '--store', store, '--out', script);
    expect(w.status).toBe(0);
    expect(w.stdout).toMatch(/3 array tasks, then a merge into .*cluster\.sqlite/);
    const text = readFileSync(script, 'utf8');
    expect(text).toMatch(/^#!\/bin\/bash\n/);
    expect(text).toMatch(/\n#SBATCH --cpus-per-task=1\n/);
    expect(text).toMatch(/sbatch --parsable --array=1-\$TASKS "\$0"/);
    expect(text).toMatch(/\nTASKS=3\n/);
    expect(text).toMatch(
      /sbatch --dependency=afterok:\$\{array%%;\*\}.*\n.*--wrap "\$CRITSOLVE study merge --store '\$STORE' '\$STORE\.units\/'unit-\*\.sqlite"/,
    );
    expect(text).toMatch(
      /\$CRITSOLVE study run "\$STUDY" --store "\$STORE\.units\/unit-\$SLURM_ARRAY_TASK_ID\.sqlite" --unit-range "\$FROM-\$TO" --workers 1 --quiet/,
    );
    // The tasks as SLURM runs them, one after another here.
    const env = { ...process.env, CRITSOLVE: `${process.execPath} ${MAIN}`, SLURM_JOB_ID: 'test' };
    for (const task of [1, 2, 3]) {
      const r = spawnSync('bash', [script], { encoding: 'utf8', env: { ...env, SLURM_ARRAY_TASK_ID: String(task) } });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    // The merge step's command, as the script submits it.
    const units = [1, 2, 3].map((k) => `${store}.units/unit-${k}.sqlite`);
    const m = critsolve('study', 'merge', '--store', store, ...units);
    expect(m.status).toBe(0);
    expect(m.stdout).toMatch(/merged 3 architectures from 3 stores into .*: 3\/3 architectures stored/);
    const local = join(dir, 'local.sqlite');
    expect(critsolve('study', 'run', ...STUDY, '--store', local, '--quiet').status).toBe(0);
    const exported = (s: string) => critsolve('study', 'export', '--store', s, '--format', 'json').stdout;
    expect(exported(store)).toBe(exported(local));
    // Merging again adds nothing; a store of another study is refused.
    expect(critsolve('study', 'merge', '--store', store, units[0]!).stdout).toMatch(/merged 0 architectures/);
    const other = join(dir, 'other.sqlite');
    expect(critsolve('study', 'run', '--dims', '1,1,1', '--instances', '2', '--store', other, '--quiet').status).toBe(0);
    const refused = critsolve('study', 'merge', '--store', store, other);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/other\.sqlite holds another study/);
  });

  it('refuses a unit range outside the study', () => {
    const r = critsolve('study', 'run', ...STUDY, '--store', join(dir, 'never.sqlite'), '--unit-range', '2-4', '--quiet');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--unit-range 2-4: the study has 3 architectures/);
    expect(critsolve('study', 'run', ...STUDY, '--unit-range', '0-1').stderr).toMatch(/--unit-range must be A-B with 1 ≤ A ≤ B/);
  });
});
