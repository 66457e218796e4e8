/**
 * Progress on stderr for long runs: an animated bar on a terminal (after a short delay, so
 * quick runs stay quiet), one final line otherwise, nothing with --quiet.
 */
import cliProgress from 'cli-progress';
import type { SolveProgress } from '../solve/solve.js';

const DELAY_MS = 1000;

export interface ProgressReporter {
  update(p: SolveProgress): void;
  finish(): void;
}

export function progressReporter(label: string, quiet: boolean): ProgressReporter {
  if (quiet) return { update: () => {}, finish: () => {} };
  const began = Date.now();
  let last: SolveProgress | undefined;
  let bar: cliProgress.SingleBar | undefined;
  const tty = process.stderr.isTTY === true;
  const payload = (p: SolveProgress) => ({
    regular: p.counts.success,
    infinity: p.counts.atInfinity,
    singular: p.counts.singular,
    failed: p.counts.failed,
  });
  return {
    update(p) {
      last = p;
      if (!tty || Date.now() - began < DELAY_MS) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: `${label} {bar} {value}/{total} paths | {eta_formatted} left | regular {regular} infinity {infinity} singular {singular} failed {failed}`,
            etaBuffer: 200,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.total, p.done, payload(p));
      }
      bar.update(p.done, payload(p));
    },
    finish() {
      bar?.stop();
      if (!tty && last && Date.now() - began >= DELAY_MS) {
        const secs = (Date.now() - began) / 1000;
        process.stderr.write(`${label}: ${last.done}/${last.total} paths in ${secs.toFixed(1)} s (${(last.done / secs).toFixed(0)} paths/s)\n`);
      }
    },
  };
}
