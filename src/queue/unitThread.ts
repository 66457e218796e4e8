/**
 * A queue worker's unit of work, in its own thread (worker.ts): the process's event
 * loop stays free to renew the job's lock in Redis while the unit computes, which it would not
 * be if the unit ran inline. Units arrive as messages; progress and the result go back as
 * messages.
 */
import { parentPort } from 'node:worker_threads';
import { runUnit, type Unit } from './units.js';

// One thread serves a worker slot for its whole life: units arrive one at a time as messages,
// so the modules are loaded once, not once per unit.
parentPort!.on('message', ({ unit, workers }: { unit: Unit; workers?: number }) => {
  runUnit(unit, { ...(workers === undefined ? {} : { workers }), onProgress: (progress) => parentPort!.postMessage({ progress }) }).then(
    (result) => parentPort!.postMessage({ result }),
    (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
});
