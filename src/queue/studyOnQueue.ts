/**
 * A study on the queue: one unit per architecture the store lacks. Each result goes into the
 * coordinator's store as it comes in (its bounds and instances in one transaction, as a local
 * run stores them), so a killed coordinator loses nothing the store had, and a unit already
 * stored is never stored twice.
 */
import type { StudyStore } from '../study/store.js';
import { runUnitsOnQueue, type QueueProgress } from './coordinator.js';
import { studyUnits } from './units.js';

export interface StudyOnQueueOptions {
  readonly url: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: QueueProgress & { readonly instances: number }) => void;
}

/** Runs the architectures the store lacks on the queue; false when the signal stopped the wait. */
export async function runStudyOnQueue(store: StudyStore, options: StudyOnQueueOptions): Promise<{ solved: number; skipped: number; partial: boolean }> {
  const todo = store.study.architectures.map((_, k) => k).filter((k) => !store.state(k).done);
  let solved = 0;
  const complete = await runUnitsOnQueue(studyUnits(store.study, todo), {
    url: options.url,
    ...(options.signal ? { signal: options.signal } : {}),
    onResult: (_unit, r) => {
      if (r.kind !== 'study' || store.state(r.arch).done) return;
      store.saveBounds(r.arch, r.result.bounds);
      store.saveArchitecture(r.arch, r.result.source, r.result.rows, r.result.seconds);
      solved++;
    },
    onProgress: (p) => options.onProgress?.({ ...p, instances: store.progress().instances }),
  });
  return { solved, skipped: store.study.architectures.length - todo.length, partial: !complete };
}
