import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { instancesToJSON, networkInstances, type InstancesResult } from '../../src/network/instances.js';

/** The instances JSON without the times taken. */
function comparable(r: InstancesResult): string {
  const json = instancesToJSON(r) as unknown as Record<string, unknown> & {
    instances: Record<string, unknown>[];
    source: Record<string, unknown> & { components: Record<string, unknown>[] };
  };
  const source = { ...json.source, components: json.source.components.map((c) => ({ ...c, seconds: 0 })) };
  return JSON.stringify({ ...json, seconds: 0, source, instances: json.instances.map((t) => ({ ...t, seconds: 0 })) });
}

describe('instances runs resume from their checkpoint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'critsolve-instances-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // 2-2-1: two components with solutions (one on-neuron each; the all-on one has none) and W = 0.
  const dims = [2, 2, 1];
  const base = { dims, seed: 1, monodromy: { workers: 1 } };
  const full = join(dir, 'full.ndjson');
  const uninterrupted = networkInstances({ ...base, instances: 5, checkpoint: full });

  it('records each component solved and each instance tracked, and a run resumed from a cut checkpoint ends as an uninterrupted one', async () => {
    const r = await uninterrupted;
    expect(r.partial).toBe(false);
    const lines = readFileSync(full, 'utf8').trimEnd().split('\n');
    const records = lines.slice(1).map((l) => JSON.parse(l) as { component: number; monodromy?: unknown; target?: number });
    const solved = records.filter((o) => o.monodromy !== undefined).length;
    // One monodromy solve per shape: the two one-neuron components share theirs.
    expect(solved).toBe(1);
    expect(r.components.filter((c) => c.sharesSolveOf)).toHaveLength(1);
    const tracking = new Set(records.flatMap((o) => (o.target !== undefined ? [o.component] : [])));
    expect(tracking.size).toBe(2);
    expect(records.filter((o) => o.target !== undefined)).toHaveLength(5 * tracking.size);
    // Cut after the second component's third target, with half a line torn off after it.
    const cut = records.findIndex((o) => o.target === 2 && o.component === Math.max(...tracking));
    expect(cut).toBeGreaterThan(0);
    const file = join(dir, 'cut.ndjson');
    writeFileSync(file, lines.slice(0, cut + 2).join('\n') + '\n' + lines[cut + 2]!.slice(0, 40));
    const resumed = await networkInstances({ ...base, instances: 5, resume: file });
    // Targets 0, 1 and 2 of both components with solutions were kept (the all-on one of 2-2-1 has none).
    expect(resumed.resumedInstances).toBe(3);
    expect(comparable(resumed)).toBe(comparable(r));
    // The resumed run appended what was missing: resuming again tracks nothing.
    const again = await networkInstances({ ...base, instances: 5, resume: file });
    expect(again.resumedInstances).toBe(5);
    expect(comparable(again)).toBe(comparable(r));
  }, 120_000);

  it('takes its seed and data seed from the checkpoint, and resumes with more instances', async () => {
    const r = await uninterrupted;
    const file = join(dir, 'more.ndjson');
    writeFileSync(file, readFileSync(full));
    const more = await networkInstances({ dims, instances: 7, resume: file, monodromy: { workers: 1 } });
    expect(more.seed).toBe(1);
    expect(more.resumedInstances).toBe(5);
    const fresh = await networkInstances({ ...base, instances: 7 });
    expect(comparable(more)).toBe(comparable(fresh));
    expect(more.instances.slice(0, 5).map((t) => t.summary)).toEqual(r.instances.map((t) => t.summary));
  }, 120_000);

  it('keeps what a stopped run finished: stopped in the monodromy of a component, it resumes to the same result', async () => {
    const r = await uninterrupted;
    const file = join(dir, 'stopped.ndjson');
    const controller = new AbortController();
    let progress = 0;
    const stopped = await networkInstances({
      ...base,
      instances: 5,
      checkpoint: file,
      monodromy: { workers: 1, signal: controller.signal, onProgress: () => ++progress === 3 && controller.abort() },
    });
    expect(stopped.partial).toBe(true);
    expect(stopped.instances).toHaveLength(0);
    const resumed = await networkInstances({ ...base, instances: 5, resume: file });
    expect(comparable(resumed)).toBe(comparable(r));
  }, 120_000);

  it('refuses a checkpoint of another run, or a damaged one, saying which line', async () => {
    await uninterrupted;
    await expect(networkInstances({ ...base, dims: [2, 1, 1], instances: 5, resume: full })).rejects.toThrow(/written for another system/);
    await expect(networkInstances({ ...base, seed: 2, instances: 5, resume: full })).rejects.toThrow(/written with seed 1, not 2/);
    await expect(networkInstances({ ...base, dataSeed: 9, instances: 5, resume: full })).rejects.toThrow(/written with other settings/);
    const damaged = join(dir, 'damaged.ndjson');
    const lines = readFileSync(full, 'utf8').split('\n');
    lines[3] = lines[3]!.replace('"paths":[', '"paths":["x",');
    writeFileSync(damaged, lines.join('\n'));
    await expect(networkInstances({ ...base, instances: 5, resume: damaged })).rejects.toThrow(/damaged at line 4 \(not a path record/);
    await expect(networkInstances({ ...base, instances: 5, checkpoint: full })).rejects.toThrow(/already exists: continue that run with --resume/);
  }, 120_000);
});
