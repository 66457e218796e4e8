/**
 * A network's monodromy solve on the queue: one unit per shape of its components (the shape's
 * first component solved, the others sharing its solve, each tracked to the network's λ's).
 * Their lines are merged, in component order, into one component checkpoint, and the solve is
 * resumed from it here, which solves and tracks nothing more and groups and classifies exactly
 * as a local run does. The result is the local run's, but the seconds.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InstanceCheckpoint } from '../network/instanceCheckpoint.js';
import type { LinearNetworkOptions } from '../network/model.js';
import { networkMonodromy, type NetworkMonodromyResult } from '../network/networkMonodromy.js';
import type { MonodromyOptions } from '../solve/monodromy.js';
import { runUnitsOnQueue, type QueueProgress } from './coordinator.js';
import { componentSize, componentsHeader, componentUnits } from './units.js';

export interface MonodromyOnQueueOptions extends Pick<MonodromyOptions, 'maxStaleLoops' | 'workers'> {
  readonly seed: number;
  readonly url: string;
  readonly signal?: AbortSignal;
  readonly onQueue?: (p: QueueProgress) => void;
}

export async function monodromyOnQueue(network: LinearNetworkOptions, options: MonodromyOnQueueOptions): Promise<NetworkMonodromyResult | undefined> {
  const { seed, maxStaleLoops } = options;
  const units = componentUnits(network, seed, maxStaleLoops);
  const lines = new Map<string, string[]>();
  const complete = await runUnitsOnQueue(units, {
    url: options.url,
    removeEach: false,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onQueue ? { onProgress: options.onQueue } : {}),
    onResult: (unit, r) => {
      if (unit.kind === 'components' && r.kind === 'components') lines.set(unit.id, r.lines);
    },
  });
  if (!complete) return undefined;
  return mergeComponentUnits(network, options, [...lines.values()]);
}

/** The network's monodromy result from its units' lines (any order of units), as a local run's. */
export async function mergeComponentUnits(
  network: LinearNetworkOptions,
  options: Pick<MonodromyOnQueueOptions, 'seed' | 'maxStaleLoops' | 'workers'>,
  unitLines: readonly (readonly string[])[],
): Promise<NetworkMonodromyResult> {
  const { seed, maxStaleLoops } = options;
  // Component order, each component's own lines in their order (its solve before its paths).
  const ordered = unitLines
    .flat()
    .map((text, k) => ({ c: (JSON.parse(text) as { component: number }).component, k, text }))
    .sort((a, b) => a.c - b.c || a.k - b.k);
  const dir = mkdtempSync(join(tmpdir(), 'critsolve-merge-'));
  const file = join(dir, 'components.ndjson');
  const header = componentsHeader(network, seed, maxStaleLoops);
  try {
    const fd = openSync(file, 'wx');
    try {
      writeSync(fd, JSON.stringify(header) + '\n');
      writeSync(fd, ordered.map((l) => l.text + '\n').join(''));
    } finally {
      closeSync(fd);
    }
    const store = InstanceCheckpoint.resume(file, header, componentSize(network.dims));
    try {
      return await networkMonodromy(
        network,
        { seed, ...(options.workers === undefined ? {} : { workers: options.workers }), ...(maxStaleLoops === undefined ? {} : { maxStaleLoops }) },
        { store },
      );
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
