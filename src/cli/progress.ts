/**
 * Progress on stderr for long runs: paths done of the total, rate, time left and live counts.
 * On a terminal an animated bar (after a short delay, so quick runs stay quiet); otherwise no
 * animation, a plain line now and then and one at the end; nothing with --quiet. The rate
 * counts only the paths of this run, not those read from a resumed checkpoint. Also monodromy's
 * progress and a queue coordinator's wait.
 */
import cliProgress from 'cli-progress';
import type { QueueProgress } from '../queue/coordinator.js';
import type { MonodromyProgress } from '../solve/monodromy.js';
import type { SolveProgress } from '../solve/solve.js';

const DELAY_MS = 1000;
/** Without a terminal, a line this often. */
const LINE_EVERY_MS = 30_000;

export interface ProgressReporter {
  update(p: SolveProgress): void;
  finish(): void;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function progressReporter(label: string, quiet: boolean): ProgressReporter {
  if (quiet) return { update: () => {}, finish: () => {} };
  const began = Date.now();
  let baseline: number | undefined;
  let last: SolveProgress | undefined;
  let lastLine = began;
  let bar: cliProgress.SingleBar | undefined;
  const tty = process.stderr.isTTY === true;
  const stats = (p: SolveProgress) => {
    const seconds = (Date.now() - began) / 1000;
    const rate = (p.done - (baseline ?? 0)) / Math.max(seconds, 1e-3);
    return {
      rate: rate.toFixed(rate < 10 ? 1 : 0),
      left: duration(rate > 0 ? (p.total - p.done) / rate : Infinity),
      regular: p.counts.success,
      infinity: p.counts.atInfinity,
      singular: p.counts.singular,
      failed: p.counts.failed,
    };
  };
  const line = (p: SolveProgress): string => {
    const s = stats(p);
    return `${label}: ${p.done}/${p.total} paths, ${s.rate} paths/s, ${s.left} left | regular ${s.regular} infinity ${s.infinity} singular ${s.singular} failed ${s.failed}\n`;
  };
  return {
    update(p) {
      baseline ??= p.done;
      last = p;
      const now = Date.now();
      if (now - began < DELAY_MS) return;
      if (!tty) {
        if (now - lastLine >= LINE_EVERY_MS) {
          lastLine = now;
          process.stderr.write(line(p));
        }
        return;
      }
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: `${label} {bar} {value}/{total} paths | {rate} paths/s | {left} left | regular {regular} infinity {infinity} singular {singular} failed {failed}`,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.total, p.done, stats(p));
      }
      bar.update(p.done, stats(p));
    },
    finish() {
      bar?.stop();
      if (!tty && last && Date.now() - began >= DELAY_MS)
        process.stderr.write(line(last).replace(/, \S+ left/, ` in ${duration((Date.now() - began) / 1000)}`));
    },
  };
}

/** Monodromy progress on stderr: a line every 5 s on a terminal, every 30 s otherwise; nothing with --quiet. */
export function monodromyProgress(label: string, quiet: boolean): (p: MonodromyProgress) => void {
  if (quiet) return () => {};
  const every = process.stderr.isTTY === true ? 5000 : 30_000;
  let last = Date.now();
  return (p) => {
    if (Date.now() - last < every) return;
    last = Date.now();
    process.stderr.write(
      `${label}: monodromy, current component: ${p.solutions} solutions, ${p.loops} loops (${p.staleLoops} without new ones), ${p.pathsTracked} paths\n`,
    );
  };
}

/** The coordinator's wait, on stderr: units done, running (with their own progress) and waiting. */
export function queueProgress(label: string, quiet: boolean): { update(p: QueueProgress): void; finish(): void } {
  if (quiet) return { update: () => {}, finish: () => {} };
  let lastText = '';
  let lastDone = -1;
  let lastAt = 0;
  const tty = process.stderr.isTTY === true;
  return {
    update(p) {
      const running = p.running
        .map((r) => (r.progress && r.progress.total > 0 && r.progress.done > 0 ? `${r.progress.done}/${r.progress.total}` : (r.progress?.phase ?? 'starting')))
        .join(', ');
      const text = `${label}: ${p.done}/${p.total} units done, ${p.running.length} running${running ? ` (${running})` : ''}, ${p.waiting} waiting`;
      const now = Date.now();
      // A new line when a unit is done; otherwise at most every 0.2 s (terminal) or 5 s.
      if (text === lastText || (p.done === lastDone && now - lastAt < (tty ? 200 : 5000))) return;
      lastText = text;
      lastDone = p.done;
      lastAt = now;
      process.stderr.write(tty ? `\r\x1b[K${text}` : `${text}\n`);
    },
    finish() {
      if (tty && lastText) process.stderr.write('\n');
    },
  };
}
