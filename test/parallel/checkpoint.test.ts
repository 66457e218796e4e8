import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SolveResult } from '../../src/solve/result.js';
import { solve } from '../../src/solve/solve.js';
import { comparable, readSystem, scratchDir } from './helpers.js';

const system = readSystem('cyclic5.phc');
const options = { seed: 23, workers: 2, poolAfterSeconds: 0, keepAllPaths: true, batchSize: 5, start: 'total-degree' } as const;

/** A run stopped by its signal once at least `after` paths are done; its checkpoint is in `file`. */
async function interrupted(file: string, after: number, start: 'total-degree' | 'polyhedral' = 'total-degree'): Promise<SolveResult> {
  const controller = new AbortController();
  return solve(system, {
    ...options,
    start,
    checkpoint: file,
    signal: controller.signal,
    onProgress: (p) => p.done >= after && controller.abort(),
  });
}

const lines = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');

describe('checkpoints', () => {
  it('are not created by a run refused for a bad option, so the next run is not refused for the file', async () => {
    const file = join(scratchDir(), 'refused.ndjson');
    await expect(solve(system, { ...options, workers: 0, checkpoint: file })).rejects.toThrow(/workers must be a positive integer, got 0/);
    expect(existsSync(file)).toBe(false);
  });

  let uninterrupted: SolveResult;
  beforeAll(async () => {
    uninterrupted = await solve(system, options);
  });

  it('records finished paths, and a resumed run ends with the result of an uninterrupted one', async () => {
    const file = join(scratchDir(), 'run.ndjson');
    const partial = await interrupted(file, 40);
    expect(partial.partial).toBe(true);
    expect(partial.counts.paths).toBeGreaterThanOrEqual(40);
    expect(partial.counts.paths).toBeLessThan(120);
    // The header, then one line per finished path.
    expect(lines(file)).toHaveLength(1 + partial.counts.paths);

    let first: number | undefined;
    const resumed = await solve(system, { ...options, resume: file, onProgress: (p) => (first ??= p.done) });
    expect(first).toBe(partial.counts.paths);
    expect(resumed.partial).toBe(false);
    expect(comparable(resumed)).toBe(comparable(uninterrupted));
    expect(lines(file)).toHaveLength(1 + 120);
  });

  it('resumes a polyhedral run with the start system its checkpoint was written with', async () => {
    const file = join(scratchDir(), 'run.ndjson');
    const partial = await interrupted(file, 20, 'polyhedral');
    expect(partial.partial).toBe(true);
    expect(partial.counts.paths).toBeLessThan(70);
    const { start: _, ...auto } = options;
    const resumed = await solve(system, { ...auto, resume: file });
    expect(resumed.startSystem).toBe('polyhedral');
    expect(resumed.counts.regular).toBe(70);
    expect(comparable(resumed)).toBe(comparable(await solve(system, { ...options, start: 'polyhedral' })));
    expect(lines(file)).toHaveLength(1 + 70);
    await expect(solve(system, { ...options, resume: file })).rejects.toThrow(/other settings .*"start":"polyhedral".*"start":"total-degree"/);
  });

  it('takes the seed from the checkpoint when none is given', async () => {
    const file = join(scratchDir(), 'run.ndjson');
    await interrupted(file, 30);
    const { seed: _, ...noSeed } = options;
    const resumed = await solve(system, { ...noSeed, resume: file });
    expect(resumed.seed).toBe(23);
    expect(comparable(resumed)).toBe(comparable(uninterrupted));
  });

  it('ignores a torn last line (a crash in the middle of a write) and cuts it off before appending', async () => {
    const file = join(scratchDir(), 'run.ndjson');
    await interrupted(file, 30);
    const whole = lines(file).length;
    appendFileSync(file, '{"index":117,"code":"succ');
    const resumed = await solve(system, { ...options, resume: file });
    expect(comparable(resumed)).toBe(comparable(uninterrupted));
    const after = lines(file);
    expect(after).toHaveLength(1 + 120);
    expect(after.length).toBeGreaterThan(whole);
    after.forEach((l) => expect(() => JSON.parse(l)).not.toThrow());
  });

  it('refuses a checkpoint of another seed, another system, or other settings, saying which', async () => {
    const file = join(scratchDir(), 'run.ndjson');
    await interrupted(file, 10);
    await expect(solve(system, { ...options, seed: 24, resume: file })).rejects.toThrow(
      `the checkpoint ${file} was written with seed 23, not 24: resume with --seed 23 (or without --seed), or start afresh without --resume`,
    );
    await expect(solve(readSystem('katsura5.phc'), { ...options, resume: file })).rejects.toThrow(
      /was written for another system \(variables x1, x2, x3, x4, x5\) than this one \(variables x, y, z, t, u, v\): resume it with the system it was made for/,
    );
    await expect(solve(system, { ...options, preset: 'fast', resume: file })).rejects.toThrow(
      /was written with other settings .*"preset":"default".*"preset":"fast"/,
    );
  });

  it('refuses a file that is not a checkpoint, a damaged one, and overwriting one', async () => {
    const dir = scratchDir();
    const notOne = join(dir, 'system.txt');
    writeFileSync(notOne, 'x^2 - 1\n');
    await expect(solve(system, { ...options, resume: notOne })).rejects.toThrow(`${notOne} is not a critsolve checkpoint`);
    await expect(solve(system, { ...options, resume: join(dir, 'missing.ndjson') })).rejects.toThrow(/no such file/);

    const file = join(dir, 'run.ndjson');
    await interrupted(file, 30);
    const text = lines(file);
    text[3] = '{"index":3,"code":"lost"}';
    const damaged = join(dir, 'damaged.ndjson');
    writeFileSync(damaged, text.join('\n') + '\n');
    await expect(solve(system, { ...options, resume: damaged })).rejects.toThrow(/damaged at line 4 \(unknown return code "lost"\)/);

    await expect(solve(system, { ...options, checkpoint: file })).rejects.toThrow(
      `the checkpoint ${file} already exists: continue that run with --resume ${file}, or delete the file`,
    );
  });
});
