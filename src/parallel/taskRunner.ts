/**
 * The one retrying task runner of every scheduler (solve's paths, parameter homotopies to
 * targets, monodromy loops): it submits tasks to a WorkerPool and survives workers that die.
 * A task that failed in a worker thread is run again; after its second failure it is split into
 * its parts, if it has any, so that one bad path cannot take its neighbours down with it; a part
 * that failed MAX_ATTEMPTS times is given up, and its kind reports its work failed (cause
 * worker_died). A task run again gives what its first run would have given (the same code on
 * the same task), so an outcome depends neither on the number of workers nor on a retry.
 *
 * A task that fails in the main thread is not retried: it would fail the same way again. Its
 * error is thrown as it is, an InputError (a random choice that was not generic, a missing
 * build) to the user, any other as the bug it is.
 */
import { WorkerFailure, type WorkerPool } from './pool.js';

export const MAX_ATTEMPTS = 3;

/** Every task says how many times it was started before (0 on its first run): the workers' test hook reads it. */
export interface Attempted {
  readonly attempt: number;
}

/** What the runner needs to know of a kind of task. */
export interface TaskKind<Task, Out> {
  /** What a task is, for the error when none could be run at all (e.g. 'batch of paths'). */
  readonly what: string;
  /** The main thread's way to run a task: the code the worker runs. */
  inline(task: Task): Out;
  /** Its parts, tried one by one once the task failed twice; absent, the task is tried whole. */
  split?(task: Task): Task[];
  /** The outcome of a task given up: its work reported failed (cause worker_died), `detail` saying how often and why. */
  failed(task: Task, detail: string): Out;
}

/** A task, or one of its parts once it was split, and its outcome. */
export interface Done<Task, Out> {
  readonly task: Task;
  readonly out: Out;
}

export class TaskRunner<Task extends Attempted, Out> {
  private readonly inline: (task: Task) => Out;

  constructor(
    readonly pool: WorkerPool<Task, Out>,
    private readonly kind: TaskKind<Task, Out>,
  ) {
    this.inline = (task) => kind.inline(task);
  }

  /** Tasks worth keeping in flight now (WorkerPool.slots). */
  get slots(): number {
    return this.pool.slots;
  }

  /** The outcome of `task`, or, once it was split, of each of its parts in order. */
  run(task: Task): Promise<Done<Task, Out>[]> {
    return this.attempt(task, 0);
  }

  /**
   * Runs every task of `tasks`, `slots` at a time, and hands each outcome to `onDone` in the
   * order they finish. Once `signal` is aborted no task starts; those in flight are finished and
   * handed over. A task's error, or one thrown by `onDone` (a full disk under a checkpoint, say),
   * stops the run likewise and is thrown once the tasks in flight have settled.
   */
  async runAll(tasks: Iterable<Task>, onDone: (done: Done<Task, Out>) => void, signal?: AbortSignal): Promise<void> {
    const source = tasks[Symbol.iterator]();
    const inFlight = new Set<Promise<void>>();
    let stop: { error: unknown } | undefined;
    for (;;) {
      while (inFlight.size < this.slots && !signal?.aborted && !stop) {
        const next = source.next();
        if (next.done) break;
        const running: Promise<void> = this.run(next.value)
          .then((done) => done.forEach(onDone))
          .catch((error: unknown) => void (stop ??= { error }))
          .finally(() => inFlight.delete(running));
        inFlight.add(running);
      }
      if (inFlight.size === 0) break;
      await Promise.race(inFlight);
    }
    if (stop) throw stop.error;
  }

  private async attempt(task: Task, first: number): Promise<Done<Task, Out>[]> {
    for (let attempt = first; ; attempt++) {
      try {
        return [{ task, out: await this.pool.run({ ...task, attempt }, this.inline) }];
      } catch (error) {
        if (!(error instanceof WorkerFailure)) throw error;
        if (attempt + 1 >= MAX_ATTEMPTS) return [{ task, out: this.giveUp(task, error) }];
        const parts = attempt === 1 ? this.kind.split?.(task) : undefined;
        if (parts && parts.length > 1) {
          const done: Done<Task, Out>[] = [];
          for (const part of parts) done.push(...(await this.attempt(part, attempt + 1)));
          return done;
        }
      }
    }
  }

  private giveUp(task: Task, error: WorkerFailure): Out {
    // A pool that never ran anything is broken (a stale build, say): say so rather than report all work failed.
    if (!this.pool.delivered) throw new Error(`no ${this.kind.what} could be tracked: ${error.message}`);
    return this.kind.failed(task, `${MAX_ATTEMPTS} times (${error.message})`);
  }
}

/**
 * The workers' test hook: with CRITSOLVE_TEST_WORKER_EXIT=K in its environment, a worker exits
 * when it starts a task that holds K (a path, a target, a loop: `keys`) for the first time, or
 * with K:always on every attempt, so that tests can kill a worker in the middle of a run.
 */
export function exitIfTestHook(keys: ArrayLike<number>, attempt: number): void {
  const [key, mode] = (process.env.CRITSOLVE_TEST_WORKER_EXIT ?? '').split(':');
  if (key && Array.prototype.includes.call(keys, Number(key)) && (attempt === 0 || mode === 'always')) process.exit(70);
}
