/**
 * A solve sharded on the queue: the paths split into ranges, one unit each; their records
 * merged, under the header of the whole run, into one checkpoint (parallel/checkpoint), and the
 * solve resumed from it here, which tracks nothing more and groups, re-tracks failures and
 * classifies exactly as a local run does. The result is the local run's, but the seconds.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SolveResult } from '../solve/result.js';
import { solve, solvePlan, type SolveOptions } from '../solve/solve.js';
import { runUnitsOnQueue, type QueueProgress } from './coordinator.js';
import { solveUnits, systemOf, type SystemSource } from './units.js';

export interface SolveOnQueueOptions extends Omit<SolveOptions, 'range' | 'resume' | 'checkpoint'> {
  readonly seed: number;
  readonly url: string;
  /** Units to split the paths into (default 16). */
  readonly shards?: number;
  /** Keep the merged checkpoint here (a new file) instead of a temporary one. */
  readonly checkpoint?: string;
  readonly onQueue?: (p: QueueProgress) => void;
}

export async function solveOnQueue(source: SystemSource, options: SolveOnQueueOptions): Promise<SolveResult | undefined> {
  const { url, shards, onQueue, checkpoint, ...solveOptions } = options;
  const system = systemOf(source);
  const plan = solvePlan(system, solveOptions);
  const units = solveUnits(source, options.seed, plan.start, plan.pathCount, shards ?? 16);
  const lines = new Map<number, string[]>();
  const complete = await runUnitsOnQueue(units, {
    url,
    removeEach: false,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(onQueue ? { onProgress: onQueue } : {}),
    onResult: (unit, r) => {
      if (unit.kind === 'solve' && r.kind === 'solve') lines.set(unit.range[0], r.lines);
    },
  });
  if (!complete) return undefined;
  const dir = checkpoint === undefined ? mkdtempSync(join(tmpdir(), 'critsolve-merge-')) : undefined;
  const file = checkpoint ?? join(dir!, 'merged.ndjson');
  try {
    const fd = openSync(file, 'wx');
    try {
      writeSync(fd, JSON.stringify(plan.header) + '\n');
      for (const from of [...lines.keys()].sort((a, b) => a - b))
        writeSync(
          fd,
          lines
            .get(from)!
            .map((l) => l + '\n')
            .join(''),
        );
    } finally {
      closeSync(fd);
    }
    return await solve(system, { ...solveOptions, start: plan.start, resume: file });
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
