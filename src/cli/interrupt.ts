/**
 * Ctrl-C, the same for every command: the first stops the work cleanly, the command reports
 * what it kept and throws `Interrupted`, and critsolve exits with 130 (the shell's code for a
 * command stopped by Ctrl-C); a second Ctrl-C quits at once, also with 130.
 */

export const INTERRUPTED_EXIT_CODE = 130;

/** A run stopped by Ctrl-C; its message says what was kept and how to resume, where that can be done. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
}

/**
 * Listens for Ctrl-C while a long command runs: the first aborts `signal` (and `message`
 * says what is finished first), a second quits at once. `dispose` takes both handlers off
 * again.
 */
export function interruptible(message: string): { signal: AbortSignal; abort(): void; dispose(): void } {
  const controller = new AbortController();
  const quitNow = (): never => process.exit(INTERRUPTED_EXIT_CODE);
  const onSigint = (): void => {
    process.stderr.write(`\ncritsolve: ${message} (Ctrl-C again to quit at once)\n`);
    controller.abort();
    process.once('SIGINT', quitNow);
  };
  process.once('SIGINT', onSigint);
  return {
    signal: controller.signal,
    abort: () => controller.abort(),
    dispose: () => {
      process.off('SIGINT', onSigint);
      process.off('SIGINT', quitNow);
    },
  };
}
